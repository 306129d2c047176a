"""What the target costs to run each month: the catalogue's list prices applied to the
inventory's sizes, and the people self-hosted platforms need. Pure.

A resource is priced only where the catalogue has a price for what it has (vCPUs and
memory, stored bytes, or an instance) in the plan's currency; every other resource is
counted as unpriced and shown so, never as zero. Software run on the landing zone is
priced at that provider's own compute and block-storage prices."""

from __future__ import annotations

from collections.abc import Mapping as Map
from collections.abc import Sequence
from dataclasses import dataclass

from .catalogue import Alternative, Catalogue, Category, Entry, Hosting
from .catalogue.model import PriceUnit
from .constraints import Choice
from .estimate import PlatformEstimate
from .model import Resource
from .profile import Profile

HOURS_PER_MONTH = 730  # 8,760 hours a year over 12 months, as providers bill
GIB = 1024**3


@dataclass(slots=True)
class Usage:
    """What a category's resources hold, summed once per estate."""

    count: int = 0
    with_vcpu: int = 0
    vcpu: float = 0.0
    memory_gib: float = 0.0
    with_size_only: int = 0  # stored bytes, no vCPUs
    size_gib: float = 0.0


def usage(resources: Sequence[Resource], entries: Sequence[Entry | None]) -> dict[str, Usage]:
    """Per category, what its resources hold (`entries` as `mapping.classify_all` gives)."""
    found: dict[str, Usage] = {}
    for resource, entry in zip(resources, entries, strict=True):
        if not isinstance(entry, Category):
            continue
        key = entry.id
        u = found.get(key)
        if u is None:
            u = found[key] = Usage()
        u.count += 1
        attributes = resource.attributes
        vcpu = attributes.get("vcpu")
        size = attributes.get("size_bytes")
        if isinstance(vcpu, int) and vcpu > 0:
            u.with_vcpu += 1
            u.vcpu += vcpu
            memory = attributes.get("memory_mib")
            if isinstance(memory, int):
                u.memory_gib += memory / 1024
        elif isinstance(size, int) and size > 0:
            u.with_size_only += 1
        if isinstance(size, int):
            u.size_gib += size / GIB
    return found


@dataclass(frozen=True)
class RunCost:
    currency: str
    infrastructure: float  # per month, of the priced resources
    people: float  # per month: operating FTE at the day rate
    operating_fte: float
    priced: int
    unpriced: int
    unpriced_categories: tuple[str, ...]  # category ids with unpriced resources

    @property
    def total(self) -> float:
        """The known part: infrastructure priced and people."""
        return self.infrastructure + self.people

    @property
    def priced_share(self) -> float:
        resources = self.priced + self.unpriced
        return self.priced / resources if resources else 1.0


def _price(alt: Alternative | None, unit: PriceUnit, currency: str) -> float | None:
    if alt is None:
        return None
    for price in alt.prices:
        if price.unit is unit and price.currency == currency:
            return price.amount
    return None


def _managed(catalogue: Catalogue, category_id: str, provider: str | None) -> Alternative | None:
    category = catalogue.categories.get(category_id)
    if category is None or provider is None:
        return None
    return next(
        (
            a
            for a in category.alternatives
            if a.provider == provider and a.hosting_is is Hosting.MANAGED
        ),
        None,
    )


def run_cost(
    used: Map[str, Usage],
    choices: Map[str, Choice],
    platforms: Sequence[PlatformEstimate],
    catalogue: Catalogue,
    profile: Profile,
) -> RunCost:
    currency = profile.currency
    monthly = 0.0
    priced = unpriced = 0
    unpriced_categories = []
    for category_id, u in sorted(used.items()):
        choice = choices[category_id]
        if choice.hosting is Hosting.SELF_HOSTED:
            compute = _managed(catalogue, catalogue.placement.servers, choice.provider)
            storage = _managed(catalogue, catalogue.placement.disks, choice.provider)
        else:
            compute = storage = choice.alternative
        vcpu_hour = _price(compute, PriceUnit.VCPU_HOUR, currency)
        ram_hour = _price(compute, PriceUnit.GIB_RAM_HOUR, currency)
        gib_month = _price(storage, PriceUnit.GIB_MONTH, currency)
        instance_hour = _price(choice.alternative, PriceUnit.INSTANCE_HOUR, currency)
        missing = 0
        if u.with_vcpu:
            if vcpu_hour is None:
                missing += u.with_vcpu
            else:
                monthly += u.vcpu * vcpu_hour * HOURS_PER_MONTH
                # No memory price: the vCPU price is a flavour's, memory included.
                if ram_hour is not None:
                    monthly += u.memory_gib * ram_hour * HOURS_PER_MONTH
                priced += u.with_vcpu
        if gib_month is not None:
            monthly += u.size_gib * gib_month
            priced += u.with_size_only
        else:
            missing += u.with_size_only
        others = u.count - u.with_vcpu - u.with_size_only
        if others:
            if instance_hour is None:
                missing += others
            else:
                monthly += others * instance_hour * HOURS_PER_MONTH
                priced += others
        if missing:
            unpriced += missing
            unpriced_categories.append(category_id)
    fte = sum(p.operating_fte for p in platforms)
    return RunCost(
        currency,
        monthly,
        fte * profile.fte_month_cost,
        fte,
        priced,
        unpriced,
        tuple(unpriced_categories),
    )
