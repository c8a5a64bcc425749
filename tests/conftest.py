from pathlib import Path

import pytest

POLICIES = Path(__file__).resolve().parents[1] / "policies"
DB_FIXTURES = {"db", "transactional_db", "live_server", "django_db_reset_sequences"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Let every database test use both databases: the data and the vault's key store.

    Encrypted fields read and write data keys in the `keystore` database, so a test
    that saves a row with one needs it too. A test that names its `databases` keeps them.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is None and DB_FIXTURES.isdisjoint(item.fixturenames):
            continue
        kwargs = dict(marker.kwargs) if marker else {}
        if "databases" in kwargs or (marker and len(marker.args) > 2):
            continue
        args = marker.args if marker else ()
        item.add_marker(
            pytest.mark.django_db(*args, **kwargs, databases="__all__"), append=False
        )


@pytest.fixture
def policies_dir() -> Path:
    return POLICIES


@pytest.fixture
def cinetrum_source() -> str:
    return (POLICIES / "cinetrum-studio.yaml").read_text(encoding="utf-8")


PASSWORD = "correct horse battery staple"


@pytest.fixture
def account_factory(db):
    """Make a client account (Ana Lima unless told otherwise) with the test password."""
    from candid.accounts.services.accounts import account_create

    def make(email: str = "ana@example.com", **extra):
        extra.setdefault("full_name", "Ana Lima")
        return account_create(email=email, password=PASSWORD, **extra)

    return make


@pytest.fixture
def staff_factory(account_factory):
    """Make a staff account holding the given permission codenames through a role."""
    from django.contrib.auth.models import Group, Permission

    from candid.accounts.models import User

    def make(*permissions: str, email: str = "dana@studio.example"):
        staff = account_factory(email, full_name="Dana Staff", is_staff=True)
        if permissions:
            role = Group.objects.create(name=f"role-{email}")
            for codename in permissions:
                role.permissions.add(Permission.objects.get(codename=codename))
            staff.groups.add(role)
        return User.objects.get(pk=staff.pk)

    return make


@pytest.fixture
def smtp_inbox(settings):
    """Run a real SMTP server for one test and send Django's e-mail to it."""
    from tests.smtp import smtp_server

    with smtp_server(settings) as inbox:
        yield inbox
