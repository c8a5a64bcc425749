"""Settings read once from the environment, with safe defaults.

DEBUG is off unless CANDID_DEBUG is set. There is no default secret key: outside
DEBUG and the demo (CANDID_DEMO=1, set by `make run`), CANDID_SECRET_KEY is required.
The demo's key is generated once into the data folder, which git ignores.
"""

import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

import dj_database_url

BASE_DIR = Path(__file__).resolve().parents[3]


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


DEBUG = env_bool("CANDID_DEBUG")
DEMO = env_bool("CANDID_DEMO")
DATA_DIR = Path(os.environ.get("CANDID_DATA_DIR", BASE_DIR / "var")).resolve()


def _demo_secret_key() -> str:
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        key_file.touch(mode=0o600)
        key_file.write_text(secrets.token_urlsafe(64))
    return key_file.read_text().strip()


SECRET_KEY = os.environ.get("CANDID_SECRET_KEY", "")
if not SECRET_KEY:
    if not (DEBUG or DEMO):
        raise ImproperlyConfigured(
            "CANDID_SECRET_KEY is not set. Set it, or CANDID_DEMO=1 for the demo studio."
        )
    SECRET_KEY = _demo_secret_key()

ALLOWED_HOSTS = env_list("CANDID_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CANDID_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Background tasks: a database queue that `candid db_worker` runs (STYLE §6).
    "django_tasks",
    "django_tasks_db",
    # Privacy kernel: knows nothing of the studio's business.
    "candid.datamap",
    "candid.vault",
    "candid.consent",
    "candid.audit",
    "candid.compliance",
    "candid.rights",
    "candid.retention",
    "candid.registry",
    "candid.mail",
    "candid.notices",
    # Studio apps and the website.
    "candid.accounts",
    "candid.galleries",
    "candid.bookings",
    "candid.shop",
    "candid.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "candid.notices.middleware.DeclarationCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "candid.accounts.middleware.ClientSessionMiddleware",
    # A signed-in client's Global Privacy Control signal is an opt-out (CA-03).
    "candid.rights.middleware.GpcOptOutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "candid.urls"
WSGI_APPLICATION = "candid.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "candid.web.context_processors.studio",
            ],
        },
    },
]

SQLITE_PATH = DATA_DIR / "candid.sqlite3"


def _database(url: str | None, sqlite_path: Path) -> dict:
    if url:
        return dj_database_url.parse(url, conn_max_age=600, conn_health_checks=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": sqlite_path,
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }


DATABASES = {
    "default": _database(os.environ.get("DATABASE_URL"), SQLITE_PATH),
    # The vault's data keys, backed up and restored apart from the data they protect.
    "keystore": _database(
        os.environ.get("CANDID_KEYSTORE_URL"), DATA_DIR / "keystore.sqlite3"
    ),
}
if "sqlite" in DATABASES["keystore"]["ENGINE"]:
    # Overwrite a destroyed key's bytes in the file; no WAL keeps old copies of pages.
    DATABASES["keystore"]["OPTIONS"]["init_command"] = (
        "PRAGMA secure_delete=ON; PRAGMA journal_mode=DELETE;"
    )
DATABASE_ROUTERS = ["candid.vault.routers.KeystoreRouter"]
if any("sqlite" in database["ENGINE"] for database in DATABASES.values()):
    DATA_DIR.mkdir(parents=True, exist_ok=True)

# Vault master keys, "id:base64,id:base64"; the first wraps (see candid.vault.keyring).
CANDID_MASTER_KEYS = os.environ.get("CANDID_MASTER_KEYS") or os.environ.get(
    "CANDID_MASTER_KEY", ""
)

# Erasure connectors (candid.rights.connectors): Stripe shares the shop's
# CANDID_STRIPE_SECRET_KEY / CANDID_STRIPE_API_BASE; Mailchimp's Marketing API is
# reached at CANDID_MAILCHIMP_API_BASE (e.g. https://us21.api.mailchimp.com/3.0).
# Unset, the recipient's part fails visibly and staff attest it instead.
CANDID_MAILCHIMP_API_KEY = os.environ.get("CANDID_MAILCHIMP_API_KEY", "")
CANDID_MAILCHIMP_API_BASE = os.environ.get("CANDID_MAILCHIMP_API_BASE", "")
CANDID_MAILCHIMP_LIST_ID = os.environ.get("CANDID_MAILCHIMP_LIST_ID", "")

# Background tasks (erasure, propagation to processors, e-mail) go to a queue table
# in the default database; `candid db_worker` runs them (`make run` starts one).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = DATA_DIR / "media"

# Client accounts (candid.accounts): e-mail sign-in, argon2id, sessions that end
# with the browser unless "keep me logged in" is ticked (seed 002, SEC-05).
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:sign-in"
SESSION_ENGINE = "candid.accounts.sessions"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("CANDID_SECURE_COOKIES", not (DEBUG or DEMO))
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_HSTS_SECONDS = int(
    os.environ.get("CANDID_HSTS_SECONDS", "0" if (DEBUG or DEMO) else "31536000")
)
SECURE_SSL_REDIRECT = env_bool("CANDID_SSL_REDIRECT", False)

# Payments of the shop (candid.shop): Stripe Checkout; without a key nothing is sold.
CANDID_STRIPE_SECRET_KEY = os.environ.get("CANDID_STRIPE_SECRET_KEY", "")
CANDID_STRIPE_WEBHOOK_SECRET = os.environ.get("CANDID_STRIPE_WEBHOOK_SECRET", "")
CANDID_STRIPE_API_BASE = os.environ.get("CANDID_STRIPE_API_BASE", "")

# The studio's privacy policy declaration: the single source of truth.
CANDID_POLICY_FILE = Path(
    os.environ.get("CANDID_POLICY_FILE", BASE_DIR / "policies" / "cinetrum-studio.yaml")
)

# Retention (candid.retention): the folder the operator's backups are written to;
# files older than the declared `backups.retention` are reported (RET-05).
CANDID_BACKUP_DIR = os.environ.get("CANDID_BACKUP_DIR", "")
# First day (MM-DD) of the studio's financial year, from whose end rules triggered at
# `end_of_financial_year` count (e.g. 04-06 for the UK tax year).
CANDID_FINANCIAL_YEAR_START = os.environ.get("CANDID_FINANCIAL_YEAR_START", "01-01")

# E-mail (candid.mail): links in messages point at CANDID_BASE_URL; service and
# marketing mail leave from different addresses (MKT-06); CANDID_MAIL_KEY signs
# unsubscribe links and keys suppression hashes (empty: SECRET_KEY; never rotate it).
CANDID_BASE_URL = os.environ.get("CANDID_BASE_URL", "http://127.0.0.1:8000")
CANDID_MAIL_FROM_SERVICE = os.environ.get(
    "CANDID_MAIL_FROM_SERVICE", "service@candid.invalid"
)
CANDID_MAIL_FROM_MARKETING = os.environ.get(
    "CANDID_MAIL_FROM_MARKETING", "news@candid.invalid"
)
CANDID_MAIL_UNSUBSCRIBE_MAILTO = os.environ.get("CANDID_MAIL_UNSUBSCRIBE_MAILTO", "")
CANDID_MAIL_KEY = os.environ.get("CANDID_MAIL_KEY", "")

# Outgoing mail: an SMTP server from the environment (TLS by default). Without one, the
# demo and DEBUG write each message as a file under DATA_DIR/mail for reading.
EMAIL_HOST = os.environ.get("CANDID_SMTP_HOST", "")
EMAIL_PORT = int(os.environ.get("CANDID_SMTP_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("CANDID_SMTP_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("CANDID_SMTP_PASSWORD", "")
EMAIL_USE_TLS = env_bool("CANDID_SMTP_TLS", True)
EMAIL_TIMEOUT = 20
if not EMAIL_HOST and (DEBUG or DEMO):
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = DATA_DIR / "mail"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": os.environ.get("CANDID_LOG_LEVEL", "INFO"),
    },
}
