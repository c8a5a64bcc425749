"""Test settings: the base settings with fast hashing and no network."""

import base64
import os

os.environ.setdefault("CANDID_SECRET_KEY", "test-only-key-not-a-secret-" + "x" * 32)

from candid.settings.base import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tasks run at once, inside the test, when enqueued (STYLE §6).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests serve static files through the finders; there is no collected folder.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True

# A fixed, public test master key: tests never depend on the environment's keys.
CANDID_MASTER_KEYS = (
    "test:" + base64.b64encode(b"candid-test-master-key-not-real!").decode()
)
# Test-only models with encrypted fields (tests/vault/testapp).
INSTALLED_APPS = [*INSTALLED_APPS, "tests.vault.testapp"]  # noqa: F405
# Test-only models swept by retention (tests/retention/testapp; bench/retention_bench).
INSTALLED_APPS += ["tests.retention.testapp"]

# SQLite test databases are files in WAL mode, not shared in-memory databases: browser
# tests run a live server thread beside the test, and a shared-cache in-memory database
# locks whole tables between them. A file per worker keeps concurrent runs apart.
_TEST_DB_DIR = DATA_DIR / "test-databases"  # noqa: F405
for _alias, _database in DATABASES.items():  # noqa: F405
    if "sqlite" in _database["ENGINE"]:
        _TEST_DB_DIR.mkdir(parents=True, exist_ok=True)
        _database["TEST"] = {
            "NAME": str(_TEST_DB_DIR / f"test_{_alias}_{os.getpid()}.sqlite3")
        }
