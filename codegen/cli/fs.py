"""Reading the workspace from disk and writing outputs atomically (CLI layer only)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from codegen.config import Config
from codegen.workspace import STATE_DIR, MigrationFolder, Workspace

SPEC_SUFFIXES = (".yaml", ".yml")
_UMASK = os.umask(0o022)
os.umask(_UMASK)


def _read(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def read_workspace(config: Config) -> Workspace:
    root = config.root
    spec_dir = root / config.schema
    spec_files = {}
    if spec_dir.is_dir():
        for path in sorted(spec_dir.rglob("*")):
            if path.suffix in SPEC_SUFFIXES and path.is_file():
                spec_files[path.relative_to(root).as_posix()] = _read(path)
    migrations_dir = root / config.migrations
    migration_files = {}
    if migrations_dir.is_dir():
        for path in sorted(migrations_dir.iterdir()):
            if path.is_file() and path.suffix == ".sql":
                migration_files[path.name] = _read(path)
        state = migrations_dir / STATE_DIR
        if state.is_dir():
            for path in sorted(state.iterdir()):
                if path.is_file():
                    migration_files[f"{STATE_DIR}/{path.name}"] = _read(path)
    outputs = {}
    for output in config.outputs.values():
        if output is not None and (root / output).is_file():
            outputs[output] = _read(root / output)
    return Workspace(config, spec_files, MigrationFolder(migration_files), outputs)


def write_files(root: Path, files: dict[str, str]) -> list[str]:
    """Write every changed file atomically; return the paths that changed.

    All new contents go to temporary files first and are renamed into place
    only once every one of them was written, so an error (disk full, permission)
    leaves no half-written output behind.
    """
    pending: list[tuple[Path, Path, str]] = []
    try:
        for relative, text in sorted(files.items()):
            target = root / relative
            if target.is_file() and _read(target) == text:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                             dir=target.parent)
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
            os.chmod(temp_name, 0o666 & ~_UMASK)  # mkstemp makes 0600 files; use normal permissions
            pending.append((Path(temp_name), target, relative))
        for temp, target, _ in pending:
            os.replace(temp, target)
    except BaseException:
        for temp, _, _ in pending:
            temp.unlink(missing_ok=True)
        raise
    return [relative for _, _, relative in pending]
