"""Stage 2 driver: validate each loaded document against the spec models.

Pydantic's errors are turned into located diagnostics: the error's path into
the data is looked up in the document's position map, and unknown keys or
values get a "did you mean" from the names that are valid at that place.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any, get_args, get_origin

from pydantic import BaseModel, ValidationError

from codegen.diagnostics import Diagnostic, SpecError
from codegen.spec.database_objects import SUPABASE_OWNED_SCHEMAS
from codegen.spec.document import Document
from codegen.spec.models import SpecFile

_TYPE_NAMES = {
    bool: "true or false", int: "an integer", str: "a string", dict: "a mapping", list: "a list",
    float: "a number", type(None): "null",
}


MAX_ERRORS_PER_FILE = 100

_EXPECTED = {
    "bool_type": "true or false", "bool_parsing": "true or false",
    "int_type": "a whole number", "int_parsing": "a whole number",
    "string_type": "a string", "list_type": "a list",
}


def validate_documents(documents: list[Document]) -> list[tuple[Document, SpecFile]]:
    """Validate every document; raise one :class:`SpecError` holding every problem found."""
    results: list[tuple[Document, SpecFile]] = []
    diagnostics: list[Diagnostic] = []
    for doc in documents:
        if not isinstance(doc.data, dict):
            diagnostics.append(
                Diagnostic(doc.span(()), "E100", "a spec file must be a mapping with "
                           "`tables:` and/or `enums:` at the top level")
            )
            continue
        try:
            results.append((doc, SpecFile.model_validate(doc.data)))
        except ValidationError as err:
            errors = err.errors()
            diagnostics.extend(_diagnostic(doc, e) for e in errors[:MAX_ERRORS_PER_FILE])
            if len(errors) > MAX_ERRORS_PER_FILE:
                # Locating each error costs a walk of its mapping: a file of a million unknown
                # keys would take hours to report in full, and nobody reads past the first ones.
                diagnostics.append(Diagnostic(
                    doc.span(()), "E106", f"{len(errors) - MAX_ERRORS_PER_FILE:,} more errors in "
                    f"this file (only the first {MAX_ERRORS_PER_FILE} are shown)",
                    hint="fix these and run again"))
        diagnostics.extend(_tables_without_columns(doc))
    if diagnostics:
        raise SpecError(diagnostics)
    return results


def _tables_without_columns(doc: Document) -> list[Diagnostic]:
    """A table needs columns unless it is not the spec's: `external: true`, or in one of
    Supabase's schemas (its key or `schema:` says which)."""
    tables = doc.data.get("tables")
    found = []
    for key, table in tables.items() if isinstance(tables, dict) else ():
        if not isinstance(table, dict) or table.get("external") is True or (
                isinstance(table.get("columns"), dict) and table["columns"]):
            continue
        schema = table.get("schema") or (str(key).partition(".")[0] if "." in str(key) else None)
        if schema in SUPABASE_OWNED_SCHEMAS:
            continue
        hint = ("declare the table's columns, or `external: true` for a table the spec does not "
                "own")
        if "columns" not in table:
            found.append(Diagnostic(doc.span(("tables", key)), "E102",
                                    f'missing required key "columns" in tables.{key}', hint=hint))
        elif table["columns"] == {}:
            found.append(Diagnostic(doc.span(("tables", key, "columns")), "E104",
                                    f"tables.{key}.columns must not be empty", hint=hint))
    return found
# What is left of ``numeric(12,2)`` after the comma of a flow mapping: ``2)``.
_FLOW_SPLIT = re.compile(r"\s*[0-9a-z_ ]*\)")


def describe_path(path: tuple[str | int, ...]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "the top level"


def _diagnostic(doc: Document, error: Any) -> Diagnostic:
    loc = tuple(part for part in error["loc"] if not str(part).startswith("function-"))
    kind = error["type"]
    value = error.get("input")
    if kind == "extra_forbidden":
        key = str(loc[-1])
        where = describe_path(loc[:-1])
        valid = _keys_at(loc[:-1])
        hint = _suggest(key, valid)
        if _FLOW_SPLIT.match(key):
            return Diagnostic(
                doc.key_span(loc), "E101", f'unknown key "{key}" in {where}: in a flow mapping '
                "{...} a comma ends the value, so a type such as numeric(12,2) was cut in two",
                hint='quote the value: {type: "numeric(12,2)"}')
        return Diagnostic(
            doc.key_span(loc), "E101", f'unknown key "{key}" in {where}{_did_you_mean(hint)}',
            hint="valid keys here: " + ", ".join(valid) if valid else None,
        )
    where = describe_path(loc)
    if kind == "missing":
        parent = describe_path(loc[:-1])
        return Diagnostic(doc.span(loc[:-1]), "E102", f'missing required key "{loc[-1]}" in {parent}')
    if kind == "literal_error":
        allowed = [a for a in _literal_values(error)]
        hint = _suggest(str(value), allowed)
        return Diagnostic(
            doc.span(loc), "E103",
            f'invalid value "{value}" for {where}{_did_you_mean(hint)}',
            hint="expected one of: " + ", ".join(allowed),
        )
    if kind in ("too_short", "string_too_short"):
        return Diagnostic(doc.span(loc), "E104", f"{where} must not be empty")
    if kind in _EXPECTED:
        expected = _EXPECTED[kind]
    elif kind in ("model_type", "dict_type", "model_attributes_type"):
        expected = "a mapping"
        if len(loc) >= 2 and loc[-2] == "columns":
            expected += " of column keys, or a type name such as text or text?"
    else:
        expected = error["msg"].removeprefix("Input should be ").removeprefix("a valid ")
    got = _TYPE_NAMES.get(type(value), type(value).__name__)
    return Diagnostic(
        doc.span(loc), "E105", f"wrong type for {where}: expected {expected}, got {got}",
        hint="quote the value to make it a string" if "string" in expected else None,
    )


def _did_you_mean(suggestion: str | None) -> str:
    return f' (did you mean "{suggestion}"?)' if suggestion else ""


def _suggest(word: str, choices: list[str]) -> str | None:
    found = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return found[0] if found else None


def _literal_values(error: Any) -> list[str]:
    expected = error.get("ctx", {}).get("expected", "")
    return [part.strip(" '") for part in expected.replace(" or ", ", ").split(",") if part.strip()]


def _keys_at(loc: tuple[str | int, ...]) -> list[str]:
    """The keys a user may write at ``loc``, found by walking the spec models' annotations."""
    annotation: Any = SpecFile
    for part in loc:
        annotation = _unwrap(annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            field = next(
                (f for name, f in annotation.model_fields.items() if (f.alias or name) == part),
                None,
            )
            if field is None:
                return []
            annotation = field.annotation
        elif get_origin(annotation) in (dict, list):
            annotation = get_args(annotation)[-1]
        else:
            return []
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [f.alias or name for name, f in annotation.model_fields.items()]
    return []


def _unwrap(annotation: Any) -> Any:
    """Strip Optional[...] and Annotated[...] down to the model or container type."""
    while True:
        origin = get_origin(annotation)
        if origin is typing.Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            members = [a for a in get_args(annotation) if a is not type(None)]
            annotation = members[0]
        else:
            return annotation
