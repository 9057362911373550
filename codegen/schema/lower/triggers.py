"""Lower a table's triggers: events, timing, the function they run."""

from __future__ import annotations

from codegen.schema import ir
from codegen.schema.lower.context import Context, Located, did_you_mean, qualify
from codegen.schema.supabase import EXTENSION_TRIGGER_FUNCTIONS
from codegen.spec.models import TableSpec

# The order in which PostgreSQL prints a trigger's events (pg_get_triggerdef).
EVENT_ORDER = ("insert", "delete", "update", "truncate")


class Triggers(Context):
    """Builds the triggers of a table (the spec's own or an external one)."""

    def lower_triggers(self, name: ir.QualifiedName, spec: TableSpec, where: Located,
                       column_names: set[str] | None) -> tuple[ir.Trigger, ...]:
        """``column_names``: None for an external table, whose columns the spec does not know."""
        result = []
        for trigger_name, trigger in spec.triggers.items():
            path = ("triggers", trigger_name)
            self.check_identifier(trigger_name, where.key_span(*path), "trigger")
            what = f'trigger "{trigger_name}" on "{name}"'
            events = tuple(e for e in EVENT_ORDER if e in trigger.events)
            if len(events) != len(trigger.events):
                self.error(where.span(*path, "events"), "E421", f"{what} lists an event twice")
            if trigger.timing == "instead of":
                self.error(where.span(*path, "timing"), "E422",
                           f"{what}: INSTEAD OF triggers are for views, not tables",
                           hint="use before or after")
            if "truncate" in events and trigger.for_each == "row":
                self.error(where.span(*path, "events"), "E423",
                           f"{what}: truncate fires once per statement",
                           hint="write `for_each: statement`")
            if trigger.columns and "update" not in events:
                self.error(where.span(*path, "columns"), "E424",
                           f"{what}: `columns` (UPDATE OF) needs the update event")
            for i, column in enumerate(trigger.columns):
                if column_names is not None and column not in column_names:
                    self.error(where.span(*path, "columns", i), "E210",
                               f'{what} names unknown column "{column}"'
                               f"{did_you_mean(column, column_names)}")
            if trigger.when is not None:
                self.expression(trigger.when, where, (*path, "when"), name, column_names)
            function = self._trigger_function(trigger.function, where, (*path, "function"), what)
            self.check_text(trigger.comment, where, (*path, "comment"), f"comment of {what}")
            for i, argument in enumerate(trigger.arguments):
                self.check_text(argument, where, (*path, "arguments", i), f"argument of {what}")
            result.append(ir.Trigger(
                trigger_name, trigger.timing, events,
                function or ir.QualifiedName("public", trigger.function),
                tuple(trigger.columns), trigger.for_each == "row", trigger.when,
                tuple(trigger.arguments), trigger.comment,
                self.lint_ignores(trigger.lint_ignore, where, path), where.key_span(*path),
            ))
        return tuple(sorted(result, key=lambda t: t.name))

    def _trigger_function(self, text: str, where: Located, path: tuple[str, ...],
                          what: str) -> ir.QualifiedName | None:
        name = qualify(text, None)
        candidates = self.functions.get(name)
        if candidates:
            for spec, _ in candidates:
                returns = spec.returns.type
                if returns is not None and returns.strip().lower() == "trigger" and not spec.args:
                    return name
            self.error(where.span(*path), "E425",
                       f'{what} runs "{name}", which is not a trigger function',
                       hint="a trigger function takes no arguments and `returns: trigger`")
            return None
        extension = EXTENSION_TRIGGER_FUNCTIONS.get(text)
        if extension is not None and extension in self.extensions:
            return ir.QualifiedName(self.extensions[extension][0].schema_, text)
        known = [str(n) for n in self.functions] + list(EXTENSION_TRIGGER_FUNCTIONS)
        self.error(where.span(*path), "E426",
                   f'{what} runs unknown function "{text}"{did_you_mean(text, known)}',
                   hint="define it under `functions:` (returns: trigger), or declare the "
                   "extension that provides it (moddatetime)")
        return None
