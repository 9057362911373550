"""Schema evolution corpus: tests/diffs/<case>/v1.yaml, v2.yaml[, v3.yaml …].

For each case the migrations are generated step by step exactly as
`codegen generate` would (one folder, one snapshot per migration); the
migrations after v1 are a golden file. On a real PostgreSQL, v1's migration
plus every diff migration must produce the same catalog as the last version's
migration applied to an empty database, and the rows inserted after v1
(data.sql) must still be there (expect.sql returns true).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from goldens import assert_golden
from support.catalog import diff, introspect
from support.postgres import DatabaseServer, apply_sql, connect

from codegen.migrate.compare import compare
from codegen.migrate.history import MigrationFolder, new_migration, read_history
from codegen.migrate.safety import check_changes
from codegen.project import load_schema
from codegen.schema import ir

DIFFS = Path(__file__).parent / "diffs"
CASES = sorted(p.name for p in DIFFS.iterdir() if (p / "v1.yaml").is_file())


def versions(name: str) -> list[ir.Schema]:
    folder = DIFFS / name
    files = sorted(folder.glob("v*.yaml"), key=lambda p: int(p.stem[1:]))
    return [load_schema({f"{name}/{p.name}": p.read_text()}) for p in files]


def migrations(name: str) -> list[tuple[str, str]]:
    """Every migration file generated along the case's history, in order."""
    files: dict[str, str] = {}
    created: list[tuple[str, str]] = []
    for i, schema in enumerate(versions(name), 1):
        folder = MigrationFolder(dict(files))
        previous = read_history(folder).latest
        assert check_changes(compare(previous, schema), schema, False) == [], \
            f"v{i} needs acknowledgements or backfills it does not have"
        new = new_migration(folder, schema, f"v{i}", previous)
        assert new or i == 1, f"v{i} changes nothing"
        files.update(new)
        created.extend((path, text) for path, text in sorted(new.items()) if path.endswith(".sql"))
    return created


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize("name", CASES)
def test_diff_golden(request: pytest.FixtureRequest, name: str) -> None:
    steps = migrations(name)[1:]
    text = "".join(f"==> {path}\n{sql}\n" for path, sql in steps)
    assert_golden(request, DIFFS / name / "expected.sql", text)


@pytest.mark.parametrize("name", CASES)
def test_every_version_compares_equal_to_itself(name: str) -> None:
    for schema in versions(name):
        assert compare(schema, schema) == []


def _normalised(catalog: dict[str, Any], buckets: set[str]) -> dict[str, Any]:
    # PostgreSQL appends added columns, so column order is compared as a set; identity
    # sequences keep their name when a table is renamed, which changes no behaviour.
    catalog = {k: v for k, v in catalog.items() if k != "sequences"}
    catalog["buckets"] = {k: v for k, v in catalog["buckets"].items() if k in buckets}
    for table in catalog["tables"].values():
        table["columns"] = sorted(table["columns"], key=lambda c: c["name"])
    return catalog


def _schemas(schema: ir.Schema) -> tuple[str, ...]:
    return tuple(sorted({"public"} | {t.name.schema for t in schema.tables}
                        | {e.name.schema for e in schema.enums}
                        | {f.name.schema for f in schema.functions}
                        | {n.name for n in schema.namespaces}
                        | {v.name.schema for v in schema.views}))


@pytest.mark.parametrize("name", CASES)
def test_diff_applies_and_matches_fresh_schema(pg_server: DatabaseServer, name: str) -> None:
    steps = migrations(name)
    final = versions(name)[-1]
    data = DIFFS / name / "data.sql"
    expect = DIFFS / name / "expect.sql"
    schemas = tuple(sorted(set(_schemas(final)) | {s for v in versions(name) for s in _schemas(v)}))
    with pg_server.fresh_database() as evolved, pg_server.fresh_database() as fresh:
        for i, (path, sql) in enumerate(steps):
            apply_sql(evolved, sql)
            if i == 0 and data.is_file():
                apply_sql(evolved, data.read_text())
        fresh_sql = migrations_for_fresh(final)
        apply_sql(fresh, fresh_sql)
        # Buckets are rows: those some version declares are compared (data.sql may add others).
        declared = {b.id for v in versions(name) for b in v.buckets}
        with connect(evolved) as a, connect(fresh) as b:
            assert diff(_normalised(introspect(a, schemas), declared),
                        _normalised(introspect(b, schemas), declared)) == []
            if expect.is_file():
                assert a.execute(expect.read_text()).fetchone() == (True,)


def migrations_for_fresh(schema: ir.Schema) -> str:
    files = new_migration(MigrationFolder({}), schema, "fresh", ir.Schema())
    return "\n".join(text for path, text in sorted(files.items()) if path.endswith(".sql"))
