"""The pydantic models against PostgREST's payloads and PostgreSQL: columns renamed for Python
(`from` -> `from_`) validate by either name and serialize by the column's name; row models
ignore keys they do not know (embedded selects, columns added before a redeploy) while Insert
and Update models refuse them; numeric(p, s) is checked as PostgreSQL stores it, and a regular
expression CHECK becomes the field's pattern."""

from __future__ import annotations

import importlib.util
import sys
import uuid
from decimal import Decimal
from types import ModuleType
from typing import Any

import pytest
from psycopg import sql
from psycopg.rows import dict_row
from pydantic import ValidationError
from support.postgres import apply_sql, connect

from codegen.emit.pydantic_models import emit_pydantic
from codegen.migrate.compare import compare
from codegen.migrate.history import render_migration
from codegen.project import load_schema
from codegen.schema import ir

SPEC = """\
tables:
  trips:
    columns:
      id: {type: uuid, primary_key: true}
      from: text
      class: text?
      json: jsonb?
      price: numeric(5,4)?
      code: {type: text?, check: "code ~ '^[A-Z]{3}$'"}
      blob: bytea?
"""
TRIP = uuid.UUID(int=7)


@pytest.fixture(scope="module")
def schema() -> ir.Schema:
    return load_schema({"schema/trips.yaml": SPEC})


@pytest.fixture(scope="module")
def models(schema: ir.Schema, tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    path = tmp_path_factory.mktemp("payloads") / "codegen_trips_models.py"
    path.write_text(emit_pydantic(schema), encoding="utf-8")
    spec = importlib.util.spec_from_file_location("codegen_trips_models", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["codegen_trips_models"] = module
    spec.loader.exec_module(module)
    return module


def test_renamed_fields_validate_by_either_name_and_dump_the_column_name(
        models: ModuleType) -> None:
    by_name = models.TripInsert(id=TRIP, from_="Lyon", class_="first", json_={"a": 1})
    by_alias = models.TripInsert.model_validate(
        {"id": str(TRIP), "from": "Lyon", "class": "first", "json": {"a": 1}})
    assert by_name == by_alias
    assert by_name.model_dump(mode="json") == {
        "id": str(TRIP), "from": "Lyon", "class": "first", "json": {"a": 1}}
    assert models.TripUpdate(from_="Nice").model_dump() == {"from": "Nice"}
    assert models.TripUpdate.model_validate({"from_": "Nice"}).model_dump() == {"from": "Nice"}


def test_rows_ignore_unknown_keys_writes_refuse_them(models: ModuleType) -> None:
    row = {"id": str(TRIP), "from": "Lyon", "class": None, "json": None, "price": None,
           "code": None, "blob": None}
    # select=*,driver(*) on PostgREST, and a column added before the models were redeployed
    read = models.Trip.model_validate({**row, "driver": {"name": "Ann"}, "added": 1})
    assert read.from_ == "Lyon" and "driver" not in read.model_dump()
    for model in (models.TripInsert, models.TripUpdate):
        with pytest.raises(ValidationError, match="extra_forbidden"):
            model.model_validate({**row, "form": "typo"})


@pytest.mark.parametrize(("price", "error"), [
    ("9.99999", "decimal_max_digits"),  # PostgreSQL rounds to 10.0000: numeric field overflow
    ("10", "decimal_whole_digits"),
    ("1.23456", "decimal_max_digits"),
])
def test_numeric_precision_and_scale(models: ModuleType, price: str, error: str) -> None:
    with pytest.raises(ValidationError, match=error):
        models.TripInsert(id=TRIP, from_="x", price=Decimal(price))


def test_postgres_takes_what_the_models_dump_and_refuses_what_they_refuse(
        database_url: str, schema: ir.Schema, models: ModuleType) -> None:
    apply_sql(database_url, render_migration(compare(ir.Schema(), schema), ("trips",)))
    insert = models.TripInsert(id=TRIP, from_="Lyon", class_="first", price=Decimal("9.9999"))
    payload: dict[str, Any] = insert.model_dump()
    with connect(database_url) as conn, conn.cursor(row_factory=dict_row) as cursor:
        statement = sql.SQL("insert into public.trips ({}) values ({}) returning *").format(
            sql.SQL(", ").join(map(sql.Identifier, payload)),
            sql.SQL(", ").join(sql.Placeholder() * len(payload)))
        row = cursor.execute(statement, list(payload.values())).fetchone()
        assert row is not None
        assert models.Trip.model_validate(row).model_dump() == {
            "id": TRIP, "from": "Lyon", "class": "first", "json": None,
            "price": Decimal("9.9999"), "code": None, "blob": None}
        with pytest.raises(Exception, match="numeric field overflow"), conn.transaction():
            cursor.execute('insert into public.trips (id, "from", price) '
                           "values (gen_random_uuid(), 'x', 9.99999)")


@pytest.mark.parametrize(("code", "valid"), [("ABC", True), ("AB", False), ("abc", False),
                                             ("ABCD", False), ("xABC", False)])
def test_a_regex_check_is_the_fields_pattern(database_url: str, schema: ir.Schema,
                                              models: ModuleType, code: str, valid: bool) -> None:
    """The model and PostgreSQL accept and refuse the same codes."""
    apply_sql(database_url, render_migration(compare(ir.Schema(), schema), ("trips",)))
    if valid:
        models.TripInsert(id=TRIP, from_="x", code=code)
    else:
        with pytest.raises(ValidationError, match="string_pattern_mismatch"):
            models.TripInsert(id=TRIP, from_="x", code=code)
    with connect(database_url) as conn:
        try:
            conn.execute('insert into public.trips (id, "from", code) values (%s, %s, %s)',
                         [uuid.uuid4(), "x", code])
            accepted = True
        except Exception as err:  # noqa: BLE001 - the check constraint's violation
            assert "violates check constraint" in str(err)
            accepted = False
    assert accepted is valid


def test_bytea_is_the_hex_text_postgrest_sends(database_url: str, schema: ir.Schema,
                                              models: ModuleType) -> None:
    apply_sql(database_url, render_migration(compare(ir.Schema(), schema), ("trips",)))
    insert = models.TripInsert(id=TRIP, from_="x", blob="\\x48656c6c6f")
    with pytest.raises(ValidationError, match="string_pattern_mismatch"):
        models.TripInsert(id=TRIP, from_="x", blob="Hello")  # PostgreSQL would store 5 bytes
    with connect(database_url) as conn:
        conn.execute('insert into public.trips (id, "from", blob) values (%s, %s, %s)',
                     [TRIP, "x", insert.model_dump()["blob"]])
        stored, as_json = conn.execute(
            "select blob = 'Hello'::bytea, to_jsonb(t) from public.trips t").fetchone()
    assert stored is True
    assert models.Trip.model_validate(as_json).blob == "\\x48656c6c6f"  # PostgREST's row
