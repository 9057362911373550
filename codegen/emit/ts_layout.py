"""What both TypeScript emitters share: the type mapping, string and key spelling, the
name collation, and a small Prettier-style layout engine for the constructs we print.

The rules mirror Supabase's type generator (``@supabase/postgrest-typegen`` 0.2.5, whose
output is formatted by oxfmt with ``semi: false, printWidth: 80``); docs/supabase-typegen.md
describes them and tests/oracle checks them against the real generator.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from codegen.schema import ir
from codegen.schema.pgtypes import BUILTINS

PRINT_WIDTH = 80

JSON_TYPE = """\
export type Json =
  | string
  | number
  | boolean
  | null
  | { [key: string]: Json | undefined }
  | Json[]"""

# -- strings, keys, widths ------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def ts_string(value: str) -> str:
    """A string literal as the generator writes it: ``JSON.stringify`` then the formatter's
    quote choice (double quotes unless the text has more ``"`` than ``'``)."""
    raw = json.dumps(value, ensure_ascii=False)[1:-1]  # == JSON.stringify for any str
    if raw.count('"') <= raw.count("'"):
        return '"' + raw + '"'
    out: list[str] = []
    i = 0
    while i < len(raw):
        char = raw[i]
        if char == "\\":
            escaped = raw[i + 1]
            out.append('"' if escaped == '"' else "\\" + escaped)
            i += 2
            continue
        out.append("\\'" if char == "'" else char)
        i += 1
    return "'" + "".join(out) + "'"


_ID_START_CATEGORIES = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Nl"})
_ID_CONTINUE_CATEGORIES = _ID_START_CATEGORIES | {"Mn", "Mc", "Nd", "Pc"}
_OTHER_ID_START = frozenset("\u1885\u1886\u2118\u212e\u309b\u309c$_")
_OTHER_ID_CONTINUE = frozenset(
    "\u00b7\u0387\u1369\u136a\u136b\u136c\u136d\u136e\u136f\u1370\u1371\u19da"
    "\u200c\u200d\u30fb\uff65$"
)
_PATTERN_SYNTAX = frozenset("\u2e2f")


def is_identifier_name(name: str) -> bool:
    """ECMAScript IdentifierName (reserved words included): such keys are written unquoted."""
    if not name:
        return False
    if name.isascii():
        return (name[0].isalpha() or name[0] in "$_") and all(
            c.isalnum() or c in "$_" for c in name
        ) and not name[0].isdigit()
    first = name[0]
    if first in _PATTERN_SYNTAX or not (
        first in _OTHER_ID_START or unicodedata.category(first) in _ID_START_CATEGORIES
    ):
        return False
    return all(
        c not in _PATTERN_SYNTAX
        and (c in _OTHER_ID_START or c in _OTHER_ID_CONTINUE
             or unicodedata.category(c) in _ID_CONTINUE_CATEGORIES)
        for c in name[1:]
    )


@lru_cache(maxsize=4096)
def ts_key(name: str) -> str:
    """A property key: bare when it is an identifier name, else a string literal
    (all-digit names stay quoted, as TypeScript keeps numeric-looking keys quoted)."""
    return name if is_identifier_name(name) else ts_string(name)


def text_width(text: str) -> int:
    """Columns a line takes: East Asian wide/fullwidth characters count 2, combining marks 0."""
    if text.isascii():
        return len(text)
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


# -- collation: Intl.Collator("en") ------------------------------------------------------------

# ICU root order of the printable ASCII characters (punctuation is not ignorable).
_ASCII_ORDER = " _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789abcdefghijklmnopqrstuvwxyz"
_SHIFT = 22  # room below each ASCII weight for the code points of other characters
_PRIMARY = {char: (rank + 1) << _SHIFT for rank, char in enumerate(_ASCII_ORDER)}
_DIGIT_ZERO = _PRIMARY["0"]
_OTHER_PUNCTUATION = _PRIMARY["$"] + 1  # after the ASCII symbols, before the digits
_OTHER_LETTERS = (len(_ASCII_ORDER) + 1) << _SHIFT  # after z
# Secondary weights of common diacritics, in the order of the Unicode collation table.
_DIACRITICS = {
    mark: rank + 1
    for rank, mark in enumerate(
        "\u0301\u0300\u0306\u0302\u030c\u030a\u0308\u030b\u0303\u0307\u0338\u0327\u0328\u0304"
    )
}
_OTHER_DIACRITICS = len(_DIACRITICS) + 1
_LIGATURE = _OTHER_DIACRITICS + 0x110000  # æ is "ae" with a difference after the accents
# Letters the collation table treats as other letters plus a difference at the accent
# level (no Unicode decomposition): stroked letters, ligatures, sharp s.
_SPECIAL = {
    "ø": ("o", _DIACRITICS["\u0338"]), "đ": ("d", _DIACRITICS["\u0338"]),
    "ł": ("l", _DIACRITICS["\u0338"]), "ħ": ("h", _DIACRITICS["\u0338"]),
    "æ": ("ae", _LIGATURE), "œ": ("oe", _LIGATURE), "ß": ("ss", _LIGATURE),
    "ẞ": ("SS", _LIGATURE),
}
_SPECIAL.update({upper: (base.upper(), mark) for lower, (base, mark) in list(_SPECIAL.items())
                 if (upper := lower.upper()) != lower and len(upper) == 1})
# After Latin, ICU's script order (Greek, Cyrillic, ..., Hangul, kana, Han); by code point
# within a script.
_SCRIPTS = (
    (0x0370, 0x03FF), (0x1F00, 0x1FFF),  # Greek
    (0x0400, 0x052F),  # Cyrillic
    (0x0530, 0x058F),  # Armenian
    (0x0590, 0x05FF),  # Hebrew
    (0x0600, 0x06FF),  # Arabic
    (0x0700, 0x10FF),  # Syriac ... Myanmar, Georgian
    (0x1100, 0x11FF), (0x3130, 0x318F), (0xAC00, 0xD7AF),  # Hangul
    (0x3040, 0x30FF),  # Hiragana and Katakana (one script for the collation)
    (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0x20000, 0x3FFFF),  # Han
)

CollationKey = tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]


def _script_weight(char: str) -> int:
    code = ord(char.lower())
    if 0x30A1 <= code <= 0x30F6:  # katakana sorts with its hiragana
        code -= 0x60
    rank = next((i for i, (low, high) in enumerate(_SCRIPTS) if low <= code <= high),
                len(_SCRIPTS))
    return _OTHER_LETTERS + (rank << 21) + code


@lru_cache(maxsize=65536)
def en_collation_key(text: str) -> CollationKey:
    """Sort key of ``new Intl.Collator("en").compare``: primary letters (case and accents
    ignored; punctuation < digits < letters, no numeric ordering), then accents, then case
    and width (lower first).

    Exact for ASCII and for Latin letters with the usual diacritics, ligatures and sharp s
    (checked against Node's ICU in the tests); other scripts follow ICU's script order by
    code point, and non-ASCII punctuation sorts between ``$`` and the digits (ICU orders
    those in more detail)."""
    primary: list[int] = []
    secondary: list[int] = []
    tertiary: list[int] = []
    for original in unicodedata.normalize("NFD", text):
        chars, mark, variant = original, 0, 0
        if original in _SPECIAL:
            chars, mark = _SPECIAL[original]
        elif not original.isascii():
            compatible = unicodedata.normalize("NFKD", original)
            if compatible != original:  # fullwidth, halfwidth, superscript...: a variant
                chars, variant = compatible, 2
            if 0x30A1 <= ord(chars[0]) <= 0x30F6:  # katakana after hiragana
                variant += 1
        for index, char in enumerate(chars):
            weight = _PRIMARY.get(char.lower()) if char.isascii() else None
            if weight is None:
                category = unicodedata.category(char)
                if category in ("Mn", "Me"):  # a diacritic: no primary weight
                    secondary.append(_DIACRITICS.get(char, _OTHER_DIACRITICS + ord(char)))
                    tertiary.append(0)
                    continue
                digit = unicodedata.digit(char, None)
                if digit is not None:
                    weight = _DIGIT_ZERO + (digit << _SHIFT)
                elif category[0] in "LN":
                    weight = _script_weight(char)
                else:
                    weight = _OTHER_PUNCTUATION + ord(char)
            primary.append(weight)
            secondary.append(0)
            tertiary.append((4 if char.isupper() else 0) + variant)
            if mark and index == 0:
                secondary.append(mark)
                tertiary.append(0)
    return tuple(primary), tuple(secondary), tuple(tertiary)


def js_json(values: Iterable[str]) -> str:
    """``JSON.stringify`` of a string array (no spaces)."""
    return json.dumps(list(values), ensure_ascii=False, separators=(",", ":"))


# -- TypeScript types ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TsAtom:
    """A TypeScript type written as it is (``string``, ``Json``)."""

    text: str


@dataclass(frozen=True)
class TsUnion:
    """``A | B | …``"""

    members: tuple[TsType, ...]


@dataclass(frozen=True)
class TsArray:
    """``T[]``"""

    element: TsType


TsType = TsAtom | TsUnion | TsArray

UNKNOWN = TsAtom("unknown")
NULL = TsAtom("null")
JSON_ATOM = TsAtom("Json")

_NUMBER_UDTS = frozenset({"int2", "int4", "int8", "float4", "float8", "numeric"})
_STRING_UDTS = frozenset({
    "bytea", "bpchar", "varchar", "date", "text", "citext", "time", "timetz", "timestamp",
    "timestamptz", "uuid", "vector", "interval",
})


def pg_type_to_ts(
    udt: str, type_schema: str | None, named: Callable[[str, str | None], TsType | None]
) -> TsType:
    """The generator's ``pgTypeToTsType``: built-in names first, then ``_x`` as an array of
    ``x``, then ``named`` (enums, then tables, looked up by name), else ``unknown``."""
    if udt == "bool":
        return TsAtom("boolean")
    if udt in _NUMBER_UDTS:
        return TsAtom("number")
    if udt in _STRING_UDTS:
        return TsAtom("string")
    if udt in ("json", "jsonb"):
        return JSON_ATOM
    if udt == "void":
        return TsAtom("undefined")
    if udt == "record":
        return TsAtom("Record<string, unknown>")
    if udt.startswith("_"):
        return TsArray(pg_type_to_ts(udt[1:], type_schema, named))
    return named(udt, type_schema) or UNKNOWN


def flat(ts_type: TsType) -> str:
    """The type on one line."""
    if isinstance(ts_type, TsAtom):
        return ts_type.text
    if isinstance(ts_type, TsUnion):
        return " | ".join(flat(member) for member in ts_type.members)
    inner = flat(ts_type.element)
    return f"({inner})[]" if isinstance(ts_type.element, TsUnion) else inner + "[]"


def literal_union(values: Sequence[str]) -> TsType:
    members = tuple(TsAtom(ts_string(value)) for value in values)
    return members[0] if len(members) == 1 else TsUnion(members)


def nullable(ts_type: TsType) -> TsType:
    """``T | null`` (the generator's ``generateNullableUnionTsType`` for a nullable column)."""
    if ts_type == UNKNOWN:
        return ts_type
    if isinstance(ts_type, TsUnion):
        return TsUnion((*ts_type.members, NULL))
    return TsUnion((ts_type, NULL))


def not_null(ts_type: TsType) -> TsType:
    """A NOT NULL column: ``Json`` (which includes null) becomes ``NonNullable<Json>``."""
    return TsAtom("NonNullable<Json>") if ts_type == JSON_ATOM else ts_type


# PostgreSQL stores no default for DEFAULT NULL (a bare NULL constant, cast or not).
_NULL_DEFAULT = re.compile(r"\s*\(?\s*null\s*\)?\s*(::.*)?", re.IGNORECASE | re.DOTALL)


def has_default(column: ir.Column) -> bool:
    """Whether the column has a default in the catalog (``atthasdef``)."""
    return column.default is not None and not _NULL_DEFAULT.fullmatch(column.default.sql)


def column_format(column_type: ir.ColumnType) -> tuple[str, str | None]:
    """(``pg_type.typname`` of the column's type, schema of an enum type), as introspected.

    An array type is named ``_<element>``, cut to PostgreSQL's 63 bytes."""
    if column_type.enum is not None:
        name, schema = column_type.enum.name, column_type.enum.schema
    else:
        name, schema = BUILTINS[column_type.base].udt, None
    if column_type.array_dims:
        name = ("_" + name).encode()[:63].decode(errors="ignore")
    return name, schema


# -- layout -------------------------------------------------------------------------------------
# A Wadler/Prettier document: strings, lists (concatenation), and the nodes below. Only what
# union types and array literals need; every other line of our output is fixed text.


@dataclass(frozen=True)
class Group:
    """Printed on one line if it fits, else with every line break of its own level broken."""

    contents: Doc


@dataclass(frozen=True)
class Indent:
    """Contents one indentation level deeper where their lines break."""

    contents: Doc


@dataclass(frozen=True)
class Align:
    """Contents indented by a fixed width where their lines break."""

    width: int
    contents: Doc


@dataclass(frozen=True)
class Line:
    """A line break, or a space (nothing when ``soft``) when its group fits."""

    soft: bool = False  # nothing when flat (else a space)


@dataclass(frozen=True)
class IfBreak:
    """``broken`` when the enclosing group breaks, else ``flat``."""

    broken: Doc
    flat: Doc = ""


Doc = str | list["Doc"] | Group | Indent | Align | Line | IfBreak

LINE = Line()
SOFTLINE = Line(soft=True)
_BREAK, _FLAT = True, False


def _join(separator: Doc, docs: Iterable[Doc]) -> list[Doc]:
    out: list[Doc] = []
    for index, doc in enumerate(docs):
        if index:
            out.append(separator)
        out.append(doc)
    return out


def type_doc(ts_type: TsType, in_array: bool = False) -> Doc:
    """How Prettier/oxfmt lay out a type: a union breaks into one ``| member`` per line,
    indented; a union inside an array type keeps its parentheses around the broken lines."""
    if isinstance(ts_type, TsAtom):
        return ts_type.text
    if isinstance(ts_type, TsArray):
        return [type_doc(ts_type.element, in_array=True), "[]"]
    if hugs(ts_type):
        return flat(ts_type)
    members = [Align(2, type_doc(member)) for member in ts_type.members]
    code: list[Doc] = [IfBreak([LINE, "| "]), _join([LINE, "| "], members)]
    if in_array:
        return ["(", Group([Indent(code), SOFTLINE]), ")"]
    return Group(Indent(code))


_KEYWORDS = frozenset({
    "any", "bigint", "boolean", "never", "null", "number", "object", "string", "symbol",
    "undefined", "unknown", "void",
})
_REFERENCE = re.compile(r"[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*(<.*>)?")


def hugs(union: TsUnion) -> bool:
    """A type reference or-null (``Json | null``, ``Status | null``) is never broken."""
    others = [m for m in union.members if m != NULL]
    return len(others) == 1 and isinstance(others[0], TsAtom) and (
        others[0].text not in _KEYWORDS and _REFERENCE.fullmatch(others[0].text) is not None)


def array_doc(elements: Sequence[str]) -> Doc:
    """An array literal or tuple type of strings: one line, or one element per line with a
    trailing comma."""
    if not elements:
        return "[]"
    return Group(["[", Indent([SOFTLINE, _join([",", LINE], list(elements))]), IfBreak(","),
                  SOFTLINE, "]"])


def _fits(item: tuple[int, bool, Doc], rest: list[tuple[int, bool, Doc]], width: int) -> bool:
    stack = [item]
    rest_index = len(rest)
    while width >= 0:
        if not stack:
            if rest_index == 0:
                return True
            rest_index -= 1
            stack.append(rest[rest_index])
            continue
        indent, mode, doc = stack.pop()
        if isinstance(doc, str):
            width -= text_width(doc)
        elif isinstance(doc, list):
            stack.extend((indent, mode, part) for part in reversed(doc))
        elif isinstance(doc, (Indent, Align, Group)):
            stack.append((indent, mode, doc.contents))
        elif isinstance(doc, IfBreak):
            stack.append((indent, mode, doc.broken if mode is _BREAK else doc.flat))
        else:  # Line
            if mode is _BREAK:
                return True
            if not doc.soft:
                width -= 1
    return False


def render(doc: Doc, indent: int) -> str:
    """Print ``doc`` starting at column ``indent`` (which is also its base indentation)."""
    out: list[str] = [" " * indent]
    column = indent
    stack: list[tuple[int, bool, Doc]] = [(indent, _BREAK, doc)]
    while stack:
        level, mode, item = stack.pop()
        if isinstance(item, str):
            out.append(item)
            column += text_width(item)
        elif isinstance(item, list):
            stack.extend((level, mode, part) for part in reversed(item))
        elif isinstance(item, Indent):
            stack.append((level + 2, mode, item.contents))
        elif isinstance(item, Align):
            stack.append((level + item.width, mode, item.contents))
        elif isinstance(item, Group):
            flat_item = (level, _FLAT, item.contents)
            if mode is _FLAT or _fits(flat_item, stack, PRINT_WIDTH - column):
                stack.append(flat_item)
            else:
                stack.append((level, _BREAK, item.contents))
        elif isinstance(item, IfBreak):
            stack.append((level, mode, item.broken if mode is _BREAK else item.flat))
        elif mode is _FLAT:
            if not item.soft:
                out.append(" ")
                column += 1
        else:
            while out and out[-1].endswith(" "):  # no trailing whitespace
                out[-1] = out[-1].rstrip(" ")
            out.append("\n" + " " * level)
            column = level
    return "".join(out)


def member_line(indent: int, head: str, ts_type: TsType, tail: str = "") -> str:
    """``<head><type><tail>`` at ``indent`` (e.g. ``name?: string | null``), wrapped like
    the formatter wraps it when longer than 80 columns."""
    line = head + flat(ts_type) + tail
    if isinstance(ts_type, TsAtom) or text_width(line) + indent <= PRINT_WIDTH:
        return " " * indent + line
    return render([head, type_doc(ts_type), tail], indent)


def array_line(indent: int, head: str, elements: Sequence[str], tail: str = "") -> str:
    """``<head>["a", "b"]<tail>`` at ``indent``, one element per line if it does not fit."""
    line = head + "[" + ", ".join(elements) + "]" + tail
    if not elements or text_width(line) + indent <= PRINT_WIDTH:
        return " " * indent + line
    return render([head, array_doc(elements), tail], indent)


def jsdoc(text: str | None, indent: int) -> list[str]:
    """A ``/** … */`` comment (one line if the text is), or nothing."""
    if not text:
        return []
    pad = " " * indent
    lines = [line.rstrip() for line in text.replace("*/", "*\\/").splitlines()] or [""]
    if len(lines) == 1:
        return [f"{pad}/** {lines[0]} */"]
    return [f"{pad}/**", *(f"{pad} * {line}".rstrip() for line in lines), f"{pad} */"]
