"""What every part of lowering shares: where things were written, the spec's enums and
tables by name, and the diagnostics collected so far (raised together at the end)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from codegen.diagnostics import Diagnostic, Span
from codegen.schema import ir
from codegen.schema.expressions import ExpressionError, parse_expression
from codegen.schema.naming import identifier_too_long
from codegen.spec.document import Document, Path
from codegen.spec.models import EnumSpec, SpecFile, TableSpec

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


class Context:
    """The state of one lowering; the parts (columns, foreign keys, ...) extend it."""

    def __init__(self, files: list[tuple[Document, SpecFile]]) -> None:
        self.files = files
        self.diagnostics: list[Diagnostic] = []
        self.enums: dict[ir.QualifiedName, tuple[EnumSpec, Located]] = {}
        self.tables: dict[ir.QualifiedName, tuple[TableSpec, Located]] = {}

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

    def lint_ignores(self, ignores: dict[str, str], where: Located,
                     path: Path) -> tuple[tuple[str, str], ...]:
        for rule, reason in ignores.items():
            if not reason.strip():
                self.error(where.span(*path, "lint_ignore", rule), "E290",
                           f'lint_ignore of "{rule}" needs a reason',
                           hint=f'write why the finding does not apply: {rule}: "…"')
        return tuple(sorted(ignores.items()))

    def expression(self, text: str, where: Located, path: Path, table: ir.QualifiedName,
                   columns: set[str], allow_columns: bool = True) -> None:
        try:
            expression = parse_expression(text)
        except ExpressionError as err:
            self.error(where.doc.offset_span((*where.path, *path), err.offset), "E240",
                       f"{err.message}", hint="write a single SQL expression, e.g. "
                       "(select auth.uid()) = user_id")
            return
        for ref in expression.columns:
            if ref.qualifier not in (None, table.name):
                continue
            if not allow_columns:
                self.error(where.doc.offset_span((*where.path, *path), ref.offset), "E241",
                           f'a column default cannot refer to column "{ref.name}"',
                           hint="use a constant or a function call such as now()")
            elif ref.name not in columns:
                self.error(where.doc.offset_span((*where.path, *path), ref.offset), "E242",
                           f'expression refers to unknown column "{ref.name}" of table '
                           f'"{table}"{did_you_mean(ref.name, columns)}')
