"""Writing a plan into its output folder: the one place that reads and changes `--out`.

exitplan replaces only files it wrote (listed in its manifest, unchanged outside their
manual sections), keeps anything else in its way beside the new file, removes only its own
runbooks that a run no longer produces, and never touches any other file. The new set
appears all at once (see `swap`). What to do with each file is decided by `reconcile`.
"""

from __future__ import annotations

import itertools
import os
import shutil
import stat
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from . import swap
from .errors import InputError
from .i18n import N_, _
from .manifest import MANIFEST, Entry, load
from .manual import UNPLACED
from .reconcile import OnDisk, Reconciled, reconcile
from .swap import NEW, OLD, Step

_HINT = N_("check that --out is writable and its disk has space; the plan there is unchanged")


@dataclass(frozen=True)
class Kept:
    path: str
    kept_as: str
    reason: str


@dataclass(frozen=True)
class Outcome:
    """What a run did to its output folder, for the summary."""

    out: Path
    written: tuple[str, ...]
    removed: tuple[str, ...]
    kept: tuple[Kept, ...]
    unplaced: tuple[tuple[str, str], ...]  # (file, section) moved to the UNPLACED section

    def as_json(self) -> dict[str, Any]:
        return {
            "manifest": str(self.out / MANIFEST),
            "written": [str(self.out / p) for p in self.written],
            "removed": [str(self.out / p) for p in self.removed],
            "kept": [
                {
                    "file": str(self.out / k.path),
                    "kept_as": str(self.out / k.kept_as),
                    "reason": k.reason,
                }
                for k in self.kept
            ],
            "unplaced_sections": [
                {"file": str(self.out / f), "section": s, "moved_to": UNPLACED}
                for f, s in self.unplaced
            ],
        }

    def lines(self) -> list[str]:
        removed = _("{path} (no longer produced)")
        kept = _("{path} as {kept_as}: {reason}")
        moved = _(
            "{path}: the text of section {section}, which the plan no longer has, "
            "to section {unplaced}"
        )
        lines = [summary_line(_("manifest"), str(self.out / MANIFEST))]
        lines += [summary_line(_("removed"), removed.format(path=p)) for p in self.removed]
        lines += [
            summary_line(_("kept"), kept.format(path=k.path, kept_as=k.kept_as, reason=k.reason))
            for k in self.kept
        ]
        lines += [
            summary_line(_("moved"), moved.format(path=f, section=s, unplaced=UNPLACED))
            for f, s in self.unplaced
        ]
        return lines


def summary_line(label: str, text: str) -> str:
    """A line of a command's summary: the label in a column of its own."""
    return f"  {label:<10} {text}"


def check_out(out: Path) -> None:
    """Refuse an --out that is a file, the root directory or the home directory."""
    if out.exists() and not out.is_dir():
        raise InputError(
            _("{out}: exists and is not a directory").format(out=out), _("choose another --out")
        )
    resolved = out.resolve()
    if resolved == Path(resolved.anchor) or resolved == _home():
        raise InputError(
            _("{out}: refusing to write a plan into {resolved} itself").format(
                out=out, resolved=resolved
            ),
            _("give the plan a folder of its own, for example --out exit-plan"),
        )


def _home() -> Path | None:
    try:
        return Path.home().resolve()
    except RuntimeError:  # no home directory is known: there is none to protect
        return None


# Made from the final Markdown files (path -> text, manual sections filled in): more files.
Derive = Callable[[Mapping[str, str]], Mapping[str, str]]


def write_plan(
    out: Path,
    files: Mapping[str, str | bytes],
    *,
    owned: Sequence[str],
    derive: Derive | None = None,
    protect: Iterable[Path] = (),
    progress: Callable[[str], None] = lambda message: None,
) -> Outcome:
    """Write `files` (relative path -> content) into `out`, all at once or not at all.
    Files in the folders or at the paths `owned` names, listed in the previous manifest
    and no longer produced, are removed; `protect` names inputs that are never written,
    moved or removed. `derive` makes files from the Markdown as it is written, with the
    text people wrote in its manual sections (the pages of `--html`)."""
    created = not os.path.lexists(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        with swap.locked(out, progress) as lock:
            recovered, unclaimed = swap.recover(out, lock)
            if recovered:
                progress(
                    _("cleaned up after an interrupted exitplan run in {path}").format(path=out)
                )
            for name in unclaimed:
                left = _("left alone: {path}, which no exitplan run claims")
                progress(left.format(path=out / name))
            decided = _decide(out, files, owned, derive, [p.resolve() for p in protect])
            kept = _kept_names(out, decided)
            steps = _steps(out, decided, kept)
            if steps:
                _swap(out, decided, steps, lock)
    except BaseException as exc:
        if created:
            swap.remove_empty(out)
        if isinstance(exc, OSError):
            raise InputError(_describe(exc, out), _(_HINT)) from exc
        raise
    return _outcome(out, decided, kept)


def _swap(out: Path, decided: Reconciled, steps: Sequence[Step], lock: swap.Lock) -> None:
    staging = swap.new_staging(out, lock)
    try:
        _stage(staging, decided)
        swap.run(out, staging, steps)
    except swap.RollbackFailed as exc:
        lock.keep = True
        # The staging folder keeps the journal: the next run finishes the undoing.
        raise InputError(
            _(
                "{out}: writing the plan failed ({cause}), and the previous plan "
                "could not be restored completely ({exc})"
            ).format(out=out, cause=_cause(exc.__cause__), exc=exc),
            _(
                "run the same command again: it first restores the previous plan, "
                "then writes the new one; until then {out} has no {manifest}, so "
                "it holds no complete plan"
            ).format(out=out, manifest=MANIFEST),
        ) from exc
    except BaseException as exc:
        shutil.rmtree(staging, ignore_errors=True)  # the next run removes what is left
        if isinstance(exc, OSError):
            raise InputError(_describe(exc, out), _(_HINT)) from exc
        raise
    shutil.rmtree(staging)


def _decide(
    out: Path,
    files: Mapping[str, str | bytes],
    owned: Sequence[str],
    derive: Derive | None,
    protect: Sequence[Path],
) -> Reconciled:
    entries = _read_manifest(out)
    previous: dict[str, OnDisk] = {}
    for path in [*files, *(p for p in entries if p not in files)]:
        exists, content = _read(out, path, must_be_file=path in files)
        if exists:
            previous[path] = content
    decided = reconcile(files, entries, previous, owned)
    if derive is not None:
        final = {
            t.path: t.data.decode("utf-8")
            for t in decided.targets
            if t.path.endswith(".md") and isinstance(files[t.path], str)
        }
        derived = derive(final)
        for path in derived:
            exists, content = _read(out, path, must_be_file=True)
            if exists:
                previous[path] = content
        decided = reconcile({**files, **derived}, entries, previous, owned)
    for target in decided.targets:
        guarded = _guarded(out / target.path, protect)
        if guarded and (target.write or target.keep):
            raise InputError(
                _("{input}: an input of this run lies where exitplan writes {path}").format(
                    input=guarded, path=out / target.path
                ),
                _("move the input out of --out, or choose another --out"),
            )
    leftovers = tuple(x for x in decided.leftovers if not _guarded(out / x.path, protect))
    return Reconciled(decided.targets, leftovers, decided.manifest)


def _guarded(path: Path, protect: Sequence[Path]) -> Path | None:
    resolved = path.resolve()
    return next((p for p in protect if resolved == p or resolved.is_relative_to(p)), None)


def _read(out: Path, path: str, *, must_be_file: bool) -> tuple[bool, OnDisk]:
    """Whether something is at `path`, and its bytes if it is a regular file."""
    full = out / path
    try:
        mode = os.lstat(full).st_mode
    except FileNotFoundError:
        return False, None
    if stat.S_ISREG(mode):
        return True, full.read_bytes()
    if stat.S_ISLNK(mode):
        return True, None
    if must_be_file:
        raise InputError(
            _("{full}: not a file, and exitplan writes its {path} there").format(
                full=full, path=path
            ),
            _("move it out of --out, or choose another --out"),
        )
    return False, None  # a folder where a runbook was: not exitplan's, left alone


def _read_manifest(out: Path) -> Mapping[str, Entry]:
    path = out / MANIFEST
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return {}
    if not stat.S_ISREG(mode):
        raise InputError(
            _("{path}: not a file").format(path=path),
            _("move it out of --out, or choose another --out"),
        )
    return load(path.read_bytes(), str(path))


def _kept_names(out: Path, decided: Reconciled) -> dict[str, str]:
    """A free name beside each file to keep: NAME.kept-N.EXT, the lowest N not taken,
    so that no earlier kept copy is ever overwritten."""
    taken = {t.path for t in decided.targets}
    names: dict[str, str] = {}
    keep = [t.path for t in decided.targets if t.keep] + [
        x.path for x in decided.leftovers if x.keep
    ]
    for path in keep:
        pure = PurePosixPath(path)
        for number in itertools.count(1):
            candidate = str(pure.with_name(f"{pure.stem}.kept-{number}{pure.suffix}"))
            if candidate not in taken and not os.path.lexists(out / candidate):
                break
        taken.add(candidate)
        names[path] = candidate
    return names


def _steps(out: Path, decided: Reconciled, kept: Mapping[str, str]) -> list[Step]:
    manifest = out / MANIFEST
    changes: list[Step] = []
    for target in decided.targets:
        if target.keep:
            changes.append(Step("keep", target.path, to=kept[target.path]))
        elif target.write and os.path.lexists(out / target.path):
            changes.append(Step("backup", target.path))
        if target.write:
            changes.append(Step("place", target.path, sha256=target.entry.sha256))
    for leftover in decided.leftovers:
        keep = kept.get(leftover.path)
        changes.append(
            Step("keep", leftover.path, to=keep) if keep else Step("backup", leftover.path)
        )
    if not changes and manifest.is_file() and manifest.read_bytes() == decided.manifest:
        return []
    folders = sorted(
        {
            str(parent)
            for t in decided.targets
            if t.write
            for parent in PurePosixPath(t.path).parents
        }
        - {"."}
    )
    steps = [Step("mkdir", f) for f in folders if not os.path.lexists(out / f)]
    if os.path.lexists(manifest):
        steps.append(Step("backup", MANIFEST))
    return [*steps, *changes, Step("place", MANIFEST)]


def _stage(staging: Path, decided: Reconciled) -> None:
    contents = {t.path: t.data for t in decided.targets if t.write}
    contents[MANIFEST] = decided.manifest
    for path, data in contents.items():
        target = staging / NEW / path
        target.parent.mkdir(parents=True, exist_ok=True)
        # Plain open() honours the umask, unlike mkstemp's owner-only files.
        with open(target, "wb") as handle:
            handle.write(data)


def _describe(exc: OSError, out: Path) -> str:
    """The failure in terms of --out: the staging folder is exitplan's business."""
    for name in (exc.filename2, exc.filename):  # a rename's target before its source
        relative = _relative(Path(os.fsdecode(name)), out) if name else None
        if relative:
            message = _("{path}: cannot write the plan ({file}): {reason}")
            return message.format(path=out, file=relative, reason=exc.strerror or exc)
    message = _("{path}: cannot write the plan: {reason}")
    return message.format(path=out, reason=exc.strerror or exc)


def _relative(path: Path, out: Path) -> str | None:
    """`path` relative to `out`; a file in a staging folder by the path it stands for."""
    if not path.is_relative_to(out):
        return None
    parts = path.relative_to(out).parts
    if parts and parts[0].startswith(swap.STAGING_PREFIX):
        parts = parts[2:] if parts[1:2] in ((NEW,), (OLD,)) else ()
    return "/".join(parts) or None


def _cause(exc: BaseException | None) -> str:
    if isinstance(exc, KeyboardInterrupt):
        return "interrupted"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def _outcome(out: Path, decided: Reconciled, kept: Mapping[str, str]) -> Outcome:
    return Outcome(
        out=out,
        written=tuple(t.path for t in decided.targets if t.write),
        removed=tuple(x.path for x in decided.leftovers if x.keep is None),
        kept=tuple(
            Kept(path, kept[path], reason)
            for path, reason in [
                *((t.path, t.keep) for t in decided.targets),
                *((x.path, x.keep) for x in decided.leftovers),
            ]
            if reason
        ),
        unplaced=tuple((t.path, name) for t in decided.targets for name in t.unplaced),
    )
