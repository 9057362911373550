"""SQL for triggers."""

from __future__ import annotations

from codegen.migrate.changes import CreateTrigger, DropTrigger, SetTriggerComment
from codegen.schema import ir
from codegen.schema.defaults import quote_literal
from codegen.sql.dialect import qualified, quote_ident
from codegen.sql.registry import renderer


def create_trigger_sql(table: ir.QualifiedName, trigger: ir.Trigger) -> str:
    events = []
    for event in trigger.events:
        if event == "update" and trigger.columns:
            events.append(f"UPDATE OF {', '.join(quote_ident(c) for c in trigger.columns)}")
        else:
            events.append(event.upper())
    lines = [(f"CREATE TRIGGER {quote_ident(trigger.name)} {trigger.timing.upper()} "
             f"{' OR '.join(events)} ON {qualified(table)}"),
             f"  FOR EACH {'ROW' if trigger.for_each_row else 'STATEMENT'}"]
    if trigger.when is not None:
        lines.append(f"  WHEN ({trigger.when.strip()})")
    arguments = ", ".join(quote_literal(a) for a in trigger.arguments)
    lines.append(f"  EXECUTE FUNCTION {qualified(trigger.function)}({arguments})")
    return "\n".join(lines)


@renderer
def render_create_trigger(change: CreateTrigger) -> str:
    return create_trigger_sql(change.table, change.trigger)


@renderer
def render_drop_trigger(change: DropTrigger) -> str:
    return f"DROP TRIGGER {quote_ident(change.trigger.name)} ON {qualified(change.table)}"


@renderer
def render_trigger_comment(change: SetTriggerComment) -> str:
    value = "NULL" if change.comment is None else quote_literal(change.comment)
    return f"COMMENT ON TRIGGER {quote_ident(change.trigger)} ON {qualified(change.table)} IS {value}"
