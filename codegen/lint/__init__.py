"""Lint the spec with Supabase's security and performance advisor rules, before deploying.

``lint(schema)`` runs every rule of :mod:`codegen.lint.registry` over the IR and
returns the findings that ``lint_ignore`` does not acknowledge. Rules live in
small modules by concern (``rls``, ``policies``, ``auth``, ``columns``,
``indexes``); each is a function ``(ir.Schema) -> Iterator[Issue]``. See
docs/lint.md for the rules.
"""

from __future__ import annotations

from codegen.lint.engine import lint, sort_findings
from codegen.lint.finding import Finding, Level
from codegen.lint.registry import BY_NAME, RULES, Rule
from codegen.lint.report import failed, format_human, format_json, summary

__all__ = [
    "BY_NAME", "RULES", "Finding", "Level", "Rule", "failed", "format_human", "format_json",
    "lint", "sort_findings", "summary",
]
