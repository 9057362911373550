"""Lower views: the query (checked by PostgreSQL's parser), the declared columns (checked
against what the query returns, where that can be worked out), options and grants."""

from __future__ import annotations

import json

from pglast import parser as pg_parser

from codegen.schema import ir
from codegen.schema.lower.context import Located
from codegen.schema.lower.types import Types
from codegen.schema.model_names import model_name
from codegen.schema.references import statements_references
from codegen.schema.view_query import QueryShape, Relation, analyse
from codegen.spec.views import ViewSpec


def normalized_query(query: str) -> str:
    """Surrounding blank space and a final semicolon are not part of the query."""
    return query.strip().rstrip(";").rstrip()


class Views(Types):
    """Builds the spec's views, each after the views it reads."""

    def lower_views(self, tables: tuple[ir.Table, ...]) -> tuple[ir.View, ...]:
        self.view_shapes: dict[ir.QualifiedName, QueryShape] = {}
        relations = {t.name: Relation(tuple(c.name for c in t.columns)) for t in tables
                     if not t.external}
        result: list[ir.View] = []
        for name in self._views_in_order():
            spec, where = self.views[name]
            view = self._view(name, spec, where, relations)
            if view is None:
                continue
            result.append(view)
            relations[name] = Relation(tuple(c.name for c in view.columns),
                                       self.view_shapes[name], view.materialized)
        return tuple(sorted(result, key=lambda v: v.name))

    def _views_in_order(self) -> list[ir.QualifiedName]:
        """Each view after the spec's views it reads; a cycle is an error."""
        reads: dict[ir.QualifiedName, set[ir.QualifiedName]] = {}
        views = set(self.views)
        for name, (spec, _) in self.views.items():
            refs = statements_references(spec.query).relations
            reads[name] = {ir.QualifiedName(s or "public", n) for s, n in refs} & views
        done: list[ir.QualifiedName] = []
        state: dict[ir.QualifiedName, int] = {}

        def visit(name: ir.QualifiedName) -> None:
            if state.get(name) == 2:
                return
            if state.get(name) == 1:
                _, where = self.views[name]
                self.error(where.key_span(), "E466", f'view "{name}" reads itself through '
                           "other views", hint="views cannot depend on each other in a cycle")
                return
            state[name] = 1
            for other in sorted(reads[name]):
                visit(other)
            state[name] = 2
            done.append(name)

        for name in sorted(self.views):
            visit(name)
        return done

    def _view(self, name: ir.QualifiedName, spec: ViewSpec, where: Located,
              relations: dict[ir.QualifiedName, Relation]) -> ir.View | None:
        what = f'{"materialized " if spec.materialized else ""}view "{name}"'
        self.check_identifier(name.name, where.key_span(), "view")
        if name in relations:
            self.error(where.key_span(), "E462", f'{what} has the name of a table',
                       hint="tables and views share one namespace per schema")
        query = normalized_query(spec.query)
        if not self._check_query(query, where, what):
            return None
        columns = []
        for column_name, column in spec.columns.items():
            path = ("columns", column_name)
            self.check_identifier(column_name, where.key_span(*path), "column")
            self.check_text(column.comment, where, (*path, "comment"), "comment")
            column_type = self.resolve_type(column.type, name.schema, where, (*path, "type"),
                                            f'column "{column_name}"')
            if column_type is not None:
                columns.append(ir.ViewColumn(column_name, column_type, column.nullable,
                                             column.comment))
        shape = analyse(query, relations.get)
        self.view_shapes[name] = shape
        self._check_columns(shape, spec, where, what)
        if spec.materialized:
            for key in ("security_invoker", "check_option"):
                if key in spec.model_fields_set:
                    self.error(where.key_span(key), "E463", f"{what}: `{key}` is for plain "
                               "views only", hint="a materialized view's rows are computed by "
                               "its owner at REFRESH; remove the key")
        elif spec.check_option is not None and shape.updatable_base is None:
            self.error(where.span("check_option"), "E464", f"{what} is not automatically "
                       "updatable, so it cannot have a check option",
                       hint="a check option needs a view over one table or view, without "
                       "aggregates, DISTINCT, GROUP BY, LIMIT, UNION or WITH")
        for role in spec.grants:
            self.check_identifier(role, where.key_span("grants", role), "role")
        self.check_text(spec.comment, where, ("comment",), f"comment of {what}")
        if len(columns) != len(spec.columns):
            return None
        grants = tuple(ir.Grant(role, ("all",) if "all" in p else tuple(sorted(set(p))))
                       for role, p in sorted(spec.grants.items()))
        return ir.View(
            name=name, query=query, columns=tuple(columns), materialized=spec.materialized,
            security_invoker=spec.security_invoker and not spec.materialized,
            check_option=spec.check_option, comment=spec.comment, grants=grants,
            model=model_name(name.name, spec.model),
            lint_ignore=self.lint_ignores(spec.lint_ignore, where, ()), span=where.key_span(),
        )

    def _check_query(self, query: str, where: Located, what: str) -> bool:
        path = (*where.path, "query")
        try:  # its JSON form: no Python tree of the query wanted here
            statements = json.loads(pg_parser.parse_sql_json(query)).get("stmts", [])
        except pg_parser.ParseError as err:
            location = err.args[1] if len(err.args) > 1 else None
            offset = location if isinstance(location, int) else 0
            self.error(where.doc.offset_span(path, offset), "E460",
                       f"syntax error in the query of {what}: {err.args[0]}",
                       hint="the query is checked by PostgreSQL's own parser")
            return False
        if len(statements) != 1 or "SelectStmt" not in statements[0]["stmt"]:
            self.error(where.span("query"), "E460", f"the query of {what} must be one SELECT "
                       "statement", hint="write the SELECT only, without CREATE VIEW")
            return False
        return True

    def _check_columns(self, shape: QueryShape, spec: ViewSpec, where: Located,
                       what: str) -> None:
        if shape.names is None:
            return
        declared = list(spec.columns)
        if len(shape.names) != len(declared):
            returned = ", ".join(n or "?" for n in shape.names)
            self.error(where.key_span("columns"), "E461",
                       f"{what} declares {_columns(len(declared))}, its query returns "
                       f"{len(shape.names)} ({returned})",
                       hint="declare every column the query returns, in its order")
            return
        for position, (found, written) in enumerate(zip(shape.names, declared)):
            if found is not None and found != written:
                self.error(where.key_span("columns", written), "E461",
                           f'column {position + 1} of {what} is "{found}" in its query, '
                           f'not "{written}"', hint="declare the columns in the query's "
                           f"order, or name the query's column with AS {written}")
                return


def _columns(count: int) -> str:
    return f"{count} column" if count == 1 else f"{count} columns"
