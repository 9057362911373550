"""Resolve a type written in the spec: built-in, an extension's, an enum, or a table's row type."""

from __future__ import annotations

from codegen.schema import ir
from codegen.schema.lower.context import DEFAULT_SCHEMA, Context, Located, did_you_mean, qualify
from codegen.schema.pgtypes import (
    BUILTINS,
    UNDECLARED_EXTENSION_TYPES,
    TypeSyntaxError,
    parse_type,
)
from codegen.schema.supabase import EXTERNAL_TABLES
from codegen.spec.document import Path


class Types(Context):
    """Turns type text into an :class:`ir.ColumnType`, reporting what cannot be resolved."""

    def resolve_type(self, text: str, schema: str, where: Located, path: Path, what: str,
                     routine: bool = False) -> ir.ColumnType | None:
        """``routine``: a function's argument or result, which may also be a pseudo-type
        (trigger, void, record) or a table's row type."""
        try:
            parsed = parse_type(text)
        except TypeSyntaxError as err:
            self.error(where.span(*path), "E230", str(err))
            return None
        if parsed.builtin:
            builtin = BUILTINS[parsed.name]
            if builtin.kind == "pseudo" and not (routine and parsed.array_dims == 0):
                self.error(where.span(*path), "E232",
                           f'{what} cannot be of type "{parsed.name}"',
                           hint="pseudo-types (trigger, void, record) are for function results")
                return None
            extension = builtin.extension
            if (extension is not None and extension not in self.extensions
                    and parsed.name not in UNDECLARED_EXTENSION_TYPES):
                self.error(where.span(*path), "E233",
                           f'type "{parsed.name}" comes from the extension "{extension}", which '
                           "the spec does not declare",
                           hint=f"add it under `extensions:`, e.g. `extensions: {{{extension}: "
                           "{schema: extensions}}`")
                return None
            return ir.ColumnType(parsed.name, parsed.args, parsed.array_dims)
        candidates = [qualify(parsed.name, None)] if "." in parsed.name else [
            ir.QualifiedName(schema, parsed.name), ir.QualifiedName(DEFAULT_SCHEMA, parsed.name)
        ]
        for candidate in candidates:
            if candidate in self.enums:
                return ir.ColumnType(candidate.name, (), parsed.array_dims, candidate)
        if routine:
            for candidate in candidates:
                if candidate in self.tables or candidate in EXTERNAL_TABLES:
                    return ir.ColumnType(candidate.name, (), parsed.array_dims,
                                         composite=candidate)
        known = [*(n for n, b in BUILTINS.items() if b.kind != "pseudo" or routine),
                 *(e.name for e in self.enums), *(str(e) for e in self.enums)]
        if routine:
            known += [t.name for t in self.tables]
            message = f'{what} type "{parsed.name}" is not a supported type, an enum or a table'
        else:
            message = (f'{what} type "{parsed.name}" is neither a supported type nor an enum of '
                       "the spec")
        self.error(where.span(*path), "E231", message + did_you_mean(parsed.name, known),
                   hint="define it under `enums:` or use a supported type (see docs/spec.md)")
        return None
