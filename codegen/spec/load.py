"""Stage 1: read YAML spec files into plain data plus a way to find where each value was written.

rapidyaml parses a thousand-table spec in milliseconds; the data is built from
its tree, and source positions are worked out only when a message needs one
(the tree keeps a pointer into the text for every key and value). Documents
that use anchors, aliases, tags or merge keys, and documents rapidyaml rejects,
go through PyYAML (libyaml) instead, which also words the syntax errors. Both
paths resolve plain scalars with the same YAML 1.2 core-schema rules, so only
``true``/``false`` are booleans and ``values: [yes, no]`` stays a list of strings.

Why two parsers (measured on bench/synth.py specs, best of 3): rapidyaml reads 100 tables
(92 KB) in 16 ms where PyYAML's C loader takes 88 ms, and 1,000 tables (0.9 MB) in 0.13 s
against 1.06 s. The fast path earns its keep by tests/test_load.py, which compares both paths
on every spec in the repository, on generated documents and scalars (derandomized, in CI),
and on the documents that once disagreed (a document that is only a null is empty on both).
Without a rapidyaml wheel for the platform, PyYAML reads everything.

This module only picks the path: the two readers are :mod:`codegen.spec.rapidyaml_reader`
and :mod:`codegen.spec.pyyaml_reader`, and what they give is a
:class:`codegen.spec.document.Document`.
"""

from __future__ import annotations

from collections.abc import Iterable

from codegen.diagnostics import Diagnostic, SpecError
from codegen.spec.document import Document
from codegen.spec.pyyaml_reader import read_with_pyyaml
from codegen.spec.rapidyaml_reader import read_with_rapidyaml


def load_document(file: str, text: str) -> Document:
    """Parse one YAML file; raise :class:`SpecError` with a located message on bad YAML."""
    document = read_with_rapidyaml(file, text)
    return document if document is not None else read_with_pyyaml(file, text)


def load_documents(files: Iterable[tuple[str, str]]) -> list[Document]:
    """Load several files, collecting YAML errors from all of them before raising."""
    documents: list[Document] = []
    diagnostics: list[Diagnostic] = []
    for file, text in files:
        try:
            documents.append(load_document(file, text))
        except SpecError as err:
            diagnostics.extend(err.diagnostics)
    if diagnostics:
        raise SpecError(diagnostics)
    return documents
