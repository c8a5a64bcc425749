"""Test settings: the base settings with fast hashing and no network."""

import os

os.environ.setdefault("CANDID_SECRET_KEY", "test-only-key-not-a-secret-" + "x" * 32)

from candid.settings.base import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests serve static files through the finders; there is no collected folder.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
