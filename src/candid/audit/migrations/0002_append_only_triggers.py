"""Triggers that make the database itself refuse to change or delete audit events.

The model refuses through the ORM; these refuse raw SQL too, with an
IntegrityError on both databases. Only `candid.audit.pruning.audit_prune` deletes:
on PostgreSQL a row may go once the chain head's `pruned_through` covers it; on
SQLite only the oldest remaining row may go (no hole can be cut), because the test
database is emptied with plain DELETEs in any table order. The verifier reports a
prefix dropped without a checkpoint either way.
"""

from django.db import migrations

SQLITE_CREATE = [
    """
    CREATE TRIGGER audit_event_refuse_update
    BEFORE UPDATE ON audit_auditevent
    BEGIN
        SELECT RAISE(ABORT, 'audit events are append-only: UPDATE refused');
    END
    """,
    """
    CREATE TRIGGER audit_event_refuse_delete
    BEFORE DELETE ON audit_auditevent
    WHEN OLD.sequence <> (SELECT MIN(sequence) FROM audit_auditevent)
    BEGIN
        SELECT RAISE(ABORT, 'audit events are append-only: DELETE refused');
    END
    """,
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS audit_event_refuse_update",
    "DROP TRIGGER IF EXISTS audit_event_refuse_delete",
]

POSTGRESQL_CREATE = [
    """
    CREATE FUNCTION audit_event_refuse_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' AND OLD.sequence <= COALESCE(
            (SELECT pruned_through FROM audit_auditchainhead WHERE id = 1), 0
        ) THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION USING
            ERRCODE = 'integrity_constraint_violation',
            MESSAGE = 'audit events are append-only: ' || TG_OP
                || ' refused on event ' || OLD.sequence;
    END
    $$
    """,
    """
    CREATE TRIGGER audit_event_append_only
    BEFORE UPDATE OR DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change()
    """,
]
POSTGRESQL_DROP = [
    "DROP TRIGGER IF EXISTS audit_event_append_only ON audit_auditevent",
    "DROP FUNCTION IF EXISTS audit_event_refuse_change()",
]

STATEMENTS = {
    "sqlite": (SQLITE_CREATE, SQLITE_DROP),
    "postgresql": (POSTGRESQL_CREATE, POSTGRESQL_DROP),
}


def _run(schema_editor, which: int) -> None:
    for sql in STATEMENTS[schema_editor.connection.vendor][which]:
        schema_editor.execute(sql, params=None)


def create_triggers(apps, schema_editor) -> None:
    _run(schema_editor, 0)


def drop_triggers(apps, schema_editor) -> None:
    _run(schema_editor, 1)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
