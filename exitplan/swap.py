"""Moving a staged set of files into an output folder all at once, or not at all.

The staging folder sits inside the output folder, so every move is a rename on one file
system. Before the first move a journal lists every step; each step can be undone from
what is on disk alone, so a failure, Ctrl-C, or a run killed half-way (undone by the next
run) leaves the folder as it was. The last step puts the new manifest in place: that
rename is the commit. Until then the folder has no manifest at all, so no reader trusts a
half-swapped set.

Runs into the same folder take turns through a lock file; a staging folder exists only
while its run holds the lock, so one found by a run holding the lock was left by a run
that died, never by one still going.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from .errors import InputError
from .manifest import MANIFEST, safe_relative, sha256

# Runs take turns through a lock file: flock where there is one, byte locks on Windows.
try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]
try:
    import msvcrt
except ImportError:
    msvcrt = None  # type: ignore[assignment]

STAGING_PREFIX = ".exitplan-staging-"
LOCK = ".exitplan.lock"
NEW = "new"  # the files of this run, under the staging folder
OLD = "old"  # what they replace or remove, until the commit
JOURNAL = "journal.json"
_OPS = frozenset({"mkdir", "backup", "place", "keep"})


@dataclass(frozen=True)
class Step:
    """One step of a swap; `path` (and `to`) are relative to the output folder."""

    op: str  # mkdir, backup (to OLD), place (from NEW), keep (rename beside)
    path: str
    to: str | None = None
    sha256: str | None = None  # place: what the staged file holds


class RollbackFailed(Exception):
    """The swap failed and could not be undone; the journal is left for the next run."""


@contextmanager
def locked(out: Path, on_wait: Callable[[str], None]) -> Iterator[None]:
    """Hold the output folder's lock; wait (saying so) while another run holds it."""
    path = out / LOCK
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            if not _lock(fd, wait=False):
                holder = _read_at(fd).decode("ascii", "replace").strip() or "unknown"
                on_wait(f"waiting for another exitplan run (process {holder}) writing {out}")
                _lock(fd, wait=True)
            # The holder before us removes the file when done; a lock on a removed file
            # guards nothing, so take the one now at the path instead.
            if _same_file(fd, path):
                break
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)
    try:
        _write_at(fd, str(os.getpid()).encode("ascii"))
        yield
    finally:
        try:
            if msvcrt is None:
                os.unlink(path)
        finally:
            os.close(fd)  # which also releases the lock


# The process id is written after the byte that is locked: Windows locks are mandatory,
# and a waiting run reads who holds the lock.
_PID_AT = 1

if fcntl is not None:

    def _lock(fd: int, *, wait: bool) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            return False
        return True

elif msvcrt is not None:  # pragma: no cover - Windows: the file stays, its first byte locked

    def _lock(fd: int, *, wait: bool) -> bool:
        while True:
            os.lseek(fd, 0, os.SEEK_SET)
            try:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            except OSError:
                if not wait:
                    return False
                time.sleep(0.5)
            else:
                return True


def _read_at(fd: int) -> bytes:
    os.lseek(fd, _PID_AT, os.SEEK_SET)
    return os.read(fd, 32)


def _write_at(fd: int, data: bytes) -> None:
    os.ftruncate(fd, _PID_AT)
    os.lseek(fd, _PID_AT, os.SEEK_SET)
    os.write(fd, data)


def _same_file(fd: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except FileNotFoundError:
        return False


def new_staging(out: Path) -> Path:
    staging = out / f"{STAGING_PREFIX}{uuid.uuid4().hex[:12]}"
    (staging / NEW).mkdir(parents=True)
    (staging / OLD).mkdir()
    return staging


def recover(out: Path) -> int:
    """Undo or finish what runs that died left in `out`; call with the lock held.
    Returns how many staging folders were found."""
    found = sorted(p for p in out.glob(STAGING_PREFIX + "*") if p.is_dir())
    for staging in found:
        journal = staging / JOURNAL
        if journal.exists():
            steps = _read_journal(journal, out)
            if not _committed(staging, steps):
                roll_back(out, staging, steps)
        shutil.rmtree(staging)
    return len(found)


def _read_journal(journal: Path, out: Path) -> list[Step]:
    try:
        data = json.loads(journal.read_bytes())
        steps = [Step(**item) for item in data]
    except (ValueError, TypeError) as exc:
        raise InputError(
            f"{out}: an interrupted exitplan run left an unreadable journal ({exc})",
            f"restore {out} from a backup or version control, then delete {journal.parent}",
        ) from None
    for step in steps:
        if (
            step.op not in _OPS
            or safe_relative(step.path) != step.path
            or (step.to is not None and safe_relative(step.to) != step.to)
        ):
            raise InputError(
                f"{out}: an interrupted exitplan run left a journal naming {step.path!r}",
                f"restore {out} from a backup or version control, then delete {journal.parent}",
            )
    return steps


def _committed(staging: Path, steps: Sequence[Step]) -> bool:
    last = steps[-1] if steps else None
    return (
        bool(last and last.op == "place" and last.path == MANIFEST)
        and not (staging / NEW / MANIFEST).exists()
    )


def run(out: Path, staging: Path, steps: Sequence[Step]) -> None:
    """Carry out every step, or undo them all and re-raise. If the undoing fails too,
    raise RollbackFailed; the journal then stays for the next run to finish the undo."""
    temporary = staging / (JOURNAL + ".tmp")
    temporary.write_text(json.dumps([asdict(s) for s in steps]), encoding="utf-8")
    os.replace(temporary, staging / JOURNAL)
    try:
        for step in steps:
            _do(out, staging, step)
    except BaseException as exc:
        try:
            roll_back(out, staging, steps)
        except BaseException as failure:
            reason = failure.strerror if isinstance(failure, OSError) else None
            raise RollbackFailed(reason or str(failure) or type(failure).__name__) from exc
        raise


def _do(out: Path, staging: Path, step: Step) -> None:
    target = out / step.path
    if step.op == "mkdir":
        target.mkdir()
    elif step.op == "backup":
        (staging / OLD / step.path).parent.mkdir(parents=True, exist_ok=True)
        os.replace(target, staging / OLD / step.path)
    elif step.op == "place":
        os.replace(staging / NEW / step.path, target)
    elif step.op == "keep" and step.to is not None:
        # The name was free when chosen, under the lock; refuse rather than overwrite.
        if os.path.lexists(out / step.to):
            raise FileExistsError(errno.EEXIST, "exists", str(out / step.to))
        os.rename(target, out / step.to)
    else:
        raise ValueError(f"unknown swap step {step}")


def roll_back(out: Path, staging: Path, steps: Sequence[Step]) -> None:
    """Undo the steps that were done, last first; a step not done is left alone."""
    for step in reversed(steps):
        target = out / step.path
        if step.op == "mkdir":
            remove_empty(target)
        elif step.op == "backup":
            if os.path.lexists(staging / OLD / step.path):
                os.replace(staging / OLD / step.path, target)
        elif step.op == "place":
            # Placed when the staged copy is gone; removed only if it is still that file.
            if not os.path.lexists(staging / NEW / step.path) and _holds(target, step.sha256):
                target.unlink()
        elif step.op == "keep" and step.to is not None:
            moved = out / step.to
            if os.path.lexists(moved) and not os.path.lexists(target):
                os.rename(moved, target)


def _holds(path: Path, digest: str | None) -> bool:
    if path.is_symlink() or not path.is_file():
        return False
    return digest is not None and sha256(path.read_bytes()) == digest


def remove_empty(path: Path) -> None:
    try:
        path.rmdir()
    except FileNotFoundError:
        pass
    except OSError as exc:
        if exc.errno not in (errno.ENOTEMPTY, errno.EEXIST):
            raise
