"""Writing a set of outputs all or nothing, one writer at a time (CLI layer only).

A run's files are written as one transaction:

1. every destination is checked (inside the project, not a folder, not an input; a symbolic
   link is followed to its target, which must pass the same checks);
2. a journal listing the renames is written in the ``prepare`` state, then every new text to a
   temporary file beside its destination (``.<name>.codegen-tmp``), flushed to disk;
3. the journal is switched to ``commit`` (one atomic rename: the commit point);
4. the temporary files are renamed into place, snapshots and migrations first and the sum
   files last, so that a reader never sees a sum naming a file that is not there;
5. the journal is removed.

A run killed before 3 leaves only temporary files: the next command removes them. Killed after
3, the next command finishes the renames. Any OSError before 3 removes what was written and
is reported as :class:`WriteError`, naming the path. :func:`project_lock` serialises the
commands that write (and the recovery) with an advisory lock on the project's folder.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

TEMP_MARK = ".codegen-tmp"
JOURNAL = ".codegen-cache/pending-writes.json"
_UMASK = os.umask(0o022)
os.umask(_UMASK)


class WriteError(Exception):
    """A file could not be written; nothing of the set was changed."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def _rank(relative: str) -> tuple[int, str]:
    """Rename order: snapshots, migrations, other outputs, the migrations' sum, the manifest."""
    name = relative.rpartition("/")[2]
    if name == "outputs.sum":
        return (4, relative)
    if name == "codegen.sum":
        return (3, relative)
    if "/.codegen/" in f"/{relative}":
        return (0, relative)
    return (1 if name.endswith(".sql") else 2, relative)


def _temp(target: Path) -> Path:
    return target.with_name(f".{target.name}{TEMP_MARK}")


def _destination(root: Path, real_root: Path, relative: str, protected: set[Path]) -> Path:
    """Where ``relative`` is written: a symbolic link is followed to its target."""
    path = root / relative
    target = path.resolve() if path.is_symlink() else path
    if path.is_symlink():
        shown = f"{relative} (a symbolic link to {os.readlink(path)})"
        if not target.is_relative_to(real_root):
            raise WriteError(shown, "points outside the project; codegen writes only inside it "
                                    "(replace the link by a file, or point it inside)")
    else:
        shown = relative
        if not path.parent.resolve().is_relative_to(real_root):
            raise WriteError(relative, "a folder on the way is a link that leaves the project")
    if target.resolve() in protected:
        raise WriteError(shown, "is an input of codegen (a spec or the configuration) and is "
                                "never overwritten")
    if target.is_dir():
        raise WriteError(shown, "is a folder; remove it or configure another path")
    return target


def _write_text(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666 & ~_UMASK)
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(path, 0o666 & ~_UMASK)  # an old temporary file may have other permissions


def _write_journal(root: Path, state: str, renames: list[tuple[str, str]]) -> None:
    journal = root / JOURNAL
    journal.parent.mkdir(parents=True, exist_ok=True)
    temp = _temp(journal)
    _write_text(temp, json.dumps({"state": state, "renames": renames}, indent=1) + "\n")
    os.replace(temp, journal)


def _unchanged(target: Path, text: str) -> bool:
    try:
        return target.is_file() and target.read_bytes() == text.encode()
    except OSError:
        return False


def write_files(root: Path, files: dict[str, str], protected: Iterable[Path] = (),
                journal: bool = True,
                on_rename: Callable[[Path], None] | None = None) -> list[str]:
    """Write every changed file of ``files`` (relative path -> text) as one transaction;
    return the paths that changed. Raises :class:`WriteError` with nothing changed."""
    guarded = {p.resolve() for p in protected}
    real_root = root.resolve()
    pending: list[tuple[str, Path]] = []
    for relative, text in sorted(files.items(), key=lambda item: _rank(item[0])):
        target = _destination(root, real_root, relative, guarded)
        if not _unchanged(target, text):
            pending.append((relative, target))
    if not pending:
        return []
    renames = [(os.path.relpath(_temp(t), root), os.path.relpath(t, root)) for _, t in pending]
    created: list[Path] = []
    written: list[Path] = []
    current = pending[0][0]
    try:
        if journal:
            current = JOURNAL
            _write_journal(root, "prepare", renames)
        for relative, target in pending:
            current = relative
            _make_parents(target.parent, created)
            temp = _temp(target)
            written.append(temp)
            _write_text(temp, files[relative])
        if journal:
            current = JOURNAL
            _write_journal(root, "commit", renames)
    except OSError as err:
        _roll_back(root, written, created, journal)
        raise WriteError(current, err.strerror or str(err)) from None
    except BaseException:
        _roll_back(root, written, created, journal)
        raise
    for relative, target in pending:  # committed: from here on, recovery finishes the job
        if on_rename is not None:
            on_rename(target)
        os.replace(_temp(target), target)
    if journal:
        (root / JOURNAL).unlink(missing_ok=True)
    return [relative for relative, _ in pending]


def _make_parents(folder: Path, created: list[Path]) -> None:
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        path.mkdir()
        created.append(path)


def _roll_back(root: Path, written: list[Path], created: list[Path], journal: bool) -> None:
    for temp in written:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
    for folder in reversed(created):
        with contextlib.suppress(OSError):
            folder.rmdir()
    if journal:
        with contextlib.suppress(OSError):
            (root / JOURNAL).unlink(missing_ok=True)


def recover(root: Path) -> str | None:
    """Finish or undo a write that was interrupted (killed); a sentence saying which, or
    None when there was nothing to do. Call it holding :func:`project_lock`."""
    journal = root / JOURNAL
    if not journal.is_file():
        return None
    try:
        record = json.loads(journal.read_text(encoding="utf-8"))
        state, renames = record["state"], [(str(a), str(b)) for a, b in record["renames"]]
    except (ValueError, KeyError, TypeError):
        journal.unlink()
        return f"removed {JOURNAL}, which was not a journal of codegen"
    real_root = root.resolve()
    done = []
    for temp_name, target_name in renames:
        temp, target = root / temp_name, root / target_name
        if not temp.resolve().is_relative_to(real_root) or \
                not target.resolve().is_relative_to(real_root):
            continue  # never act on a path outside the project, whatever the journal says
        if state == "commit":
            if temp.is_file():
                os.replace(temp, target)
                done.append(target_name)
        else:
            temp.unlink(missing_ok=True)
    journal.unlink()
    if state == "commit":
        return (f"completed an interrupted write ({len(done)} of {len(renames)} files were "
                "still to be renamed into place)")
    return "removed the temporary files of an interrupted write (nothing had been changed)"


_held: dict[Path, int] = {}


@contextlib.contextmanager
def project_lock(root: Path, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the project's advisory lock (``flock`` on its folder; re-entrant in a process).

    Two `codegen generate` runs in one project would each number a new migration from the
    same folder; with the lock the second waits, then reads what the first wrote.
    """
    key = root.resolve()
    if key in _held or sys.platform == "win32":
        yield
        return
    import fcntl

    fd = os.open(key, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None:
                on_wait()
            fcntl.flock(fd, fcntl.LOCK_EX)
        _held[key] = fd
        try:
            yield
        finally:
            del _held[key]
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
