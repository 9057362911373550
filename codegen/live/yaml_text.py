"""Writing YAML by hand, deterministically: plain scalars where YAML reads them back as the
same string, double quotes elsewhere; flow mappings for one-line objects."""

from __future__ import annotations

import json
import re
from typing import Any

# Plain scalars YAML 1.1 and 1.2 both read as these strings (not booleans, numbers, nulls).
# A trailing ? (a nullable type) is plain too: only "? " at the start starts a complex key.
_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_ .()/+\[\]-]*\??\Z")
_FLOW_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_ .()/+-]*\??\Z")
_RESERVED = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"}


def scalar(value: Any, flow: bool = False) -> str:
    """A YAML scalar for ``value`` (str, bool, int, float, None)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    text = str(value)
    pattern = _FLOW_PLAIN if flow else _PLAIN
    if (pattern.match(text) and text.lower() not in _RESERVED and text == text.strip()
            and "  " not in text and not text.endswith(":")):
        return text
    return json.dumps(text, ensure_ascii=False)


def flow(value: Any) -> str:
    """A value on one line: ``{a: 1, b: [x, y]}``."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{scalar(k, True)}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return scalar(value, flow=True)


def block(value: Any, indent: int = 0) -> list[str]:
    """A mapping as block YAML lines; lists of mappings as ``- {...}`` or nested blocks,
    lists of scalars and small mappings in flow style."""
    pad = " " * indent
    lines: list[str] = []
    assert isinstance(value, dict)
    for key, item in value.items():
        head = f"{pad}{scalar(key)}:"
        if isinstance(item, str) and literal_block(item):
            first = item.split("\n", 1)[0]
            lines.append(f"{head} |{'2' if first.startswith(' ') else ''}")
            lines.extend(f"{pad}  {line}" if line else "" for line in item[:-1].split("\n"))
        elif isinstance(item, dict) and item and _needs_block(item):
            lines.append(head)
            lines.extend(block(item, indent + 2))
        elif isinstance(item, list) and item and all(isinstance(i, dict) for i in item):
            lines.append(head)
            for entry in item:
                if _needs_block(entry):
                    sub = block(entry, indent + 4)
                    lines.append(f"{pad}  - {sub[0].lstrip()}")
                    lines.extend(sub[1:])
                else:
                    lines.append(f"{pad}  - {flow(entry)}")
        else:
            lines.append(f"{head} {flow(item)}")
    return lines


def literal_block(text: str) -> bool:
    """Whether ``text`` is written as a ``|`` block scalar (a function's body): lines ending
    with one newline, which the block reads back as exactly the same string."""
    return (text.endswith("\n") and not text.endswith("\n\n") and bool(text.strip())
            and "\r" not in text and "\t" not in text.split("\n", 1)[0][:1])


def _needs_block(mapping: dict[str, Any]) -> bool:
    if any(isinstance(v, str) and literal_block(v) for v in mapping.values()):
        return True
    text = flow(mapping)
    return len(text) > 72 or any(isinstance(v, (dict, list)) and v and
                                 any(isinstance(x, dict) for x in (v if isinstance(v, list) else [v]))
                                 for v in mapping.values())
