"""A loaded spec file (:class:`Document`: its data, and where each value was written) and
what both YAML readers share: paths into the data, the YAML 1.2 core-schema resolution of
plain scalars, and the diagnostics for duplicate keys and keys that are not names.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from codegen.diagnostics import Diagnostic, Span

Path = tuple[str | int, ...]

# -- YAML 1.2 core schema ------------------------------------------------------------------------

_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_SPECIAL = {
    "": None, "~": None, "null": None, "Null": None, "NULL": None,
    "true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False,
    ".inf": math.inf, ".Inf": math.inf, ".INF": math.inf, "+.inf": math.inf,
    "-.inf": -math.inf, "-.Inf": -math.inf, "-.INF": -math.inf,
    ".nan": math.nan, ".NaN": math.nan, ".NAN": math.nan,
}


def resolve_plain(text: str) -> Any:
    """The value of an unquoted scalar under the YAML 1.2 core schema."""
    if text in _SPECIAL:
        return _SPECIAL[text]
    if _INT.fullmatch(text):
        return int(text)
    if text.startswith(("0x", "0o")) and len(text) > 2:
        try:
            return int(text[2:], 16 if text[1] == "x" else 8)
        except ValueError:
            return text
    if _FLOAT.fullmatch(text):
        return float(text)
    return text


# -- documents -----------------------------------------------------------------------------------

@dataclass
class Document:
    """One spec file: its data and where each path in it was written."""

    file: str
    data: Any
    # path -> locator token; ``locate(token, want_key)`` gives (line, col, style).
    positions: dict[Path, Any] = field(default_factory=dict)
    locate: Callable[[Any, bool], tuple[int, int, str | None]] | None = None
    # Instead of ``positions``: finds the token of a path when asked (the fast path's tree).
    find: Callable[[Path], Any] | None = None
    source: str = ""  # the file's text: positions inside block scalars are counted in it

    def _where(self, path: Path, want_key: bool) -> tuple[int, int, str | None] | None:
        for end in range(len(path), -1, -1):
            prefix = tuple(path[:end])
            token = self.find(prefix) if self.find is not None else self.positions.get(prefix)
            if token is not None and self.locate is not None:
                return self.locate(token, want_key and end == len(path))
        return None

    def _lazy(self, path: Path, want_key: bool) -> Span:
        def resolve() -> tuple[int, int]:
            found = self._where(path, want_key)
            return (found[0], found[1]) if found else (1, 1)
        return Span(self.file, resolve=resolve)

    def span(self, path: Path) -> Span:
        """The position of the value at ``path``, or of its nearest written parent."""
        return self._lazy(tuple(path), False)

    def key_span(self, path: Path) -> Span:
        """The position of the key that names ``path`` (falls back to its value)."""
        return self._lazy(tuple(path), True)

    def offset_span(self, path: Path, offset: int) -> Span:
        """The position of the ``offset``-th character inside the string value at ``path``."""
        found = self._where(path, False)
        if found is None:
            return Span(self.file, 1, 1)
        line, col, style = found
        if style in (None, "'", '"'):
            quoted = 1 if style in ("'", '"') else 0
            return Span(self.file, line, col + quoted + offset)
        return self._block_span(line, col, offset)

    def _block_span(self, line: int, col: int, offset: int) -> Span:
        """Inside a block scalar (``|``, ``>``): its text starts on the next line, every line
        indented alike; a folded scalar's lines are counted as written."""
        lines = self.source.split("\n")
        if not self.source or line >= len(lines):
            return Span(self.file, line, col)  # the indicator's own position
        first = line  # 0-based index of the scalar's first content line
        while first < len(lines) and not lines[first].strip():
            first += 1
        if first >= len(lines):
            return Span(self.file, line, col)
        indent = len(lines[first]) - len(lines[first].lstrip(" "))
        # The value's text, as the loader joined it, has one line per source line (| style).
        row = first
        remaining = offset
        while row < len(lines):
            length = max(len(lines[row]) - indent, 0)
            if remaining <= length:
                return Span(self.file, row + 1, indent + remaining + 1)
            remaining -= length + 1
            row += 1
        return Span(self.file, line, col)


# -- diagnostics both readers give ----------------------------------------------------------------

def duplicate_key(file: str, key: str, where: tuple[int, int],
                  first: tuple[int, int]) -> Diagnostic:
    """E003 at ``where``: ``key`` was already given at ``first`` in the same mapping."""
    return Diagnostic(Span(file, *where), "E003",
                      f'duplicate key "{key}" (first defined at line {first[0]})',
                      hint="remove or rename one of them")


def not_a_name(file: str, where: tuple[int, int]) -> Diagnostic:
    """E002 at ``where``: a mapping key that is not a plain scalar (or is a merge key)."""
    return Diagnostic(Span(file, *where), "E002", "mapping keys must be plain names")
