"""Lint the spec with Supabase's security and performance advisor rules, before deploying,
and the next migration with migration-safety rules.

``lint(schema)`` runs every rule of :mod:`codegen.lint.registry` over the IR and
returns the findings that ``lint_ignore`` does not acknowledge. Rules live in
small modules by concern (``rls``, ``policies``, ``auth``, ``columns``,
``indexes``); each is a function ``(ir.Schema) -> Iterator[Issue]``.
``lint(schema, pending_migration(old, schema))`` also runs the migration-safety
rules (``migration_*`` modules), each a function ``(Migration) -> Iterator[Issue]``
over the changes the next migration makes. See docs/lint.md for the rules.
"""

from __future__ import annotations

from codegen.lint.engine import lint, sort_findings
from codegen.lint.finding import Finding, Level
from codegen.lint.migration import Migration, pending_migration
from codegen.lint.registry import BY_NAME, MIGRATION_RULES, RULES, MigrationRule, Rule
from codegen.lint.report import failed, format_human, format_json, summary

__all__ = [
    "BY_NAME", "MIGRATION_RULES", "RULES", "Finding", "Level", "Migration", "MigrationRule",
    "Rule", "failed", "format_human", "format_json", "lint", "pending_migration",
    "sort_findings", "summary",
]
