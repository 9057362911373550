"""Located, collected error reports.

Every stage reports problems as :class:`Diagnostic` values instead of raising on
the first one, so a user sees every mistake in the spec at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


class Span:
    """A position in a spec file; line and column are 1-based.

    A span may be given a function that works the position out instead of the
    position itself: spans are attached to every object of a large spec, and
    only the few that end up in a message are ever looked at.
    """

    __slots__ = ("_col", "_line", "_resolve", "file")

    def __init__(self, file: str, line: int = 0, col: int = 0,
                 resolve: Callable[[], tuple[int, int]] | None = None) -> None:
        self.file = file
        self._line, self._col, self._resolve = line, col, resolve

    def _position(self) -> tuple[int, int]:
        if self._resolve is not None:
            self._line, self._col = self._resolve()
            self._resolve = None
        return self._line, self._col

    @property
    def line(self) -> int:
        return self._position()[0]

    @property
    def col(self) -> int:
        return self._position()[1]

    def _key(self) -> tuple[str, int, int]:
        return (self.file, *self._position())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Span) and self._key() == other._key()

    def __lt__(self, other: Span) -> bool:
        return self._key() < other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Span(file={self.file!r}, line={self.line}, col={self.col})"

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in the input: where, which code, what is wrong, how to fix it."""

    span: Span | None
    code: str
    message: str
    hint: str | None = None
    severity: Severity = Severity.ERROR

    def format(self, source_lines: dict[str, list[str]] | None = None) -> str:
        where = f"{self.span}: " if self.span else ""
        text = f"{where}{self.severity.value}[{self.code}]: {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        if self.span and source_lines and self.span.file in source_lines:
            lines = source_lines[self.span.file]
            if 0 < self.span.line <= len(lines):
                line = lines[self.span.line - 1].rstrip("\n")
                text += f"\n  | {line}\n  | {' ' * (self.span.col - 1)}^"
        return text


@dataclass
class SpecError(Exception):
    """Raised by a stage that found errors; carries all of them, sorted by place."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.diagnostics = sort_diagnostics(self.diagnostics)
        super().__init__("\n".join(d.format() for d in self.diagnostics))


def sort_diagnostics(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    def key(d: Diagnostic) -> tuple[str, int, int, str, str]:
        if d.span is None:
            return ("", 0, 0, d.code, d.message)
        return (d.span.file, d.span.line, d.span.col, d.code, d.message)

    unique = list(dict.fromkeys(diagnostics))
    return sorted(unique, key=key)


def decode_utf8(file: str, data: bytes) -> str:
    """``data`` as UTF-8 text; a :class:`SpecError` (E004) at the first invalid byte."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        before = data[:err.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1:].decode("utf-8", errors="replace")) + 1
        raise SpecError([Diagnostic(
            Span(file, line, column), "E004",
            f"not valid UTF-8: byte 0x{data[err.start]:02x} cannot be decoded",
            hint="save the file as UTF-8")]) from None
