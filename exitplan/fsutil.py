"""Writing a set of output files so that a failure leaves none of them half-written."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Mapping
from pathlib import Path


def write_tree(directory: Path, files: Mapping[str, str | bytes], owned: str) -> None:
    """Write every file (relative path -> content) into `directory`.

    Everything is first written into a staging directory beside the target; only when all
    of it is on disk does it move into place, file by file with atomic renames (or the
    whole directory at once when the target is new). A failure or an interrupt before
    that leaves the target as it was. Files under the subdirectory `owned` that this run
    did not produce are removed, so that a plan never links to a runbook of an old run.
    """
    directory.parent.mkdir(parents=True, exist_ok=True)
    staging = directory.parent / f".{directory.name}.exitplan-{uuid.uuid4().hex[:12]}"
    try:
        for relative, content in sorted(files.items()):
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            # Plain open() honours the umask, unlike mkstemp's owner-only files.
            with open(target, "wb") as handle:
                handle.write(content.encode("utf-8") if isinstance(content, str) else content)
        if not directory.exists():
            os.replace(staging, directory)
            return
        # Make every target folder before replacing anything: the usual failure (a file
        # where a folder should be) then stops the run before a single file has moved.
        for relative in sorted(files):
            (directory / relative).parent.mkdir(parents=True, exist_ok=True)
        for relative in sorted(files):
            os.replace(staging / relative, directory / relative)
        stale = directory / owned
        if stale.is_dir():
            for path in sorted(stale.iterdir()):
                if path.is_file() and f"{owned}/{path.name}" not in files:
                    path.unlink()
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def write_file(path: Path, content: str) -> None:
    """Write one file through a temporary sibling and an atomic rename: an interrupt
    leaves the old file (or none), never half a new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = path.parent / f".{path.name}.exitplan-{uuid.uuid4().hex[:12]}"
    try:
        with open(staging, "w", encoding="utf-8") as handle:
            handle.write(content)
        os.replace(staging, path)
    finally:
        staging.unlink(missing_ok=True)
