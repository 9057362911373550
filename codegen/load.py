"""Stage 1: read YAML spec files into plain data plus a map of source positions.

libyaml (through PyYAML's C loader) composes the node tree, which carries the
line and column of every key and value; we build plain Python values from it
and remember where each path came from, so later stages can point at the exact
place of a mistake. Scalars follow YAML 1.2 rules: only ``true``/``false`` are
booleans, so ``values: [yes, no]`` stays a list of strings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml

from codegen.diagnostics import Diagnostic, Span, SpecError

Path = tuple[str | int, ...]

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Yaml12Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader with YAML 1.2 booleans (no yes/no/on/off)."""


_Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


@dataclass
class Document:
    """One spec file: its data and where each path in it was written."""

    file: str
    data: Any
    positions: dict[Path, Span] = field(default_factory=dict)
    key_positions: dict[Path, Span] = field(default_factory=dict)
    styles: dict[Path, str | None] = field(default_factory=dict)

    def span(self, path: Path) -> Span:
        """The position of the value at ``path``, or of its nearest written parent."""
        for end in range(len(path), -1, -1):
            found = self.positions.get(tuple(path[:end]))
            if found is not None:
                return found
        return Span(self.file, 1, 1)

    def offset_span(self, path: Path, offset: int) -> Span:
        """The position of the ``offset``-th character inside the string value at ``path``."""
        start = self.span(path)
        style = self.styles.get(tuple(path), None)
        if style in (None, "", "'", '"'):
            quoted = 1 if style in ("'", '"') else 0
            return Span(start.file, start.line, start.col + quoted + offset)
        return start  # block scalars: the value's own position is the best we know

    def key_span(self, path: Path) -> Span:
        """The position of the key that names ``path`` (falls back to its value)."""
        return self.key_positions.get(tuple(path)) or self.span(path)


def load_document(file: str, text: str) -> Document:
    """Parse one YAML file; raise :class:`SpecError` with a located message on bad YAML."""
    try:
        node = yaml.compose(text, Loader=_Yaml12Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        span = Span(file, mark.line + 1, mark.column + 1) if mark else Span(file, 1, 1)
        problem = err.problem or err.context or "invalid YAML"
        raise SpecError(
            [Diagnostic(span, "E001", f"invalid YAML: {problem}", hint="fix the YAML syntax")]
        ) from None
    except yaml.YAMLError as err:
        raise SpecError([Diagnostic(Span(file, 1, 1), "E001", f"invalid YAML: {err}")]) from None
    doc = Document(file, None)
    if node is None:
        doc.data = {}
        return doc
    builder = _Builder(doc)
    doc.data = builder.build(node, ())
    if builder.diagnostics:
        raise SpecError(builder.diagnostics)
    return doc


class _Builder:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.diagnostics: list[Diagnostic] = []
        self.constructor = yaml.SafeLoader("")

    def _span(self, node: yaml.Node) -> Span:
        return Span(self.doc.file, node.start_mark.line + 1, node.start_mark.column + 1)

    def build(self, node: yaml.Node, path: Path) -> Any:
        self.doc.positions[path] = self._span(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        self.doc.styles[path] = node.style
        if node.tag == "tag:yaml.org,2002:bool":
            return node.value.lower() == "true"
        return self.constructor.construct_object(node)

    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                self.diagnostics.append(
                    Diagnostic(self._span(key_node), "E002", "mapping keys must be plain names")
                )
                continue
            key = str(key_node.value)
            child = (*path, key)
            if key in result:
                first = self.doc.key_positions[child]
                self.diagnostics.append(
                    Diagnostic(
                        self._span(key_node),
                        "E003",
                        f'duplicate key "{key}" (first defined at line {first.line})',
                        hint="remove or rename one of them",
                    )
                )
                continue
            self.doc.key_positions[child] = self._span(key_node)
            result[key] = self.build(value_node, child)
        return result


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
