"""SQL for indexes."""

from __future__ import annotations

from sqlglot import exp

from codegen.migrate.changes import CreateIndex, DropIndex, RenameIndex
from codegen.schema import ir
from codegen.sql.dialect import ident, qualified, quote_ident, raw, table, to_sql
from codegen.sql.registry import renderer


@renderer
def render_create_index(change: CreateIndex) -> str:
    return create_index_sql(change, concurrently=False)


def _element(index: ir.Index, text: str, plain: bool) -> exp.Expression:
    if not plain:
        return exp.Ordered(this=raw(text))  # canonical text of PostgreSQL's deparser
    if index.opclass:
        return exp.Ordered(this=raw(f"{quote_ident(text)} {index.opclass}"))
    return exp.Column(this=ident(text))


def create_index_sql(change: CreateIndex, concurrently: bool) -> str:
    index = change.index
    params = exp.IndexParameters(
        using=exp.var(index.using) if index.using != "btree" else None,
        columns=[_element(index, c, i not in index.elements) for i, c in enumerate(index.columns)],
    )
    text = to_sql(exp.Create(
        kind="INDEX", unique=index.unique, concurrently=concurrently,
        this=exp.Index(this=ident(index.name), table=table(change.table), params=params),
    ))
    if index.include:
        text += f" INCLUDE ({', '.join(quote_ident(c) for c in index.include)})"
    if index.nulls_not_distinct:
        text += " NULLS NOT DISTINCT"
    if index.where:
        text += f" WHERE {index.where}"
    return text


@renderer
def render_drop_index(change: DropIndex) -> str:
    name = ir.QualifiedName(change.table.schema, change.index.name)
    return to_sql(exp.Drop(kind="INDEX", tables=[table(name)]))


@renderer
def render_rename_index(change: RenameIndex) -> str:
    return (f"ALTER INDEX {qualified(ir.QualifiedName(change.schema, change.old))} "
            f"RENAME TO {quote_ident(change.new)}")
