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


def create_index_sql(change: CreateIndex, concurrently: bool) -> str:
    index = change.index
    params = exp.IndexParameters(
        using=exp.var(index.using) if index.using != "btree" else None,
        columns=[exp.Ordered(this=raw(f"{quote_ident(c)} {index.opclass}") if index.opclass
                             else exp.Column(this=ident(c))) for c in index.columns],
        where=exp.Where(this=raw(index.where)) if index.where else None,
    )
    return to_sql(exp.Create(
        kind="INDEX", unique=index.unique, concurrently=concurrently,
        this=exp.Index(this=ident(index.name), table=table(change.table), params=params),
    ))


@renderer
def render_drop_index(change: DropIndex) -> str:
    name = ir.QualifiedName(change.table.schema, change.index.name)
    return to_sql(exp.Drop(kind="INDEX", tables=[table(name)]))


@renderer
def render_rename_index(change: RenameIndex) -> str:
    return (f"ALTER INDEX {qualified(ir.QualifiedName(change.schema, change.old))} "
            f"RENAME TO {quote_ident(change.new)}")
