"""Stage 3: lower validated spec files into the resolved, frozen IR.

Merges the files, resolves names (tables, enums, foreign-key targets), fills in
PostgreSQL's default constraint and index names, turns literal defaults into
SQL, and checks everything PostgreSQL would reject later. Problems are
collected across the whole spec and raised together as one SpecError.
"""

from __future__ import annotations

from typing import Any

from codegen.diagnostics import SpecError
from codegen.schema import ir
from codegen.schema.lower.context import Located, qualify
from codegen.schema.lower.enums import Enums
from codegen.schema.lower.names import SchemaNames
from codegen.schema.lower.tables import Tables
from codegen.spec.document import Document
from codegen.spec.models import SpecFile


def lower(files: list[tuple[Document, SpecFile]]) -> ir.Schema:
    return _Lowering(files).run()


class _Lowering(Enums, Tables, SchemaNames):
    """Merges the spec files and builds each enum and table from its parts."""

    def run(self) -> ir.Schema:
        migration = self.migration_name()
        for doc, spec in self.files:
            for key, enum_spec in spec.enums.items():
                self._register(self.enums, qualify(key, enum_spec.schema_), enum_spec,
                               Located(doc, ("enums", key)), "enum")
            for key, table_spec in spec.tables.items():
                self._register(self.tables, qualify(key, table_spec.schema_), table_spec,
                               Located(doc, ("tables", key)), "table")
        enums = tuple(self.lower_enum(name, *self.enums[name]) for name in sorted(self.enums))
        tables = tuple(self.lower_table(name, *self.tables[name]) for name in sorted(self.tables))
        self.check_models(enums, tables)
        self.check_relation_names(tables)
        if self.diagnostics:
            raise SpecError(self.diagnostics)
        sources = tuple(sorted({doc.file for doc, _ in self.files}))
        allowed = frozenset(key for _, spec in self.files for key in spec.allow_destructive)
        return ir.Schema(enums, tables, migration, sources, allowed)

    def _register(self, into: dict[ir.QualifiedName, Any], name: ir.QualifiedName, spec: Any,
                  where: Located, what: str) -> None:
        if name in into:
            first = into[name][1].key_span()
            self.error(where.key_span(), "E204",
                       f'{what} "{name}" is defined twice (first at {first})',
                       hint="rename or remove one of them")
            return
        self.check_identifier(name.name, where.key_span(), what)
        into[name] = (spec, where)
