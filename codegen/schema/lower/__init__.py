"""Stage 3: lower validated spec files into the resolved, frozen IR.

Merges the files, resolves names (tables, enums, foreign-key targets), fills in
PostgreSQL's default constraint and index names, turns literal defaults into
SQL, and checks everything PostgreSQL would reject later. Problems are
collected across the whole spec and raised together as one SpecError.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from codegen.diagnostics import SpecError
from codegen.schema import ir
from codegen.schema.lower.buckets import Buckets
from codegen.schema.lower.context import Located, qualify
from codegen.schema.lower.default_privileges import DefaultPrivileges
from codegen.schema.lower.enums import Enums
from codegen.schema.lower.extensions import Extensions
from codegen.schema.lower.functions import Functions
from codegen.schema.lower.names import SchemaNames
from codegen.schema.lower.tables import Tables
from codegen.schema.lower.views import Views
from codegen.spec.document import Document
from codegen.spec.models import SpecFile


def lower(files: list[tuple[Document, SpecFile]],
          side_files: Mapping[str, str] | None = None) -> ir.Schema:
    """``side_files``: the spec folder's other files (JSON Schemas that columns refer to)."""
    lowering = _Lowering(files)
    lowering.side_files = side_files or {}
    return lowering.run()


class _Lowering(Enums, Tables, Functions, Extensions, Views, Buckets, DefaultPrivileges,
                SchemaNames):
    """Merges the spec files and builds each object from its parts; this class is the
    registry of object kinds (one mixin module per kind)."""

    def run(self) -> ir.Schema:
        migration = self.migration_name()
        self.check_allow_destructive()
        for doc, spec in self.files:
            for key, enum_spec in spec.enums.items():
                self._register(self.enums, qualify(key, enum_spec.schema_), enum_spec,
                               Located(doc, ("enums", key)), "enum")
            for key, table_spec in spec.tables.items():
                self._register(self.tables, qualify(key, table_spec.schema_), table_spec,
                               Located(doc, ("tables", key)), "table")
            for key, extension_spec in spec.extensions.items():
                self._register(self.extensions, key, extension_spec,
                               Located(doc, ("extensions", key)), "extension")
            for key, schema_spec in spec.schemas.items():
                self._register(self.namespaces, key, schema_spec, Located(doc, ("schemas", key)),
                               "schema")
            for key, function_spec in spec.functions.items():
                name = qualify(key, function_spec.schema_)
                if function_spec.name is not None:
                    name = ir.QualifiedName(name.schema, function_spec.name)
                self.functions.setdefault(name, []).append(
                    (function_spec, Located(doc, ("functions", key))))
            for key, bucket_spec in spec.buckets.items():
                self._register(self.buckets, key, bucket_spec, Located(doc, ("buckets", key)),
                               "bucket")
            for key, view_spec in spec.views.items():
                self._register(self.views, qualify(key, view_spec.schema_), view_spec,
                               Located(doc, ("views", key)), "view")
        extensions = self.lower_extensions()
        enums = tuple(self.lower_enum(name, *self.enums[name]) for name in sorted(self.enums))
        tables = tuple(self.lower_table(name, *self.tables[name]) for name in sorted(self.tables))
        functions = self.lower_functions()
        views = self.lower_views(tables)
        buckets = self.lower_buckets()
        default_privileges = self.lower_default_privileges()
        namespaces = self.lower_namespaces(tables, functions, enums, extensions, views)
        owned = tuple(t for t in tables if not t.external)
        self.check_models(enums, owned, views)
        self.check_relation_names(owned)
        if self.diagnostics:
            raise SpecError(self.diagnostics)
        sources = tuple(sorted({doc.file for doc, _ in self.files}))
        allowed = frozenset(key for _, spec in self.files for key in spec.allow_destructive)
        return ir.Schema(enums, tables, migration, sources, allowed, functions, extensions,
                         namespaces, views, buckets, default_privileges)

    def _register(self, into: dict[Any, Any], name: ir.QualifiedName | str, spec: Any,
                  where: Located, what: str) -> None:
        if name in into:
            first = into[name][1].key_span()
            self.error(where.key_span(), "E204",
                       f'{what} "{name}" is defined twice (first at {first})',
                       hint="rename or remove one of them")
            return
        self.check_identifier(name if isinstance(name, str) else name.name, where.key_span(),
                              what)
        into[name] = (spec, where)
