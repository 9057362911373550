"""Running every rule over a schema and applying the spec's acknowledgements."""

from __future__ import annotations

import difflib

from codegen import ir
from codegen.diagnostics import Span
from codegen.lint.finding import Finding, Level, acknowledgements
from codegen.lint.registry import BY_NAME, RULES

_LEVEL_ORDER: dict[Level, int] = {"error": 0, "warn": 1, "info": 2}


def lint(schema: ir.Schema) -> list[Finding]:
    """Every finding of every rule, minus the acknowledged ones, in a stable order.

    A finding is acknowledged by ``lint_ignore: {rule: reason}`` on its object or on
    the table the object belongs to. Acknowledgements naming no rule are reported
    (``unknown_lint_ignore``), and so are those that acknowledge nothing
    (``unused_lint_ignore``), so they cannot go stale silently.
    """
    acks = acknowledgements(schema)
    used: set[tuple[str, str]] = set()
    findings: list[Finding] = []
    for rule in RULES:
        if rule.check is None:
            continue
        for issue in rule.check(schema):
            owners = [o for o in issue.subject.owners
                      if o in acks and any(r == rule.name for r, _ in acks[o].rules)]
            if owners:
                used.update((o, rule.name) for o in owners)
                continue
            subject = issue.subject
            findings.append(Finding(rule.name, rule.level, subject.span, issue.message,
                                    issue.hint, subject.object))
    for ack in acks.values():
        for name, _ in ack.rules:
            known = BY_NAME.get(name)
            if known is None or known.check is None:
                findings.append(_unknown(ack.object, ack.span, name))
            elif (ack.object, name) not in used:
                findings.append(Finding(
                    "unused_lint_ignore", BY_NAME["unused_lint_ignore"].level, ack.span,
                    f'lint_ignore of "{name}" on {ack.object} acknowledges no finding',
                    "remove it: what it acknowledged is gone (or it is on the wrong object)",
                    ack.object))
    return sort_findings(findings)


def _unknown(obj: str, span: Span | None, name: str) -> Finding:
    known = [r.name for r in RULES if r.check is not None]
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
