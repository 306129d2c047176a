"""What a run does to each file of its output folder, decided from the new files, the
previous manifest and what is on disk now. Pure: the caller reads the folder and acts.

The rules: a file exitplan wrote and nobody changed outside its manual sections is
replaced (its sections carried over); any other file in the way is kept beside the new one;
a runbook (or another file of what exitplan owns: workload plans, HTML pages) of an
earlier run that this one no longer produces is removed only if it is exactly as exitplan
wrote it, and kept beside otherwise. Nothing else is touched.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from . import manual
from .errors import TemplateError
from .i18n import _
from .manifest import Entry, dump, sha256

# What is at a path now: the bytes of a regular file, or None for anything else that
# exitplan may move aside but never reads or writes through (a symbolic link).
OnDisk = bytes | None


@dataclass(frozen=True)
class Target:
    path: str
    data: bytes
    entry: Entry
    write: bool  # False when the file there already holds exactly these bytes
    keep: str | None  # why the file now at `path` is kept beside the new one, if it is
    unplaced: tuple[str, ...]  # sections of the old file moved to the UNPLACED section


@dataclass(frozen=True)
class Leftover:
    """A runbook or another owned file of an earlier run that this run no longer produces."""

    path: str
    keep: str | None  # None: removed


@dataclass(frozen=True)
class Reconciled:
    targets: tuple[Target, ...]
    leftovers: tuple[Leftover, ...]
    manifest: bytes


def reconcile(
    files: Mapping[str, str | bytes],
    entries: Mapping[str, Entry],
    previous: Mapping[str, OnDisk],
    owned: Sequence[str],
) -> Reconciled:
    """`previous` holds what is on disk at each path of `files` and of `entries` that
    exists; a path missing from it has nothing there. `owned`: folders and files whose
    files exitplan removes when a run no longer produces them."""
    targets = tuple(
        _target(path, files[path], entries.get(path), path in previous, previous.get(path))
        for path in sorted(files)
    )
    leftovers = tuple(
        Leftover(path, _leftover(entries[path], previous[path]))
        for path in sorted(entries)
        if _owned(path, owned)
        and path not in files
        and path in previous
        and previous[path] is not None
    )
    return Reconciled(targets, leftovers, dump(t.entry for t in targets))


def _owned(path: str, owned: Sequence[str]) -> bool:
    return any(path == name or path.startswith(name + "/") for name in owned)


def _leftover(entry: Entry, old: OnDisk) -> str | None:
    if old is not None and len(old) == entry.size and sha256(old) == entry.sha256:
        return None
    return _("no longer produced, and changed since exitplan wrote it")


def _target(
    path: str, content: str | bytes, entry: Entry | None, exists: bool, old: OnDisk
) -> Target:
    if isinstance(content, str) and path.endswith(".md"):
        return _markdown(path, content, entry, exists, old)
    data = content.encode("utf-8") if isinstance(content, str) else content
    new_entry = Entry(path, len(data), sha256(data))
    if not exists or old == data:
        return Target(path, data, new_entry, not exists, None, ())
    if old is None:
        return Target(path, data, new_entry, True, _("not a regular file"), ())
    ours = entry is not None and entry.size == len(old) and entry.sha256 == sha256(old)
    keep = None if ours else _foreign(entry)
    return Target(path, data, new_entry, True, keep, ())


def _foreign(entry: Entry | None) -> str:
    return _("not written by exitplan") if entry is None else _("changed since exitplan wrote it")


def _markdown(path: str, text: str, entry: Entry | None, exists: bool, old: OnDisk) -> Target:
    new = manual.parse(text)
    if isinstance(new, manual.Malformed):
        raise TemplateError(
            f"{path}: {new}",
            _("a template must close every manual section it opens; check --templates"),
        )
    outside = sha256(new.outside().encode("utf-8")) if new.sections else None
    data = text.encode("utf-8")
    if not exists or old == data:
        # Nothing there, or exactly this text: no section holds anything to carry over.
        return Target(
            path, data, Entry(path, len(data), sha256(data), outside), not exists, None, ()
        )
    reasons: list[str] = []
    final = text
    unplaced: tuple[str, ...] = ()
    previous = _parse_old(old)
    if isinstance(previous, manual.Parsed):
        merged = manual.merge(new, previous)
        final, unplaced = merged.text, merged.unplaced
        if merged.homeless:
            homeless = _("its sections {names} have no place in the new file")
            reasons.append(homeless.format(names=", ".join(merged.homeless)))
        if not _ours(entry, previous, old):
            edited = _("edited outside its manual sections")
            reasons.insert(0, _foreign(entry) if entry is None else edited)
    else:
        reasons.append(previous)
    data = final.encode("utf-8") if final is not text else data
    new_entry = Entry(path, len(data), sha256(data), outside)
    if old == data:
        return Target(path, data, new_entry, False, None, ())
    return Target(path, data, new_entry, True, "; ".join(reasons) or None, unplaced)


def _parse_old(old: OnDisk) -> manual.Parsed | str:
    if old is None:
        return _("not a regular file")
    try:
        text = old.decode("utf-8")
    except UnicodeDecodeError:
        return _("not UTF-8 text")
    parsed = manual.parse(text)
    if isinstance(parsed, manual.Malformed):
        return _("its manual sections cannot be read ({problem})").format(problem=parsed)
    return parsed


def _ours(entry: Entry | None, old: manual.Parsed, raw: OnDisk) -> bool:
    if entry is None or raw is None:
        return False
    if entry.sha256_outside_manual is None:
        return entry.size == len(raw) and entry.sha256 == sha256(raw)
    return entry.sha256_outside_manual == sha256(old.outside().encode("utf-8"))
