"""The import formats are one registry: a format added there is offered, detected, read and
recorded like the others."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from connectors.importers import formats
from connectors.importers.found import File, Found, sourced
from connectors.importers.run import import_files
from exitplan.cli import app
from exitplan.errors import InputError
from exitplan.model import Resource


def test_format_help_names_every_registered_format(runner: CliRunner) -> None:
    shown = runner.invoke(app, ["import", "--help"], env={"NO_COLOR": "1"})
    unwrapped = " ".join(shown.stdout.split())
    assert "terraform, aws-config, az, gcloud, gcloud-list or csv; default: from the file." in (
        unwrapped
    )
    assert list(formats.FORMATS) == ["terraform", "aws-config", "az", "gcloud", "gcloud-list",
                                     "csv"]  # fmt: skip
    unknown = runner.invoke(app, ["import", "x.json", "--format", "yaml"])
    assert unknown.exit_code == 2
    assert "formats: terraform, aws-config, az, gcloud, gcloud-list, csv" in unknown.stderr


def _shelves(file: File) -> Found:
    names = file.path.read_text().split()
    return Found(sourced(file, [
        Resource(provider="aws", account="111111111111", region="eu-west-1",
                 type="AWS::S3::Bucket", id=f"arn:aws:s3:::{n}", name=n)
        for n in names
    ]))  # fmt: skip


def test_a_registered_format_is_detected_read_and_recorded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shelf = formats.Format("shelves", "a list of shelves", "shelf-list", _shelves,
                           named=lambda name: name.endswith(".shelves"))  # fmt: skip
    monkeypatch.setitem(formats.FORMATS, "shelves", shelf)
    listed = tmp_path / "estate.shelves"
    listed.write_text("a b\n")
    state = Path(__file__).parent / "fixtures" / "import" / "show.json"
    inventory = import_files([listed, state])
    assert inventory.scan.source == "shelf-list, terraform-state"
    assert "111111111111" in {s.id for s in inventory.scan.scopes_requested}
    assert {r.name for r in inventory.resources if r.source == str(listed)} == {"a", "b"}
    named = tmp_path / "estate.txt"
    named.write_text("c\n")
    assert import_files([named], "shelves").resources[0].name == "c"


def test_an_unknown_format_asked_of_the_library_is_a_user_error(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_text('{"version": 4, "resources": []}')
    with pytest.raises(InputError, match="--format yaml: unknown"):
        import_files([path], "yaml")
