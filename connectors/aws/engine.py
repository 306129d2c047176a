"""The one engine that reads any `Spec`: list with pagination, add details, build Resources.

A failed list call becomes a Gap for that type in that account and region. A failed detail
call keeps the item (it exists) without the facts that call gives, and becomes one Gap per
type, operation and error code that says how many items lack them."""

from __future__ import annotations

import functools
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import Any, TypeVar

from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    DataNotFoundError,
    OperationNotPageableError,
    ParamValidationError,
    UnknownParameterError,
    UnknownServiceError,
)

from connectors.attributes import convert
from connectors.paths import Unfit, search
from exitplan.model import Gap, Resource, Scalar

from .spec import Batch, Detail, Spec, placeholders

Client = Any  # a botocore client; its methods are generated at run time
T = TypeVar("T")
Item = dict[str, Any]

MALFORMED = "MalformedRecord"  # the gap code of a listed item that cannot be read
# S3's legacy location constraint for Ireland.
_LEGACY_REGIONS = {"EU": "eu-west-1"}
_CONTEXT = re.compile(r"\$(account|region|partition)")


class Cancelled(Exception):
    """The scan was interrupted; workers stop at their next call."""


class Missing:
    """Items lacking what a per-item call tells, by operation and error code. AWS's
    messages name the resource, so grouping by message would give a gap per item."""

    def __init__(self) -> None:
        self.counts: Counter[tuple[str, str]] = Counter()
        self.sample: dict[tuple[str, str], str] = {}

    def add(self, operation: str, found: tuple[str, str], count: int = 1) -> None:
        key = (operation, found[0])
        self.counts[key] += count
        self.sample.setdefault(key, found[1])


@dataclass
class Context:
    """Where a spec runs: one account, one region (or "global"), and how to reach services."""

    account: str
    region: str
    partition: str
    client: Callable[[str, str], Client]  # (service, region) -> client for this account
    api_region: str  # the region whose endpoints serve this unit ("global" is not one)
    map: Callable[[Callable[[Any], Any], Sequence[Any]], list[Any]] = field(
        default=lambda f, xs: [f(x) for x in xs]
    )
    cancelled: threading.Event = field(default_factory=threading.Event)

    def service(self, name: str) -> Client:
        return self.client(name, self.api_region)


def using(executor: Executor | None, context: Context) -> Context:
    """Run per-item calls of this context on `executor`, keeping the input order."""
    if executor is not None:
        context.map = lambda f, xs: list(executor.map(f, xs))
    return context


def failure(exc: BaseException) -> tuple[str, str] | None:
    """The error code and message of a failure the scan records as a gap, else None.

    AWS's refusals, network trouble and credentials that fail mid-scan (an SSO session
    expiring) are the account's or the network's doing: gaps. A request botocore rejects
    before sending is a mistake in our table: it propagates as a bug."""
    if isinstance(exc, ClientError):
        error = exc.response.get("Error", {})
        return str(error.get("Code") or "ClientError"), str(error.get("Message") or exc)
    if isinstance(exc, BotoCoreError) and not isinstance(exc, _OUR_MISTAKES):
        return type(exc).__name__, str(exc)
    return None


_OUR_MISTAKES = (
    ParamValidationError,
    UnknownServiceError,
    OperationNotPageableError,
    DataNotFoundError,
    UnknownParameterError,
)


def attempt(call: Callable[[], T]) -> tuple[T, None] | tuple[None, tuple[str, str]]:
    """Run a call; a failure the scan records comes back as (code, message), anything
    else (a bug, Ctrl-C) propagates."""
    try:
        return call(), None
    except Exception as exc:
        found = failure(exc)
        if found is None:
            raise
        return None, found


def api_name(client: Client, operation: str) -> str:
    mapping: dict[str, str] = client.meta.method_to_api_mapping
    return mapping[operation]


def pages(
    client: Client, operation: str, params: Mapping[str, Any], context: Context
) -> Iterator[Any]:
    """Every page of an answer: botocore's paginator where it has one, else the token the
    operation's model declares, else the single answer."""
    if client.can_paginate(operation):
        for page in client.get_paginator(operation).paginate(**params):
            if context.cancelled.is_set():
                raise Cancelled
            yield page
        return
    model = client.meta.service_model.operation_model(api_name(client, operation))
    inputs = model.input_shape.members if model.input_shape else {}
    outputs = model.output_shape.members if model.output_shape else {}
    token = next((t for t in ("NextToken", "nextToken") if t in inputs and t in outputs), None)
    request, seen = dict(params), set()
    while True:
        if context.cancelled.is_set():
            raise Cancelled
        page = getattr(client, operation)(**request)
        yield page
        following = page.get(token) if token else None
        if not following or following in seen:
            return
        seen.add(following)
        request[token] = following  # type: ignore[index]


def run_spec(spec: Spec, context: Context, parent: Item | None = None) -> list[Resource | Gap]:  # noqa: C901 - to split in the rework of this module
    """Read one type in one account and region; children (ECS services of a cluster) run
    within the same unit, on the items their parent listed."""
    client = context.service(spec.service)
    params = {**spec.params, **{k: search(p, parent) for k, p in spec.args.items()}}

    def listing() -> list[Item]:
        items: list[Item] = []
        for number, page in enumerate(pages(client, spec.operation, params, context), 1):
            for index, raw in enumerate(search(spec.items, page) or ()):
                item = raw if isinstance(raw, dict) else {"Value": raw}
                item["_at"] = (number, index + 1)
                if parent is not None:
                    item["parent"] = parent
                if spec.keep is None or search(spec.keep, item):
                    items.append(item)
        return items

    listed, error = attempt(listing)
    if listed is None:
        assert error is not None
        return [_gap(spec, context, api_name(client, spec.operation), error, _unread(spec))]
    items = listed

    missing = Missing()
    for item in items:
        item["_id"] = _render(spec.id, item, context)
    for step in spec.details:
        if isinstance(step, Batch):
            _run_batch(step, items, client, context, missing)
        else:
            items = _run_detail(step, spec.service, items, client, context, missing)

    out: list[Resource | Gap] = []
    kept: list[Item] = []
    unidentified = 0
    listed_by = api_name(client, spec.operation)
    for item in items:
        item["_id"] = item["_id"] or _render(spec.id, item, context)
        if not item["_id"] and any(into not in item for into in _needs(spec, spec.id)):
            unidentified += 1  # the call that tells its id failed, and its gap says so
            continue
        problem = _malformed(spec, item)
        if problem is not None:
            out.append(_gap(spec, context, listed_by, (MALFORMED, problem), ""))
            continue
        out.append(_resource(spec, item, context))
        kept.append(item)
    for (operation, code), count in sorted(missing.counts.items()):
        what = f"{count} of {len(items)} {spec.type} lack what {operation} tells"
        sample = missing.sample[(operation, code)]
        out.append(_gap(spec, context, operation, (code, sample), what))
    if unidentified:
        detail = f"{unidentified} {spec.type} could not be identified and are not listed"
        out.append(_gap(spec, context, listed_by, ("Unidentified", detail), ""))
    for item in kept:
        for child in spec.children:
            out.extend(run_spec(child, context, parent=item))
    return out


def _malformed(spec: Spec, item: Item) -> str | None:
    """What a listed item lacks of the fields AWS always gives and the scan needs (those of
    its id, else its name), naming it by its place in the answer and by the fields it has,
    never their values; None when it has them."""
    if not item["_id"]:
        lacking = [p for p in placeholders(spec.id) if search(p, item) in (None, "")]
    else:
        lacking = [spec.name_path] if search(spec.name_path, item) in (None, "") else []
    if not lacking:
        return None
    ours = {"_id", "_at", "parent", *(step.into for step in spec.details)}
    fields = ", ".join(sorted(k for k in item if k not in ours)) or "none"
    page, number = item["_at"]
    return (
        f"record {number} of page {page} has no {' or '.join(lacking)} "
        f"(fields present: {fields}); left out"
    )


def _unread(spec: Spec) -> str:
    types = [spec.type, *(child.type for child in spec.children)]
    return "not read: " + ", ".join(types)


def _gap(spec: Spec, context: Context, operation: str, found: tuple[str, str], what: str) -> Gap:
    code, message = found
    text = f"{operation}: {message}" + (f" ({what})" if what else "")
    return Gap(
        provider="aws",
        scope=context.account,
        region=context.region,
        service=spec.service,
        code=code,
        message=text,
    )


def _render(template: str, item: Item, context: Context) -> str | None:
    text = _CONTEXT.sub(lambda m: str(getattr(context, m.group(1))), template)
    for path in placeholders(text):
        value = search(path, item)
        if value is None or value == "":
            return None
        text = text.replace("{" + path + "}", str(value), 1)
    return text


def _arguments(args: Mapping[str, str], item: Item) -> dict[str, Any] | None:
    values = {name: search(path, item) for name, path in args.items()}
    return None if any(v is None for v in values.values()) else values


def _collect(client: Client, detail: Detail, params: dict[str, Any], context: Context) -> Any:
    """A detail's answer over all its pages: lists (tags, node groups) are joined."""
    found: Any = None
    for page in pages(client, detail.operation, params, context):
        part = search(detail.result, page)
        if isinstance(part, list):
            found = [*(found or ()), *part]
        elif found is None:
            found = part
    return found


def _run_detail(
    detail: Detail,
    service: str,
    items: list[Item],
    client: Client,
    context: Context,
    missing: Missing,
) -> list[Item]:
    operation = api_name(client, detail.operation)

    def one(item: Item) -> tuple[str, str] | None:
        if context.cancelled.is_set():
            raise Cancelled
        if detail.unless is not None and search(detail.unless, item) is not None:
            return None
        args = _arguments(detail.args, item)
        if args is None:
            return ("MissingField", f"no {', '.join(detail.args.values())} to ask with")
        region = search(detail.region, item) if detail.region else None
        target = context.client(service, region) if region else client
        answer, found = attempt(
            lambda: _collect(target, detail, {**detail.params, **args}, context)
        )
        if found is not None:
            if found[0] not in detail.absent:
                return found
            answer = None  # "no tags" and the like: an answer, not a failure
        item[detail.into] = answer
        return None

    for found in context.map(one, items):
        if found is not None:
            missing.add(operation, found)
    if detail.keep is None:
        return items
    # An item whose deciding call failed is kept: better listed than silently lost.
    return [i for i in items if detail.into not in i or search(detail.keep, i)]


def _run_batch(  # noqa: C901 - to split in the rework of this module
    batch: Batch,
    items: list[Item],
    client: Client,
    context: Context,
    missing: Missing,
) -> None:
    if not items:
        return
    operation = api_name(client, batch.operation)
    keys = list(dict.fromkeys(k for k in (search(batch.key, i) for i in items) if k is not None))
    chunks = [keys[n : n + batch.size] for n in range(0, len(keys), batch.size)]
    extra = _arguments(batch.args, items[0]) or {}

    def one(chunk: list[Any]) -> tuple[dict[Any, Any], tuple[str, str] | None]:
        params: dict[str, Any] = {**batch.params, **extra}
        if batch.param is not None:
            params[batch.param] = chunk
        else:
            params["Filters"] = [{"Name": batch.filter, "Values": chunk}]
        found: dict[Any, Any] = {key: [] for key in chunk} if batch.many else {}

        def read() -> dict[Any, Any]:
            for page in pages(client, batch.operation, params, context):
                for record in search(batch.records, page) or ():
                    key = search(batch.match, record)
                    if batch.many:
                        found.setdefault(key, []).append(record)
                    else:
                        found[key] = record
            return found

        answer, error = attempt(read)
        return (answer, None) if answer is not None else ({}, error)

    answered: dict[Any, Any] = {}
    failed: set[Any] = set()
    for chunk, (found, error) in zip(chunks, context.map(one, chunks), strict=True):
        if error is None:
            answered.update(found)
        else:
            failed.update(chunk)
            missing.add(operation, error, sum(1 for i in items if search(batch.key, i) in chunk))
    unanswered = 0
    for item in items:
        key = search(batch.key, item)
        if key is None or key in failed:
            continue
        if batch.many or key in answered:
            item[batch.into] = answered.get(key, [])
        else:
            unanswered += 1  # gone between the listing and the batch, or refused per item
    if unanswered:
        missing.add(
            operation, ("NotReturned", f"{operation} returned no record for them"), unanswered
        )


def _resource(spec: Spec, item: Item, context: Context) -> Resource:
    region = context.region
    if spec.region_path is not None:
        found = search(spec.region_path, item)
        region = _LEGACY_REGIONS.get(found, found) if found else region
    return Resource(
        provider="aws",
        account=context.account,
        region=region,
        type=spec.type,
        id=item["_id"],
        name=str(search(spec.name_path, item)),
        tags=tags(search(spec.tags, item)) if spec.tags else {},
        attributes=_attributes(spec, item),
    )


def tags(found: Any) -> dict[str, str]:
    """AWS spells tags four ways: a mapping, or a list of Key/Value, key/value or
    TagKey/TagValue pairs. Sorted by key: AWS's order varies, and scans should diff cleanly."""
    if not found:
        return {}
    pairs: dict[str, str] = {}
    if isinstance(found, dict):
        pairs = {str(k): "" if v is None else str(v) for k, v in found.items()}
    else:
        for tag in found:
            key = tag.get("Key", tag.get("key", tag.get("TagKey")))
            value = tag.get("Value", tag.get("value", tag.get("TagValue", "")))
            if key is not None:
                pairs[str(key)] = "" if value is None else str(value)
    return dict(sorted(pairs.items()))


def _attributes(spec: Spec, item: Item) -> dict[str, Scalar]:
    kept: dict[str, Scalar] = {}
    for name, attr in spec.attributes.items():
        if any(into not in item for into in _needs(spec, attr.path)):
            continue  # its call failed: a default (`|| false`) would state a guess as fact
        try:
            value = search(attr.path, item)
        except Unfit:  # a fact from a call that failed: the gap says so
            continue
        converted = convert(value, attr, spec.name, name)
        if converted is not None:
            kept[name] = converted
    return kept


@functools.cache
def _needs_cached(intos: tuple[str, ...], path: str) -> tuple[str, ...]:
    return tuple(i for i in intos if re.search(rf"\b{re.escape(i)}\b", path))


def _needs(spec: Spec, path: str) -> tuple[str, ...]:
    """The per-item answers (`into` names) that a path reads."""
    return _needs_cached(tuple(step.into for step in spec.details), path)
