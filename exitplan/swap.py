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
import re
import shutil
import stat
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from .errors import InputError
from .i18n import N_, _
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


@dataclass
class Lock:
    """The output folder's lock, held. `left` names the staging folder that a run killed
    while it held the lock had claimed: the one folder `recover` may act on."""

    path: Path
    fd: int
    left: str | None
    # Set when a staging folder is left on purpose (its undoing failed): the lock file then
    # stays, so that its claim tells the next run which folder to finish.
    keep: bool = False

    def claim(self, staging: str) -> None:
        """Record the staging folder before it is made, so that if this run is killed the
        next one knows the folder as exitplan's own."""
        _write_at(self.fd, f"{os.getpid()} {staging}".encode("ascii"))


@contextmanager
def locked(out: Path, on_wait: Callable[[str], None]) -> Iterator[Lock]:
    """Hold the output folder's lock; wait (saying so) while another run holds it."""
    path = out / LOCK
    while True:
        fd = _open_lock(path)
        try:
            if not _lock(fd, wait=False):
                holder = _holder(path, fd)[0] or "unknown"
                waiting = _("waiting for another exitplan run (process {pid}) writing {path}")
                on_wait(waiting.format(pid=holder, path=out))
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
        left = _holder(path, fd)[1]  # what a run killed while holding it claimed
    except BaseException:
        os.close(fd)
        raise
    lock = Lock(path, fd, left)
    try:
        # The claim stays until `recover` has dealt with its folder: killed before that,
        # this run leaves it to the next.
        if left:
            lock.claim(left)
        else:
            _write_at(fd, str(os.getpid()).encode("ascii"))
        yield lock
    finally:
        try:
            if msvcrt is None and not lock.keep:
                os.unlink(path)
        finally:
            os.close(fd)  # which also releases the lock


def _open_lock(path: Path) -> int:
    """The lock file, never through a link, and only if it is one exitplan wrote: a user's
    file of that name is neither overwritten nor removed."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | _NOFOLLOW, 0o644)
    except OSError as exc:
        if exc.errno != errno.ELOOP:
            raise
        fd = -1
    if fd < 0 or not stat.S_ISREG(os.fstat(fd).st_mode):
        if fd >= 0:
            os.close(fd)
        raise InputError(
            _("{path}: is not a lock file exitplan wrote").format(path=path), _(_NOT_OURS)
        )
    return fd


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NOT_OURS = N_("exitplan keeps its lock under this name: rename or remove what is there")
_HOLDER = re.compile(rb"\x00?([0-9]*)(?: (" + re.escape(STAGING_PREFIX).encode() + rb"[0-9a-f]+))?")


def _holder(path: Path, fd: int) -> tuple[str | None, str | None]:
    """The process id and the claimed staging folder a lock file names; an empty file names
    neither. Anything else is not exitplan's lock."""
    os.lseek(fd, 0, os.SEEK_SET)
    found = _HOLDER.fullmatch(os.read(fd, 128))
    if found is None:
        raise InputError(
            _("{path}: is not a lock file exitplan wrote").format(path=path), _(_NOT_OURS)
        )
    pid, staging = found.group(1), found.group(2)
    return (pid.decode() or None, staging.decode() if staging else None)


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


def _write_at(fd: int, data: bytes) -> None:
    os.ftruncate(fd, _PID_AT)
    os.lseek(fd, _PID_AT, os.SEEK_SET)
    os.write(fd, data)


def _same_file(fd: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except FileNotFoundError:
        return False


def new_staging(out: Path, lock: Lock) -> Path:
    staging = out / f"{STAGING_PREFIX}{uuid.uuid4().hex[:12]}"
    lock.claim(staging.name)
    (staging / NEW).mkdir(parents=True)
    (staging / OLD).mkdir()
    return staging


def recover(out: Path, lock: Lock) -> tuple[bool, list[str]]:
    """Undo or finish what a run killed while it held the lock left in `out`: the staging
    folder it claimed. Returns whether there was one, and the names of other staging
    folders, which no run claims: exitplan did not leave them (as far as it can tell), so
    they are left alone, never read or removed."""
    found = sorted(p.name for p in out.glob(STAGING_PREFIX + "*") if p.is_dir())
    recovered = lock.left is not None and lock.left in found
    if recovered:
        staging = out / str(lock.left)
        journal = staging / JOURNAL
        if journal.exists():
            steps = _read_journal(journal, out)
            if not _committed(staging, steps):
                roll_back(out, staging, steps)
        shutil.rmtree(staging)
    return recovered, [name for name in found if name != lock.left]


def _read_journal(journal: Path, out: Path) -> list[Step]:
    try:
        data = json.loads(journal.read_bytes())
        steps = [Step(**item) for item in data]
    except (ValueError, TypeError) as exc:
        raise InputError(
            _("{out}: an interrupted exitplan run left an unreadable journal ({exc})").format(
                out=out, exc=exc
            ),
            _("restore {out} from a backup or version control, then delete {parent}").format(
                out=out, parent=journal.parent
            ),
        ) from None
    for step in steps:
        if (
            step.op not in _OPS
            or safe_relative(step.path) != step.path
            or (step.to is not None and safe_relative(step.to) != step.to)
        ):
            raise InputError(
                _("{out}: an interrupted exitplan run left a journal naming {path!r}").format(
                    out=out, path=step.path
                ),
                _("restore {out} from a backup or version control, then delete {parent}").format(
                    out=out, parent=journal.parent
                ),
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
        raise ValueError(_("unknown swap step {step}").format(step=step))


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
