"""JSON Schemas of json/jsonb columns (``json_schema:``, inline or a .json file of the spec
folder) and the CHECK each adds (``json_check:``)."""

from __future__ import annotations

import json
import posixpath
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from codegen.diagnostics import Span, SpecError
from codegen.schema import ir
from codegen.schema.json_checks import (
    canonical_json,
    check_expression,
    first_violation,
    schema_problems,
)
from codegen.schema.lower.context import Context, Located
from codegen.schema.naming import default_name
from codegen.spec.document import Path
from codegen.spec.models import ColumnSpec, TableSpec

JSON_TYPES = ("json", "jsonb")
SCHEMA_FILE_SUFFIX = ".json"


class JsonColumns(Context):
    """Reads each column's JSON Schema and builds the checks they add."""

    # The spec folder's other files (path -> text), where referenced schema files are found.
    side_files: Mapping[str, str] = MappingProxyType({})

    def lower_json_schema(self, table: ir.QualifiedName, name: str, spec: ColumnSpec,
                          where: Located, column_type: ir.ColumnType | None) -> str | None:
        path = ("columns", name)
        if spec.json_schema is None:
            if "json_check" in spec.model_fields_set:
                self.error(where.span(*path, "json_check"), "E295",
                           f'column "{table}.{name}" has a json_check but no json_schema',
                           hint="add `json_schema:` (the documents' JSON Schema) or remove "
                           "`json_check:`")
            return None
        if column_type is not None and (column_type.enum is not None or column_type.array_dims
                                        or column_type.base not in JSON_TYPES):
            self.error(where.span(*path, "json_schema"), "E295",
                       f'column "{table}.{name}" is {spec.type}: only json and jsonb columns '
                       "hold documents a json_schema can describe",
                       hint="make the column json or jsonb, or remove `json_schema:`")
            return None
        locate: Callable[[Path], Span]
        if isinstance(spec.json_schema, str):
            loaded = self._schema_file(spec.json_schema, where, (*path, "json_schema"))
            if loaded is None:
                return None
            document, locate = loaded
        else:
            document = spec.json_schema
            def locate(inner: Path) -> Span:
                return where.span(*path, "json_schema", *inner)
        problems = schema_problems(document)
        for inner, message in problems:
            self.error(locate(inner), "E297", f'json_schema of column "{table}.{name}": '
                       f"{message}", hint="see https://json-schema.org/understanding-json-schema")
        if problems:
            return None
        if "default" in spec.model_fields_set and spec.default is not None:
            refusal = first_violation(document, spec.default)
            if refusal is not None:
                self.error(where.span(*path, "default"), "E298",
                           f'default of column "{table}.{name}" does not match its json_schema: '
                           f"{refusal}", hint="change the default or the schema; every row "
                           "written without the column would be refused")
        return canonical_json(document)

    def _schema_file(self, reference: str, where: Located,
                     path: Path) -> tuple[Any, Callable[[Path], Span]] | None:
        span = where.span(*path)
        spec_file = where.doc.file
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(spec_file), reference))
        problem = None
        if reference.startswith("/") or "\\" in reference or ":" in reference:
            problem = "must be a relative path (with /) from this spec file"
        elif resolved.startswith("../") or resolved.split("/")[0] != spec_file.split("/")[0]:
            problem = f"points outside the spec folder (to {resolved})"
        elif not resolved.endswith(SCHEMA_FILE_SUFFIX):
            problem = "must name a .json file"
        elif resolved not in self.side_files:
            problem = f"names a file that does not exist ({resolved})"
        if problem is not None:
            self.error(span, "E296", f'json_schema file "{reference}" {problem}',
                       hint="put the schema in a .json file of the spec folder and give its "
                       "path relative to this file, e.g. json_schema: details.schema.json")
            return None
        text = self.side_files[resolved]
        try:
            json.loads(text)
        except json.JSONDecodeError as err:
            self.error(Span(resolved, err.lineno, err.colno), "E296",
                       f"json_schema file is not valid JSON: {err.msg}",
                       hint=f"referenced at {span}")
            return None
        from codegen.spec.load import load_document  # JSON is YAML: its reader gives positions

        try:
            document = load_document(resolved, text)
        except SpecError as err:
            self.diagnostics.extend(err.diagnostics)
            return None
        return document.data, document.span

    def lower_json_checks(self, name: ir.QualifiedName, spec: TableSpec,
                          columns: tuple[ir.Column, ...]) -> list[ir.Check]:
        """The CHECK of every column whose JSON Schema states something checkable."""
        checks = []
        for column in columns:
            if column.json_schema is None:
                continue
            mode = spec.columns[column.name].json_check
            expression = check_expression(column.name, column.type.base,
                                          json.loads(column.json_schema), mode)
            if expression is not None:
                checks.append(ir.Check(default_name(name.name, [column.name], "json_check"),
                                       expression, column.span))
        return checks
