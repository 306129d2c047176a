"""The one engine that reads any `Spec`: list with pagination, add details, build Resources.

A failed list call becomes a Gap for that type in that account and region. A failed detail
call keeps the item (it exists) without the facts that call gives, and becomes one Gap per
type, operation and error code that says how many items lack them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from connectors.paths import search
from connectors.toolkit import Cancelled, Tally
from exitplan.i18n import _
from exitplan.model import Gap, Resource

from .calls import Client, Context, api_name, attempt, pages
from .records import GAPS, Item, malformed, needs, render_id, to_resource
from .types import Batch, Detail, Spec


def run_spec(spec: Spec, context: Context, parent: Item | None = None) -> list[Resource | Gap]:
    """Read one type in one account and region; children (ECS services of a cluster) run
    within the same unit, on the items their parent listed."""
    client = context.service(spec.service)
    where = (context.account, spec.service)  # the scope and service of its gaps
    params = {**spec.params, **{k: search(p, parent) for k, p in spec.args.items()}}
    listed, error = attempt(lambda: _listing(spec, client, params, context, parent))
    if listed is None:
        assert error is not None
        operation = api_name(client, spec.operation)
        return [GAPS.failed(*where, operation, error, region=context.region, note=_unread(spec))]
    items = listed

    missing = Tally()  # per-item calls that failed, by operation and error code
    for item in items:
        item["_id"] = render_id(spec.id, item, context)
    for step in spec.details:
        if isinstance(step, Batch):
            _run_batch(step, items, client, context, missing)
        else:
            items = _run_detail(step, spec.service, items, client, context, missing)

    listed_by = api_name(client, spec.operation)
    out, kept, unidentified = _resources(spec, items, listed_by, context)
    for (operation, code), count, sample in missing.counted():
        what = _("{count} of {total} {type} lack what {operation} tells").format(
            count=count, total=len(items), type=spec.type, operation=operation
        )
        found = (code, sample)
        out.append(GAPS.failed(*where, operation, found, region=context.region, note=what))
    if unidentified:
        detail = _("{count} {type} could not be identified and are not listed").format(
            count=unidentified, type=spec.type
        )
        found = ("Unidentified", detail)
        out.append(GAPS.failed(*where, listed_by, found, region=context.region))
    for item in kept:
        for child in spec.children:
            out.extend(run_spec(child, context, parent=item))
    return out


def _listing(
    spec: Spec, client: Client, params: dict[str, Any], context: Context, parent: Item | None
) -> list[Item]:
    """Every item the type's list call gives, each marked with its page and place."""
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


def _resources(
    spec: Spec, items: list[Item], listed_by: str, context: Context
) -> tuple[list[Resource | Gap], list[Item], int]:
    """The resources of the items (and the items they came from), a gap for each malformed
    item, and how many could not be identified."""
    where = (context.account, spec.service)
    out: list[Resource | Gap] = []
    kept: list[Item] = []
    unidentified = 0
    place = _("{call}: {problem}")  # looked up once, before the loop over items
    for item in items:
        item["_id"] = item["_id"] or render_id(spec.id, item, context)
        if not item["_id"] and any(into not in item for into in needs(spec, spec.id)):
            unidentified += 1  # the call that tells its id failed, and its gap says so
            continue
        problem = malformed(spec, item)
        if problem is not None:
            problem = place.format(call=listed_by, problem=problem)
            out.append(GAPS.malformed(*where, problem, region=context.region))
            continue
        out.append(to_resource(spec, item, context))
        kept.append(item)
    return out, kept, unidentified


def _unread(spec: Spec) -> str:
    types = [spec.type, *(child.type for child in spec.children)]
    return _("not read: {types}").format(types=", ".join(types))


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
    missing: Tally,
) -> list[Item]:
    operation = api_name(client, detail.operation)
    # Looked up once: the detail is asked for each item.
    no_arguments = _("no {fields} to ask with").format(fields=", ".join(detail.args.values()))

    def one(item: Item) -> tuple[str, str] | None:
        if context.cancelled.is_set():
            raise Cancelled
        if detail.unless is not None and search(detail.unless, item) is not None:
            return None
        args = _arguments(detail.args, item)
        if args is None:
            return ("MissingField", no_arguments)
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
            missing.add((operation,), found)
    if detail.keep is None:
        return items
    # An item whose deciding call failed is kept: better listed than silently lost.
    return [i for i in items if detail.into not in i or search(detail.keep, i)]


def _ask_batch(
    batch: Batch, client: Client, context: Context, extra: dict[str, Any], chunk: list[Any]
) -> tuple[dict[Any, Any], tuple[str, str] | None]:
    """One call of a batch for a chunk of keys: the records found by key, or the error."""
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


def _run_batch(
    batch: Batch,
    items: list[Item],
    client: Client,
    context: Context,
    missing: Tally,
) -> None:
    if not items:
        return
    operation = api_name(client, batch.operation)
    keys = list(dict.fromkeys(k for k in (search(batch.key, i) for i in items) if k is not None))
    chunks = [keys[n : n + batch.size] for n in range(0, len(keys), batch.size)]
    extra = _arguments(batch.args, items[0]) or {}

    answered: dict[Any, Any] = {}
    failed: set[Any] = set()

    def one(chunk: list[Any]) -> tuple[dict[Any, Any], tuple[str, str] | None]:
        return _ask_batch(batch, client, context, extra, chunk)

    for chunk, (found, error) in zip(chunks, context.map(one, chunks), strict=True):
        if error is None:
            answered.update(found)
        else:
            failed.update(chunk)
            missing.add((operation,), error, sum(1 for i in items if search(batch.key, i) in chunk))
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
            (operation,),
            (
                "NotReturned",
                _("{operation} returned no record for them").format(operation=operation),
            ),
            unanswered,
        )
