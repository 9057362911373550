"""Public, hand-written Supabase schemas, expressed in the spec: the catalog must be the original's.

Each folder in tests/public_schemas/ holds a spec written to express one public schema as
faithfully as the spec can (``schema/*.yaml``), ``SOURCE.md`` naming the repository, path and
commit of the original and what the spec leaves out, and ``catalog.json``: what PostgreSQL
built from the ORIGINAL SQL (rewritten by ``tests/support/public_schemas.py``; the SQL itself
is not in this repository). The spec's migration is applied to a fresh stand-in database and
its catalog must equal the fixture, with the normalisations documented in
support/public_schemas.py (the stand-in's own objects left out on both sides).

Function bodies are the one thing not compared: bodies are our own: body equality is proven
by tests/cases/functions and tests/diffs, not here. A body is program code, which this
repository does not copy; each spec's bodies are written from what the function is for (its
name, signature and how the schema uses it), and the fixtures record no body. Every other
fact of a function is compared: its name, arguments and their defaults, result, language,
volatility, strictness, security, configuration, EXECUTE grants and comment; and the bodies
are still proven valid, since PostgreSQL checks each one when the migration creates it.

Supabase's type generator (tests/oracle) then runs on a database built from the spec: its
Tables, Enums and CompositeTypes must be what ``emit_database_types`` writes. (The oracle on
the original's database is the same output as on ours, since it reads only the catalog the
first test shows equal.)
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from oracle.run import is_installed, not_installed_message, supabase_typegen
from support.catalog import diff
from support.postgres import DatabaseServer, apply_sql
from support.public_schemas import (
    PUBLIC_SCHEMAS_DIR,
    SUPABASE_PREINSTALLED_SQL,
    comparable,
    created_catalog,
)

from codegen.emit.database_types import emit_database_types
from codegen.migrate.compare import compare
from codegen.migrate.history import render_migration
from codegen.migrate.snapshot import from_json, to_json
from codegen.project import load_schema
from codegen.schema import ir

NAMES = sorted(p.name for p in PUBLIC_SCHEMAS_DIR.iterdir() if (p / "schema").is_dir())


def spec_schema(name: str) -> ir.Schema:
    root = PUBLIC_SCHEMAS_DIR / name
    files = {p.relative_to(root).as_posix(): p.read_text()
             for p in sorted((root / "schema").glob("*.yaml"))}
    return load_schema(files)


def migration(schema: ir.Schema) -> str:
    return render_migration(compare(ir.Schema(), schema), schema.sources)


def fixture(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((PUBLIC_SCHEMAS_DIR / name / "catalog.json").read_text())
    return loaded


def test_there_are_five_public_schemas_with_functions_and_triggers() -> None:
    """The issue's proof needs at least five, each naming its source and commit; no fixture
    records a function body (the original's code)."""
    assert len(NAMES) >= 5
    for name in NAMES:
        source = (PUBLIC_SCHEMAS_DIR / name / "SOURCE.md").read_text()
        assert re.search(r"\b[0-9a-f]{40}\b", source), f"{name}: SOURCE.md names no commit"
        catalog = fixture(name)
        assert catalog["functions"], f"{name}: the original defines no function"
        assert not [signature for signature, function in catalog["functions"].items()
                    if "source" in function], f"{name}: the fixture records a function body"
    assert sum(1 for name in NAMES if any(
        table.get("triggers") for table in fixture(name)["tables"].values())) >= 5


@pytest.mark.parametrize("name", NAMES)
def test_spec_builds_the_originals_catalog(pg_server: DatabaseServer, name: str) -> None:
    ours = created_catalog(pg_server, [migration(spec_schema(name))])
    expected = comparable(fixture(name))
    assert diff(recorded(comparable(ours), expected), expected) == []


# Facts the catalog reader learnt after the fixtures were made; the originals use none of
# them, or their SOURCE.md lists them as not expressed. Rewriting a fixture from its original
# (tests/support/public_schemas.py) records them too, and this list can then go.
LATER_FACTS = ("buckets", "default_privileges")
LATER_TABLE_FACTS = ("realtime", "replica_identity")


def recorded(catalog: dict[str, Any], fixture: dict[str, Any]) -> dict[str, Any]:
    """The catalog without the facts the fixture could not record (LATER_FACTS)."""
    result = {k: v for k, v in catalog.items() if k not in LATER_FACTS or k in fixture}
    tables = {}
    for name, table in result.get("tables", {}).items():
        before = fixture.get("tables", {}).get(name, {})
        table = {k: v for k, v in table.items() if k not in LATER_TABLE_FACTS or k in before}
        if "policies" in table:
            table["policies"] = {p: {k: v for k, v in policy.items()
                                     if k != "comment" or "comment" in before.get("policies", {})
                                     .get(p, {})}
                                 for p, policy in table["policies"].items()}
        tables[name] = table
    return {**result, "tables": tables}


_FUNCTIONS = re.compile(r"^( +)Functions: \{\n.*?^\1\}\n|^( +)Functions: \{[^\n]*\}\n",
                        re.MULTILINE | re.DOTALL)


def without_functions(types: str) -> str:
    """The Database type with each schema's Functions section blanked (another branch emits
    them; the Tables, Views, Enums and CompositeTypes sections are compared here)."""
    return _FUNCTIONS.sub("Functions: (compared elsewhere)\n", types)


@pytest.mark.parametrize("name", NAMES)
def test_database_types_equal_supabase_generator(pg_server: DatabaseServer, name: str) -> None:
    if not is_installed():
        pytest.fail(not_installed_message(), pytrace=False)
    schema = spec_schema(name)
    with pg_server.fresh_database() as url:
        apply_sql(url, SUPABASE_PREINSTALLED_SQL)
        apply_sql(url, migration(schema))
        expected = supabase_typegen(url)
    assert without_functions(emit_database_types(schema)) == without_functions(expected)


@pytest.mark.parametrize("name", NAMES)
def test_the_next_generation_after_it_is_empty(name: str) -> None:
    """The snapshot a generation records keeps everything the schema has: comparing it with
    the same spec again finds no change (no function, trigger or grant rewritten for
    nothing)."""
    schema = spec_schema(name)
    assert compare(from_json(to_json(schema)), schema) == []
