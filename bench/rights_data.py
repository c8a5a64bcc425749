"""Generate the rights benchmark's data set: N clients, 20 personal-data rows each.

    nice -n 19 .venv/bin/python -m bench.rights_data --backend sqlite --clients 1000000
    nice -n 19 .venv/bin/python -m bench.rights_data --backend postgresql --clients 10000

Every row goes into the real tables of the data map's models (accounts, bookings,
galleries, consent, audit, datamap, and the vault's key store), migrated by Django.
Each client is a data subject with their own data key, wrapped by the (test) master
key with the real vault code and stored in the key store database; every encrypted
field is sealed with `candid.vault.crypto.seal` under that key with the field's own
context (model, field, row id, subject id), exactly as `EncryptedTextField` seals
it, so an export of any subject really decrypts. Audit events are chained with the
audit app's own `chain_rows`, so `audit_verify` still passes.

Rows per client (20 on average): Subject 1, data key 1 (key store), User 1, Address
1, ClientSession 1, StoredSession 1, Booking 2, Gallery 1, GalleryImage 5,
ConsentEvent 2, NoticeAcknowledgement 1, AuditEvent 2; and per ten clients one of
each: a print order (PrintOrder, two PrintOrderLines, PrintHandoff), a share link
with two logged visits, a person shown with their model release, a portfolio entry.

Fast path: rows are built as tuples and written with executemany (SQLite) or COPY
(PostgreSQL), one transaction per chunk of clients; secondary indexes are dropped
while loading and rebuilt at the end; PostgreSQL loads with foreign-key triggers
off (session_replication_role = replica). Resumable: a marker table in the main
database (`bench_rights_marker`) records the clients done per committed chunk, so
an interrupted run continues, and a finished set is reused as it is. Databases are
the benchmark's own: SQLite files under var/bench/, PostgreSQL databases
candid_bench[_10k] and candid_bench[_10k]_keys on 127.0.0.1:5432 (user postgres).
"""

from __future__ import annotations

import argparse
import binascii
import datetime as dt
import json
import os
import random
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_SERVER = os.environ.get("CANDID_BENCH_PG", "postgres://postgres@127.0.0.1:5432")
MARKER = "bench_rights_marker"
SAMPLE = "bench_rights_sample"
SAMPLE_SIZE = 2_000
CHUNK = 10_000
ROWS_PER_CLIENT = 20


def database_names(clients: int) -> tuple[str, str]:
    """Return the PostgreSQL databases (main, key store) of a data set."""
    main = "candid_bench" if clients == 1_000_000 else f"candid_bench_{_short(clients)}"
    return main, f"{main}_keys"


def _short(clients: int) -> str:
    if clients % 1_000_000 == 0:
        return f"{clients // 1_000_000}m"
    if clients % 1_000 == 0:
        return f"{clients // 1_000}k"
    return str(clients)


def data_dir(backend: str, clients: int) -> Path:
    """Return the data set's folder (SQLite files, secret key) under var/bench/."""
    base = Path(os.environ.get("CANDID_BENCH_DIR", ROOT / "var" / "bench"))
    return base / f"rights-{backend}-{_short(clients)}"


def configure(backend: str, clients: int) -> None:
    """Point Django at the data set's own databases (never the test or demo ones)."""
    folder = data_dir(backend, clients)
    folder.mkdir(parents=True, exist_ok=True)
    os.environ["CANDID_DATA_DIR"] = str(folder)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    if backend == "postgresql":
        main, keys = database_names(clients)
        _create_databases(main, keys)
        os.environ["DATABASE_URL"] = f"{PG_SERVER}/{main}"
        os.environ["CANDID_KEYSTORE_URL"] = f"{PG_SERVER}/{keys}"
    elif backend == "sqlite":
        os.environ.pop("DATABASE_URL", None)
        os.environ.pop("CANDID_KEYSTORE_URL", None)
    else:
        raise SystemExit(f"unknown backend {backend!r}: sqlite or postgresql")
    import django

    django.setup()


def _create_databases(*names: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as server:
        for name in names:
            found = server.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [name]
            ).fetchone()
            if not found:
                server.execute(f'CREATE DATABASE "{name}"')


# --- marker --------------------------------------------------------------------


def _marker_get(cursor, name: str) -> str | None:
    cursor.execute(f"SELECT value FROM {MARKER} WHERE name = %s", [name])  # noqa: S608
    row = cursor.fetchone()
    return row[0] if row else None


def _marker_set(cursor, name: str, value: object) -> None:
    cursor.execute(f"DELETE FROM {MARKER} WHERE name = %s", [name])  # noqa: S608
    cursor.execute(
        f"INSERT INTO {MARKER} (name, value) VALUES (%s, %s)",  # noqa: S608
        [name, str(value)],
    )


def marker() -> dict[str, str]:
    """Return the data set's marker (empty if nothing was generated yet)."""
    from django.db import connection

    if MARKER not in connection.introspection.table_names():
        return {}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT name, value FROM {MARKER}")  # noqa: S608
        return dict(cursor.fetchall())


def sample_subjects() -> list[uuid.UUID]:
    """Return the subjects sampled evenly across the data set while generating."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT subject_id FROM {SAMPLE} ORDER BY position")  # noqa: S608
        return [uuid.UUID(hex=row[0]) for row in cursor.fetchall()]


# --- row building --------------------------------------------------------------

FIRST = (
    "Ana Ben Chloé Dara Élodie Farid Greta Hugo Iris Jonas Kemi Liam Maya Noor Olu "
    "Priya Quentin Rosa Sami Tara Ugo Vera Wen Xavier Yara Zoltan".split()
)
LAST = (
    "Okafor Martin Dubois Novak Rossi Khan Schmidt Silva Murphy Nowak Jensen Costa "
    "Haddad Kowalski Moreau Tanaka Lindqvist Evans Garcia Mensah".split()
)
STREETS = "Station Road|High Street|Rue des Lilas|Church Lane|Park Avenue|Mill Way"
CITIES = "London|Leeds|Bristol|Lyon|Paris|Dublin|Manchester|Glasgow"
NOTES = (
    "Please bring the dog, she is part of the family.",
    "Natural light if possible; my son is shy with flashes.",
    "We would like a few outdoor shots at the end.",
)
DEVICES = (
    "Firefox on Linux",
    "Safari on iPhone",
    "Chrome on Windows",
    "Chrome on Android",
)


class Builder:
    """Build the rows of a chunk of clients, values as each database stores them."""

    def __init__(self, vendor: str, clients: int) -> None:
        from django.contrib.auth.hashers import make_password

        from candid.accounts.identity import EMAIL_SALT, _keyed_hash
        from candid.accounts.models import Address, User
        from candid.bookings.models import Booking, SessionType
        from candid.galleries.models import (
            ModelRelease,
            PrintOrder,
            ShareLink,
            ShownPerson,
        )
        from candid.notices.selectors import declaration_active
        from candid.vault.crypto import DataKey, seal, wrap
        from candid.vault.keyring import master_keyring

        self.sqlite = vendor == "sqlite"
        self.clients = clients
        # The blind index of an address, as `identity.email_index` computes it for an
        # address already in normal form (the generated ones are), without running
        # Django's e-mail validator a million times.
        self.email_index = lambda email: _keyed_hash(EMAIL_SALT, email)
        self.seal, self.wrap, self.DataKey = seal, wrap, DataKey
        self.master = master_keyring().primary
        # One real hash for every account: hashing a million passwords measures nothing.
        self.password = make_password("bench-client-password-not-real")
        self.fields = {
            (model, name): model._meta.get_field(name)
            for model, names in (
                (User, ("email", "full_name", "phone")),
                (Address, ("recipient", "lines", "city", "postal_code", "country")),
                (Booking, ("notes",)),
                (PrintOrder, ("delivery_name", "delivery_address")),
                (ShareLink, ("recipient_label",)),
                (ShownPerson, ("name",)),
                (ModelRelease, ("signer_name",)),
            )
            for name in names
        }
        self.User, self.Address, self.Booking = User, Address, Booking
        self.PrintOrder, self.ShareLink = PrintOrder, ShareLink
        self.ShownPerson, self.ModelRelease = ShownPerson, ModelRelease
        if not SessionType.objects.exists():
            _session_types()
        self.session_types = [st.pk for st in SessionType.objects.order_by("name")]
        self.policy_version = declaration_active().policy.version
        self.purposes = ("marketing_email", "analytics")
        self.staff_id = _staff_user()
        # A pool of instants from 2024 on, formatted once as each database takes them.
        start = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
        self.moments = [
            start + dt.timedelta(seconds=n * 631, microseconds=n * 7919 % 1_000_000)
            for n in range(100_000)
        ]
        suffix = "" if self.sqlite else "+00"
        self.times = [
            str(moment.replace(tzinfo=None)) + suffix for moment in self.moments
        ]

    def uuid(self, value: uuid.UUID) -> object:
        return value.hex if self.sqlite else value

    def sealed(
        self, model, name: str, pk: uuid.UUID, subject: uuid.UUID, key, text: str
    ):
        field = self.fields[(model, name)]
        token = self.seal(
            key, plaintext=text.encode(), context=field._context((pk, subject))
        )
        return binascii.b2a_base64(token, newline=False).decode("ascii")

    def chunk(self, first: int, count: int) -> tuple[dict[str, list], list, list]:
        """Return the rows of clients first..first+count-1: main tables, keys, audit."""
        from candid.audit import events
        from candid.audit.entries import Actor, AuditEntry

        r = random.Random(first)
        tables: dict[str, list] = {name: [] for name in COLUMNS}
        keys: list[tuple] = []
        audit: list = []
        T, moments, U = self.times, self.moments, self.uuid
        new = uuid.uuid4

        def hexid() -> str:  # an id no value is sealed with: no UUID object needed
            return os.urandom(16).hex()

        User, Address, Booking = self.User, self.Address, self.Booking
        for i in range(first, first + count):
            subject = new()
            s = U(subject)
            key = self.DataKey.from_material(
                subject_id=subject, version=1, material=os.urandom(32)
            )
            m = r.randrange(90_000)
            joined = T[m]
            tables["datamap_subject"].append((s, joined, None))
            keys.append(
                (s, 1, self.master.id, self.wrap(self.master, key), joined, None)
            )
            # Account.
            user = new()
            name = f"{FIRST[i % len(FIRST)]} {LAST[(i // 7) % len(LAST)]}"
            email = f"client{i}@example.org"
            tables["accounts_user"].append(
                (
                    self.password,
                    T[m + 50],
                    False,
                    U(user),
                    s,
                    self.sealed(User, "email", user, subject, key, email),
                    self.email_index(email),
                    self.sealed(User, "full_name", user, subject, key, name),
                    self.sealed(
                        User, "phone", user, subject, key, f"+44 7700 9{i % 100000:05d}"
                    ),
                    False,
                    True,
                    joined,
                    None,
                )
            )
            address = new()
            a = (address, subject, key)
            tables["accounts_address"].append(
                (
                    U(address),
                    U(user),
                    s,
                    self.sealed(Address, "recipient", *a, name),
                    self.sealed(
                        Address,
                        "lines",
                        *a,
                        f"{i % 200 + 1} {STREETS.split('|')[i % 6]}",
                    ),
                    self.sealed(Address, "city", *a, CITIES.split("|")[i % 8]),
                    self.sealed(
                        Address, "postal_code", *a, f"AB{i % 90 + 10} {i % 9}CD"
                    ),
                    self.sealed(Address, "country", *a, "GB"),
                    True,
                    joined,
                    joined,
                )
            )
            session = hexid()
            tables["accounts_clientsession"].append(
                (
                    session,
                    U(user),
                    r.randbytes(32).hex(),
                    DEVICES[i % 4],
                    i % 3 == 0,
                    T[m + 60],
                    T[m + 61],
                    T[m + 9000],
                )
            )
            tables["accounts_storedsession"].append(
                (
                    r.randbytes(20).hex(),
                    "e30:bench:signed",
                    T[m + 9000],
                    U(user),
                    session,
                )
            )
            # Bookings.
            for n in range(2):
                booking = new()
                at = m + 100 + n * 4000
                notes = None
                if n == 0:
                    notes = self.sealed(
                        Booking, "notes", booking, subject, key, NOTES[i % 3]
                    )
                tables["bookings_booking"].append(
                    (
                        U(booking),
                        U(user),
                        s,
                        U(self.session_types[(i + n) % len(self.session_types)]),
                        T[at + 300],
                        "Studio, 4 Mill Lane",
                        notes,
                        "confirmed",
                        "180.00",
                        "GBP",
                        "180.00",
                        "0.00",
                        T[at],
                        None,
                    )
                )
            # Gallery with five images.
            g = hexid()
            tables["galleries_gallery"].append(
                (
                    g,
                    U(user),
                    s,
                    f"Portrait session {moments[m + 400]:%B %Y}",
                    T[m + 400],
                    T[m + 9400],
                )
            )
            images = []
            for n in range(5):
                image = hexid()
                images.append(image)
                tables["galleries_galleryimage"].append(
                    (
                        image,
                        g,
                        s,
                        f"IMG_{i % 9000 + n:04d}.jpg",
                        f"previews/{image}.jpg",
                        "image/jpeg",
                        6000,
                        4000,
                        T[m + 401],
                    )
                )
            # Consent and notice ledgers.
            for n, purpose in enumerate(self.purposes):
                tables["consent_consentevent"].append(
                    (
                        s,
                        "",
                        purpose,
                        "granted",
                        self.policy_version,
                        "0" * 64,
                        "signup_form",
                        "checkbox",
                        False,
                        T[m + n],
                    )
                )
            tables["consent_noticeacknowledgement"].append(
                (s, "", self.policy_version, "0" * 64, "sign_up", joined)
            )
            # One in ten of each: a print order, a share link, a release, a portfolio entry.
            kind = i % 10
            if kind == 0:
                order = new()
                tables["galleries_printorder"].append(
                    (
                        U(order),
                        g,
                        U(user),
                        s,
                        self.sealed(
                            self.PrintOrder, "delivery_name", order, subject, key, name
                        ),
                        self.sealed(
                            self.PrintOrder,
                            "delivery_address",
                            order,
                            subject,
                            key,
                            f"{i % 200 + 1} High Street, Leeds",
                        ),
                        T[m + 500],
                        T[m + 501],
                    )
                )
                for n in range(2):
                    tables["galleries_printorderline"].append(
                        (hexid(), U(order), images[n], "20x30", 1 + n)
                    )
                tables["galleries_printhandoff"].append(
                    (
                        hexid(),
                        U(order),
                        s,
                        "Prodigi",
                        json.dumps(
                            [str(uuid.UUID(images[0])), str(uuid.UUID(images[1]))]
                        ),
                        T[m + 501],
                    )
                )
            elif kind == 1:
                link = new()
                tables["galleries_sharelink"].append(
                    (
                        U(link),
                        g,
                        s,
                        self.sealed(
                            self.ShareLink,
                            "recipient_label",
                            link,
                            subject,
                            key,
                            "Grandma",
                        ),
                        r.randbytes(32).hex(),
                        "",
                        T[m + 600],
                        T[m + 6600],
                        None,
                    )
                )
                for n in range(2):
                    tables["galleries_sharelinkaccess"].append(
                        (U(link), s, T[m + 601 + n], "203.0.113.0/24", "granted")
                    )
            elif kind == 2:
                person = new()
                tables["galleries_shownperson"].append(
                    (
                        U(person),
                        g,
                        s,
                        self.sealed(
                            self.ShownPerson, "name", person, subject, key, name
                        ),
                        False,
                    )
                )
                release = new()
                tables["galleries_modelrelease"].append(
                    (
                        U(release),
                        U(person),
                        s,
                        self.sealed(
                            self.ModelRelease,
                            "signer_name",
                            release,
                            subject,
                            key,
                            name,
                        ),
                        "self",
                        '["portfolio"]',
                        "2026-01",
                        "0" * 64,
                        T[m + 402],
                        None,
                        None,
                    )
                )
            elif kind == 3:
                tables["galleries_portfolioentry"].append(
                    (hexid(), images[0], s, U(self.staff_id), T[m + 403])
                )
            # Two audit events: the data key and the account were created.
            for action in (events.VAULT_KEY_CREATED, events.DATA_CREATED):
                audit.append(
                    AuditEntry(
                        action=action,
                        actor=Actor.client(user),
                        subject_id=subject,
                        categories=["user.contact.email", "user.name"],
                        objects=[("accounts.User", user)],
                        occurred_at=moments[m],
                    )
                )
        return tables, keys, audit


COLUMNS = {
    "datamap_subject": ("id", "created_at", "erased_at"),
    "accounts_user": (
        "password", "last_login", "is_superuser", "id", "subject_id", "email",
        "email_index", "full_name", "phone", "is_staff", "is_active", "date_joined",
        "child_flagged_at",
    ),
    "accounts_address": (
        "id", "user_id", "subject_id", "recipient", "lines", "city", "postal_code",
        "country", "is_default", "created_at", "updated_at",
    ),
    "accounts_clientsession": (
        "id", "user_id", "session_key_hash", "device", "remembered", "created_at",
        "last_seen_at", "expires_at",
    ),
    "accounts_storedsession": (
        "session_key", "session_data", "expire_date", "user_id", "client_session_id",
    ),
    "bookings_booking": (
        "id", "client_id", "subject_id", "session_type_id", "starts_at", "place",
        "notes", "status", "price", "currency", "price_paid", "amount_refunded",
        "created_at", "cancelled_at",
    ),
    "galleries_gallery": ("id", "client_id", "subject_id", "title", "delivered_at", "expires_at"),
    "galleries_galleryimage": (
        "id", "gallery_id", "subject_id", "original_name", "preview_name",
        "content_type", "width", "height", "uploaded_at",
    ),
    "consent_consentevent": (
        "subject_id", "visitor_id", "purpose", "action", "policy_version",
        "text_sha256", "surface", "mechanism", "gpc", "created_at",
    ),
    "consent_noticeacknowledgement": (
        "subject_id", "visitor_id", "policy_version", "text_sha256", "surface", "created_at",
    ),
    "galleries_printorder": (
        "id", "gallery_id", "client_id", "subject_id", "delivery_name",
        "delivery_address", "placed_at", "handed_off_at",
    ),
    "galleries_printorderline": ("id", "order_id", "image_id", "size", "quantity"),
    "galleries_printhandoff": ("id", "order_id", "subject_id", "vendor", "image_ids", "at"),
    "galleries_sharelink": (
        "id", "gallery_id", "subject_id", "recipient_label", "token_hash",
        "password_hash", "created_at", "expires_at", "revoked_at",
    ),
    "galleries_sharelinkaccess": ("link_id", "subject_id", "at", "network", "outcome"),
    "galleries_shownperson": ("id", "gallery_id", "subject_id", "name", "minor"),
    "galleries_modelrelease": (
        "id", "person_id", "subject_id", "signer_name", "role", "uses", "text_version",
        "text_sha256", "signed_at", "expires_at", "withdrawn_at",
    ),
    "galleries_portfolioentry": ("id", "image_id", "subject_id", "added_by_id", "added_at"),
}  # fmt: skip
KEY_COLUMNS = (
    "subject_id", "version", "master_key_id", "wrapped_key", "created_at", "destroyed_at",
)  # fmt: skip


def _session_types() -> None:
    from candid.bookings.models import SessionType

    for name, minutes, price in (("Family", 90, "240.00"), ("Portrait", 60, "180.00")):
        SessionType.objects.create(
            name=name,
            duration=dt.timedelta(minutes=minutes),
            price=price,
            places="Studio, 4 Mill Lane",
        )


def _staff_user() -> uuid.UUID:
    """Return the studio's one staff account (portfolio entries name who added them)."""
    from candid.accounts.models import User

    staff = User.objects.filter(is_staff=True).first()
    if staff is None:
        from candid.datamap.models import Subject

        staff = User(subject=Subject.objects.create(), is_staff=True)
        staff.email = "staff@studio.example"
        staff.set_unusable_password()
        staff.save()
    return staff.pk


# --- writing -------------------------------------------------------------------


class Writer:
    """Write a chunk's rows through the raw driver connection of a Django alias."""

    def __init__(self, alias: str) -> None:
        from django.db import connections

        self.connection = connections[alias]
        self.connection.ensure_connection()
        self.vendor = self.connection.vendor
        raw = self.connection.connection
        if self.vendor == "sqlite":
            raw.execute("PRAGMA synchronous=OFF")
            raw.execute("PRAGMA cache_size=-1000000")
            raw.execute("PRAGMA temp_store=MEMORY")
        else:
            with raw.cursor() as cursor:
                cursor.execute("SET session_replication_role = replica")
                cursor.execute("SET synchronous_commit = off")
                cursor.execute("SET maintenance_work_mem = '512MB'")

    def write(self, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        if not rows:
            return
        raw = self.connection.connection
        names = ", ".join(f'"{c}"' for c in columns)
        if self.vendor == "sqlite":
            marks = ", ".join("?" * len(columns))
            raw.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)  # noqa: S608
        else:
            with raw.cursor() as cursor:
                with cursor.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
                    for row in rows:
                        copy.write_row(row)


def _secondary_indexes(connection, tables: list[str]) -> list[tuple[str, str]]:
    """Return (name, CREATE statement) of the indexes a bulk load may drop and rebuild."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            marks = ", ".join(["%s"] * len(tables))
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' "  # noqa: S608
                f"AND sql IS NOT NULL AND tbl_name IN ({marks})",
                tables,
            )
        else:
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' "
                "AND tablename = ANY(%s) AND indexname NOT IN "
                "(SELECT conname FROM pg_constraint)",
                [tables],
            )
        return list(cursor.fetchall())


def generate(clients: int, *, finish: bool = False, log=print) -> dict[str, str]:
    """Fill the configured databases with `clients` clients; return the marker.

    `finish` ends an interrupted data set with the clients already committed (its
    indexes rebuilt, its marker then holding that number): a smaller data set of
    the same shape, when there is no time to load the rest.
    """
    from django.core.management import call_command
    from django.db import connection, connections, transaction

    from candid.audit.head import advance_chain_head, lock_chain_head
    from candid.audit.services import _COLUMNS as AUDIT_COLUMNS
    from candid.audit.services import chain_rows

    done = marker()
    if done.get("phase") == "ready":
        if int(done["clients"]) != clients and not done.get("finished_early"):
            raise SystemExit(
                f"this data set holds {done['clients']} clients, not {clients}"
            )
        return done
    call_command("migrate", verbosity=0, skip_checks=True)
    call_command("migrate", database="keystore", verbosity=0, skip_checks=True)
    keystore = connections["keystore"]
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {MARKER} (name varchar(64) PRIMARY KEY, value text)"
        )
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {SAMPLE} "
            "(position integer PRIMARY KEY, subject_id char(32) NOT NULL)"
        )
        if not done:
            indexes = _secondary_indexes(connection, [*COLUMNS, "audit_auditevent"])
            _marker_set(cursor, "clients", clients)
            _marker_set(cursor, "done", 0)
            _marker_set(cursor, "phase", "loading")
            _marker_set(cursor, "indexes", json.dumps(indexes))
            for name, _ in indexes:
                cursor.execute(f'DROP INDEX IF EXISTS "{name}"')
            done = marker()
    if int(done["clients"]) != clients:
        raise SystemExit(
            f"this data set is for {done['clients']} clients, not {clients}"
        )
    first = int(done["done"])
    if finish and first < clients:
        log(f"finishing with the {first:,} clients loaded", flush=True)
        clients = first
        with connection.cursor() as cursor:
            _marker_set(cursor, "clients", clients)
            _marker_set(cursor, "finished_early", "yes")
    # A chunk whose keys were written but whose rows were not: forget those keys.
    with keystore.cursor() as cursor:
        cursor.execute(
            "DELETE FROM vault_subjectkey WHERE id > %s",
            [int(done.get("keys_max_id", 0))],
        )
    builder = Builder(connection.vendor, clients)
    main, keys = Writer("default"), Writer("keystore")
    stride = max(1, clients // SAMPLE_SIZE)
    # Time spent by earlier, interrupted runs of this data set counts too.
    started = time.perf_counter() - float(done.get("generated_wall_s", 0))
    cpu = time.process_time() - float(done.get("generated_cpu_s", 0))
    while first < clients:
        count = min(CHUNK, clients - first)
        tables, key_rows, entries = builder.chunk(first, count)
        with transaction.atomic(using="keystore"):
            keys.write("vault_subjectkey", KEY_COLUMNS, key_rows)
            with keystore.cursor() as cursor:
                cursor.execute("SELECT MAX(id) FROM vault_subjectkey")
                keys_max_id = cursor.fetchone()[0]
        with transaction.atomic():
            for table, rows in tables.items():
                main.write(table, COLUMNS[table], rows)
            head = lock_chain_head()
            now = dt.datetime.now(dt.UTC)
            audit = chain_rows(
                entries, after=head.sequence, previous=head.hash, now=now
            )
            main.write("audit_auditevent", AUDIT_COLUMNS, audit)
            advance_chain_head(head, sequence=audit[-1][0], hash=audit[-1][-1])
            subjects = tables["datamap_subject"]
            picks = [
                (n, subjects[n - first][0])
                for n in range(first, first + count)
                if n % stride == 0
            ]
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO {SAMPLE} (position, subject_id) VALUES (%s, %s)",  # noqa: S608
                    [(n, uuid.UUID(str(s)).hex) for n, s in picks],
                )
                _marker_set(cursor, "done", first + count)
                _marker_set(cursor, "keys_max_id", keys_max_id)
                _marker_set(
                    cursor, "generated_wall_s", round(time.perf_counter() - started, 1)
                )
                _marker_set(
                    cursor, "generated_cpu_s", round(time.process_time() - cpu, 1)
                )
        first += count
        elapsed = time.perf_counter() - started
        log(
            f"{first:,}/{clients:,} clients, {elapsed:,.0f} s wall, "
            f"{time.process_time() - cpu:,.0f} s CPU",
            flush=True,
        )
    log("rebuilding indexes", flush=True)
    with connection.cursor() as cursor:
        for _name, statement in json.loads(marker()["indexes"]):
            cursor.execute(
                statement.replace(
                    "CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", 1
                ).replace(
                    "CREATE UNIQUE INDEX ", "CREATE UNIQUE INDEX IF NOT EXISTS ", 1
                )
            )
        cursor.execute("ANALYZE")
    with keystore.cursor() as cursor:
        cursor.execute("ANALYZE")
    counts = row_counts()
    with connection.cursor() as cursor:
        _marker_set(cursor, "rows", json.dumps(counts))
        _marker_set(cursor, "generated_wall_s", round(time.perf_counter() - started, 1))
        _marker_set(cursor, "generated_cpu_s", round(time.process_time() - cpu, 1))
        _marker_set(cursor, "phase", "ready")
    return marker()


def row_counts() -> dict[str, int]:
    """Return the rows of every generated table (main and key store)."""
    from django.db import connection, connections

    counts = {}
    with connection.cursor() as cursor:
        for table in [*COLUMNS, "audit_auditevent"]:
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    with connections["keystore"].cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM vault_subjectkey")
        counts["vault_subjectkey (key store)"] = cursor.fetchone()[0]
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), required=True)
    parser.add_argument("--clients", type=int, default=1_000_000)
    parser.add_argument(
        "--finish",
        action="store_true",
        help="end an interrupted data set with the clients loaded so far",
    )
    arguments = parser.parse_args(argv)
    configure(arguments.backend, arguments.clients)
    done = generate(arguments.clients, finish=arguments.finish)
    rows = json.loads(done["rows"])
    print(json.dumps(rows, indent=1))
    print(f"{sum(rows.values()):,} rows for {int(done['clients']):,} clients")
    return 0


if __name__ == "__main__":
    sys.exit(main())
