"""Reading the catalogue: the shipped files, then the user's overlays over them, checked as
one whole, with every error naming the file and the entry."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .. import i18n
from ..errors import CatalogueError
from ..i18n import _
from ..paths import catalogue_dir, playbook_path, playbooks_dir
from ..yamlfile import describe_validation, load_yaml
from .model import (
    LANDING_ZONE,
    Alternative,
    AlternativeKind,
    CatalogueFile,
    Category,
    Constraints,
    NativeType,
    PlacementRules,
    Provider,
    Structural,
)
from .overlay import HINT, Overlay, apply_overlay
from .texts import Localised, localise

Entry = Category | Structural
Rule = tuple[NativeType, str, bool]  # the native type, the entry id, whether structural


@dataclass(frozen=True)
class Catalogue:
    providers: Mapping[str, Provider]
    categories: Mapping[str, Category]
    structural: Mapping[str, Structural] = field(default_factory=dict)
    official_domains: tuple[str, ...] = ()
    # What the overlays ask of the choice (prefer, require_jurisdiction, ...), merged in
    # the order the overlays were given; `exitplan.constraints` applies it.
    constraints: Constraints = field(default_factory=Constraints)
    # Which categories must sit together on the target platform (`exitplan.target`).
    placement: PlacementRules = field(default_factory=PlacementRules)
    # native type -> rules in catalogue order; a rule with an attribute condition wins
    # over the unconditional rule for the same type.
    _rules: Mapping[tuple[str, str], tuple[Rule, ...]] = field(default_factory=dict)
    # In another language than English: what of the shipped texts is still in English.
    localised: Localised | None = None

    def classify(
        self, provider: str, native_type: str, attribute: Callable[[str], object]
    ) -> Entry | None:
        """The category or structural entry a resource belongs to; None: unmapped."""
        fallback: Rule | None = None
        for rule in self._rules.get(_key(provider, native_type), ()):
            native = rule[0]
            if native.attribute is None:
                fallback = fallback or rule
            elif str(attribute(native.attribute) or "").lower() in (native.values or ()):
                return self._entry(rule)
        return self._entry(fallback) if fallback else None

    def reads_attributes(self, provider: str, native_type: str) -> bool:
        """Whether the entry of this type depends on a resource's attributes (an RDS
        instance's engine); where it does not, one answer serves every resource of it."""
        return any(rule[0].attribute for rule in self._rules.get(_key(provider, native_type), ()))

    def category_for(
        self, provider: str, native_type: str, attribute: Callable[[str], object]
    ) -> Category | None:
        found = self.classify(provider, native_type, attribute)
        return found if isinstance(found, Category) else None

    def _entry(self, rule: Rule) -> Entry:
        _native, entry_id, structural = rule
        return self.structural[entry_id] if structural else self.categories[entry_id]

    def offered_by(self, provider_id: str) -> tuple[Category, ...]:
        """The categories in which the provider has an alternative."""
        return tuple(
            c
            for c in self.categories.values()
            if any(alt.provider == provider_id for alt in c.alternatives)
        )


def _key(provider: str, native_type: str) -> tuple[str, str]:
    """Azure's resource types are case-insensitive, and sources spell them differently:
    Resource Manager `Microsoft.Web/sites`, Resource Graph `microsoft.web/sites`."""
    return (provider, native_type.lower() if provider == "azure" else native_type)


def load_catalogue(
    directory: Path | None = None,
    playbooks: Path | None = None,
    overlays: Sequence[Path] = (),
) -> Catalogue:
    """The shipped catalogue (or the one in `directory`), with each overlay file laid over
    it in order: an overlay adds or overrides providers, categories, alternatives and
    structural entries (see `overlay.py`)."""
    shipped = directory is None
    directory = directory or catalogue_dir()
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise CatalogueError(
            _("{directory}: no catalogue files (*.yaml)").format(directory=directory), _(HINT)
        )
    parsed = [(path, _parse(path, shipped)) for path in files]
    localised = None
    if shipped:
        # Before the overlays, so that what a user writes in them stays as written.
        parsed, localised = localise(parsed, i18n.language(), directory, _read_shipped)
    overlay = Overlay.of(parsed)
    for path in overlays:
        data = load_yaml(path, CatalogueError, HINT)
        apply_overlay(overlay, path, data)
    playbooks = playbooks or playbooks_dir()
    catalogue = _assemble(overlay, playbooks)
    if localised is None:
        return catalogue
    untranslated = frozenset(
        c.playbook
        for c in catalogue.categories.values()
        if playbook_path(playbooks, c.playbook) != playbooks / f"{c.playbook}.md"
    )
    return replace(catalogue, localised=replace(localised, playbooks_missing=untranslated))


def _parse(path: Path, shipped: bool = False) -> CatalogueFile:
    data = _read_shipped(path) if shipped else load_yaml(path, CatalogueError, HINT)
    try:
        return CatalogueFile.model_validate(data)
    except ValidationError as exc:
        raise CatalogueError(f"{path}: {describe_validation(exc, data)}", _(HINT)) from None


def _read_shipped(path: Path) -> Any:
    """The shipped files with libyaml, ten times faster than the strict loader that reads
    users' files (every run reads about 20,000 lines); a test reads them strictly too, so
    a key written twice is still caught. A file libyaml refuses is read again strictly for
    an error that names the line."""
    loader = getattr(yaml, "CSafeLoader", None)
    if loader is None:
        return load_yaml(path, CatalogueError, HINT)
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except (yaml.YAMLError, UnicodeDecodeError):
        return load_yaml(path, CatalogueError, HINT)


def _assemble(overlay: Overlay, playbooks: Path) -> Catalogue:
    providers, categories, structural = overlay.providers, overlay.categories, overlay.structural
    rules: dict[tuple[str, str], list[Rule]] = {}
    alternative_ids: dict[str, str] = {}
    for category in categories.values():
        where = _where(overlay, category)
        for alt in category.alternatives:
            other = alternative_ids.setdefault(alt.id, category.id)
            if other != category.id:
                raise CatalogueError(
                    _(
                        "{where}: alternative '{id}' is also in category '{other}'; "
                        "alternative ids are unique"
                    ).format(where=where, id=alt.id, other=other),
                    _(HINT),
                )
        _check_category(where, category, providers, categories, playbooks)
        _claim_types(where, category, False, rules)
    for entry in structural.values():
        where = _where(overlay, entry)
        if entry.moves_with != LANDING_ZONE and entry.moves_with not in categories:
            raise CatalogueError(
                _("{where}: 'moves_with' names '{id}', which is no category").format(
                    where=where, id=entry.moves_with
                ),
                _(HINT),
            )
        _claim_types(where, entry, True, rules)
    _check_placement(overlay.placement, categories)
    return Catalogue(
        providers=dict(sorted(providers.items())),
        categories=dict(sorted(categories.items())),
        structural=dict(sorted(structural.items())),
        official_domains=tuple(sorted(set(overlay.official_domains))),
        constraints=overlay.constraints,
        placement=overlay.placement,
        _rules={key: tuple(value) for key, value in rules.items()},
    )


def _check_placement(placement: PlacementRules, categories: Mapping[str, Category]) -> None:
    seen: dict[str, str] = {}
    for name in ("landing_zone", "with_compute", "with_consumers", "infrastructure"):
        for category_id in getattr(placement, name):
            if category_id not in categories:
                raise CatalogueError(
                    _("placement.{rule} names '{id}', which is no category").format(
                        rule=name, id=category_id
                    ),
                    _(HINT),
                )
            other = seen.setdefault(category_id, name)
            if other != name and "infrastructure" not in (name, other):
                raise CatalogueError(
                    _("placement: '{id}' is in both {a} and {b}").format(
                        id=category_id, a=other, b=name
                    ),
                    _(HINT),
                )


def _where(overlay: Overlay, entry: Entry) -> str:
    if isinstance(entry, Category):
        return _("{path}: category '{id}'").format(
            path=overlay.origin[("categories", entry.id)], id=entry.id
        )
    return _("{path}: structural entry '{id}'").format(
        path=overlay.origin[("structural", entry.id)], id=entry.id
    )


def _check_category(
    where: str,
    category: Category,
    providers: Mapping[str, Provider],
    categories: Mapping[str, Category],
    playbooks: Path,
) -> None:
    if not playbook_path(playbooks, category.playbook).is_file():
        raise CatalogueError(
            _("{where}: playbook '{playbook}' has no file {file}").format(
                where=where,
                playbook=category.playbook,
                file=playbooks / (category.playbook + ".md"),
            ),
            _(HINT),
        )
    standards = {alt.id for alt in category.alternatives if alt.kind is AlternativeKind.STANDARD}
    for alt in category.alternatives:
        _check_alternative(where, alt, providers, categories, standards)
    kinds = {alt.kind for alt in category.alternatives}
    if not {AlternativeKind.EU_MANAGED, AlternativeKind.OPEN_SOURCE} <= kinds:
        raise CatalogueError(
            _("{where} needs at least one eu-managed and one open-source alternative").format(
                where=where
            ),
            _(HINT),
        )


def _check_alternative(
    where: str,
    alt: Alternative,
    providers: Mapping[str, Provider],
    categories: Mapping[str, Category],
    standards: set[str],
) -> None:
    def refuse(message: str, **values: str) -> CatalogueError:
        return CatalogueError(
            _("{where}: alternative '{id}' ").format(where=where, id=alt.id)
            + message.format(**values),
            _(HINT),
        )

    provider = providers.get(alt.provider) if alt.provider else None
    if alt.provider is not None and provider is None:
        raise refuse(_("names provider '{p}', which no catalogue file defines"), p=alt.provider)
    for need in alt.needs:
        if need not in categories:
            raise refuse(_("needs '{need}', which is no category"), need=need)
    for standard in alt.conforms_to:
        if standard not in standards:
            raise refuse(
                _("conforms to '{id}', which is no standard in this category"), id=standard
            )
    if provider is not None and provider.regions and alt.regions:
        known = {region.id for region in provider.regions}
        unknown = sorted(set(alt.regions) - known)
        if unknown:
            raise refuse(
                _("runs in regions {regions} that provider '{p}' does not list"),
                regions=", ".join(unknown),
                p=provider.id,
            )


def _claim_types(
    where: str, entry: Entry, structural: bool, rules: dict[tuple[str, str], list[Rule]]
) -> None:
    """Adds the entry's native types to `rules`; a type two entries claim is an error."""
    for native in entry.native_types:
        key = _key(native.provider, native.type)
        for other, other_id, _other_structural in rules.get(key, []):
            if _overlaps(other, native):
                raise CatalogueError(
                    _(
                        "{where}: {provider} type '{type}' is already claimed by '{other_id}'"
                    ).format(
                        where=where, provider=native.provider, type=native.type, other_id=other_id
                    ),
                    _(HINT),
                )
        lowered = native.model_copy(
            update={"values": [v.lower() for v in native.values] if native.values else None}
        )
        rules.setdefault(key, []).append((lowered, entry.id, structural))


def _overlaps(a: NativeType, b: NativeType) -> bool:
    if a.attribute is None or b.attribute is None:
        return a.attribute is None and b.attribute is None
    lowered = {v.lower() for v in a.values or ()}
    return a.attribute == b.attribute and bool(lowered & {v.lower() for v in b.values or ()})


def catalogue_schema() -> dict[str, Any]:
    return CatalogueFile.model_json_schema()
