"""SQL for views and materialized views."""

from __future__ import annotations

from codegen.migrate.changes import CreateView, DropView, ReplaceView, SetViewComments
from codegen.schema import ir
from codegen.schema.defaults import quote_literal
from codegen.sql.dialect import qualified, quote_ident
from codegen.sql.registry import renderer


def _kind(view: ir.View) -> str:
    return "MATERIALIZED VIEW" if view.materialized else "VIEW"


def create_view_sql(view: ir.View, replace: bool = False) -> str:
    head = "CREATE OR REPLACE VIEW" if replace else f"CREATE {_kind(view)}"
    options = " WITH (security_invoker = true)" if view.security_invoker else ""
    query = view.query
    if "--" in query.rsplit("\n", 1)[-1]:
        query += "\n"  # a line comment at the end would swallow what follows
    text = f"{head} {qualified(view.name)}{options} AS\n{query}"
    if view.check_option is not None:
        text += f"\nWITH {view.check_option.upper()} CHECK OPTION"
    return text


def comments_sql(old: ir.View | None, new: ir.View) -> list[str]:
    """COMMENT statements turning ``old``'s comments (None: a new view's, none) into ``new``'s."""
    statements = []
    if (old.comment if old else None) != new.comment:
        value = "NULL" if new.comment is None else quote_literal(new.comment)
        statements.append(f"COMMENT ON {_kind(new)} {qualified(new.name)} IS {value}")
    before = {c.name: c.comment for c in old.columns} if old else {}
    for column in new.columns:
        if before.get(column.name) != column.comment:
            value = "NULL" if column.comment is None else quote_literal(column.comment)
            statements.append(f"COMMENT ON COLUMN {qualified(new.name)}."
                              f"{quote_ident(column.name)} IS {value}")
    return statements


@renderer
def render_create_view(change: CreateView) -> list[str]:
    return [create_view_sql(change.view), *comments_sql(None, change.view)]


@renderer
def render_replace_view(change: ReplaceView) -> str:
    return create_view_sql(change.new, replace=True)


@renderer
def render_drop_view(change: DropView) -> str:
    return f"DROP {_kind(change.view)} {qualified(change.view.name)}"


@renderer
def render_view_comments(change: SetViewComments) -> list[str]:
    return comments_sql(change.old, change.new)
