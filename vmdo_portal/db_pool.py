"""Health check for psycopg's connection pool (DB_POOL=1)."""

from psycopg_pool import ConnectionPool


def check_connection(connection) -> None:
    """The pool's own check when a connection is handed out; when one turns out broken,
    the pool's other idle connections died with it (a PostgreSQL restart or failover), so
    all of them are replaced at once instead of being tried one by one, each try followed
    by a growing pause (the pool's backoff) that would outlast the request's timeout."""
    try:
        ConnectionPool.check_connection(connection)
    except Exception:
        pool = getattr(connection, "_pool", None)
        if pool is not None:
            pool.drain()
        raise
