"""What the three cloud scanners share: how a scan stops, how what it could not read
becomes a Gap, and how its units are gathered as they finish.

Each provider package (`aws`, `azure`, `gcp`) is laid out the same way:

- `types.py`: the table, as data: which types are read and which attributes are kept;
- `calls.py`: reaching the cloud: clients, pages, retries, cancellation, and what a
  failure means (its code and message, and whether it ends the scan);
- `records.py`: the records of an answer turned into Resources;
- `connector.py`: the connector itself: discover the scopes, then collect them on a pool;
- `permissions.py`: what a scan must be granted, derived from the calls it makes.

A provider adds modules of its own where it has more to say (AWS's credentials and its
engine, Azure's Resource Graph and per-resource extras)."""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass
from typing import Any

from exitplan.i18n import _
from exitplan.model import Gap, Provider, Resource

from .interface import Progress

MALFORMED = "MalformedRecord"  # the gap code of a record in an answer that cannot be read

Found = list[Resource | Gap]


class Cancelled(Exception):
    """The scan was interrupted (Ctrl-C, or a bug elsewhere in the scan): nothing more is
    sent, and waits between attempts end."""


@dataclass(frozen=True)
class Gaps:
    """The gaps of one provider. A refused, throttled (past its retries) or unreachable
    call and a malformed record all become a Gap here, so that every scanner words them
    alike: the call first, then what the cloud said."""

    provider: Provider

    def gap(
        self, scope: str, service: str, code: str, message: str, *, region: str | None = None
    ) -> Gap:
        return Gap(
            provider=self.provider,
            scope=scope,
            region=region,
            service=service,
            code=code,
            message=message,
        )

    def failed(
        self,
        scope: str,
        service: str,
        call: str,
        found: tuple[str, str],
        *,
        region: str | None = None,
        note: str = "",
    ) -> Gap:
        """A call that failed, with the code and message its provider's `failure` gives,
        and a note on what is missing because of it."""
        code, message = found
        if note:
            text = _("{call}: {message} ({note})").format(call=call, message=message, note=note)
        else:
            text = f"{call}: {message}"
        return self.gap(scope, service, code, text, region=region)

    def malformed(
        self, scope: str, service: str, problem: str, *, region: str | None = None
    ) -> Gap:
        """A record the scan cannot read: it is left out, and the scan reads on."""
        text = _("{problem}; left out").format(problem=problem)
        return self.gap(scope, service, MALFORMED, text, region=region)


class Tally:
    """Failures of many like calls (one per resource), counted by what was asked and the
    error code, with the first message of each: a cloud's messages name the resource, so
    a gap per message would be a gap per resource. Threads may add at once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seen: dict[tuple[str, ...], tuple[int, str]] = {}

    def add(self, key: tuple[str, ...], found: tuple[str, str], count: int = 1) -> None:
        code, message = found
        coded = (*key, code)
        with self._lock:
            before, first = self._seen.get(coded, (0, message))
            self._seen[coded] = (before + count, first)

    def counted(self, *prefix: str) -> list[tuple[tuple[str, ...], int, str]]:
        """Each key (with its code) that starts with `prefix`, in order, with its count and
        first message."""
        with self._lock:
            found = sorted(i for i in self._seen.items() if i[0][: len(prefix)] == prefix)
        return [(key, count, first) for key, (count, first) in found]


def unreadable(page: int, number: int, lacking: Iterable[str], fields: Iterable[str]) -> str:
    """A record named by its place in the answer and by the fields it has, never their
    values (they can hold secrets)."""
    return _("record {number} of page {page} has no {lacking} (fields present: {present})").format(
        number=number,
        page=page,
        lacking=_(" or ").join(lacking),
        present=", ".join(sorted(fields)) or _("none"),
    )


def drain(
    futures: set[Future[Found]], report: Callable[[Progress], None] | None
) -> Iterator[Resource | Gap]:
    """Yield each unit's findings as it completes, reporting progress after each batch.
    If the consumer stops (Ctrl-C, an error), the units not yet started are cancelled;
    stopping the ones running is the caller's (its clients check a cancel event)."""
    pending = set(futures)
    total = len(pending)
    done_count = resources = gaps = 0
    if report is not None:
        report(Progress(0, total, 0, 0))
    try:
        while pending:
            done, pending = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
            for future in done:
                found = future.result()
                done_count += 1
                resources += sum(isinstance(x, Resource) for x in found)
                gaps += sum(isinstance(x, Gap) for x in found)
                yield from found
            if done and report is not None:
                report(Progress(done_count, total, resources, gaps))
    finally:
        for future in pending:
            future.cancel()


def loaded_on_use(package: str, names: Sequence[str]) -> Callable[[str], Any]:
    """A provider package's `__getattr__`: its connector and options come from its
    `connector` module when first asked for, so that importing the package's table does
    not import the cloud's SDK."""

    def attribute(name: str) -> Any:
        if name in names:
            return getattr(importlib.import_module(f"{package}.connector"), name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return attribute
