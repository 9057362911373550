"""Printing findings: for people (like the spec errors) and as JSON for CI tools.

The JSON is a list of objects, one per finding, in the order of the human
report; this shape is stable::

    [{"rule": "auth_rls_initplan", "level": "warn", "file": "schema/app.yaml",
      "line": 12, "column": 9, "message": "…", "hint": "…",
      "object": "policy \\"Owners read\\" on public.notes"}]

``file``, ``line`` and ``column`` are null for a finding without a place.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import click

from codegen.lint.finding import Finding, Level

_COLORS: dict[Level, str] = {"error": "red", "warn": "yellow", "info": "cyan"}
_PLURAL: dict[Level, tuple[str, str]] = {
    "error": ("error", "errors"), "warn": ("warning", "warnings"), "info": ("info", "infos"),
}


def format_human(findings: list[Finding], color: bool = False) -> str:
    """``file:line:col: level[rule]: message`` and an indented hint, one block per finding."""
    blocks = []
    for finding in findings:
        level = f"{finding.level}[{finding.rule}]"
        if color:
            level = click.style(level, fg=_COLORS[finding.level], bold=finding.level == "error")
        where = f"{finding.span}: " if finding.span else ""
        blocks.append(f"{where}{level}: {finding.message}\n  hint: {finding.hint}\n")
    return "".join(blocks)


def as_dict(finding: Finding) -> dict[str, Any]:
    span = finding.span
    return {
        "rule": finding.rule,
        "level": finding.level,
        "file": span.file if span else None,
        "line": span.line if span else None,
        "column": span.col if span else None,
        "message": finding.message,
        "hint": finding.hint,
        "object": finding.object,
    }


def format_json(findings: list[Finding]) -> str:
    return json.dumps([as_dict(f) for f in findings], indent=2, ensure_ascii=False) + "\n"


def summary(findings: list[Finding]) -> str:
    """``2 findings: 1 error, 1 warning`` or ``ok: no findings``."""
    if not findings:
        return "ok: no findings"
    counts = Counter(f.level for f in findings)
    parts = [f"{counts[level]} {_PLURAL[level][counts[level] != 1]}"
             for level in ("error", "warn", "info") if counts[level]]
    total = len(findings)
    return f"{total} finding{'s' if total != 1 else ''}: {', '.join(parts)}"


def failed(findings: list[Finding], strict: bool) -> bool:
    """Errors fail; warnings fail too with ``strict``; info never does."""
    failing: set[Level] = {"error", "warn"} if strict else {"error"}
    return any(f.level in failing for f in findings)
