"""What every part of lowering shares: where things were written, the spec's enums and
tables by name, and the diagnostics collected so far (raised together at the end)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from codegen.diagnostics import Diagnostic, Span
from codegen.schema import ir
from codegen.schema.expressions import ExpressionError, expression_facts
from codegen.schema.naming import identifier_too_long
from codegen.spec.database_objects import ExtensionSpec, FunctionSpec, SchemaSpec
from codegen.spec.document import Document, Path
from codegen.spec.models import EnumSpec, SpecFile, TableSpec
from codegen.spec.storage import BucketSpec
from codegen.spec.views import ViewSpec

DEFAULT_SCHEMA = "public"
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # Unicode category Cc, exactly


@dataclass(frozen=True)
class Located:
    """Where a spec object was written: its document and path, for the messages about it."""

    doc: Document
    path: Path

    def span(self, *more: str | int) -> Span:
        return self.doc.span((*self.path, *more))

    def key_span(self, *more: str | int) -> Span:
        return self.doc.key_span((*self.path, *more))


def qualify(key: str, schema: str | None) -> ir.QualifiedName:
    if schema is not None:
        return ir.QualifiedName(schema, key)
    if "." in key:
        first, _, rest = key.partition(".")
        return ir.QualifiedName(first, rest)
    return ir.QualifiedName(DEFAULT_SCHEMA, key)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    found = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f' (did you mean "{found[0]}"?)' if found else ""


# A comment becomes one line of every output (a docstring, a Field description, a JSDoc
# line), and the pydantic generator's formatter takes time quadratic in a line's length
# (0.13 MB: 1.7 s; 0.5 MB: 30 s). Real comments are a few hundred characters.
MAX_TEXT_CHARACTERS = 8192


class Context:
    """The state of one lowering; the parts (columns, foreign keys, ...) extend it."""

    def __init__(self, files: list[tuple[Document, SpecFile]]) -> None:
        self.files = files
        self.diagnostics: list[Diagnostic] = []
        self.enums: dict[ir.QualifiedName, tuple[EnumSpec, Located]] = {}
        self.tables: dict[ir.QualifiedName, tuple[TableSpec, Located]] = {}
        self.extensions: dict[str, tuple[ExtensionSpec, Located]] = {}
        self.namespaces: dict[str, tuple[SchemaSpec, Located]] = {}
        # Functions by name; overloads share a name.
        self.functions: dict[ir.QualifiedName, list[tuple[FunctionSpec, Located]]] = {}
        self.views: dict[ir.QualifiedName, tuple[ViewSpec, Located]] = {}
        self.buckets: dict[str, tuple[BucketSpec, Located]] = {}

    def error(self, span: Span, code: str, message: str, hint: str | None = None) -> None:
        self.diagnostics.append(Diagnostic(span, code, message, hint))

    def check_identifier(self, name: str, span: Span, what: str) -> None:
        if _CONTROL.search(name):
            # NUL cannot be in an identifier at all; other control characters can, quoted,
            # but only by accident, and they would break the line structure of every output.
            self.error(span, "E207", f"{what} name {name!r} contains a control character",
                       hint="use printable characters only")
        if identifier_too_long(name):
            self.error(
                span, "E201", f'{what} "{name}" is {len(name.encode())} bytes long; '
                "PostgreSQL truncates identifiers to 63 bytes", hint="choose a shorter name"
            )

    def check_text(self, text: str | None, where: Located, path: Path, what: str) -> None:
        if text is not None and "\x00" in text:
            self.error(where.span(*path), "E208", f"{what} contains a NUL character, which "
                       "PostgreSQL text cannot hold", hint="remove it")
        if text is not None and len(text) > MAX_TEXT_CHARACTERS:
            self.error(where.span(*path), "E214", f"{what} is {len(text):,} characters long; "
                       f"the limit is {MAX_TEXT_CHARACTERS:,}", hint="keep comments to a few "
                       "paragraphs; link to longer documentation")

    def lint_ignores(self, ignores: dict[str, str], where: Located,
                     path: Path) -> tuple[tuple[str, str], ...]:
        for rule, reason in ignores.items():
            if not reason.strip():
                self.error(where.span(*path, "lint_ignore", rule), "E290",
                           f'lint_ignore of "{rule}" needs a reason',
                           hint=f'write why the finding does not apply: {rule}: "…"')
        return tuple(sorted(ignores.items()))

    def expression(self, text: str, where: Located, path: Path, table: ir.QualifiedName,
                   columns: set[str] | None, allow_columns: bool = True,
                   subqueries: str | None = None) -> None:
        """Check an expression. ``columns``: the table's columns, or None when the spec does
        not know them (an external table's); ``subqueries``: the place where PostgreSQL refuses
        sub-selects (e.g. "a check constraint"), None where they are allowed."""
        try:
            expression, subquery, aggregate = expression_facts(text)
        except ExpressionError as err:
            self.error(where.doc.offset_span((*where.path, *path), err.offset), "E240",
                       f"{err.message}", hint="write a single SQL expression, e.g. "
                       "(select auth.uid()) = user_id")
            return
        offset = subquery if subqueries else None
        if offset is not None:
            self.error(where.doc.offset_span((*where.path, *path), offset), "E243",
                       f"PostgreSQL does not allow a subquery in {subqueries}",
                       hint="use a function, a trigger or a policy to look at other rows")
        if aggregate is not None:
            self.error(where.doc.offset_span((*where.path, *path), aggregate[0]), "E244",
                       f"PostgreSQL does not allow {aggregate[1]} here: an expression of the "
                       "spec looks at one row", hint="compare with a value of the row, or "
                       "aggregate inside a sub-select where one is allowed (a policy)")
        for ref in expression.columns:
            if ref.qualifier not in (None, table.name):
                continue
            if not allow_columns:
                self.error(where.doc.offset_span((*where.path, *path), ref.offset), "E241",
                           f'a column default cannot refer to column "{ref.name}"',
                           hint="use a constant or a function call such as now()")
            elif columns is not None and ref.name not in columns:
                self.error(where.doc.offset_span((*where.path, *path), ref.offset), "E242",
                           f'expression refers to unknown column "{ref.name}" of table '
                           f'"{table}"{did_you_mean(ref.name, columns)}')
