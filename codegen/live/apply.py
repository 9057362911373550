"""Running migration files on a scratch database, as the Supabase CLI does."""

from __future__ import annotations

import re

import psycopg
from pglast import parser

from codegen.live.connection import Connection

# A file that builds indexes concurrently cannot run inside a transaction block.
_CONCURRENTLY = re.compile(r"\bconcurrently\b", re.IGNORECASE)


class MigrationFailed(Exception):
    """A migration file failed on the scratch server: which file, where and why."""

    def __init__(self, name: str, error: psycopg.Error, line: int | None) -> None:
        message = error.diag.message_primary or " ".join(str(error).split())
        where = f"{name}:{line}" if line else name
        super().__init__(f"{where}: {error.sqlstate or 'ERROR'}: {message}")


def apply_migration(conn: Connection, name: str, text: str) -> None:
    """Run one file in one transaction (as the Supabase CLI does), or statement by statement
    outside one when it builds indexes concurrently. ``conn`` is in autocommit mode.

    The file goes as one message (twice as fast as statement by statement); when it fails,
    it is run again statement by statement in a transaction rolled back, to name the line."""
    if not text.strip():
        return
    if _CONCURRENTLY.search(text):
        for part in _statements(text):
            _run(conn, name, text, part)
        return
    try:
        conn.execute(text.encode(), prepare=False)  # simple query: one implicit transaction
    except psycopg.Error as first:
        with conn.transaction(force_rollback=True):
            for part in _statements(text):
                _run(conn, name, text, part)
        raise MigrationFailed(name, first, None) from None


def _statements(text: str) -> list[slice]:
    try:
        return list(parser.split(text, only_slices=True))
    except parser.ParseError:
        return [slice(0, len(text))]  # the server reports the syntax error and its place


def _run(conn: Connection, name: str, text: str, part: slice) -> None:
    try:
        conn.execute(text[part].encode(), prepare=False)
    except psycopg.Error as err:
        position = err.diag.statement_position
        offset = part.start + (int(position) - 1 if position and position.isdigit() else 0)
        line = text.count("\n", 0, offset) + 1
        raise MigrationFailed(name, err, line) from None
