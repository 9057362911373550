"""Type aliases of the same shape generated once: a thousand functions returning `setof` a
table of their own need two runs of datamodel-code-generator's work, not a thousand.

Two aliases have the same shape when their definitions differ only in their own name, the
classes they name and their description, each of the same length (the description also
with its spaces and punctuation in the same places), so the generator lays them out alike.
The first two of each shape are generated; the others are the first's lines with those
words replaced, and only where that replacement turns the first's lines into exactly the
second's (:func:`derive` is told when it does not, and the caller runs the generator on
every alias instead).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

_REF = re.compile(r'"#/\$defs/([^"]+)"')
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
# Characters the generator writes as they are, inside a string and inside a docstring.
_PLAIN_TEXT = re.compile(r"[A-Za-z0-9_ .,:;()\[\]=<>+*/-]*\Z")
_WORD = re.compile(r"[A-Za-z0-9_]")


def references(definition: Mapping[str, Any]) -> set[str]:
    """The definitions ``definition`` names (``{"$ref": "#/$defs/<name>"}``)."""
    return set(_REF.findall(json.dumps(definition)))


@dataclass(frozen=True)
class Words:
    """What differs between aliases of one shape: the name, the classes named (in order of
    first mention) and the description."""

    name: str
    refs: tuple[str, ...]
    description: str | None


def _shape(name: str, definition: Mapping[str, Any]) -> tuple[str, Words] | None:
    description = definition.get("description")
    if not _IDENTIFIER.match(name) or description is not None and (
            not isinstance(description, str) or not _PLAIN_TEXT.match(description)):
        return None
    text = json.dumps({**definition, "description": None}, sort_keys=True)
    refs = tuple(dict.fromkeys(_REF.findall(text)))
    if name in refs or not all(_IDENTIFIER.match(ref) for ref in refs):
        return None
    index = {ref: i for i, ref in enumerate(refs)}
    text = _REF.sub(lambda m: f'"#/$defs/\0{index[m.group(1)]}:{len(m.group(1))}"', text)
    skeleton = None if description is None else _WORD.sub("x", description)
    return f"{len(name)}\0{skeleton}\0{text}", Words(name, refs, description)


@dataclass(frozen=True)
class Plan:
    """Which aliases are generated and which are derived, from which."""

    generated: frozenset[str]
    words: dict[str, Words]  # of every alias of a shared shape
    derived: dict[str, str]  # alias -> the first of its shape
    seconds: dict[str, str]  # the first of a shape -> the second, the check of the first


def plan(late: Mapping[str, Mapping[str, Any]]) -> Plan:
    shapes: dict[str, list[str]] = {}
    words: dict[str, Words] = {}
    for name, definition in late.items():
        found = _shape(name, definition)
        if found is None:
            shapes[f"\0{name}"] = [name]
            continue
        shapes.setdefault(found[0], []).append(name)
        words[name] = found[1]
    generated: set[str] = set()
    derived: dict[str, str] = {}
    seconds: dict[str, str] = {}
    for members in shapes.values():
        generated.update(members[:2])
        if len(members) > 2:
            seconds[members[0]] = members[1]
            derived.update({member: members[0] for member in members[2:]})
    return Plan(frozenset(generated), words, derived, seconds)


def replace_words(text: str, old: Words, new: Words) -> str:
    """``text`` (the lines of ``old``'s alias) with ``old``'s words as ``new``'s."""
    mapping = {old.name: new.name, **dict(zip(old.refs, new.refs))}
    patterns = [rf"(?<![A-Za-z0-9_]){re.escape(word)}(?![A-Za-z0-9_])" for word in mapping]
    if old.description:
        assert new.description is not None
        mapping[old.description] = new.description
        patterns.insert(0, re.escape(old.description))  # first: it may contain the others
    return re.sub("|".join(patterns), lambda m: mapping[m.group(0)], text)


def derive(blocks: Mapping[str, str], late: Plan) -> dict[str, str] | None:
    """The lines of every derived alias, given those of the generated ones (alias -> lines);
    None when replacing the words of a shape's first alias does not give its second's."""
    for first, second in late.seconds.items():
        if replace_words(blocks[first], late.words[first], late.words[second]) != blocks[second]:
            return None
    return {name: replace_words(blocks[first], late.words[first], late.words[name])
            for name, first in late.derived.items()}
