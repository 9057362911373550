"""Views on a real PostgreSQL: every view in the tests (golden cases, oracle specs, each
version of the diff histories, the lint cases) is
created by its migration with the columns the spec declares, exactly the types PostgreSQL
infers, the options asked for, and the updatability codegen works out for the types
(Insert/Update of the Database type, ``?: never`` columns)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from support.postgres import apply_sql, connect
from support.spec_catalog import format_type
from test_golden_cases import CASES, case_schema, full_migration

from codegen.project import load_schema
from codegen.schema import ir
from codegen.schema.view_query import view_shapes

SPECS_DIR = Path(__file__).parent / "oracle" / "specs"
DIFFS_DIR = Path(__file__).parent / "diffs"
LINT_DIR = Path(__file__).parent / "lint"


def _schemas() -> dict[str, ir.Schema]:
    found = {f"case:{name}": case_schema(name) for name in CASES}
    for path in sorted(SPECS_DIR.glob("*.yaml")):
        found[f"spec:{path.stem}"] = load_schema({path.name: path.read_text()})
    for path in sorted(DIFFS_DIR.glob("*/v*.yaml")):
        key = f"diff:{path.parent.name}/{path.stem}"
        found[key] = load_schema({f"{path.parent.name}/{path.name}": path.read_text()})
    for path in sorted(LINT_DIR.glob("*/*.yaml")):
        if "views:" in path.read_text():
            key = f"lint:{path.parent.name}/{path.stem}"
            found[key] = load_schema({f"{path.parent.name}/{path.name}": path.read_text()})
    return {key: schema for key, schema in found.items() if schema.views}


SCHEMAS = _schemas()

_VIEWS = """
SELECT c.relname, n.nspname, c.relkind, coalesce(c.reloptions, '{}') AS options,
       obj_description(c.oid, 'pg_class') AS comment,
       (pg_relation_is_updatable(c.oid, true) & 8) = 8 AS insertable,
       (pg_relation_is_updatable(c.oid, true) & 4) = 4 AS updatable,
       coalesce(c.relacl::text[], '{}') AS acl,
       (SELECT array_agg(json_build_object(
            'name', a.attname, 'type', format_type(a.atttypid, a.atttypmod),
            'comment', col_description(c.oid, a.attnum),
            'updatable', pg_column_is_updatable(c.oid, a.attnum, false)) ORDER BY a.attnum)
        FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       ) AS columns,
       v.check_option
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN information_schema.views v ON v.table_schema = n.nspname AND v.table_name = c.relname
WHERE c.relkind IN ('v', 'm') AND n.nspname = %s AND c.relname = %s
"""


def _facts(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "materialized": row["relkind"] == "m",
        "security_invoker": "security_invoker=true" in row["options"],
        "check_option": None if row["check_option"] in (None, "NONE") else
        row["check_option"].lower(),
        "comment": row["comment"],
        "columns": [(c["name"], c["type"], c["comment"]) for c in row["columns"]],
        "insertable": row["insertable"], "updatable": row["updatable"],
        "updatable_columns": [c["name"] for c in row["columns"] if c["updatable"]],
    }


def _expected(view: ir.View, schema: ir.Schema) -> dict[str, Any]:
    shape = view_shapes(schema.views, schema.tables)[view.name]
    writable = shape.insertable and not view.materialized
    return {
        "materialized": view.materialized, "security_invoker": view.security_invoker,
        "check_option": view.check_option, "comment": view.comment,
        "columns": [(c.name, format_type(c.type), c.comment) for c in view.columns],
        "insertable": writable, "updatable": writable,
        "updatable_columns": [] if view.materialized else
        [view.columns[i].name for i in sorted(shape.updatable)],
    }


@pytest.mark.parametrize("key", sorted(SCHEMAS))
def test_views_are_what_the_spec_declares(database_url: str, key: str) -> None:
    schema = SCHEMAS[key]
    apply_sql(database_url, full_migration(schema))
    with connect(database_url) as conn:
        conn.execute("SET search_path TO ''")  # types as format_type() qualifies them
        for view in schema.views:
            rows = conn.execute(_VIEWS, (view.name.schema, view.name.name)).fetchall()
            assert len(rows) == 1, view.name
            columns = [d.name for d in conn.execute(_VIEWS, (view.name.schema,
                                                             view.name.name)).description]
            actual = _facts(dict(zip(columns, rows[0])))
            assert actual == _expected(view, schema), view.name
            for grant in view.grants:
                for privilege in grant.privileges:
                    assert conn.execute("SELECT has_table_privilege(%s, %s, %s)", (
                        grant.role, str(view.name), privilege)).fetchone() == (True,)
