"""How TypeScript text is spelled: string literals, property keys (ECMAScript identifier
names), the width of a line in columns, ``JSON.stringify`` of string arrays, and the sort key
of ``Intl.Collator("en")`` that orders names the way Supabase's type generator does.

docs/supabase-typegen.md describes the rules; tests/oracle checks them against the real
generator.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from codegen.emit import json_text

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
    if text.isascii() and text.isprintable():  # names, nearly always: 5x faster this way
        return ascii_collation_key(text)
    return general_collation_key(text)


def ascii_collation_key(text: str) -> CollationKey:
    """:func:`en_collation_key` of printable ASCII: one primary weight per character, no
    accents, case at the third level."""
    return (tuple(map(_PRIMARY.__getitem__, text.lower())), (0,) * len(text),
            tuple(4 if char.isupper() else 0 for char in text))


def general_collation_key(text: str) -> CollationKey:
    """:func:`en_collation_key` of any text."""
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
    return _compact(list(values))


_compact = json_text.encoder(ensure_ascii=False, separators=(",", ":"))
