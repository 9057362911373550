"""What a view's query returns, worked out from PostgreSQL's parse tree and the spec.

For each output column: the name PostgreSQL gives it and, when it is a plain reference to a
table's column (through joins, subqueries, CTEs and other views), that column: PostgREST and
Supabase's type generator derive a view's relationships from those origins. And whether the
view is automatically updatable, with which columns (PostgreSQL's rules in
``view_query_is_auto_updatable``): the generator's Insert and Update types of a view follow
from it. Anything the analysis cannot see through (a function in FROM, a relation the spec
does not know) is unknown, never guessed.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from pglast import parser

from codegen.schema.ir import QualifiedName
from codegen.schema.references import statements_references

Origin = tuple[QualifiedName, str]  # (table, column)

# Aggregates and set-returning functions of PostgreSQL's catalog most views use; a call with
# aggregate syntax (count(*), DISTINCT, ORDER BY, FILTER, WITHIN GROUP) counts whatever its name.
AGGREGATES = frozenset({
    "count", "sum", "avg", "min", "max", "array_agg", "string_agg", "json_agg", "jsonb_agg",
    "json_object_agg", "jsonb_object_agg", "bool_and", "bool_or", "every", "bit_and", "bit_or",
    "bit_xor", "xmlagg", "stddev", "stddev_pop", "stddev_samp", "variance", "var_pop",
    "var_samp", "corr", "covar_pop", "covar_samp", "mode", "percentile_cont",
    "percentile_disc", "range_agg", "range_intersect_agg", "any_value",
})
SET_RETURNING = frozenset({
    "unnest", "generate_series", "generate_subscripts", "json_array_elements",
    "jsonb_array_elements", "json_array_elements_text", "jsonb_array_elements_text",
    "json_each", "jsonb_each", "json_each_text", "jsonb_each_text", "json_object_keys",
    "jsonb_object_keys", "regexp_matches", "regexp_split_to_table", "string_to_table",
    "json_populate_recordset", "jsonb_populate_recordset", "json_to_recordset",
    "jsonb_to_recordset", "jsonb_path_query",
})
SYSTEM_COLUMNS = frozenset({"ctid", "xmin", "xmax", "cmin", "cmax", "tableoid"})


@dataclass(frozen=True)
class Relation:
    """A relation a query may read: its columns in order, and for a view its own shape."""

    columns: tuple[str, ...]
    view: QueryShape | None = None  # None: a table
    materialized: bool = False


@dataclass(frozen=True)
class QueryShape:
    """What a query returns (see the module's docstring)."""

    names: tuple[str | None, ...] | None  # None: not known (a * over an unknown relation)
    origins: tuple[Origin | None, ...] = ()
    updatable_base: QualifiedName | None = None  # set: automatically updatable
    updatable: frozenset[int] = frozenset()  # positions of the updatable columns
    relations: frozenset[QualifiedName] = field(default=frozenset(), compare=False)

    @property
    def insertable(self) -> bool:
        """INSERT and UPDATE through the view: auto-updatable with an updatable column."""
        return self.updatable_base is not None and bool(self.updatable)


Lookup = Callable[[QualifiedName], Relation | None]


def parse_select(query: str) -> dict[str, Any]:
    """The query's SelectStmt node (the caller checked it parses and is one SELECT)."""
    tree = json.loads(parser.parse_sql_json(query))
    node: dict[str, Any] = tree["stmts"][0]["stmt"]["SelectStmt"]
    return node


def analyse(query: str, lookup: Lookup) -> QueryShape:
    return _Analysis(lookup).select(parse_select(query), {})


@dataclass
class _Item:
    """One FROM item: the name it is known by, its columns and where each comes from."""

    alias: str | None
    columns: list[str] | None
    origins: list[Origin | None]
    relation: QualifiedName | None = None


def relation_name(node: dict[str, Any]) -> QualifiedName:
    return QualifiedName(node.get("schemaname") or "public", node["relname"])


class _Analysis:
    def __init__(self, lookup: Lookup) -> None:
        self.lookup = lookup
        self.read: set[QualifiedName] = set()

    def select(self, node: dict[str, Any], ctes: dict[str, QueryShape]) -> QueryShape:
        if node.get("op", "SETOP_NONE") != "SETOP_NONE":
            left = self.select(_select_node(node["larg"]), ctes)
            self.select(_select_node(node["rarg"]), ctes)
            return QueryShape(left.names, tuple(None for _ in left.names or ()),
                              relations=frozenset(self.read))
        ctes = dict(ctes)
        for cte in (node.get("withClause") or {}).get("ctes", []):
            body = cte["CommonTableExpr"]["ctequery"]
            if "SelectStmt" in body:
                ctes[cte["CommonTableExpr"]["ctename"]] = self.select(body["SelectStmt"], ctes)
        if "valuesLists" in node:
            width = len(node["valuesLists"][0]["List"]["items"])
            return QueryShape(tuple(f"column{i + 1}" for i in range(width)), (None,) * width)
        items = [item for entry in node.get("fromClause", []) for item in self.from_item(entry,
                                                                                           ctes)]
        names: list[str | None] | None = []
        origins: list[Origin | None] = []
        direct: list[bool] = []  # a plain column of the FROM item (updatable if it is the base)
        for target in node.get("targetList", []):
            res = target["ResTarget"]
            value = res.get("val", {})
            ref = value.get("ColumnRef")
            if ref is not None and "A_Star" in ref["fields"][-1]:
                qualifier = _strings(ref["fields"][:-1])
                chosen = [i for i in items if not qualifier or i.alias == qualifier[-1]]
                for item in chosen:
                    if item.columns is None or names is None:
                        names = None
                        continue
                    names.extend(item.columns)
                    origins.extend(item.origins)
                    direct.extend([True] * len(item.columns))
                continue
            origin, plain = (self.column_origin(_strings(ref["fields"]), items)
                             if ref is not None else (None, False))
            if names is not None:
                names.append(res.get("name") or _column_name(value))
            origins.append(origin)
            direct.append(plain)
        return QueryShape(None if names is None else tuple(names), tuple(origins),
                          *self.updatability(node, items, direct, origins),
                          relations=frozenset(self.read))

    def from_item(self, entry: dict[str, Any], ctes: dict[str, QueryShape]) -> Iterator[_Item]:
        kind, node = next(iter(entry.items()))
        alias = (node.get("alias") or {}).get("aliasname")
        if kind == "RangeVar":
            name = relation_name(node)
            if "schemaname" not in node and node["relname"] in ctes:
                shape = ctes[node["relname"]]
                yield _Item(alias or node["relname"], _known(shape.names), list(shape.origins))
                return
            self.read.add(name)
            relation = self.lookup(name)
            if relation is None:
                yield _Item(alias or name.name, None, [], name)
                return
            origins: list[Origin | None]
            if relation.view is None:
                origins = [(name, column) for column in relation.columns]
            else:
                origins = list(relation.view.origins)
                origins += [None] * (len(relation.columns) - len(origins))
            yield _Item(alias or name.name, list(relation.columns), origins, name)
        elif kind == "RangeSubselect":
            shape = self.select(node["subquery"]["SelectStmt"], ctes)
            yield _Item(alias, _known(shape.names), list(shape.origins))
        elif kind == "JoinExpr":
            left = list(self.from_item(node["larg"], ctes))
            right = list(self.from_item(node["rarg"], ctes))
            using = _strings(node.get("usingClause", []))
            if alias is not None or node.get("isNatural"):
                yield _Item(alias, None, [])  # columns of a named or natural join: not followed
            elif using:
                yield from _merged_using(left, right, using, node["jointype"])
            else:
                yield from left
                yield from right
        else:  # a function or VALUES in FROM: columns unknown
            yield _Item(alias, None, [])

    def column_origin(self, fields: list[str],
                      items: list[_Item]) -> tuple[Origin | None, bool]:
        column = fields[-1]
        qualifier = fields[-2] if len(fields) > 1 else None
        for item in items:
            if qualifier is not None and item.alias != qualifier:
                continue
            if item.columns is not None and column in item.columns:
                return item.origins[item.columns.index(column)], True
        # A relation whose columns the spec does not list (auth.users): a column of it, if
        # it is the only place the name can come from.
        unknown = [i for i in items if i.columns is None and i.relation is not None
                   and (qualifier is None or i.alias == qualifier)]
        if len(unknown) == 1 and (qualifier is not None or len(items) == 1):
            relation = unknown[0].relation
            assert relation is not None
            return (relation, column), True
        return None, False

    def updatability(self, node: dict[str, Any], items: list[_Item], direct: list[bool],
                     origins: list[Origin | None]) -> tuple[QualifiedName | None, frozenset[int]]:
        blocked = any(node.get(key) for key in (
            "distinctClause", "withClause", "groupClause", "havingClause", "windowClause",
            "limitCount", "limitOffset", "lockingClause"))
        sources = node.get("fromClause", [])
        if blocked or len(sources) != 1 or "RangeVar" not in sources[0] or len(items) != 1:
            return None, frozenset()
        if _has_aggregate_or_set(node.get("targetList", [])) or _has_aggregate_or_set(
                node.get("sortClause", [])):
            return None, frozenset()
        base = items[0].relation
        if base is None:
            return None, frozenset()
        relation = self.lookup(base)
        updatable = {i for i, plain in enumerate(direct) if plain}
        if relation is not None and relation.view is not None:
            if relation.materialized or relation.view.updatable_base is None:
                return None, frozenset()
            # A column is writable through both views only if the inner view lets it be.
            inner = {relation.columns[i] for i in relation.view.updatable
                     if i < len(relation.columns)}
            updatable = {i for i in updatable if _target_column(node, i, items) in inner}
        if relation is None or relation.view is None:
            updatable = {i for i in updatable if _target_column(node, i, items)
                         not in SYSTEM_COLUMNS}
        del origins
        return base, frozenset(updatable)


def _target_column(node: dict[str, Any], position: int, items: list[_Item]) -> str | None:
    """The base column behind output column ``position`` of a single-relation query."""
    index = 0
    for target in node.get("targetList", []):
        ref = target["ResTarget"].get("val", {}).get("ColumnRef")
        if ref is not None and "A_Star" in ref["fields"][-1]:
            columns = items[0].columns or []
            if position < index + len(columns):
                return columns[position - index]
            index += len(columns)
            continue
        if index == position:
            return _strings(ref["fields"])[-1] if ref is not None else None
        index += 1
    return None


def _merged_using(left: list[_Item], right: list[_Item], using: list[str],
                  join_type: str) -> Iterator[_Item]:
    """``a JOIN b USING (k)``: k once (from the left side, or the right for RIGHT JOIN; a
    FULL JOIN's is a COALESCE with no origin), then the other columns of each side."""
    def find(items: list[_Item], column: str) -> Origin | None:
        for item in items:
            if item.columns is not None and column in item.columns:
                return item.origins[item.columns.index(column)]
        return None

    side = right if join_type == "JOIN_RIGHT" else left
    merged = [None if join_type == "JOIN_FULL" else find(side, c) for c in using]
    yield _Item(None, list(using), merged)
    for item in (*left, *right):
        if item.columns is None:
            yield _Item(item.alias, None, [], item.relation)
            continue
        kept = [(c, o) for c, o in zip(item.columns, item.origins) if c not in using]
        yield _Item(item.alias, [c for c, _ in kept], [o for _, o in kept], item.relation)


def _has_aggregate_or_set(nodes: Any) -> bool:
    """An aggregate, window function or set-returning function outside any subquery."""
    if isinstance(nodes, list):
        return any(_has_aggregate_or_set(n) for n in nodes)
    if not isinstance(nodes, dict):
        return False
    for key, value in nodes.items():
        if key == "SubLink":
            continue
        if key == "FuncCall":
            name = _strings(value.get("funcname", []))[-1].lower()
            if value.get("over") or name in AGGREGATES or name in SET_RETURNING or any(
                    value.get(flag) for flag in ("agg_star", "agg_distinct", "agg_order",
                                                 "agg_filter", "agg_within_group")):
                return True
        if _has_aggregate_or_set(value):
            return True
    return False


def _select_node(node: dict[str, Any]) -> dict[str, Any]:
    """A SelectStmt, whether the JSON wraps it in its node name or not (typed fields)."""
    inner: dict[str, Any] = node.get("SelectStmt", node)
    return inner


def _strings(fields: list[dict[str, Any]]) -> list[str]:
    return [f["String"]["sval"] for f in fields if "String" in f]


def _known(names: tuple[str | None, ...] | None) -> list[str] | None:
    if names is None or any(n is None for n in names):
        return None
    return [n for n in names if n is not None]


def _column_name(value: dict[str, Any]) -> str | None:
    """The name PostgreSQL gives an unnamed output column (FigureColname), where simple."""
    name, _ = _figure(value)
    return name


def _figure(value: dict[str, Any]) -> tuple[str | None, int]:
    """(name, strength) as PostgreSQL's FigureColnameInternal: 2 a column or function name,
    1 a keyword-like name (case, a cast's type), 0 "?column?"; None: not worked out here."""
    kind, node = next(iter(value.items())) if value else ("", {})
    if kind == "ColumnRef":
        names = _strings(node["fields"])
        return (names[-1], 2) if names else (None, 0)
    if kind == "FuncCall":
        return _strings(node["funcname"])[-1], 2
    if kind == "TypeCast":
        inner, strength = _figure(node["arg"])
        if inner is None or strength > 1:
            return inner, strength
        return _strings(node["typeName"]["names"])[-1], 1
    if kind == "CaseExpr":
        return "case", 1
    if kind == "CoalesceExpr":
        return "coalesce", 2
    if kind == "SubLink" and node.get("subLinkType") == "EXISTS_SUBLINK":
        return "exists", 2
    if kind in ("A_Const", "A_Expr", "BoolExpr", "NullTest"):
        return "?column?", 0
    return None, 0


def view_shapes(views: tuple[Any, ...], tables: tuple[Any, ...]) -> dict[QualifiedName, QueryShape]:
    """Every view's shape (``ir.View`` and ``ir.Table`` tuples), each worked out after the
    views it reads (lowering ordered them; an unknown view reads as an unknown relation)."""
    relations: dict[QualifiedName, Relation] = {
        t.name: Relation(tuple(c.name for c in t.columns)) for t in tables if not t.external}
    pending = {v.name: v for v in views}
    shapes: dict[QualifiedName, QueryShape] = {}
    while pending:
        ready = [v for v in pending.values()
                 if not (_read_names(v.query) & (set(pending) - {v.name}))] or list(
                     pending.values())[:1]
        for view in sorted(ready, key=lambda v: v.name):
            shape = analyse(view.query, relations.get)
            shapes[view.name] = shape
            relations[view.name] = Relation(tuple(c.name for c in view.columns), shape,
                                            view.materialized)
            del pending[view.name]
    return shapes


def _read_names(query: str) -> set[QualifiedName]:
    return {QualifiedName(s or "public", n) for s, n in statements_references(query).relations}
