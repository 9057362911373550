"""What the commands print: colour for people, a stable JSON shape for machines.

Human reports go to stderr (results to stdout) and use colour only when click sees
a terminal; ``NO_COLOR`` (any non-empty value) or ``--color never`` turns it off,
``--color always`` keeps it in a CI log. ``--format json`` prints one JSON document
on stdout, never coloured; the shapes are documented in docs/workflow.md and
pinned by tests/test_workflow_output.py:

* a spec, configuration or refused-change error (exit 2), on every command: a list
  of diagnostics ``{file, line, column, severity, code, message, hint}``;
* ``check`` (exit 0 or 1), and ``generate`` on a damaged history (exit 1): a list
  of problems ``{path, message, diff}``;
* ``diff``: a list of changes ``{summary, kind, destructive_key}``;
* ``generate``: ``{migrations, changes, written}``;
* ``lint``: a list of findings (:mod:`codegen.lint.report`); ``validate``: ``[]``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import click

from codegen.diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from codegen.migrate.changes import Change

FORMATS = ("human", "json")

F = TypeVar("F", bound=Callable[..., Any])


def format_option(help_json: str) -> Callable[[F], F]:
    """``--format human|json``, the same on every command that reports findings."""
    return click.option("--format", "output_format", type=click.Choice(FORMATS),
                        default="human", show_default=True, help=help_json)


class ProblemLike(Protocol):
    @property
    def path(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def diff(self) -> str: ...


# -- JSON ----------------------------------------------------------------------------------------

def diagnostic_dict(diagnostic: Diagnostic) -> dict[str, Any]:
    span = diagnostic.span
    return {
        "file": span.file if span else None,
        "line": span.line if span else None,
        "column": span.col if span else None,
        "severity": diagnostic.severity.value,
        "code": diagnostic.code,
        "message": diagnostic.message,
        "hint": diagnostic.hint,
    }


def problem_dict(problem: ProblemLike) -> dict[str, Any]:
    return {"path": problem.path, "message": problem.message, "diff": problem.diff or None}


def change_dict(change: Change) -> dict[str, Any]:
    from codegen.migrate.changes import destructive_key, summary

    return {"summary": summary(change), "kind": type(change).__name__,
            "destructive_key": destructive_key(change)}


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False), color=False)


# -- colour --------------------------------------------------------------------------------------

_SEVERITY_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow"}


def style_diagnostic(diagnostic: Diagnostic, sources: dict[str, list[str]]) -> str:
    """:meth:`Diagnostic.format`, with the ``error[E123]`` tag and the caret coloured."""
    text = diagnostic.format(sources)
    tag = f"{diagnostic.severity.value}[{diagnostic.code}]"
    colour = _SEVERITY_COLOURS[diagnostic.severity]
    text = text.replace(tag, click.style(tag, fg=colour, bold=True), 1)
    text = text.replace("\n  hint:", "\n  " + click.style("hint:", fg="cyan"), 1)
    if text.endswith("^"):
        text = text[:-1] + click.style("^", fg=colour, bold=True)
    return text


def style_diff(diff: str) -> str:
    """A unified diff with removed lines red, added lines green and hunk headers cyan."""
    lines = []
    for line in diff.splitlines():
        if line.startswith(("---", "+++")):
            lines.append(click.style(line, bold=True))
        elif line.startswith("-"):
            lines.append(click.style(line, fg="red"))
        elif line.startswith("+"):
            lines.append(click.style(line, fg="green"))
        elif line.startswith("@@"):
            lines.append(click.style(line, fg="cyan"))
        else:
            lines.append(line)
    return "\n".join(lines)


_CHANGE_COLOURS = {"+": "green", "-": "red", "~": "yellow"}


def style_change(line: str, destructive_key: str | None = None) -> str:
    """A change summary (``+ column …``) coloured by its sign; the destructive tag red."""
    styled = click.style(line, fg=_CHANGE_COLOURS.get(line[:1]))
    if destructive_key:
        styled += click.style(f"   [destructive: {destructive_key}]", fg="red", bold=True)
    return styled


def ok(text: str) -> str:
    return click.style(text, fg="green")


def count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
