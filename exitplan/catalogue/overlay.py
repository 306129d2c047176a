"""Laying catalogue files over each other: the shipped files (each id defined once), then
the user's overlays (`--catalogue extra.yaml`), which add and override.

An overlay has the shape of a catalogue file, and an entry in it either is new, or names an
existing id and changes it: the fields it gives replace the existing ones, except that
`alternatives` are merged by id (a new one is appended, or put at its `rank`), and
`native_types` are added. So an organisation can add its own platform to one category, or
replace a provider's facts, without copying the catalogue."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import CatalogueError
from ..i18n import N_, _
from ..yamlfile import describe_validation
from .model import CatalogueFile, Category, Constraints, PlacementRules, Provider, Structural

# The hint of every catalogue error, shipped file or overlay.
HINT = N_("fix the catalogue entry named; `exitplan schema catalogue` prints the expected shape")
_KEYS = (
    "providers", "categories", "structural", "official_domains", "constraints", "placement",
)  # fmt: skip


@dataclass
class Overlay:
    """The catalogue being assembled, and which file each entry last came from."""

    providers: dict[str, Provider] = field(default_factory=dict)
    categories: dict[str, Category] = field(default_factory=dict)
    structural: dict[str, Structural] = field(default_factory=dict)
    official_domains: list[str] = field(default_factory=list)
    constraints: Constraints = field(default_factory=Constraints)
    placement: PlacementRules = field(default_factory=PlacementRules)
    origin: dict[tuple[str, str], Path] = field(default_factory=dict)  # (group, id) -> file

    @classmethod
    def of(cls, parsed: Iterable[tuple[Path, CatalogueFile]]) -> Overlay:
        """The shipped files: every id is defined in exactly one place."""
        made = cls()
        for path, content in parsed:
            for key, entries in (
                ("providers", content.providers),
                ("categories", content.categories),
                ("structural", content.structural),
            ):
                group: dict[str, Any] = getattr(made, key)
                for entry in entries:
                    # Categories and structural entries share one name space: both are what
                    # a native type maps to.
                    taken = (
                        entry.id in made.providers
                        if key == "providers"
                        else entry.id in made.categories or entry.id in made.structural
                    )
                    if taken:
                        raise CatalogueError(
                            _("{path}: '{id}' defined twice").format(path=path, id=entry.id),
                            _(HINT),
                        )
                    group[entry.id] = entry
                    made.origin[(key, entry.id)] = path
            made.official_domains.extend(content.official_domains)
            if content.constraints is not None:
                made.constraints = content.constraints.over(made.constraints)
            if content.placement is not None:
                made.placement = content.placement.over(made.placement)
        return made


def apply_overlay(overlay: Overlay, path: Path, data: Any) -> None:
    if data is None:
        return
    if not isinstance(data, dict) or set(data) - set(_KEYS):
        extra = sorted(set(data) - set(_KEYS)) if isinstance(data, dict) else []
        raise CatalogueError(
            _("{path}: an overlay is a mapping with the keys {keys}; found {found}").format(
                path=path,
                keys=", ".join(_KEYS),
                found=", ".join(map(str, extra)) or type(data).__name__,
            ),
            _(HINT),
        )
    for key in ("providers", "categories", "structural"):
        entries = data.get(key) or []
        if not isinstance(entries, list):
            raise CatalogueError(
                _("{path}: '{key}' is a list of entries").format(path=path, key=key), _(HINT)
            )
        for index, entry in enumerate(entries):
            _apply_entry(overlay, path, key, index, entry)
    try:
        checked = CatalogueFile.model_validate(
            {k: data[k] for k in ("official_domains", "constraints", "placement") if k in data}
        )
    except ValidationError as exc:
        raise CatalogueError(f"{path}: {describe_validation(exc, data)}", _(HINT)) from None
    overlay.official_domains.extend(checked.official_domains)
    if checked.constraints is not None:
        overlay.constraints = checked.constraints.over(overlay.constraints)
    if checked.placement is not None:
        overlay.placement = checked.placement.over(overlay.placement)


_MODELS: Mapping[str, type[BaseModel]] = {
    "providers": Provider,
    "categories": Category,
    "structural": Structural,
}


def _apply_entry(overlay: Overlay, path: Path, key: str, index: int, entry: Any) -> None:
    group: dict[str, Any] = getattr(overlay, key)
    if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
        raise CatalogueError(
            _("{path}: {key}[{index}] is a mapping with an 'id'").format(
                path=path, key=key, index=index
            ),
            _(HINT),
        )
    existing = group.get(entry["id"])
    merged = _merge(existing.model_dump(mode="python"), entry) if existing else entry
    try:
        group[entry["id"]] = _MODELS[key].model_validate(merged)
    except ValidationError as exc:
        detail = describe_validation(exc, merged)
        raise CatalogueError(
            _("{path}: {key} '{id}': {detail}").format(
                path=path, key=key, id=entry["id"], detail=detail
            ),
            _(HINT),
        ) from None
    overlay.origin[(key, entry["id"])] = path


def _merge(base: dict[str, Any], change: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for name, value in change.items():
        if name == "alternatives" and isinstance(value, list):
            merged[name] = _merge_alternatives(base.get(name) or [], value)
        elif name == "native_types" and isinstance(value, list):
            merged[name] = [*(base.get(name) or []), *value]
        else:
            merged[name] = value
    return merged


def _merge_alternatives(base: list[dict[str, Any]], change: list[Any]) -> list[Any]:
    """Alternatives by id: a known id is replaced where it stands (or moved to its `rank`),
    a new one is appended (or put at its `rank`, 1 being first)."""
    result: list[Any] = list(base)
    for alt in change:
        alt_id = alt.get("id") if isinstance(alt, dict) else None
        position = next((i for i, a in enumerate(result) if a.get("id") == alt_id), None)
        if position is not None:
            old = result.pop(position)
            alt = {**old, **alt}
        rank = alt.get("rank") if isinstance(alt, dict) else None
        if isinstance(rank, int) and rank >= 1:
            result.insert(rank - 1, alt)
        elif position is not None:
            result.insert(position, alt)
        else:
            result.append(alt)
    return result
