"""The renderer registry: one renderer per change type, found by the change's class.

Renderers register themselves with :func:`renderer` in the module of their object kind;
:mod:`codegen.sql.render` imports every such module once.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import singledispatch
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


@singledispatch
def render_change(change: object) -> str | list[str]:
    """One statement or several (a type change that must move a default out of the way)."""
    raise TypeError(f"no renderer for {type(change).__name__}")


def renderer(function: F) -> F:
    """Register ``function`` as the renderer of the change type its first argument names."""
    render_change.register(function)
    return function
