"""Running every rule over a schema (and its next migration) and applying the acknowledgements."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from codegen.diagnostics import Span
from codegen.lint.finding import Acknowledgements, Finding, Issue, Level, acknowledgements
from codegen.lint.migration import Migration
from codegen.lint.registry import ALL_RULES, BY_NAME, MIGRATION_RULES, RULES
from codegen.schema import ir

_LEVEL_ORDER: dict[Level, int] = {"error": 0, "warn": 1, "info": 2}


def lint(schema: ir.Schema, migration: Migration | None = None, *,
         schema_rules: bool = True) -> list[Finding]:
    """Every finding of every rule, minus the acknowledged ones, in a stable order.

    The schema rules read ``schema`` (unless ``schema_rules`` is false); the
    migration-safety rules read ``migration``, the next migration to ``schema``
    (:func:`codegen.lint.migration.pending_migration`), when one is given.

    A finding is acknowledged by ``lint_ignore: {rule: reason}`` on its object or on
    the table the object belongs to. Acknowledgements naming no rule are reported
    (``unknown_lint_ignore``), and so are those of a schema rule that acknowledge
    nothing (``unused_lint_ignore``), so they cannot go stale silently. Those of a
    migration rule are never reported unused: they stay in the spec after the
    migration they were written for.
    """
    acks = acknowledgements(schema)
    used: set[tuple[str, str]] = set()
    ran: set[str] = set()
    findings: list[Finding] = []
    if schema_rules:
        for rule in RULES:
            if rule.check is not None:
                ran.add(rule.name)
                findings.extend(_unacknowledged(rule.name, rule.level, rule.check(schema),
                                                acks, used))
    if migration is not None:
        for migration_rule in MIGRATION_RULES:
            findings.extend(_unacknowledged(migration_rule.name, migration_rule.level,
                                            migration_rule.check(migration), acks, used))
    for ack in acks.values():
        for name, _ in ack.rules:
            known = BY_NAME.get(name)
            if known is None or known.check is None:
                findings.append(_unknown(ack.object, ack.span, name))
            elif name in ran and (ack.object, name) not in used:
                findings.append(Finding(
                    "unused_lint_ignore", BY_NAME["unused_lint_ignore"].level, ack.span,
                    f'lint_ignore of "{name}" on {ack.object} acknowledges no finding',
                    "remove it: what it acknowledged is gone (or it is on the wrong object)",
                    ack.object))
    return sort_findings(findings)


def _unacknowledged(rule: str, level: Level, issues: Iterable[Issue],
                    acks: dict[str, Acknowledgements],
                    used: set[tuple[str, str]]) -> Iterable[Finding]:
    for issue in issues:
        owners = [o for o in issue.subject.owners
                  if o in acks and any(r == rule for r, _ in acks[o].rules)]
        if owners:
            used.update((o, rule) for o in owners)
            continue
        subject = issue.subject
        yield Finding(rule, level, subject.span, issue.message, issue.hint, subject.object)


def _unknown(obj: str, span: Span | None, name: str) -> Finding:
    known = [r.name for r in ALL_RULES if r.check is not None]
    found = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    suggestion = f' (did you mean "{found[0]}"?)' if found else ""
    message = (f'lint_ignore on {obj} names "{name}", a rule that cannot be acknowledged'
               if name in BY_NAME else
               f'lint_ignore on {obj} names unknown rule "{name}"{suggestion}')
    return Finding("unknown_lint_ignore", BY_NAME["unknown_lint_ignore"].level, span, message,
                   "use a rule name listed in docs/lint.md", obj)


def sort_findings(findings: list[Finding]) -> list[Finding]:
    def key(f: Finding) -> tuple[str, int, int, int, str, str, str]:
        file, line, col = (f.span.file, f.span.line, f.span.col) if f.span else ("", 0, 0)
        return (file, line, col, _LEVEL_ORDER[f.level], f.rule, f.object, f.message)

    return sorted(dict.fromkeys(findings), key=key)
