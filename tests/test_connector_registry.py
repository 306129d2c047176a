"""A connector from a package of its own: listed, scanned and explained by `exitplan scan`
and `exitplan permissions` without a line of exitplan changed; a broken one is named and
spares the others; listing connectors imports no cloud SDK."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from exitplan.cli import app
from exitplan.inventory import load_inventories

TINY = """
from connectors.interface import Option, Permissions, Registration
from exitplan.model import Resource, Scope


class Tiny:
    name = "tiny"
    source = "tiny-api"

    def __init__(self, shelves, progress):
        self.shelves = shelves
        self.progress = progress

    def discover(self):
        return [Scope(provider="aws", kind="account", id="111111111111")]

    def collect(self, scopes):
        for scope in scopes:
            for shelf in self.shelves:
                yield Resource(provider="aws", account=scope.id, region="eu-west-1",
                               type="AWS::S3::Bucket", id=f"arn:aws:s3:::{shelf}", name=shelf)


REGISTRATION = Registration(
    name="tiny",
    summary="Inventory a tiny cloud of shelves.",
    details="Example: exitplan scan tiny --shelves a,b",
    unit="account",
    options=(Option("--shelves", "Shelves to read.", metavar="NAME,...", repeatable=True,
                    envvar="TINY_SHELVES"),),
    build=lambda values, run: Tiny(values["shelves"], run.progress),
    permissions=Permissions(
        summary="Print what a tiny scan needs.",
        details="Example: exitplan permissions tiny",
        render=lambda values: "shelves:read" + (" (all)" if values["all"] else "") + "\\n",
        options=(Option("--all", "Every shelf.", bool, False),),
    ),
)
"""

Install = Callable[[str, str], None]


@pytest.fixture()
def install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Install]:
    """Installs a distribution of the given name registering `entry points` (lines of
    `name = module:object`) and holding module tiny_connector, as pip would: a dist-info
    folder on sys.path."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "tiny_connector.py").write_text(TINY)
    monkeypatch.syspath_prepend(str(site))

    def add(distribution: str, entries: str) -> None:
        info = site / f"{distribution.replace('-', '_')}-0.1.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {distribution}\n")
        (info / "entry_points.txt").write_text(f"[exitplan.connectors]\n{entries}\n")

    yield add
    sys.modules.pop("tiny_connector", None)


def test_a_connector_of_another_package_scans_and_explains(
    install: Install, runner: CliRunner, tmp_path: Path
) -> None:
    install("tiny-exitplan", "tiny = tiny_connector:REGISTRATION")
    listing = runner.invoke(app, ["scan", "--help"])
    assert listing.exit_code == 0
    assert "tiny   Inventory a tiny cloud of shelves." in listing.stdout
    assert "aws " in listing.stdout and "gcp " in listing.stdout

    shown = runner.invoke(app, ["scan", "tiny", "--help"], env={"NO_COLOR": "1"})
    assert "--shelves NAME,..." in shown.stdout and "TINY_SHELVES" in shown.stdout
    assert "[default: inventory-tiny.json]" in shown.stdout

    out = tmp_path / "f.json"
    result = runner.invoke(app, ["scan", "tiny", "--shelves", "a,b", "--shelves", "a", "-o",
                                 str(out), "--json"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "exitplan: scanning 1 account(s)" in result.stderr
    assert json.loads(result.stdout)["resources"] == 2
    loaded = load_inventories([out])
    assert loaded.inventory.scan.source == "tiny-api"
    assert sorted(r.name for r in loaded.inventory.resources) == ["a", "b"]

    # The option from its environment variable; the file it replaces is one exitplan wrote.
    again = runner.invoke(app, ["scan", "tiny", "-o", str(out)], env={"TINY_SHELVES": "c"})
    assert again.exit_code == 0 and "1 resources" in again.stdout

    printed = runner.invoke(app, ["permissions", "tiny", "--all"])
    assert printed.exit_code == 0 and printed.stdout == "shelves:read (all)\n"


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("tiny = tiny_gone:REGISTRATION",
         "cannot be loaded: ModuleNotFoundError: No module named 'tiny_gone'"),
        ("tiny = tiny_connector:Tiny", "names a type, not a connectors.interface.Registration"),
        ("other = tiny_connector:REGISTRATION", "its registration is named 'tiny'"),
    ],
)  # fmt: skip
def test_a_broken_connector_is_named_and_spares_the_others(
    install: Install, runner: CliRunner, tmp_path: Path, entry: str, message: str
) -> None:
    install("tiny-exitplan", entry)
    name = entry.split(" ")[0]
    listing = runner.invoke(app, ["scan", "--help"])
    assert listing.exit_code == 0, listing.output
    assert f"{name}" in listing.stdout and "Broken: run it to see why." in listing.stdout
    assert "Inventory AWS accounts" in listing.stdout
    assert runner.invoke(app, ["permissions", "aws", "--help"]).exit_code == 0

    out = tmp_path / "f.json"
    result = runner.invoke(app, ["scan", name, "--anything", "-o", str(out)])
    assert result.exit_code == 3, result.output
    assert f"error: connector '{name}' (" in result.stderr
    assert "registered by tiny-exitplan" in result.stderr and message in result.stderr
    assert "hint: reinstall or upgrade tiny-exitplan, or report this to its authors" in (
        result.stderr
    )
    assert "Traceback" not in result.output and not out.exists()
    assert runner.invoke(app, ["permissions", name]).exit_code == 3


def test_an_option_that_clashes_with_the_shared_ones_is_refused(
    install: Install, runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "site" / "tiny_clash.py").write_text(
        "import dataclasses\nfrom connectors.interface import Option\n"
        "from tiny_connector import REGISTRATION\n"
        "CLASH = dataclasses.replace(REGISTRATION, options=(Option('--out', 'Where.'),))\n"
    )
    install("tiny-exitplan", "tiny = tiny_clash:CLASH")
    result = runner.invoke(app, ["scan", "tiny"])
    sys.modules.pop("tiny_clash", None)
    assert result.exit_code == 3
    assert "scan options clash with others: out" in result.stderr


def test_one_name_from_two_packages_is_refused(install: Install, runner: CliRunner) -> None:
    install("tiny-exitplan", "tiny = tiny_connector:REGISTRATION")
    install("tiny-fork", "tiny = tiny_connector:REGISTRATION")
    result = runner.invoke(app, ["permissions", "tiny"])
    assert result.exit_code == 3
    assert "registered by more than one package: tiny-exitplan, tiny-fork" in result.stderr


def test_an_unknown_connector_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["scan", "nimbus"])
    assert result.exit_code == 2 and "No such command 'nimbus'" in result.output


def test_listing_connectors_imports_no_cloud_sdk(tmp_path: Path) -> None:
    """Run in a fresh interpreter: the test session has loaded the SDKs long since."""
    script = f"""
import sys
from typer.testing import CliRunner
from exitplan.cli import app

for args in (["scan", "--help"], ["permissions", "--help"], ["scan", "aws", "--help"],
             ["scan", "gcp", "--help"], ["permissions", "azure", "--help"],
             ["demo", "--quiet", "--out", {str(tmp_path / "demo")!r}]):
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, (args, result.output)
sdks = ("boto3", "botocore", "azure", "google.cloud", "google.api_core")
print(sorted(m for m in sys.modules if m.startswith(sdks)))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "[]\n"
