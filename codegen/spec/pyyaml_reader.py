"""The general YAML path: PyYAML (libyaml when installed) composes the node tree, which gives
every value's position and words syntax errors; plain scalars are resolved again under the
YAML 1.2 core schema, as the fast path resolves them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from codegen.diagnostics import Diagnostic, Span, SpecError
from codegen.spec.document import Document, Path, duplicate_key, not_a_name, resolve_plain

if TYPE_CHECKING:
    import yaml


def read_with_pyyaml(file: str, text: str) -> Document:
    """The document; raises :class:`SpecError` with located messages on bad YAML."""
    import yaml  # only for the documents the fast path leaves to it

    try:
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.MarkedYAMLError as err:
        at = err.problem_mark or err.context_mark
        span = Span(file, at.line + 1, at.column + 1) if at else Span(file, 1, 1)
        problem = err.problem or err.context or "invalid YAML"
        raise SpecError(
            [Diagnostic(span, "E001", f"invalid YAML: {problem}", hint="fix the YAML syntax")]
        ) from None
    except yaml.YAMLError as err:
        raise SpecError([Diagnostic(Span(file, 1, 1), "E001", f"invalid YAML: {err}")]) from None

    def locate(token: tuple[tuple[int, int], tuple[int, int], str | None],
               want_key: bool) -> tuple[int, int, str | None]:
        key, value, style = token
        return (*key, None) if want_key else (*value, style)

    doc = Document(file, {}, locate=locate, source=text)
    if node is None:  # an empty document
        return doc
    diagnostics: list[Diagnostic] = []
    constructor = yaml.SafeLoader("")

    def implicit_tag(value: str) -> str:
        resolve: Any = constructor.resolve
        return str(resolve(yaml.ScalarNode, value, (True, False)))

    def mark(n: yaml.Node) -> tuple[int, int]:
        return (n.start_mark.line + 1, n.start_mark.column + 1)

    # Aliases share nodes, so a small text can stand for a huge tree (the "billion laughs"):
    # building stops after more values than a text of this size could hold without aliases.
    budget = [max(100_000, 4 * len(text))]

    def build(n: yaml.Node, path: Path, key_at: tuple[int, int]) -> Any:
        budget[0] -= 1
        if budget[0] < 0:
            raise _TooLarge
        if n.tag not in _KNOWN_TAGS:  # !foo, and !!python/object, !!binary, !!set, ...
            diagnostics.append(Diagnostic(
                Span(file, *mark(n)), "E001", f'invalid YAML: unknown tag "{_shown_tag(n.tag)}"',
                hint="a spec is plain YAML: remove the tag"))
            return None
        style = (n.style or None) if isinstance(n, yaml.ScalarNode) else None
        doc.positions[path] = (key_at, mark(n), style)
        if isinstance(n, yaml.MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in n.value:
                if not isinstance(key_node, yaml.ScalarNode) or \
                        key_node.tag == "tag:yaml.org,2002:merge":
                    diagnostics.append(not_a_name(file, mark(key_node)))
                    continue
                key = str(key_node.value)
                child = (*path, key)
                if key in result:
                    diagnostics.append(duplicate_key(file, key, mark(key_node),
                                                     doc.positions[child][0]))
                    continue
                result[key] = build(value_node, child, mark(key_node))
            return result
        if isinstance(n, yaml.SequenceNode):
            return [build(item, (*path, i), mark(item)) for i, item in enumerate(n.value)]
        assert isinstance(n, yaml.ScalarNode)
        if not n.style and n.tag in _PLAIN_TAGS:  # libyaml marks plain scalars with ""
            if n.tag == _STR and implicit_tag(n.value) != _STR:
                return n.value  # `!!str 1`: a plain scalar that would otherwise be read as 1
            return resolve_plain(n.value)
        if n.tag == _STR:
            return n.value
        return constructor.construct_object(n)  # explicit tags such as !!int "3"

    try:
        doc.data = build(node, (), mark(node))
    except _TooLarge:
        raise SpecError([Diagnostic(
            Span(file, 1, 1), "E006", "its aliases expand to more than "
            f"{max(100_000, 4 * len(text)):,} values: not a spec (a \"billion laughs\" text?)",
            hint="use fewer nested aliases (*name), or write the values out")]) from None
    except RecursionError:
        raise SpecError([Diagnostic(
            Span(file, 1, 1), "E006", "nested too deeply: not a spec",
            hint="a spec nests a few levels (tables > columns > options)")]) from None
    if doc.data is None:  # a document that is only a null (``~``) is empty, as on the fast path
        doc.data = {}
    if diagnostics:
        raise SpecError(diagnostics)
    return doc


def _shown_tag(tag: str) -> str:
    return "!!" + tag.removeprefix(_YAML_TAG) if tag.startswith(_YAML_TAG) else tag


class _TooLarge(Exception):
    """The aliases expand past the budget."""


# Tags PyYAML's own (YAML 1.1) resolver gives plain scalars; we re-resolve them as YAML 1.2.
_PLAIN_TAGS = frozenset(f"tag:yaml.org,2002:{t}" for t in
                        ("str", "int", "float", "bool", "null", "timestamp"))
_YAML_TAG = "tag:yaml.org,2002:"
_STR = f"{_YAML_TAG}str"
# The only tags a spec may carry: the ones that give JSON-like data (not !!binary's bytes,
# !!set, !!omap, nor !!python/... of the unsafe loaders).
_KNOWN_TAGS = _PLAIN_TAGS | {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq",
                             "tag:yaml.org,2002:merge"}
