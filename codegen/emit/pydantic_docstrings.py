"""The docstrings of the generated classes, as datamodel-code-generator writes them.

Its formatter is the reference, but importing the generator costs 25 ms on every run;
the formatted docstrings of a set of descriptions are kept in the generator cache, so an
edit that changes no description does not import it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from codegen.emit.cache import memoize
from codegen.migrate.manifest import library_version


def class_docstrings(descriptions: Sequence[str | None]) -> list[str]:
    """Each description's docstring inside a class body: indented four spaces, on one line
    when it fits, trailing spaces stripped off every line (the formatter does that inside
    docstrings too); "" where there is none."""

    def run() -> str:
        from datamodel_code_generator._python_syntax import format_docstring

        return json.dumps([
            "\n".join(line.rstrip() for line in format_docstring(
                text, 4, use_single_line_docstring=True).split("\n"))
            for text in descriptions])

    def key() -> str:
        return f"{library_version('datamodel-code-generator')}\0{json.dumps(list(descriptions))}"

    docstrings: list[str] = json.loads(memoize("docstrings", key, run))
    return docstrings
