"""Lower the extensions and the schemas (namespaces) the spec declares."""

from __future__ import annotations

from codegen.schema import ir
from codegen.schema.lower.context import Context
from codegen.schema.supabase import PROVIDED_SCHEMAS


class Extensions(Context):
    """Builds the extensions and namespaces; USAGE follows the grants made inside a schema."""

    def lower_extensions(self) -> tuple[ir.Extension, ...]:
        result = []
        for name in sorted(self.extensions):
            spec, where = self.extensions[name]
            self.check_identifier(name, where.key_span(), "extension")
            self.check_identifier(spec.schema_, where.span("schema"), "schema")
            result.append(ir.Extension(name, spec.schema_, spec.version,
                                       self.lint_ignores(spec.lint_ignore, where, ()),
                                       where.key_span()))
        return tuple(result)

    def lower_namespaces(self, tables: tuple[ir.Table, ...],
                         functions: tuple[ir.Function, ...],
                         enums: tuple[ir.Enum, ...],
                         extensions: tuple[ir.Extension, ...],
                         views: tuple[ir.View, ...] = ()) -> tuple[ir.Namespace, ...]:
        """Every schema the spec's objects live in, except Supabase's own, with the roles
        that may use it: those declared, and every role given a privilege inside it (a
        grant on a table of a schema without USAGE is refused: "permission denied for
        schema")."""
        usage: dict[str, set[str]] = {}
        for table in tables:
            if not table.external:
                usage.setdefault(table.name.schema, set()).update(g.role for g in table.grants)
        for function in functions:
            usage.setdefault(function.name.schema, set()).update(function.execute or ())
        for enum in enums:
            usage.setdefault(enum.name.schema, set())
        for extension in extensions:  # its types and functions are used through the schema
            usage.setdefault(extension.schema, set())
        for view in views:
            usage.setdefault(view.name.schema, set()).update(g.role for g in view.grants)
        result = []
        for name in sorted(set(usage) | set(self.namespaces)):
            if name in PROVIDED_SCHEMAS:
                if name in self.namespaces:
                    spec, where = self.namespaces[name]
                    self.error(where.key_span(), "E440",
                               f'schema "{name}" is one of Supabase\'s own; the spec cannot '
                               "declare it", hint="remove it from `schemas:`")
                continue
            comment: str | None = None
            declared: tuple[str, ...] = ()
            span = None
            if name in self.namespaces:
                spec, where = self.namespaces[name]
                self.check_identifier(name, where.key_span(), "schema")
                self.check_text(spec.comment, where, ("comment",), f'comment of schema "{name}"')
                comment, declared, span = spec.comment, tuple(spec.usage), where.key_span()
            roles = tuple(sorted((usage.get(name, set()) | set(declared)) - {"postgres"}))
            result.append(ir.Namespace(name, comment, roles, span))
        return tuple(result)
