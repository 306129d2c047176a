"""AWS's answers as Resources: an item's ARN, name, tags and attributes, read through the
paths of its `Spec`, and what makes an item unreadable."""

from __future__ import annotations

import functools
import re
from typing import Any

from connectors.attributes import convert
from connectors.paths import Unfit, search
from connectors.toolkit import Gaps, unreadable
from exitplan.model import RelationKind, Resource, Scalar

from .calls import Context
from .types import Spec, placeholders

Item = dict[str, Any]
GAPS = Gaps("aws")
# S3's legacy location constraint for Ireland.
_LEGACY_REGIONS = {"EU": "eu-west-1"}
_CONTEXT = re.compile(r"\$(account|region|partition)")


def malformed(spec: Spec, item: Item) -> str | None:
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
    page, number = item["_at"]
    return unreadable(page, number, lacking, (k for k in item if k not in ours))


def render_id(template: str, item: Item, context: Context) -> str | None:
    text = _CONTEXT.sub(lambda m: str(getattr(context, m.group(1))), template)
    for path in placeholders(text):
        value = search(path, item)
        if value is None or value == "":
            return None
        text = text.replace("{" + path + "}", str(value), 1)
    return text


def to_resource(spec: Spec, item: Item, context: Context) -> Resource:
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
        attributes=attributes(spec, item),
        relations=relations(spec, item, context),
    )


def relations(spec: Spec, item: Item, context: Context) -> dict[RelationKind, list[str]] | None:
    """The ids of the resources the item's answer names, by kind; None when it names none,
    so that a resource without relations is written as before."""
    found: dict[RelationKind, list[str]] = {}
    for link in spec.relations:
        if any(into not in item for into in needs(spec, link.path)):
            continue  # its call failed: its gap says so
        value = search(link.path, item)
        for short in value if isinstance(value, list) else [value]:
            if not isinstance(short, str) or not short:
                continue
            if link.to is None or short.startswith("arn:"):
                target: str | None = short
            else:
                (path,) = placeholders(link.to)
                target = render_id(link.to, {path: short}, context)
            if target is not None:
                found.setdefault(link.kind, []).append(target)
    return found or None


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


def attributes(spec: Spec, item: Item) -> dict[str, Scalar]:
    kept: dict[str, Scalar] = {}
    for name, attr in spec.attributes.items():
        if any(into not in item for into in needs(spec, attr.path)):
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


def needs(spec: Spec, path: str) -> tuple[str, ...]:
    """The per-item answers (`into` names) that a path reads."""
    return _needs_cached(tuple(step.into for step in spec.details), path)
