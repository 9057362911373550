"""A small Prettier-style layout engine for the few constructs that can wrap: union types
and string arrays that do not fit in 80 columns are broken the way oxfmt (``semi: false``,
``printWidth: 80``, as Supabase formats its generated types) breaks them. Also JSDoc
comments. docs/supabase-typegen.md lists the formatter rules reproduced here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from codegen.emit.ts_text import text_width
from codegen.emit.ts_types import (
    NULL,
    TsArray,
    TsAtom,
    TsGeneric,
    TsIntersection,
    TsObject,
    TsType,
    TsUnion,
    expanded,
    flat,
)

PRINT_WIDTH = 80

# A Wadler/Prettier document: strings, lists (concatenation), and the nodes below. Only what
# union types and array literals need; every other line of our output is fixed text.


@dataclass(frozen=True)
class Group:
    """Printed on one line if it fits, else with every line break of its own level broken;
    ``broken``: always broken (it holds a group that is, as Prettier propagates breaks)."""

    contents: Doc
    broken: bool = False


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


def group(contents: Doc, broken: bool = False) -> Group:
    """A group, broken when asked or when it holds a broken group."""
    return Group(contents, broken or _holds_broken(contents))


def _holds_broken(doc: Doc) -> bool:
    if isinstance(doc, Group):
        return doc.broken
    if isinstance(doc, list):
        return any(_holds_broken(part) for part in doc)
    if isinstance(doc, (Indent, Align)):
        return _holds_broken(doc.contents)
    if isinstance(doc, IfBreak):
        return _holds_broken(doc.broken) or _holds_broken(doc.flat)
    return False


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
    if isinstance(ts_type, TsObject):
        return object_doc(ts_type)
    if isinstance(ts_type, TsIntersection):
        return intersection_doc(ts_type)
    if isinstance(ts_type, TsGeneric):  # Prettier's type arguments, no trailing comma
        arguments = _join([",", LINE], [type_doc(a) for a in ts_type.arguments])
        return group([ts_type.name, "<", Indent([SOFTLINE, arguments]), SOFTLINE, ">"])
    if hugs(ts_type):
        return _join(" | ", [type_doc(member) for member in ts_type.members])
    members = [Align(2, type_doc(member)) for member in ts_type.members]
    code: list[Doc] = [IfBreak([LINE, "| "]), _join([LINE, "| "], members)]
    if in_array:
        return ["(", group([Indent(code), SOFTLINE]), ")"]
    return group(Indent(code))


def object_doc(ts_type: TsObject) -> Doc:
    """An object type: ``{ a: A; b: B }`` if it fits (and was not written expanded), else
    one member per line without separators (``semi: false``)."""
    if not ts_type.members:
        return "{}"
    members = [[m.key, "?: " if m.optional else ": ", type_doc(m.type)]
               for m in ts_type.members]
    return group(["{", Indent([LINE, _join([IfBreak("", ";"), LINE], members)]), LINE, "}"],
                 broken=ts_type.expanded)


def intersection_doc(ts_type: TsIntersection) -> Doc:
    """Prettier's intersection: an object beside a non-object is joined inline (`` & ``);
    two non-objects break before the second."""
    parts: list[Doc] = []
    for index, member in enumerate(ts_type.members):
        doc = type_doc(member)
        if index == 0:
            parts.append(doc)
        elif isinstance(member, TsObject) or isinstance(ts_type.members[index - 1], TsObject):
            parts += [" & ", Indent(doc) if index > 1 else doc]
        else:
            parts.append(Indent([" &", LINE, doc]))
    return group(parts)


_KEYWORDS = frozenset({
    "any", "bigint", "boolean", "never", "null", "number", "object", "string", "symbol",
    "undefined", "unknown", "void",
})
_REFERENCE = re.compile(r"[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*(<.*>)?")


def hugs(union: TsUnion) -> bool:
    """A type reference or an object, or-null (``Json | null``, ``Status | null``,
    ``{ … } | null``), is never broken at its ``|``."""
    others = [m for m in union.members if m != NULL]
    if len(others) != 1:
        return False
    if isinstance(others[0], (TsObject, TsGeneric)):
        return True
    return isinstance(others[0], TsAtom) and (
        others[0].text not in _KEYWORDS and _REFERENCE.fullmatch(others[0].text) is not None)


def array_doc(elements: Sequence[str]) -> Doc:
    """An array literal or tuple type of strings: one line, or one element per line with a
    trailing comma."""
    if not elements:
        return "[]"
    return group(["[", Indent([SOFTLINE, _join([",", LINE], list(elements))]), IfBreak(","),
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
        elif isinstance(doc, Group):
            stack.append((indent, _BREAK if doc.broken else mode, doc.contents))
        elif isinstance(doc, (Indent, Align)):
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
            if item.broken:
                stack.append((level, _BREAK, item.contents))
            elif mode is _FLAT or _fits(flat_item, stack, PRINT_WIDTH - column):
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
    if isinstance(ts_type, TsAtom) or (
            text_width(line) + indent <= PRINT_WIDTH and not expanded(ts_type)):
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
