"""A project's spec files (path -> YAML text) to the resolved IR: read, validated, lowered.

Apart from the public API (:mod:`codegen.project`), so that `codegen validate` and `lint`
load what reading a spec needs and nothing of the migration history.
"""

from __future__ import annotations

from collections.abc import Mapping

from codegen.diagnostics import Diagnostic, SpecError
from codegen.schema import ir
from codegen.schema.lower import lower
from codegen.spec.load import load_documents
from codegen.spec.shape import validate_documents
from codegen.workspace import SPEC_SUFFIXES


def load_schema(spec_files: Mapping[str, str]) -> ir.Schema:
    """Spec files (path -> YAML text) to the resolved IR; raises SpecError with every problem."""
    if not any(path.endswith(SPEC_SUFFIXES) for path in spec_files):
        raise SpecError([Diagnostic(None, "E000", "no spec files (*.yaml) found",
                                    hint="create schema/<name>.yaml, see README")])
    # Other files of the spec folder (JSON Schemas of json columns) are read only when named.
    specs = {p: t for p, t in spec_files.items() if p.endswith(SPEC_SUFFIXES)}
    documents = load_documents(sorted(specs.items()))
    side_files = {p: t for p, t in spec_files.items() if p not in specs}
    return lower(validate_documents(documents), side_files)
