"""Compare a table's triggers: any change but the comment drops and creates the trigger."""

from __future__ import annotations

from dataclasses import replace

from codegen.migrate.changes import Change, CreateTrigger, DropTrigger, SetTriggerComment
from codegen.schema import ir


def compare_triggers(old: ir.Table, new: ir.Table, rebuilt: set[ir.QualifiedName],
                     changes: list[Change]) -> None:
    """``rebuilt``: functions dropped or recreated; their triggers are created again."""
    old_triggers = {t.name: t for t in old.triggers}
    new_names = {t.name for t in new.triggers}
    for trigger in new.triggers:
        before = old_triggers.get(trigger.name)
        if before is None:
            changes.extend(create_trigger(new.name, trigger))
        elif replace(before, comment=None) != replace(trigger, comment=None) or (
                trigger.function in rebuilt):
            changes.append(DropTrigger(new.name, before))
            changes.extend(create_trigger(new.name, trigger))
        elif before.comment != trigger.comment:
            changes.append(SetTriggerComment(new.name, trigger.name, trigger.comment))
    changes.extend(DropTrigger(new.name, t) for t in old.triggers if t.name not in new_names)


def create_trigger(table: ir.QualifiedName, trigger: ir.Trigger) -> list[Change]:
    changes: list[Change] = [CreateTrigger(table, trigger)]
    if trigger.comment is not None:
        changes.append(SetTriggerComment(table, trigger.name, trigger.comment))
    return changes
