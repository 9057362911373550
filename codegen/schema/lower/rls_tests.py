"""Lower a table's row level security tests (``tests:``), run later by `codegen verify`.

Checked here, with the spec: one statement per test, one expected outcome, fixture tables
and columns that exist, filters that are single SQL expressions, errors PostgreSQL knows.
"""

from __future__ import annotations

import re
from typing import Any

from codegen.schema import ir
from codegen.schema.lower.context import Context, Located, did_you_mean, qualify
from codegen.schema.supabase import EXTERNAL_TABLES
from codegen.spec.document import Path
from codegen.spec.models import RlsTestSpec, TableSpec

_STATEMENTS: tuple[ir.RlsStatement, ...] = ("select", "insert", "update", "delete", "call")
_SQLSTATE = re.compile(r"[0-9A-Z]{5}\Z")


def sqlstate_of(error: str) -> str | None:
    """The SQLSTATE an expected error names (a code, or a condition name such as
    insufficient_privilege), or None when PostgreSQL has no such error."""
    from psycopg import errors

    try:
        return str(errors.lookup(error.strip().upper() if _SQLSTATE.match(error.strip().upper())
                                 else error.strip().lower()).sqlstate)
    except KeyError:
        return None


class RlsTests(Context):
    """Builds the RLS tests of a table."""

    def lower_rls_tests(self, name: ir.QualifiedName, spec: TableSpec,
                        where: Located) -> tuple[ir.RlsTest, ...]:
        result: list[ir.RlsTest] = []
        seen: set[str] = set()
        for i, test in enumerate(spec.tests):
            path: Path = ("tests", i)
            if test.name in seen:
                self.error(where.span(*path, "name"), "E615",
                           f'table "{name}" has two tests named "{test.name}"')
            seen.add(test.name)
            built = self._rls_test(name, spec, test, where, path)
            if built is not None:
                result.append(built)
        return tuple(result)

    def _rls_test(self, name: ir.QualifiedName, spec: TableSpec, test: RlsTestSpec,
                  where: Located, path: Path) -> ir.RlsTest | None:
        columns = set(spec.columns)
        statements = [s for s in _STATEMENTS if getattr(test, s) is not None]
        if len(statements) != 1:
            self.error(where.span(*path), "E610",
                       f'test "{test.name}" of table "{name}" needs exactly one statement, '
                       f"found {len(statements)}",
                       hint="write one of select, insert, update, delete or call")
            return None
        statement = statements[0]
        expect = test.expect
        outcomes = [k for k in ("rows", "count", "error") if getattr(expect, k) is not None]
        if len(outcomes) != 1:
            self.error(where.span(*path, "expect"), "E611",
                       f'test "{test.name}" needs exactly one expected outcome, found '
                       f"{len(outcomes)}", hint="write one of rows, count or error")
        error = None
        if expect.error is not None:
            error = sqlstate_of(expect.error)
            if error is None:
                self.error(where.span(*path, "expect", "error"), "E614",
                           f'"{expect.error}" is neither an SQLSTATE nor a PostgreSQL condition '
                           "name", hint="e.g. 42501 or insufficient_privilege")
        given = tuple(self._fixture(name, table_key, rows, where, (*path, "given"))
                      for table_key, rows in test.given.items())
        rows: tuple[dict[str, Any], ...] = ()
        columns_out: tuple[str, ...] = ()
        filter_sql: str | None = None
        function: ir.QualifiedName | None = None
        match statement:
            case "select":
                assert test.select is not None
                columns_out = tuple(test.select.columns)
                self._columns(name, columns, columns_out, where, (*path, "select", "columns"))
                filter_sql = test.select.where
            case "insert":
                assert test.insert is not None
                single = isinstance(test.insert, dict)
                rows = (test.insert,) if isinstance(test.insert, dict) else tuple(test.insert)
                for j, row in enumerate(rows):
                    at: Path = (*path, "insert") if single else (*path, "insert", j)
                    self._columns(name, columns, row, where, at)
            case "update":
                assert test.update is not None
                rows = (dict(test.update.set),)
                self._columns(name, columns, test.update.set, where, (*path, "update", "set"))
                filter_sql = test.update.where
            case "delete":
                assert test.delete is not None
                filter_sql = test.delete.where
            case "call":
                assert test.call is not None
                function = qualify(test.call.function, None)
                rows = (dict(test.call.args),)
        if filter_sql is not None:
            self.expression(filter_sql, where, (*path, statement, "where"), name, columns)
        return ir.RlsTest(
            test.name, test.as_, dict(test.claims), tuple(g for g in given if g is not None),
            statement, rows, columns_out, filter_sql, function,
            tuple(expect.rows) if expect.rows is not None else None, expect.count, error,
            where.span(*path))

    def _fixture(self, table: ir.QualifiedName, key: str, rows: list[dict[str, Any]],
                 where: Located, path: Path) -> tuple[ir.QualifiedName, tuple[dict[str, Any], ...]] | None:
        target = qualify(key, None)
        if target in self.tables:
            known = set(self.tables[target][0].columns)
        elif target in EXTERNAL_TABLES:
            known = set()  # Supabase's own tables: their columns are not ours to check
        else:
            names = [str(n) for n in self.tables] + [str(n) for n in EXTERNAL_TABLES]
            self.error(where.key_span(*path, key), "E612",
                       f'fixture table "{target}" is neither a table of the spec nor one of '
                       f"Supabase's{did_you_mean(str(target), names)}")
            return None
        if known:
            for j, row in enumerate(rows):
                self._columns(target, known, row, where, (*path, key, j))
        return target, tuple(rows)

    def _columns(self, table: ir.QualifiedName, known: set[str], used: Any, where: Located,
                 path: Path) -> None:
        for j, column in enumerate(used):
            if column not in known:
                at = where.key_span(*path, column) if isinstance(used, dict) else \
                    where.span(*path, j)
                self.error(at, "E613", f'table "{table}" has no column "{column}"'
                           f"{did_you_mean(column, known)}")
