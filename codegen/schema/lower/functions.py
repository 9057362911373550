"""Lower functions: signature, result, body (checked by PostgreSQL's parser), settings, rights."""

from __future__ import annotations

import re

from pglast import parser as pg_parser

from codegen.schema import ir
from codegen.schema.expressions import ExpressionError, parse_expression
from codegen.schema.lower.context import Located, qualify
from codegen.schema.lower.plpgsql_check import check_plpgsql
from codegen.schema.lower.types import Types
from codegen.schema.pgtypes import type_sql
from codegen.spec.database_objects import FunctionSpec

_NEAR = re.compile(r'at or near "(?P<token>[^"]*)"')


def identity_text(function: ir.Function) -> str:
    """``schema.name(type, type)``: how messages and sorting name one overload."""
    types = ", ".join(type_sql(t, str) for t in function.identity[1])
    return f"{function.name}({types})"


class Functions(Types):
    """Builds the spec's functions; overloads are told apart by their input types."""

    def lower_functions(self) -> tuple[ir.Function, ...]:
        result: list[ir.Function] = []
        first: dict[object, Located] = {}
        for name in sorted(self.functions):
            for spec, where in self.functions[name]:
                function = self._function(name, spec, where)
                if function is None:
                    continue
                if function.identity in first:
                    self.error(where.key_span(), "E401",
                               f"function {identity_text(function)} is defined twice (first at "
                               f"{first[function.identity].key_span()})",
                               hint="overloads need different argument types")
                    continue
                first[function.identity] = where
                result.append(function)
        return tuple(sorted(result, key=identity_text))

    def _function(self, name: ir.QualifiedName, spec: FunctionSpec,
                  where: Located) -> ir.Function | None:
        self.check_identifier(name.name, where.key_span(), "function")
        what = f'function "{name}"'
        args = self._arguments(name, spec, where)
        returns, table = self._returns(name, spec, where)
        if args is None or (returns is None and table is None):
            return None
        trigger = returns is not None and returns.base == "trigger" and returns.enum is None \
            and returns.composite is None
        if trigger and args:
            self.error(where.span("args"), "E405",
                       f"{what} returns trigger, so it takes no arguments",
                       hint="a trigger passes its arguments in TG_ARGV: list them under the "
                       "trigger's `arguments:`")
        if trigger and spec.language == "sql":
            self.error(where.span("language"), "E406",
                       f"{what} returns trigger, which SQL functions cannot",
                       hint="write the body in plpgsql")
        if spec.returns.setof and returns is not None and returns.base in ("trigger", "void") \
                and returns.enum is None:
            self.error(where.span("returns"), "E404", f"{what} cannot return a set of "
                       f"{returns.base}")
        # A trigger function's arguments are refused above (E405), not again by the parser.
        self._check_body(spec, where, name, _check_signature(() if trigger else args, returns,
                                                             spec.returns.setof, table))
        for key in spec.set:
            self.check_identifier(key, where.key_span("set", key), "setting")
        for i, role in enumerate(spec.execute or ()):
            self.check_identifier(role, where.span("execute", i), "role")
        self.check_text(spec.comment, where, ("comment",), f"comment of {what}")
        renamed = None
        if spec.renamed_from is not None:
            renamed = qualify(spec.renamed_from, None if "." in spec.renamed_from else name.schema)
        return ir.Function(
            name=name, args=args, returns=returns, language=spec.language,
            body=normalized_body(spec.body),
            returns_set=spec.returns.setof, returns_table=table or (),
            volatility=spec.volatility, strict=spec.strict,
            security_definer=spec.security == "definer",
            config=tuple(sorted(spec.set.items())),
            execute=None if spec.execute is None else tuple(sorted(set(spec.execute))),
            comment=spec.comment, model=_pascal(name.name), renamed_from=renamed,
            lint_ignore=self.lint_ignores(spec.lint_ignore, where, ()), span=where.key_span(),
        )

    def _arguments(self, name: ir.QualifiedName, spec: FunctionSpec,
                   where: Located) -> tuple[ir.FunctionArg, ...] | None:
        args: list[ir.FunctionArg] = []
        ok = True
        defaulted = False
        for i, (arg_name, arg) in enumerate(spec.args.items()):
            path = ("args", arg_name)
            self.check_identifier(arg_name, where.key_span(*path), "argument")
            arg_type = self.resolve_type(arg.type, name.schema, where, (*path, "type"),
                                         f'argument "{arg_name}"', routine=True)
            if arg_type is None:
                ok = False
                continue
            if arg_type.base in ("trigger", "void") and arg_type.enum is None:
                self.error(where.span(*path, "type"), "E232",
                           f'argument "{arg_name}" cannot be of type "{arg_type.base}"',
                           hint="pseudo-types trigger and void are results only")
            if arg.default is not None:
                defaulted = True
                try:
                    parse_expression(arg.default)
                except ExpressionError as err:
                    self.error(where.doc.offset_span((*where.path, *path, "default"), err.offset),
                               "E240", err.message)
            elif defaulted and arg.mode in ("in", "inout", "variadic"):
                self.error(where.key_span(*path), "E402",
                           f'argument "{arg_name}" of function "{name}" follows an argument '
                           "with a default, so it needs a default too",
                           hint="give it a `default:`, or move it before the defaulted ones")
            if arg.mode == "variadic" and (i != len(spec.args) - 1 or not arg_type.array_dims):
                self.error(where.span(*path, "mode"), "E403",
                           f'variadic argument "{arg_name}" must be the last one, of an array '
                           "type")
            args.append(ir.FunctionArg(arg_name, arg_type, arg.mode, arg.default))
        return tuple(args) if ok else None

    def _returns(self, name: ir.QualifiedName, spec: FunctionSpec, where: Located
                 ) -> tuple[ir.ColumnType | None, tuple[ir.FunctionArg, ...] | None]:
        returns = spec.returns
        if (returns.type is None) == (returns.table is None):
            self.error(where.span("returns"), "E404",
                       f'function "{name}" must return either a type or a table',
                       hint="write `returns: uuid`, `returns: setof profiles` or "
                       "`returns: {table: {id: uuid, name: text}}`")
            return None, None
        if returns.type is not None:
            return self.resolve_type(returns.type, name.schema, where, ("returns",),
                                     f'result of function "{name}"', routine=True), None
        columns: list[ir.FunctionArg] = []
        assert returns.table is not None
        for column, text in returns.table.items():
            path = ("returns", "table", column)
            self.check_identifier(column, where.key_span(*path), "column")
            column_type = self.resolve_type(text, name.schema, where, path,
                                            f'column "{column}"', routine=True)
            if column_type is None:
                return None, None
            columns.append(ir.FunctionArg(column, column_type, "table"))
        return None, tuple(columns)

    def _schema_names(self) -> set[str]:
        """The schemas a body may name: the spec's own and Supabase's."""
        named = {name.schema for name in (*self.enums, *self.tables, *self.functions)}
        named |= set(self.namespaces) | {e.schema_ for e, _ in self.extensions.values()}
        return (named | {"auth", "storage", "extensions", "realtime"}) - {"public", "pg_catalog"}

    def _enum_names(self) -> set[str]:
        """The spec's enums as a body may name them: qualified, and bare."""
        return {spelled.lower() for name in self.enums
                for spelled in (f"{name.schema}.{name.name}", name.name)}

    def _check_body(self, spec: FunctionSpec, where: Located, name: ir.QualifiedName,
                    signature: str) -> None:
        path = (*where.path, "body")
        if not spec.body.strip():
            self.error(where.span("body"), "E410", f'function "{name}" has an empty body')
            return
        if spec.language == "sql":
            try:
                pg_parser.parse_sql_json(spec.body)  # a check: no Python tree wanted
            except pg_parser.ParseError as err:
                location = err.args[1] if len(err.args) > 1 else None
                offset = location if isinstance(location, int) else 0
                self.error(where.doc.offset_span(path, offset), "E410",
                           f'syntax error in the body of function "{name}": {err.args[0]}',
                           hint="the body is checked by PostgreSQL's own parser")
            return
        # plpgsql (see plpgsql_check): the parser reports the token, not the place.
        try:
            check_plpgsql(signature, spec.body, self._schema_names(), self._enum_names())
        except pg_parser.ParseError as err:
            message = str(err.args[0])
            found = _NEAR.search(message)
            offset = spec.body.find(found["token"]) if found and found["token"] else -1
            self.error(where.doc.offset_span(path, max(offset, 0)), "E410",
                       f'syntax error in the body of function "{name}": {message}',
                       hint="the body is checked by PostgreSQL's own plpgsql parser")


def _checked_type(column_type: ir.ColumnType) -> str:
    """A type as the plpgsql parser should see it: an enum is a scalar (see plpgsql_check)."""
    if column_type.enum is not None:
        return "text" + "[]" * column_type.array_dims
    return type_sql(column_type, str)


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _check_signature(args: tuple[ir.FunctionArg, ...], returns: ir.ColumnType | None,
                     setof: bool, table: tuple[ir.FunctionArg, ...] | None) -> str:
    """``(arguments) RETURNS result`` as the plpgsql parser needs them to check a body."""
    def declared(arg: ir.FunctionArg) -> str:
        mode = "" if arg.mode in ("in", "table") else f"{arg.mode.upper()} "
        return f"{mode}{_quoted(arg.name)} {_checked_type(arg.type)}"

    if table is not None:
        result = f"TABLE({', '.join(declared(c) for c in table)})"
    elif returns is None:
        result = "void"
    else:
        result = ("SETOF " if setof else "") + _checked_type(returns)
    return f"({', '.join(declared(a) for a in args or ())}) RETURNS {result}"


def normalized_body(body: str) -> str:
    """Leading and trailing blank lines are not part of a function's meaning: dropped, and
    the body ends with one newline (PostgreSQL keeps it as written between the quotes)."""
    return body.strip("\n") + "\n"


def _pascal(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^0-9A-Za-z]+", name)
                   if part) or "Function"
