"""Migration operations for big tables.

``AddIndexConcurrently`` builds an index with CREATE INDEX CONCURRENTLY on PostgreSQL, so that a
deploy does not hold a lock that stops every write to the table while the index is built (minutes on
millions of rows); on other databases (SQLite, for development and tests) it is a plain AddIndex.
A migration using it must set ``atomic = False``: PostgreSQL cannot build an index concurrently
inside a transaction. If a concurrent build fails it leaves an INVALID index behind; drop it
(``DROP INDEX CONCURRENTLY name``) and migrate again (docs/operations.md).
"""

from django.contrib.postgres.operations import AddIndexConcurrently as PostgresAddIndexConcurrently
from django.contrib.postgres.operations import RemoveIndexConcurrently as PostgresRemoveIndexConcurrently
from django.db import migrations


class _ConcurrentOnPostgres:
    """PostgreSQL's concurrent operation there; ``plain``, the ordinary one, on any other database."""

    plain: type[migrations.operations.base.Operation]

    def _on(self, schema_editor, direction: str):
        if schema_editor.connection.vendor == "postgresql":
            return getattr(super(), direction)
        return getattr(self.plain, direction).__get__(self)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        return self._on(schema_editor, "database_forwards")(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        return self._on(schema_editor, "database_backwards")(app_label, schema_editor, from_state, to_state)


class AddIndexConcurrently(_ConcurrentOnPostgres, PostgresAddIndexConcurrently):
    plain = migrations.AddIndex


class RemoveIndexConcurrently(_ConcurrentOnPostgres, PostgresRemoveIndexConcurrently):
    plain = migrations.RemoveIndex
