from django.db import connection

import pytest

from candid.notices.selectors import declaration_active


@pytest.mark.django_db(transaction=True)
def test_the_configured_declaration_is_used_before_migrations_create_the_versions_table():
    # given: a database where `migrate` has not yet created the versions table
    with connection.schema_editor() as editor:
        from candid.notices.models import PolicyVersion

        editor.delete_model(PolicyVersion)
    try:
        # when
        declaration = declaration_active()
    finally:
        with connection.schema_editor() as editor:
            editor.create_model(PolicyVersion)

    # then
    assert declaration.policy.version == "2026.11"
