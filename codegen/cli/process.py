"""The ``codegen`` command as a process of its own (console script, ``python -m codegen``).

This module imports nothing of codegen at load: the collector is off before the first import,
so the ~500 modules a run loads (and the classes they build) are never walked by it.
"""

from __future__ import annotations

import gc


def run() -> None:
    # A run is short and its many small objects (IR, SQL trees, model fields) live until it
    # ends: the cycle collector would walk them again and again for nothing, a third of the
    # time of a 1,000-table run. Reference counting still frees the rest; --watch turns the
    # collector back on.
    gc.disable()
    try:
        from codegen.cli.app import main

        main()
    finally:
        gc.freeze()  # nor at exit: the interpreter's last collection skips frozen objects
