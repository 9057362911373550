"""Lower an enum type: its labels, renamed labels and comment."""

from __future__ import annotations

from codegen.schema import ir
from codegen.schema.lower.context import Context, Located
from codegen.schema.model_names import model_name
from codegen.schema.naming import identifier_too_long
from codegen.spec.models import EnumSpec


class Enums(Context):
    """Builds an enum type."""

    def lower_enum(self, name: ir.QualifiedName, spec: EnumSpec, where: Located) -> ir.Enum:
        seen: set[str] = set()
        for i, value in enumerate(spec.values):
            if value in seen:
                self.error(where.span("values", i), "E205",
                           f'enum "{name}" lists the value "{value}" twice')
            seen.add(value)
            if identifier_too_long(value):
                self.error(where.span("values", i), "E201",
                           f'enum value "{value}" is longer than 63 bytes')
        for old_label, new_label in spec.renamed_values.items():
            if new_label not in spec.values:
                self.error(where.span("renamed_values", old_label), "E206",
                           f'enum "{name}" renames "{old_label}" to "{new_label}", which is not '
                           "one of its values", hint="list the new label under `values:`")
            if old_label in spec.values:
                self.error(where.key_span("renamed_values", old_label), "E206",
                           f'enum "{name}" renames "{old_label}" but still lists it in `values:`')
        self.check_text(spec.comment, where, ("comment",), f'comment of enum "{name}"')
        for i, value in enumerate(spec.values):
            self.check_text(value, where, ("values", i), f'label of enum "{name}"')
        return ir.Enum(name, tuple(spec.values), spec.comment, model_name(name.name, None),
                       tuple(sorted(spec.renamed_values.items())), where.key_span())
