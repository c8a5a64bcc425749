import uuid

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import PermissionsMixin
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.utils import timezone

from candid.accounts.identity import KeyedHashField
from candid.accounts.managers import UserManager
from candid.vault.fields import EncryptedTextField


class User(AbstractBaseUser, PermissionsMixin):
    """A client's (or a staff member's) account, signed in with e-mail and password.

    `subject` is the person's data subject, created with the account; every personal
    value of the account is encrypted under that subject's key: `email`
    ("ana@example.com"), `full_name` ("Ana Lima") and `phone` ("+44 20 7946 0000").
    `email_index` is the blind index of the e-mail (keyed HMAC, see
    `candid.accounts.identity`): sign-in finds the account by it, and its uniqueness
    keeps one account per address; it is None once the account's profile is deleted.
    `password` holds only an argon2id hash. `child_flagged_at` is when staff learnt
    the account belongs to someone under the minimum age (KID-02), e.g. 2026-11-03
    09:30 UTC; the account is then closed and its profile deleted.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    subject = models.OneToOneField(
        "datamap.Subject", on_delete=models.PROTECT, related_name="account"
    )
    email = EncryptedTextField(blank=True, null=True)
    email_index = KeyedHashField(unique=True, null=True, blank=True, editable=False)
    full_name = EncryptedTextField(blank=True, null=True)
    phone = EncryptedTextField(blank=True, null=True)
    is_staff = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)
    child_flagged_at = models.DateTimeField(null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email_index"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class PersonalData:
        subject = "subject"
        fields = {
            "id": None,
            "subject": None,
            "email": "user.contact.email",
            # A keyed hash of the same address: finds the account, reveals nothing.
            "email_index": "user.contact.email",
            "full_name": "user.name",
            "phone": "user.contact.phone_number",
            "password": "user.authorization.credentials",
            # State of the account itself, deleted with it; no category fits better.
            "last_login": None,
            "is_superuser": None,
            "groups": None,
            "user_permissions": None,
            "is_staff": None,
            "is_active": None,
            "date_joined": None,
            "child_flagged_at": None,
        }

    class Meta:
        verbose_name = "account"
        permissions = [
            ("flag_child", "Can flag an account as a child's, which deletes it"),
        ]

    def __str__(self) -> str:
        # Never the name or address: this string ends up in logs and admin messages.
        return f"Account {self.id}"

    def get_full_name(self) -> str:
        return self.full_name or ""

    def get_short_name(self) -> str:
        return self.get_full_name()


class Address(models.Model):
    """A postal address in a client's profile, e.g. "Ana Lima, 1 High St, Bath BA1 1AA, GB".

    Every part is encrypted under the client's key. Orders copy the address they are
    placed with, so editing or deleting one here changes future orders only (DSR-09,
    seed 002 "Customer's account"). `is_default` marks the one checkout proposes.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="addresses")
    subject = models.ForeignKey(
        "datamap.Subject", on_delete=models.PROTECT, related_name="+"
    )
    recipient = EncryptedTextField(null=True)
    lines = EncryptedTextField(null=True)
    city = EncryptedTextField(null=True)
    postal_code = EncryptedTextField(null=True, blank=True)
    country = EncryptedTextField(null=True)
    is_default = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class PersonalData:
        subject = "subject"
        fields = {
            "id": None,
            "user": None,
            "subject": None,
            "recipient": "user.name",
            "lines": "user.contact.address",
            "city": "user.contact.address",
            "postal_code": "user.contact.address",
            "country": "user.contact.address",
            "is_default": None,
            "created_at": None,
            "updated_at": None,
        }

    class Meta:
        ordering = ["-is_default", "created_at"]

    def __str__(self) -> str:
        return f"Address {self.id}"


class ClientSession(models.Model):
    """One signed-in browser of an account, as the sessions page lists it (SEC-05).

    `session_key_hash` is the SHA-256 of the session cookie's value, so this table
    cannot be used to take over a session. `device` is a coarse summary such as
    "Firefox on Windows"; `remembered` says the client ticked "keep me logged in",
    so the cookie lasts until `expires_at` on that browser only; otherwise it ends
    with the browser. `last_seen_at` is refreshed at most every few minutes.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="sessions")
    session_key_hash = models.CharField(max_length=64, unique=True)
    device = models.CharField(max_length=80)
    remembered = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    last_seen_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(null=True, blank=True)

    class PersonalData:
        subject = "user__subject"
        fields = {
            "id": None,
            "user": None,
            "session_key_hash": "user.authorization.credentials",
            "device": "user.device",
            "remembered": None,
            "created_at": None,
            "last_seen_at": None,
            "expires_at": None,
        }

    class Retention:
        record = "session"
        triggers = {"collected": "created_at"}
        delete_row_for = {"user.device"}

    class Meta:
        ordering = ["-last_seen_at"]

    def __str__(self) -> str:
        return f"Session {self.id}"


class StoredSession(AbstractBaseSession):
    """A row of the session store, linked to its account and its listed session.

    The links let "sign out" delete a session from the store at once, by account or
    by listed session, without keeping any session key in clear outside this table.
    """

    user = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    client_session = models.ForeignKey(
        ClientSession,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="stored",
    )

    class PersonalData:
        subject = "user__subject"
        fields = {
            "session_key": "user.authorization.credentials",
            "session_data": "user.authorization.credentials",
            "expire_date": None,
            "user": None,
            "client_session": None,
        }

    @classmethod
    def get_session_store_class(cls):
        from candid.accounts.sessions import SessionStore

        return SessionStore


class PendingOptIn(models.Model):
    """A consent asked for under double opt-in, waiting for the e-mailed confirmation.

    `purpose` is the declared purpose key ("marketing_email"); `policy_version`
    ("2026.11"), `text_sha256`, `surface` ("signup_form") and `mechanism`
    ("checkbox") are the proof the consent ledger gets on confirmation. Nothing is
    sent for the purpose while the row waits: the ledger has no grant yet.
    `confirmed_at` is set when the person follows the link; the row is deleted if
    they withdraw first.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    subject = models.ForeignKey(
        "datamap.Subject", on_delete=models.CASCADE, related_name="+"
    )
    purpose = models.CharField(max_length=64)
    policy_version = models.CharField(max_length=64)
    text_sha256 = models.CharField(max_length=64)
    surface = models.CharField(max_length=32)
    mechanism = models.CharField(max_length=16)
    requested_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class PersonalData:
        subject = "subject"
        fields = {
            "id": None,
            "subject": None,
            "purpose": "user.privacy_preferences",
            "policy_version": None,
            "text_sha256": None,
            "surface": "user.privacy_preferences",
            "mechanism": "user.privacy_preferences",
            "requested_at": None,
            "confirmed_at": None,
        }

    def __str__(self) -> str:
        state = "confirmed" if self.confirmed_at else "pending"
        return f"Opt-in to {self.purpose} ({state})"


class SignInFailure(models.Model):
    """One failed sign-in, kept 30 minutes to slow down password guessing.

    `account_hash` is the blind index of the e-mail typed, whether or not an account
    has it; `network_hash` the keyed hash of the caller's /24 (IPv4) or /64 (IPv6)
    network. `at` is when it failed. Only `at` is indexed: rows are written in time
    order and swept by time (DESIGN, runtime).
    """

    account_hash = models.CharField(max_length=64)
    network_hash = models.CharField(max_length=64)
    at = models.DateTimeField(db_index=True)

    class PersonalData:
        # No subject by design: the hashes are keyed with a secret outside the
        # database, often belong to no account, and live 30 minutes.
        subject = None
        fields = {"account_hash": None, "network_hash": None, "at": None}

    def __str__(self) -> str:
        return f"Failed sign-in at {self.at:%Y-%m-%d %H:%M}"


class UnderageSignupDay(models.Model):
    """How many under-age sign-ups were refused on a day, and nothing else (KID-01).

    E.g. day 2026-11-03, refused 2. No value entered in a refused form is stored.
    """

    day = models.DateField(unique=True)
    refused = models.PositiveIntegerField(default=0)

    class PersonalData:
        subject = None
        fields = {"day": None, "refused": None}

    def __str__(self) -> str:
        return f"{self.refused} under-age sign-ups refused on {self.day:%Y-%m-%d}"


class SignUpPending(models.Model):
    """An account opened by sign-up whose owner has not yet confirmed the address.

    The account stays inactive, so nobody signs in to it, until the link e-mailed
    to the address is opened with the password chosen at sign-up: whoever typed
    someone else's address cannot use the account, and sign-up answers the same
    whether or not the address had an account. `marketing_opt_in` is the ticked
    box, recorded as consent only on confirmation, so nothing is sent to an address
    nobody confirmed. `created_at` starts the link's lifetime.
    """

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, primary_key=True, related_name="sign_up_pending"
    )
    marketing_opt_in = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class PersonalData:
        subject = "user__subject"
        fields = {
            "user": None,
            "marketing_opt_in": "user.privacy_preferences",
            "created_at": None,
        }

    def __str__(self) -> str:
        return f"Sign-up awaiting confirmation {self.pk}"


class PasswordResetAttempt(models.Model):
    """One request for a password reset link, counted like a failed sign-in.

    `account_hash` is the blind index of the address typed, whether or not an
    account has it; `network_hash` the keyed hash of the caller's network. Kept only
    as long as the counting window, like SignInFailure.
    """

    account_hash = models.CharField(max_length=64)
    network_hash = models.CharField(max_length=64)
    at = models.DateTimeField(db_index=True)

    class PersonalData:
        # No subject by design, as SignInFailure.
        subject = None
        fields = {"account_hash": None, "network_hash": None, "at": None}

    def __str__(self) -> str:
        return f"Password reset asked at {self.at:%Y-%m-%d %H:%M}"


class SignUpAttempt(models.Model):
    """One sign-up form sent, counted per address and network to limit e-mails.

    Each sign-up e-mails the address typed (a confirmation link, or a warning that
    it already has an account), so sign-ups are limited like sign-in, or anyone
    could flood a mailbox. The hashes are as in SignInFailure, counted alike for
    every address so the limit tells nothing about who has an account.
    """

    account_hash = models.CharField(max_length=64)
    network_hash = models.CharField(max_length=64)
    at = models.DateTimeField(db_index=True)

    class PersonalData:
        # No subject by design, as SignInFailure.
        subject = None
        fields = {"account_hash": None, "network_hash": None, "at": None}

    def __str__(self) -> str:
        return f"Sign-up sent at {self.at:%Y-%m-%d %H:%M}"
