"""What every change object can say about itself."""

from __future__ import annotations


class ChangeBase:
    """A change knows its one-line summary and whether it may lose data.

    Subclasses are frozen dataclasses, one module per object kind beside this one.
    """

    __slots__ = ()
    # What may go wrong when a destructive change runs, for the message that refuses it.
    risk = "may lose data"

    def summary(self) -> str:
        """A one-line, stable description, for reports and tests."""
        raise NotImplementedError(type(self).__name__)

    def destructive_key(self) -> str | None:
        """The ``allow_destructive:`` key that acknowledges a change which may lose data;
        None when the change is safe."""
        return None
