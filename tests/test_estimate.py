"""The effort model: PERT arithmetic, named rules, overrides."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from exitplan.catalogue import Catalogue
from exitplan.errors import InputError
from exitplan.estimate import TIB, estimate
from exitplan.mapping import map_resources
from exitplan.model import Resource
from exitplan.profile import Profile, load_profile
from exitplan.threepoint import ThreePoint, total


def _resource(type_: str, provider: str = "aws", **attrs: object) -> Resource:
    tags = {"environment": str(attrs.pop("environment"))} if "environment" in attrs else {}
    return Resource(
        provider=provider,
        account="123456789012",
        region="eu-west-1",
        type=type_,
        id=f"{type_}/{len(attrs)}/{sorted(attrs.items())}",
        name="r",
        tags=tags,
        attributes=attrs,
    )


def test_pert_arithmetic() -> None:
    item = ThreePoint(1, 2, 9)
    assert item.mean == pytest.approx(3.0)
    assert item.sd == pytest.approx(8 / 6)
    summed = total([item, item])
    assert summed.mean == pytest.approx(6.0)
    assert summed.sd == pytest.approx(math.sqrt(2) * 8 / 6)
    assert summed.o <= summed.p10 <= summed.mean <= summed.p90 <= summed.p


def test_item_effort_names_its_rules(catalogue: Catalogue, profile: Profile) -> None:
    bucket = _resource("AWS::S3::Bucket", size_bytes=2 * TIB)
    (item,) = estimate(map_resources([bucket], catalogue), profile).items
    assert item.mapping.choice is not None
    compat = item.mapping.choice.alternative.compatibility
    factor = profile.compatibility_factor[compat]
    base = ThreePoint(*profile.base("object-storage")).scaled(factor)
    data = ThreePoint(*profile.data_effort_per_tib).scaled(2)
    assert item.effort == base + data
    assert item.rules == (
        f"E-BASE object-storage x E-COMPAT {compat.value} ({factor:g}) + E-DATA 2.00 TiB"
    )


def test_unmapped_is_unknown_and_undecided(catalogue: Catalogue, profile: Profile) -> None:
    (item,) = estimate(map_resources([_resource("AWS::NoSuch::Service")], catalogue), profile).items
    assert item.mapping.choice is None and item.strategy == "undecided"
    likely = profile.base(None)[1] * profile.unknown_factor
    # Right-skewed: half at best, six times at worst (the shipped unknown_spread).
    assert item.effort == ThreePoint(likely * 0.5, likely, likely * 6)
    assert "E-UNKNOWN" in item.rules


def test_non_production_costs_less(catalogue: Catalogue, profile: Profile) -> None:
    prod = _resource("AWS::EC2::Instance")
    test = _resource("AWS::EC2::Instance", environment="test")
    a, b = estimate(map_resources([prod, test], catalogue), profile).items
    assert b.effort == a.effort.scaled(profile.non_production_factor)
    assert "E-ENV" in b.rules and "E-ENV" not in a.rules


def test_totals_add_platform_and_programme(catalogue: Catalogue, profile: Profile) -> None:
    resources = [_resource("AWS::S3::Bucket"), _resource("AWS::EC2::Instance")]
    est = estimate(map_resources(resources, catalogue), profile)
    assert len(est.platforms) == 2
    share = profile.programme_share
    assert est.programme.m == pytest.approx((est.resources.m + est.platform.m) * share[1])
    assert est.effort.m == pytest.approx(est.resources.m + est.platform.m + est.programme.m)
    assert est.cost.mean == pytest.approx(est.effort.mean * profile.day_rate)


def test_transfer_time_and_egress(catalogue: Catalogue, profile: Profile) -> None:
    size = 10 * 10**12  # 10 TB
    est = estimate(
        map_resources([_resource("AWS::S3::Bucket", size_bytes=size)], catalogue), profile
    )
    seconds_at_line_rate = size * 8 / (profile.bandwidth_mbps * 1e6)
    assert est.transfer.days.m == pytest.approx(
        seconds_at_line_rate / profile.link_efficiency[1] / 86400
    )
    assert est.transfer.days.o < est.transfer.days.m < est.transfer.days.p
    (egress,) = est.egress
    # 10,000 GB less the 100 GB free allowance, all in AWS's first tier.
    assert egress.usd == pytest.approx((10_000 - 100) * 0.09)


def test_profile_override_merges_key_by_key(tmp_path: Path) -> None:
    override = tmp_path / "p.yaml"
    override.write_text("base_effort:\n  compute-vm: [1, 2, 3]\nbandwidth_mbps: 10000\n")
    profile = load_profile(override)
    assert profile.base("compute-vm") == (1, 2, 3)
    assert profile.base("object-storage") == load_profile().base("object-storage")
    assert profile.bandwidth_mbps == 10000


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("day_rate: -5\n", "day_rate"),
        ("link_efficiency: [0.2, 0.5, 0.8]\n", "descending"),
        ("- a list\n", "mapping"),
        ("colour: blue\n", "colour"),
        ("day_rate: [unclosed\n", r"p.yaml:\d+: not valid YAML"),
    ],
)
def test_bad_profile_names_the_key(tmp_path: Path, text: str, message: str) -> None:
    override = tmp_path / "p.yaml"
    override.write_text(text)
    with pytest.raises(InputError, match=message):
        load_profile(override)


def test_egress_crosses_tiers(catalogue: Catalogue, profile: Profile) -> None:
    size = 60_100 * 10**9  # 60,100 GB: 100 free, then 10,240 + 40,960 + 8,800 GB
    est = estimate(
        map_resources([_resource("AWS::S3::Bucket", size_bytes=size)], catalogue), profile
    )
    (egress,) = est.egress
    assert egress.usd == pytest.approx(10_240 * 0.09 + 40_960 * 0.085 + 8_800 * 0.07)


def test_egress_tiers_must_end_open_and_rise(tmp_path: Path) -> None:
    override = tmp_path / "p.yaml"
    override.write_text("egress:\n  aws:\n    tiers: [[100, 0.1], [50, 0.2], [null, 0.3]]\n")
    with pytest.raises(InputError, match="rise"):
        load_profile(override)
    override.write_text("egress:\n  aws:\n    tiers: [[100, 0.1], [200, 0.2]]\n")
    with pytest.raises(InputError, match="null"):
        load_profile(override)


def test_programme_spread_adds_to_the_rest(catalogue: Catalogue, profile: Profile) -> None:
    resources = [_resource("AWS::EC2::Instance"), _resource("AWS::S3::Bucket")]
    est = estimate(map_resources(resources, catalogue), profile)
    # Programme effort rises with the rest: the spread is wider than the rest's plus an
    # independent programme's.
    independent = math.sqrt(est.resources.sd**2 + est.platform.sd**2 + est.programme.sd**2)
    assert est.effort.sd > independent
    assert est.effort.mean == pytest.approx(
        est.resources.mean + est.platform.mean + est.programme.mean
    )


def test_data_counts_only_where_data_moves(catalogue: Catalogue, profile: Profile) -> None:
    # A VPC with a size is not data to move; a bucket is; an unmapped type counts, unknown.
    resources = [
        _resource("AWS::EC2::VPC", size_bytes=5 * TIB),
        _resource("AWS::S3::Bucket", size_bytes=2 * TIB),
        _resource("AWS::NoSuch::Service", size_bytes=1 * TIB),
    ]
    est = estimate(map_resources(resources, catalogue), profile)
    assert [item.data_bytes for item in est.items] == [0, 2 * TIB, 1 * TIB]
    assert est.transfer.bytes == 3 * TIB


def test_an_unmapped_type_named_like_a_category_gets_unknown_effort(
    catalogue: Catalogue, profile: Profile
) -> None:
    bucket, odd = estimate(
        map_resources([_resource("AWS::S3::Bucket"), _resource("object-storage")], catalogue),
        profile,
    ).items
    assert odd.mapping.choice is None and "E-UNKNOWN" in odd.rules and bucket.effort != odd.effort
