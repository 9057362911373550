"""plpgsql bodies are checked against the function's own signature.

The plpgsql parser needs the signature: the arguments are variables a body may assign, and the
result decides what RETURN takes (an expression, nothing, QUERY/NEXT). Checking every body as
if the function returned void refused every plpgsql function that returns a value.
"""

from __future__ import annotations

import pytest
from support.postgres import apply_sql

from codegen.diagnostics import SpecError
from codegen.migrate.compare import compare
from codegen.migrate.history import render_migration
from codegen.project import load_schema
from codegen.schema import ir

TABLE = """\
tables:
  notes:
    columns:
      id: {type: bigint, primary_key: true, identity: by_default}
      body: text
"""

VALID = {
    "a value": """
  note_count:
    returns: bigint
    language: plpgsql
    body: |
      declare n bigint;
      begin
        select count(*) into n from public.notes;
        return n;
      end;
""",
    "an argument assigned": """
  shout:
    args: {value: text}
    returns: text
    language: plpgsql
    body: |
      begin
        value := upper(value);
        return value;
      end;
""",
    "a set of rows": """
  all_notes:
    returns: setof notes
    language: plpgsql
    body: |
      begin
        return query select * from public.notes;
      end;
""",
    "a table": """
  note_bodies:
    returns: {table: {id: bigint, body: text}}
    language: plpgsql
    body: |
      begin
        return query select n.id, n.body from public.notes n;
      end;
""",
    "out arguments": """
  bounds:
    args: {low: {type: bigint, mode: out}, high: {type: bigint, mode: out}}
    returns: record
    language: plpgsql
    body: |
      begin
        select min(id), max(id) into low, high from public.notes;
        return;
      end;
""",
}


def _schema(functions: str) -> ir.Schema:
    return load_schema({"app.yaml": TABLE + "functions:" + functions})


@pytest.mark.parametrize("returning", sorted(VALID))
def test_plpgsql_function_returning_is_accepted_and_applies(database_url: str,
                                                            returning: str) -> None:
    schema = _schema(VALID[returning])
    apply_sql(database_url, render_migration(compare(ir.Schema(), schema), schema.sources))


@pytest.mark.parametrize(("body", "message"), [
    ("begin return query select 1::bigint; end;", "cannot use RETURN QUERY in a non-SETOF"),
    ("begin return; end;", "missing expression"),
])
def test_a_return_that_does_not_fit_the_result_is_located(body: str, message: str) -> None:
    functions = f"""
  one:
    returns: bigint
    language: plpgsql
    body: "{body}"
"""
    with pytest.raises(SpecError, match=message) as error:
        _schema(functions)
    assert "E410" in str(error.value)


# -- what pglast's plpgsql parser cannot know ------------------------------------------------

PRIVATE = """\
schemas:
  private: {}
enums:
  private.level: [low, high]
tables:
  private.items:
    columns:
      id: {type: bigint, primary_key: true, identity: by_default}
      level: private.level
functions:
  private.first_item:
    args: {wanted: private.level}
    returns: bigint
    language: plpgsql
    body: |
      declare
        found_item private.items;
        found_id bigint;
        found_level private.level;
      begin
        select i.id, i.level into found_id, found_level from private.items i
        where i.level = wanted limit 1;
        select * into found_item from private.items where id = found_id;
        return found_item.id;
      end;
"""


def test_types_of_other_schemas_and_enum_variables_are_accepted_and_apply(
        database_url: str) -> None:
    """pglast's parser resolves names only in pg_catalog and public and takes every type it
    does not know for a row type; PostgreSQL, which knows, accepts this body. The function
    declares a variable of a table's row type, which PostgreSQL resolves when creating it,
    so the table must come first in the migration."""
    schema = load_schema({"app.yaml": PRIVATE})
    migration = render_migration(compare(ir.Schema(), schema), schema.sources)
    assert migration.index("CREATE TABLE private.items") < \
        migration.index("CREATE OR REPLACE FUNCTION private.first_item")
    apply_sql(database_url, migration)


def test_a_syntax_error_after_a_type_of_another_schema_is_still_found() -> None:
    broken = PRIVATE.replace("return found_item.id;", "retrun found_item.id;")
    with pytest.raises(SpecError, match='syntax error at or near "retrun"'):
        load_schema({"app.yaml": broken})
