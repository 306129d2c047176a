"""Which files the plans are, and reading each with its reader. A folder stands for the
plans in it and in its subfolders, in the order of their paths; a folder that exitplan
wrote a plan into is read through its plan.json only, since its Markdown says the same."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..encoding import SAVE_AS, EncodingProblem, decode
from ..errors import InputError
from ..i18n import N_, _, ngettext
from ..reading import MAX_BYTES, read_bytes
from ..render import PLAN_FILE, RUNBOOK_DIR
from .document import PlanDocument
from .docxreader import parse_docx
from .mdreader import parse_markdown
from .planjsonreader import parse_plan_json
from .vocabulary import Vocabulary, shipped

PLAN_JSON = "plan.json"
MARKDOWN = (".md", ".markdown")
WORD = ".docx"
_KINDS = N_("Markdown (.md, .markdown), Word (.docx) or exitplan's plan.json")


@dataclass(frozen=True)
class PlanFiles:
    files: tuple[Path, ...]
    ignored: int  # files in the folders given that are no plans


def plan_files(paths: Sequence[Path]) -> PlanFiles:
    """The plan files the paths name, each once, in the order given (a folder's in the
    order of their paths). A file named on its own must be a plan; in a folder, other
    files are counted and left."""
    files: dict[Path, None] = {}
    ignored = 0
    for path in paths:
        if path.is_dir():
            found, skipped = _in_folder(path)
            files.update(dict.fromkeys(found))
            ignored += skipped
            if not found:
                message = ngettext(
                    "{path}: holds no plan, and {count} other file",
                    "{path}: holds no plan, and {count} other files",
                    skipped,
                )
                raise InputError(
                    message.format(path=path, count=skipped),
                    _("name a folder of {kinds}").format(kinds=_(_KINDS)),
                )
        elif path.exists() or path.is_symlink():
            _kind_of(path)
            files[path] = None
        else:
            raise InputError(
                _("{path}: no such file or folder").format(path=path), _("check the path")
            )
    return PlanFiles(tuple(files), ignored)


def _in_folder(folder: Path) -> tuple[list[Path], int]:
    found: list[Path] = []
    ignored = 0
    # Symbolic links to folders are not followed: a link back up would never end.
    for root, dirs, names in os.walk(folder, onerror=_unreadable):
        dirs.sort()
        here = Path(root)
        written = PLAN_JSON in names  # exitplan wrote a plan here
        if written:
            found.append(here / PLAN_JSON)
            if RUNBOOK_DIR in dirs:
                dirs.remove(RUNBOOK_DIR)
                ignored += _count(here / RUNBOOK_DIR)
        for name in sorted(names):
            if name == PLAN_JSON and written:
                continue
            path = here / name
            plan = _kind(path) in ("markdown", "docx") and not name.startswith(("~$", "."))
            if plan and not (written and name == PLAN_FILE):
                found.append(path)
            else:
                ignored += 1
    return sorted(found, key=lambda path: path.relative_to(folder).parts), ignored


def _count(folder: Path) -> int:
    return sum(len(names) for _root, _dirs, names in os.walk(folder))


def _unreadable(exc: OSError) -> None:
    raise InputError(
        _("{path}: cannot read the folder: {reason}").format(
            path=exc.filename, reason=exc.strerror or exc
        ),
        _("check the path and its permissions"),
    )


def _kind(path: Path) -> str | None:
    suffix = path.suffix.casefold()
    if path.name.casefold() == PLAN_JSON or suffix == ".json":
        return "exitplan-json"
    if suffix in MARKDOWN:
        return "markdown"
    return "docx" if suffix == WORD else None


def _kind_of(path: Path) -> str:
    kind = _kind(path)
    if kind is None:
        raise InputError(
            _("{path}: not a plan exitplan reads").format(path=path),
            _("give {kinds}, or a folder of them").format(kinds=_(_KINDS)),
        )
    return kind


def read_plan(
    path: Path, vocabulary: Vocabulary | None = None, limit: int = MAX_BYTES
) -> PlanDocument:
    """One plan file, read by the reader of its kind; no more than `limit` bytes of it."""
    vocabulary = vocabulary or shipped()
    kind = _kind_of(path)
    raw = bytes(read_bytes(path, limit))
    if kind == "docx":
        return parse_docx(path, raw, vocabulary, limit)
    try:
        text = decode(raw)
    except EncodingProblem as exc:
        raise InputError(f"{path}: {exc}", _(SAVE_AS)) from None
    if kind == "markdown":
        return parse_markdown(path, text, vocabulary)
    return parse_plan_json(path, text.encode("utf-8"), vocabulary)


def read_plans(
    paths: Sequence[Path], vocabulary: Vocabulary | None = None, limit: int = MAX_BYTES
) -> tuple[tuple[PlanDocument, ...], int]:
    """The plans the paths name, read in order, and how many other files were left."""
    found = plan_files(paths)
    return tuple(read_plan(p, vocabulary, limit) for p in found.files), found.ignored
