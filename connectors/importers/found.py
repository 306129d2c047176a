"""What a format's reader is given, a file, and what it gives back: resources, gaps and
what was left out on purpose."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from exitplan.model import Gap, Resource, Skipped

from .files import read_json


@dataclass
class Found:
    """What one file gave: resources, what could not be read (gaps), and what was read and
    left out on purpose."""

    resources: list[Resource]
    gaps: list[Gap] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


@dataclass
class File:
    """A file to import, read (as JSON) at most once, by whichever asks first: telling its
    format, or reading it."""

    path: Path
    max_bytes: int
    _document: list[Any] = field(default_factory=list, repr=False)

    @property
    def source(self) -> str:
        """What each record read from it names as its source: the path as given, since
        every team's state is called terraform.tfstate."""
        return str(self.path)

    def document(self) -> Any:
        if not self._document:
            self._document.append(read_json(self.path, self.max_bytes))
        return self._document[0]


def sourced(file: File, found: list[Resource]) -> list[Resource]:
    return [r.model_copy(update={"source": file.source}) for r in found]
