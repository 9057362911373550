"""Shared pytest fixtures. Keep these thin: the logic lives in tests/support/."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.postgres import Connection, DatabaseServer, connect


@pytest.fixture(scope="session")
def pg_server() -> Iterator[DatabaseServer]:
    """The session's PostgreSQL server ($CODEGEN_TEST_DATABASE_URL or embedded)."""
    with DatabaseServer.start() as server:
        yield server


@pytest.fixture(scope="session")
def pg_server_url(pg_server: DatabaseServer) -> str:
    """Superuser URL of the server's maintenance database."""
    return pg_server.url


@pytest.fixture
def database_url(pg_server: DatabaseServer) -> Iterator[str]:
    """URL of a fresh database (Supabase shim only) for this test; dropped afterwards."""
    with pg_server.fresh_database() as url:
        yield url


@pytest.fixture
def db_conn(database_url: str) -> Iterator[Connection]:
    """Autocommit superuser connection to `database_url`."""
    with connect(database_url) as conn:
        yield conn


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true",
                     help="rewrite expected golden files from the current output")
