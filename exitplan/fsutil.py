"""Writing files so that a failure never leaves a half-written one behind."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path


def write_atomic(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_all(directory: Path, files: Mapping[str, str | bytes]) -> list[Path]:
    """Write every file (relative path -> content), each atomically. Callers render
    everything first, so a rendering error writes nothing at all."""
    written = []
    for relative, content in sorted(files.items()):
        target = directory / relative
        write_atomic(target, content)
        written.append(target)
    return written
