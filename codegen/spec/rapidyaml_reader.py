"""The fast YAML path: rapidyaml parses the text in place, the data is built from its tree
(or, for plain mapping documents, read back through its JSON writer), and source positions
are worked out only when a message asks for one, from the tree's pointers into the buffer.

Documents that use anchors, aliases, tags or merge keys, and documents rapidyaml rejects,
give None: :mod:`codegen.spec.pyyaml_reader` reads those.
"""

from __future__ import annotations

import bisect
import ctypes
import json
import os
import re
from typing import Any

from codegen.diagnostics import Diagnostic, SpecError
from codegen.spec.document import Document, Path, duplicate_key, resolve_plain


class _Unsupported(Exception):
    """The document uses YAML features the fast path leaves to PyYAML."""


# -- where rapidyaml's memoryviews point: CPython's buffer protocol through ctypes ----------------

class _PyBuffer(ctypes.Structure):
    _fields_ = [("buf", ctypes.c_void_p), ("obj", ctypes.py_object), ("len", ctypes.c_ssize_t),
                ("itemsize", ctypes.c_ssize_t), ("readonly", ctypes.c_int), ("ndim", ctypes.c_int),
                ("format", ctypes.c_char_p), ("shape", ctypes.c_void_p),
                ("strides", ctypes.c_void_p), ("suboffsets", ctypes.c_void_p),
                ("internal", ctypes.c_void_p)]


_get_buffer = ctypes.pythonapi.PyObject_GetBuffer
_get_buffer.argtypes = [ctypes.py_object, ctypes.POINTER(_PyBuffer), ctypes.c_int]
_release_buffer = ctypes.pythonapi.PyBuffer_Release
_release_buffer.argtypes = [ctypes.POINTER(_PyBuffer)]


def _address(view: memoryview) -> int:
    """Where a memoryview's bytes live; rapidyaml's views point into the parsed buffer."""
    buffer = _PyBuffer()
    _get_buffer(view, ctypes.byref(buffer), 0)
    try:
        return int(buffer.buf or 0)
    finally:
        _release_buffer(ctypes.byref(buffer))


class _Quiet:
    """rapidyaml prints parse errors to stderr before raising; PyYAML words them for us."""

    def __enter__(self) -> None:
        self.saved = os.dup(2)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)

    def __exit__(self, *_: object) -> None:
        os.dup2(self.saved, 2)
        os.close(self.saved)


# -- the reader ----------------------------------------------------------------------------------

def read_with_rapidyaml(file: str, text: str) -> Document | None:
    """The document, or None when it is left to PyYAML; raises :class:`SpecError` for
    duplicate keys."""
    if os.environ.get("CODEGEN_YAML") == "pyyaml":  # as without the wheel (CI runs both)
        return None
    try:
        import ryml
    except ImportError:  # no wheel for this platform (musllinux): PyYAML reads everything
        return None

    original = text.encode()
    source = bytearray(original)  # rapidyaml unescapes quoted scalars in this buffer
    try:
        with _Quiet():
            tree = ryml.parse_in_place(source)
    except (ryml.ExceptionBasic, ryml.ExceptionParse, ryml.ExceptionVisit, RuntimeError):
        return None  # PyYAML will say what is wrong
    base = _address(memoryview(source))
    line_starts = [0] + [m.end() for m in re.finditer(rb"\n", original)]
    unsupported = (ryml.KEYANCH | ryml.VALANCH | ryml.KEYREF | ryml.VALREF | ryml.KEYTAG
                   | ryml.VALTAG)

    end = base + len(source)

    def position(offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(line_starts, offset)
        return line, len(original[line_starts[line - 1]:offset].decode(errors="replace")) + 1

    def start_of(view: memoryview | None) -> int | None:
        if view is None:
            return None
        address = _address(view)
        return address - base if base <= address <= end else None

    def container_start(node: int) -> int | None:
        """Where a mapping or sequence begins: its ``{``/``[``, else its first entry."""
        if tree.has_key(node):
            key_at = start_of(tree.key(node))
            if key_at is not None:
                at = key_at + len(tree.key(node))
                while at < len(original) and original[at] in b"'\" \t:":
                    at += 1
                if at < len(original) and original[at] in b"{[":
                    return at
        child = tree.first_child(node)
        if child == ryml.NONE:
            return None
        if tree.is_seq(node):
            # A block sequence starts at the dash of its first item.
            first = value_start(child)
            if first is not None and flow_open(first) != first:
                return flow_open(first)
            if first is not None:
                dash = original.rfind(b"-", 0, first)
                between = original[dash + 1:first] if dash >= 0 else b"x"
                return dash if not between.strip() else first
            return None
        first_key = key_start(child)
        return flow_open(first_key) if first_key is not None else None

    def flow_open(at: int) -> int:
        """A flow collection's opening bracket just before its first entry, if there is one."""
        before = at - 1
        while before >= 0 and original[before] in b" \t\r\n":
            before -= 1
        return before if before >= 0 and original[before] in b"{[" else at

    def key_start(node: int) -> int | None:
        at = start_of(tree.key(node))
        return at - 1 if at is not None and tree.is_key_quoted(node) else at

    def value_start(node: int) -> int | None:
        if tree.is_container(node):
            return container_start(node)
        if not tree.has_val(node):
            return None
        at = start_of(tree.val(node))
        if at is not None and (tree.is_val_squo(node) or tree.is_val_dquo(node)):
            at -= 1
        elif tree.is_val_literal(node) or tree.is_val_folded(node):
            # Block scalars start at their | or > indicator, as PyYAML reports them.
            indicator = max(original.rfind(b"|", 0, at or 0), original.rfind(b">", 0, at or 0))
            at = indicator if indicator >= 0 else at
        return at

    def locate(node: int, want_key: bool) -> tuple[int, int, str | None]:
        style = None
        at = None
        if want_key and tree.has_key(node):
            at = key_start(node)
        else:
            at = value_start(node)
            if tree.has_val(node) and not tree.is_container(node):
                style = ("'" if tree.is_val_squo(node) else '"' if tree.is_val_dquo(node)
                         else "|" if tree.is_val_literal(node) or tree.is_val_folded(node)
                         else None)
            if at is None and tree.has_key(node) and not tree.is_container(node):
                # An empty value: PyYAML places it just after the key's colon.
                key_at = start_of(tree.key(node))
                if key_at is not None:
                    after = key_at + len(tree.key(node)) + (1 if tree.is_key_quoted(node) else 0)
                    while after < len(original) and original[after] in b" \t":
                        after += 1
                    # After the colon; a key without one ({a, b}): at the next token.
                    if original[after:after + 1] == b":":
                        at = after + 1
                    elif tree.is_key_quoted(node):  # escapes: the source is longer than the key
                        colon = original.find(b":", after)
                        at = colon + 1 if colon >= 0 else key_start(node)
                    else:
                        at = after
            if at is None and tree.has_key(node):
                at = key_start(node)
        if at is None:
            return (1, 1, style)
        return (*position(at), style)

    diagnostics: list[Diagnostic] = []

    is_map, is_seq, quoted = ryml.MAP, ryml.SEQ, ryml.VALQUO | ryml.VAL_LITERAL | ryml.VAL_FOLDED
    first_child, next_sibling, node_type = tree.first_child, tree.next_sibling, tree.type
    key_of, val_of, none = tree.key, tree.val, ryml.NONE

    def build(node: int) -> Any:
        # The hot loop of large specs: one type() call per node, flags tested in Python, no
        # paths (``find`` walks the tree again for the few positions a message needs).
        flags = node_type(node)
        if flags & unsupported:
            raise _Unsupported
        if flags & is_map:
            result: dict[str, Any] = {}
            child = first_child(node)
            while child != none:
                key = bytes(key_of(child)).decode()
                if key == "<<":
                    raise _Unsupported
                if key in result:
                    first = locate(tree.find_child(node, key.encode()), True)
                    diagnostics.append(duplicate_key(file, key, locate(child, True)[:2],
                                                    first[:2]))
                else:
                    result[key] = build(child)
                child = next_sibling(child)
            return result
        if flags & is_seq:
            items: list[Any] = []
            child = first_child(node)
            while child != none:
                items.append(build(child))
                child = next_sibling(child)
            return items
        view = val_of(node)
        if view is None:
            return None
        value = bytes(view).decode()
        if flags & quoted:
            return value
        return None if tree.val_is_null(node) else resolve_plain(value)

    root = tree.root_id()
    if tree.is_stream(root):
        if tree.num_children(root) != 1:
            return None  # several documents, or none: let PyYAML decide
        root = tree.first_child(root)

    def find(path: Path, _keep_alive: bytearray = source) -> int | None:
        """The node written at ``path`` (the first of duplicate keys), if there is one.

        The tree's keys point into ``source``: this function keeps it alive."""
        node = root
        for part in path:
            if isinstance(part, int):
                if not tree.is_seq(node) or not 0 <= part < tree.num_children(node):
                    return None
                node = tree.child(node, part)
            else:
                if not tree.is_map(node):
                    return None
                node = tree.find_child(node, part.encode())
                if node == none:
                    return None
        return int(node)

    doc = Document(file, None, locate=locate, find=find, source=text)
    try:
        data = data_via_json(ryml, tree, root, original) if tree.is_map(root) else None
        if data is None:
            data = build(root) if tree.has_children(root) or tree.has_val(root) else {}
        doc.data = data
    except (_Unsupported, UnicodeDecodeError, RecursionError):
        return None
    if diagnostics:
        raise SpecError(diagnostics)
    if doc.data is None:
        doc.data = {}
    return doc


# -- the JSON shortcut ---------------------------------------------------------------------------

# Where a node property (anchor &, alias *, tag !) could begin: the start of a line, or after
# whitespace or a flow or block indicator. An anchor or alias has a name right after its
# indicator, so `select * from` in a function's body is none. Text inside strings may
# match too; that only means the slower node-by-node build. The search starts from the
# indicators themselves (one scan of a large spec took 50 ms as a single pattern, 6 ms so).
_PROPERTY = re.compile(rb"(?<![^\s\[{,:?-])(?:[&*][^\s,\[\]{}]|!)")
_INDICATOR = re.compile(rb"[&*!]")


def has_node_property(original: bytes) -> bool:
    """Whether the text may hold an anchor, an alias or a tag (see _PROPERTY)."""
    return any(_PROPERTY.match(original, found.start())
               for found in _INDICATOR.finditer(original))
# JSON strings that a plain scalar with the same text would not be (null, booleans, numbers,
# infinities), or that rapidyaml's JSON writer may have normalised (inf -> ".inf").
_NOT_PLAIN_TEXT = re.compile(
    r'"(?:|~|[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)'
    r'|0[xo][^"\\]*|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|<<)"')


class _NotJson(Exception):
    pass


_ONLY_QUOTED: dict[str, bool] = {}


def _only_quoted(ryml: Any, string: str) -> bool:
    """True when rapidyaml's JSON writer gives the plain scalar with the text of the JSON
    string ``string`` (quotes included) as something other than that string, so the string
    in a written document stems from a quoted scalar and reads back exactly."""
    known = _ONLY_QUOTED.get(string)
    if known is None:
        text = string[1:-1]
        if text == "<<" or len(_ONLY_QUOTED) > 1000:
            return False  # a merge key; or too many distinct ones to test each
        try:
            with _Quiet():
                tree = ryml.parse_in_arena(f"- {text}\n".encode())
                written = ryml.emit_json(tree, tree.root_id())
        except (ryml.ExceptionBasic, ryml.ExceptionParse, RuntimeError):
            written = string
        known = _ONLY_QUOTED[string] = string not in written
    return known


def _pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(items)
    if len(result) != len(items):
        raise _NotJson  # a duplicate key: the node-by-node build reports it
    return result


def _reject_constant(name: str) -> Any:
    raise _NotJson  # NaN, Infinity: plain strings in YAML 1.2


def data_via_json(ryml: Any, tree: Any, root: int, original: bytes) -> Any:
    """The data of a mapping document in one step: rapidyaml writes the tree as JSON and the
    json module's C parser reads it, ten times faster than building it node by node.

    Only where that gives exactly the same data: no anchors, aliases, tags or merge keys (the
    JSON writer drops them), no duplicate keys, no string that a plain scalar of the same
    text would resolve differently (the JSON cannot tell ``"1"`` from ``1`` once quoted).
    None otherwise. JSON numbers, true, false and null are what the same plain scalars
    resolve to under the YAML 1.2 core schema; tests compare both ways on many documents.
    """
    if has_node_property(original):
        return None
    try:
        with _Quiet():
            text = ryml.emit_json(tree, root)
    except (ryml.ExceptionBasic, ryml.ExceptionVisit, RuntimeError):
        return None  # e.g. nested deeper than its writer goes: the node-by-node build says
    # Such a string is exact when it can only come from a quoted scalar: when rapidyaml writes
    # the same text, plain, as a bare JSON token ("100" quoted vs 100 plain). It is ambiguous
    # when it writes both as strings (plain ~ and "~" are both "~"): then build node by node.
    if any(not _only_quoted(ryml, found) for found in set(_NOT_PLAIN_TEXT.findall(text))):
        return None
    try:
        return json.loads(text, object_pairs_hook=_pairs, parse_constant=_reject_constant)
    except (_NotJson, ValueError):
        return None
