"""The three cloud scanners share one layout and one toolkit."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys

import pytest

from connectors import toolkit

PROVIDERS = ("aws", "azure", "gcp")
PARTS = ("types", "calls", "records", "connector", "permissions")


@pytest.mark.parametrize("provider", PROVIDERS)
def test_each_scanner_has_the_same_parts(provider: str) -> None:
    package = importlib.import_module(f"connectors.{provider}")
    found = {m.name for m in pkgutil.iter_modules(package.__path__)}
    assert set(PARTS) <= found


@pytest.mark.parametrize("provider", PROVIDERS)
def test_each_scanner_stops_with_the_one_cancelled(provider: str) -> None:
    for part in PARTS:
        module = importlib.import_module(f"connectors.{provider}.{part}")
        assert getattr(module, "Cancelled", toolkit.Cancelled) is toolkit.Cancelled


def test_the_connector_classes_are_named_by_their_packages() -> None:
    from connectors.aws import AwsConnector, AwsOptions
    from connectors.azure import AzureConnector, AzureOptions
    from connectors.gcp import GcpConnector, GcpOptions

    assert [c.name for c in (AwsConnector, AzureConnector, GcpConnector)] == list(PROVIDERS)
    assert {AwsOptions.__module__, AzureOptions.__module__, GcpOptions.__module__} == {
        f"connectors.{p}.connector" for p in PROVIDERS
    }
    package = importlib.import_module("connectors.aws")
    with pytest.raises(AttributeError, match="no attribute 'Nothing'"):
        _ = package.Nothing


def test_the_tables_and_records_the_importers_read_load_no_cloud_sdk() -> None:
    code = (
        "import sys\n"
        "import connectors.aws.types, connectors.azure.records, connectors.azure.types\n"
        "import connectors.gcp.records, connectors.gcp.types\n"
        "sdks = ('boto3', 'botocore', 'azure.core', 'google.api_core', 'google.auth')\n"
        "print(sorted(name for name in sdks if name in sys.modules))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"


def test_a_failed_call_and_a_malformed_record_are_worded_alike_by_every_scanner() -> None:
    gaps = toolkit.Gaps("gcp")
    failed = gaps.failed("p", "cloudasset", "SearchAllResources", ("PERMISSION_DENIED", "no"))
    assert (failed.provider, failed.scope, failed.region, failed.code) == (
        "gcp",
        "p",
        None,
        "PERMISSION_DENIED",
    )
    assert failed.message == "SearchAllResources: no"
    noted = gaps.failed("p", "s", "List", ("Throttling", "slow"), region="r", note="3 lack it")
    assert (noted.region, noted.message) == ("r", "List: slow (3 lack it)")
    problem = toolkit.unreadable(2, 7, ["id", "type"], ["tags", "name"])
    bad = gaps.malformed("p", "resources", f"resources.list: {problem}")
    assert bad.code == toolkit.MALFORMED
    assert bad.message == (
        "resources.list: record 7 of page 2 has no id or type (fields present: name, tags); "
        "left out"
    )


def test_failures_are_tallied_by_call_and_code_with_their_first_message() -> None:
    tally = toolkit.Tally()
    tally.add(("sub-b", "config/web"), ("Forbidden", "first b"))
    tally.add(("sub-a", "config/web"), ("Forbidden", "first a"))
    tally.add(("sub-a", "config/web"), ("Forbidden", "second a"), count=2)
    tally.add(("sub-a", "metrics"), ("Throttled", "slow"))
    assert tally.counted("sub-a") == [
        (("sub-a", "config/web", "Forbidden"), 3, "first a"),
        (("sub-a", "metrics", "Throttled"), 1, "slow"),
    ]
    assert [key[0] for key, _, _ in tally.counted()] == ["sub-a", "sub-a", "sub-b"]
