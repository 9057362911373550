"""What every spec model shares: its configuration, the name type and the list default.

The spec's models live in several modules (``models`` imports the others), so the shared
base sits here, below all of them.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, StringConstraints

Name = Annotated[str, StringConstraints(min_length=1)]


class SpecModel(BaseModel):
    # defer_build: a model's validator is built when first used, not when its class is: every
    # run validates through SpecFile alone, so the nested models' own validators were built
    # at import for nothing (half of this package's import time).
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=False,
                              defer_build=True)


def empty_list() -> list[Any]:
    """The default of a list field. pydantic asks each default factory whether it takes the
    validated data, by its signature; for the builtin ``list`` that means parsing a text
    signature (0.2 ms a field, 4 ms the first time, on every run when the spec's validator is
    built), where a Python function answers from its code object. (``dict`` has no text
    signature and fails fast.)"""
    return []
