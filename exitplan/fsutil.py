"""Writing one output file so that a failure leaves it whole: the old one or the new one.
A plan's folder of files is written by `outdir`."""

from __future__ import annotations

import os
import uuid
from pathlib import Path


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
