"""Run the spec's row level security tests (``tests:`` on a table) on a database.

Each test runs in a transaction that is rolled back: the fixture rows are inserted as the
connecting superuser (bypassing RLS), then ``SET LOCAL ROLE`` and ``request.jwt.claims`` are
set as PostgREST sets them, so ``auth.uid()``, ``auth.role()`` and ``auth.jwt()`` see the
test's user, and the statement runs in a savepoint whose outcome is compared with ``expect``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import psycopg
from psycopg import sql
from psycopg.rows import dict_row

from codegen.diagnostics import Span
from codegen.live.connection import Connection
from codegen.schema import ir
from codegen.schema.defaults import quote_literal
from codegen.schema.pgtypes import BUILTINS

_SHOWN_ROWS = 5


@dataclass(frozen=True)
class TestOutcome:
    """How one RLS test went; ``happened`` says what happened instead when it failed."""

    table: ir.QualifiedName
    test: ir.RlsTest
    passed: bool
    happened: str = ""

    @property
    def span(self) -> Span | None:
        return self.test.span

    def line(self) -> str:
        span = self.test.span
        where = f"{span.file}:{span.line}:{span.col}: " if span else ""
        head = f'test "{self.test.name}" on {self.table} as {self.test.role}'
        return f"{where}{head}: {'passed' if self.passed else self.happened}"


def declared_tests(spec: ir.Schema) -> list[tuple[ir.QualifiedName, ir.RlsTest]]:
    return [(table.name, test) for table in spec.tables for test in table.tests]


def run_tests(conn: Connection, spec: ir.Schema) -> list[TestOutcome]:
    """Run every test of ``spec`` on ``conn`` (autocommit, a superuser); nothing is kept."""
    return [_run(conn, spec, table, test) for table, test in declared_tests(spec)]


def _run(conn: Connection, spec: ir.Schema, table: ir.QualifiedName,
         test: ir.RlsTest) -> TestOutcome:
    with conn.transaction(force_rollback=True):
        try:
            with conn.transaction():
                for target, rows in test.given:
                    for row in rows:
                        conn.execute(_insert(spec, target, row, returning=False))
        except psycopg.Error as err:
            return TestOutcome(table, test, False,
                               f"its fixture rows could not be inserted: {_error_text(err)}")
        _become(conn, test)
        try:
            with conn.transaction(), conn.cursor(row_factory=dict_row) as cur:
                count, returned = 0, []
                for statement in _statements(spec, table, test):
                    cur.execute(statement)
                    if cur.description is not None:
                        returned.extend(cur.fetchall())
                    count += max(cur.rowcount, 0) if cur.description is None else 0
                count = len(returned) if returned or test.statement in ("select", "call") or \
                    test.expect_rows is not None else count
        except psycopg.Error as err:
            return _judge_error(table, test, err)
    return _judge_rows(table, test, count, returned)


def _become(conn: Connection, test: ir.RlsTest) -> None:
    claims = json.loads(json.dumps({"role": test.role, **test.claims}, default=str))
    settings = {"request.jwt.claims": json.dumps(claims, sort_keys=True)}
    for key, value in claims.items():  # the legacy per-claim settings auth.uid() still reads
        if isinstance(value, (str, int, float, bool)):
            settings[f"request.jwt.claim.{key}"] = value if isinstance(value, str) \
                else json.dumps(value)
    conn.execute(sql.SQL("SET LOCAL ROLE {}").format(sql.Identifier(test.role)))
    conn.execute(sql.SQL("SELECT {}").format(sql.SQL(", ").join(
        sql.SQL("set_config({}, {}, true)").format(sql.Literal(k), sql.Literal(v))
        for k, v in sorted(settings.items()))))


def _statements(spec: ir.Schema, table: ir.QualifiedName, test: ir.RlsTest) -> list[sql.Composed]:
    target = sql.Identifier(table.schema, table.name)
    where = sql.SQL(" WHERE {}").format(sql.SQL(test.where)) if test.where else sql.SQL("")
    returning = sql.SQL(" RETURNING *") if test.expect_rows is not None else sql.SQL("")
    match test.statement:
        case "select":
            columns = sql.SQL(", ").join(map(sql.Identifier, test.columns)) if test.columns \
                else sql.SQL("*")
            return [sql.SQL("SELECT {} FROM {}{}").format(columns, target, where)]
        case "insert":
            return [_insert(spec, table, row, returning=test.expect_rows is not None)
                    for row in test.rows]
        case "update":
            assignments = sql.SQL(", ").join(
                sql.SQL("{} = {}").format(sql.Identifier(column), _value(spec, table, column, value))
                for column, value in test.rows[0].items())
            return [sql.SQL("UPDATE {} SET {}{}{}").format(target, assignments, where, returning)]
        case "delete":
            return [sql.SQL("DELETE FROM {}{}{}").format(target, where, returning)]
        case "call":
            assert test.function is not None
            args = sql.SQL(", ").join(
                sql.SQL("{} => {}").format(sql.Identifier(name), _untyped(value))
                for name, value in test.rows[0].items())
            function = sql.Identifier(test.function.schema, test.function.name)
            return [sql.SQL("SELECT * FROM {}({})").format(function, args)]
    raise AssertionError(test.statement)


def _insert(spec: ir.Schema, table: ir.QualifiedName, row: dict[str, Any],
            returning: bool) -> sql.Composed:
    target = sql.Identifier(table.schema, table.name)
    if not row:
        return sql.SQL("INSERT INTO {} DEFAULT VALUES{}").format(
            target, sql.SQL(" RETURNING *" if returning else ""))
    return sql.SQL("INSERT INTO {} ({}) VALUES ({}){}").format(
        target, sql.SQL(", ").join(map(sql.Identifier, row)),
        sql.SQL(", ").join(_value(spec, table, column, value) for column, value in row.items()),
        sql.SQL(" RETURNING *" if returning else ""))


def _value(spec: ir.Schema, table: ir.QualifiedName, column: str, value: Any) -> sql.SQL:
    """A YAML value as an SQL literal PostgreSQL casts to the column's type."""
    spec_table = spec.table(table)
    column_type = None
    if spec_table is not None:
        column_type = next((c.type for c in spec_table.columns if c.name == column), None)
    if (isinstance(value, (dict, list)) and column_type is not None and column_type.enum is None
            and BUILTINS[column_type.base].kind == "json"):
        return sql.SQL(quote_literal(json.dumps(value, separators=(",", ":"))))
    return _untyped(value)


def _untyped(value: Any) -> sql.SQL:
    if value is None:
        return sql.SQL("NULL")
    if isinstance(value, bool):
        return sql.SQL("true" if value else "false")
    if isinstance(value, (int, float, Decimal)):
        return sql.SQL(quote_literal(str(value)))
    if isinstance(value, dict):
        return sql.SQL(quote_literal(json.dumps(value, separators=(",", ":"))))
    if isinstance(value, list):
        items = ",".join('"' + json.dumps(v, default=str).strip('"').replace('"', '\\"') + '"'
                         if v is not None else "NULL" for v in value)
        return sql.SQL(quote_literal("{" + items + "}"))
    return sql.SQL(quote_literal(str(value)))


def _error_text(err: psycopg.Error) -> str:
    message = err.diag.message_primary or " ".join(str(err).split())
    return f"{err.sqlstate or 'ERROR'} {message}"


def _judge_error(table: ir.QualifiedName, test: ir.RlsTest, err: psycopg.Error) -> TestOutcome:
    if test.expect_error is not None and err.sqlstate == test.expect_error:
        return TestOutcome(table, test, True)
    wanted = f"error {test.expect_error}" if test.expect_error else _wanted(test)
    return TestOutcome(table, test, False, f"expected {wanted}, but it was refused: "
                       f"{_error_text(err)}")


def _wanted(test: ir.RlsTest) -> str:
    if test.expect_count is not None:
        return f"{test.expect_count} row(s)"
    rows = test.expect_rows or ()
    return f"the rows {_show(list(rows))}"


def _judge_rows(table: ir.QualifiedName, test: ir.RlsTest, count: int,
                rows: list[dict[str, Any]]) -> TestOutcome:
    if test.expect_error is not None:
        got = f"{count} row(s)" + (f": {_show(rows)}" if rows else "")
        return TestOutcome(table, test, False,
                           f"expected error {test.expect_error}, but it succeeded with {got}")
    if test.expect_count is not None:
        if count == test.expect_count:
            return TestOutcome(table, test, True)
        got = f"{count} row(s)" + (f": {_show(rows)}" if rows else "")
        return TestOutcome(table, test, False, f"expected {test.expect_count} row(s), got {got}")
    expected = sorted(_canonical(r) for r in test.expect_rows or ())
    keys = [set(r) for r in test.expect_rows or ()]
    columns = set().union(*keys) if keys else set()
    actual = sorted(_canonical({k: v for k, v in r.items() if k in columns}) for r in rows)
    if actual == expected:
        return TestOutcome(table, test, True)
    shown = [{k: v for k, v in r.items() if k in columns} for r in rows] if columns else rows
    return TestOutcome(table, test, False, f"expected the rows {_show(list(test.expect_rows or ()))}"
                       f", got {_show(shown)}")


def _plain(value: Any) -> Any:
    """A value as JSON would carry it, numbers as numbers whatever their Python type."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float, Decimal)):
        number = Decimal(str(value))
        return int(number) if number == number.to_integral_value() else float(number)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return str(value)


def _canonical(row: dict[str, Any]) -> str:
    return json.dumps(_plain(row), sort_keys=True)


def _show(rows: Sequence[dict[str, Any]]) -> str:
    shown = ", ".join(json.dumps(_plain(r), sort_keys=True) for r in rows[:_SHOWN_ROWS])
    more = f", … ({len(rows) - _SHOWN_ROWS} more)" if len(rows) > _SHOWN_ROWS else ""
    return f"[{shown}{more}]"
