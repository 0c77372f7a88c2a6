"""Database routing: the API's reads from a read replica when one is configured (``DATABASE_REPLICA_URL``).

Writes, and every read made inside a transaction on the primary (a write's own reads: an import's
"is this text stored?", the admin's form after a save), go to ``default``; the rest read the
replica. A replica lags its primary by a little: a client may not see its own write on the next
request for that long. ETags come from the data-version row read on the same replica as the data
they describe, so a cached response is never validated against newer data than it shows.
"""

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, transaction

REPLICA = "replica"


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if REPLICA not in settings.DATABASES or transaction.get_connection(DEFAULT_DB_ALIAS).in_atomic_block:
            return DEFAULT_DB_ALIAS
        return REPLICA

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS  # the replica follows the primary's schema by replication
