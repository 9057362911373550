"""Connecting to a user's database: clear one-line errors, PostgreSQL 14 or newer."""

from __future__ import annotations

from typing import Any

import psycopg

from codegen.live.errors import LiveError, mask_url, scrub

Connection = psycopg.Connection[tuple[Any, ...]]

MINIMUM_SERVER = 140000  # PostgreSQL 14: the oldest major version Supabase still ran
CONNECT_TIMEOUT = 10  # seconds


def connect(url: str, *, autocommit: bool = True) -> Connection:
    """Open a connection or raise :class:`LiveError` naming the (masked) URL and the reason."""
    try:
        conn = psycopg.connect(url, autocommit=autocommit, connect_timeout=CONNECT_TIMEOUT)
    except psycopg.OperationalError as err:
        raise LiveError(f"cannot connect to {mask_url(url)}: {_reason(err, url)}") from None
    except psycopg.ProgrammingError as err:  # a malformed connection string
        raise LiveError(f"invalid database URL {mask_url(url)}: {scrub(str(err), url)}") from None
    try:
        check_server_version(conn.info.server_version,
                             conn.info.parameter_status("server_version"), url)
    except LiveError:
        conn.close()
        raise
    return conn


def check_server_version(number: int, shown: str | None, url: str) -> None:
    """Refuse a server older than :data:`MINIMUM_SERVER` (``number`` as libpq gives it,
    130011 for 13.11; ``shown`` the server's own spelling of it)."""
    if number < MINIMUM_SERVER:
        raise LiveError(f"{mask_url(url)} runs PostgreSQL {shown or number}; codegen needs "
                        f"{MINIMUM_SERVER // 10000} or newer")


def _reason(err: psycopg.Error, url: str) -> str:
    # libpq's message repeats the host and adds a second line per address tried: keep the
    # last informative line ("password authentication failed for user ...").
    lines = [line.strip() for line in str(err).splitlines() if line.strip()]
    reason = lines[-1] if lines else type(err).__name__
    reason = reason.removeprefix("FATAL:").strip()
    return scrub(reason, url)


def privilege_error(err: psycopg.Error, url: str) -> LiveError:
    """A catalog query refused: the role lacks privileges (or the server is unusual)."""
    message = err.diag.message_primary or str(err)
    return LiveError(f"{mask_url(url)}: {scrub(message, url)} (does the role have USAGE on "
                     "the schema and may it read pg_catalog?)")
