"""The catalog a schema creates, as tests/public_schemas/ compares it.

A public schema's fixture (``tests/public_schemas/<name>/catalog.json``) is what PostgreSQL
derived from the ORIGINAL hand-written SQL: the SQL is applied to a fresh stand-in database
and :func:`created_catalog` keeps what it added or changed. The original SQL itself is never
committed (it is someone else's code); ``python tests/support/public_schemas.py <name>
<original.sql>...`` rewrites a fixture from a local copy of it.

The same function describes the database our migration built, so the test compares like with
like. Two normalisations, both applied to the two sides:

- the stand-in's own objects are left out: every section entry equal to a pristine stand-in
  database's is dropped, and of a table the stand-in owns (auth.users, storage.objects) only
  the parts that changed are kept (its policies, triggers, grants);
- a function's body (its ``source``) is left out, and the fixture never records it: a body is
  program code, which this repository does not copy, so the specs' bodies are our own,
  written from what each function is for. Every other fact of a function (name, arguments
  with their defaults, result, language, volatility, strictness, security, configuration,
  EXECUTE grants, comment) is compared. That a body reaches the database as the spec writes
  it is proven by tests/cases/functions and tests/diffs, not here.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from support.catalog import introspect
from support.postgres import DatabaseServer, apply_sql, connect

PUBLIC_SCHEMAS_DIR = Path(__file__).resolve().parent.parent / "public_schemas"

#: What Supabase installs into `extensions` before any migration and the stand-in lacks where
#: the server has no pgcrypto or uuid-ossp (the embedded PostgreSQL 18 has neither): the real
#: extensions where available, else functions of the same names and results. Applied to both
#: sides (and to the pristine database), so it is never part of a compared catalog.
SUPABASE_PREINSTALLED_SQL = """
DO $preinstalled$
BEGIN
    IF EXISTS (SELECT FROM pg_catalog.pg_available_extensions WHERE name = 'pgcrypto') THEN
        CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA extensions;
    ELSE
        CREATE FUNCTION extensions.gen_random_bytes(integer) RETURNS bytea
        LANGUAGE sql VOLATILE STRICT
        AS $f$ SELECT substring(string_agg(uuid_send(gen_random_uuid()), ''::bytea) FROM 1 FOR $1)
               FROM generate_series(0, $1 / 16) $f$;
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_available_extensions WHERE name = 'uuid-ossp') THEN
        CREATE EXTENSION IF NOT EXISTS "uuid-ossp" WITH SCHEMA extensions;
    ELSE
        CREATE FUNCTION extensions.uuid_generate_v4() RETURNS uuid
        LANGUAGE sql VOLATILE AS $f$ SELECT gen_random_uuid() $f$;
    END IF;
END
$preinstalled$;
"""

_USER_SCHEMAS = """
SELECT nspname::text FROM pg_namespace
WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' ORDER BY 1
"""


def user_schemas(url: str) -> list[str]:
    """Every schema of the database but PostgreSQL's own."""
    with connect(url) as conn:
        return [row[0] for row in conn.execute(_USER_SCHEMAS).fetchall()]


def _changed(entry: Any, baseline: Any) -> Any:
    """The parts of a table entry that differ from the pristine stand-in's."""
    if isinstance(entry, dict) and isinstance(baseline, dict):
        return {key: value for key, value in entry.items() if baseline.get(key) != value}
    return entry


def without_standin(catalog: dict[str, Any], pristine: dict[str, Any]) -> dict[str, Any]:
    """``catalog`` less what a pristine stand-in database already has."""
    result: dict[str, Any] = {}
    for section, entries in catalog.items():
        base = pristine.get(section)
        if isinstance(entries, dict) and isinstance(base, dict):
            kept = {name: (_changed(value, base[name]) if section == "tables" and name in base
                           else value)
                    for name, value in entries.items() if base.get(name) != value}
            result[section] = kept
        elif isinstance(entries, list) and isinstance(base, list):
            result[section] = [item for item in entries if item not in base]
        else:
            result[section] = entries
    return result


def comparable(catalog: dict[str, Any]) -> dict[str, Any]:
    """The catalog without function bodies (see the module doc)."""
    functions = {name: {key: value for key, value in function.items() if key != "source"}
                 for name, function in catalog.get("functions", {}).items()}
    return {**catalog, "functions": functions}


def created_catalog(server: DatabaseServer, sql_texts: Sequence[str]) -> dict[str, Any]:
    """Apply ``sql_texts`` in order to a fresh stand-in database; what they created."""
    with server.fresh_database() as pristine_url:
        apply_sql(pristine_url, SUPABASE_PREINSTALLED_SQL)
        schemas_before = user_schemas(pristine_url)
        with server.fresh_database() as url:
            apply_sql(url, SUPABASE_PREINSTALLED_SQL)
            for text in sql_texts:
                apply_sql(url, text)
            schemas = user_schemas(url)
            catalog = introspect(url, schemas)
        pristine = introspect(pristine_url, schemas_before)
    return without_standin(catalog, pristine)


def main(argv: Sequence[str]) -> None:
    """``public_schemas.py <name> <original.sql>...``: rewrite ``<name>/catalog.json``."""
    name, *paths = argv
    texts = [Path(path).read_text() for path in paths]
    with DatabaseServer.start() as server:
        catalog = created_catalog(server, texts)
    target = PUBLIC_SCHEMAS_DIR / name / "catalog.json"
    target.write_text(json.dumps(comparable(catalog), indent=2, sort_keys=True) + "\n")
    print(f"wrote {target}")


if __name__ == "__main__":
    main(sys.argv[1:])
