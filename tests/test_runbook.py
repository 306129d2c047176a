"""Runbooks hold the chosen target's steps and the real names of the resources in scope."""

from __future__ import annotations

import dataclasses
import re
import shlex
from pathlib import Path
from typing import Any

import pytest

from exitplan.calibrate import read_runbook
from exitplan.catalogue import Catalogue
from exitplan.errors import TemplateError
from exitplan.inventory import InventorySource, LoadedInventory
from exitplan.manual import marker
from exitplan.model import Inventory
from exitplan.pipeline import make_plan
from exitplan.planning import Plan, PlanMeta
from exitplan.playbooks import problems, read_playbook
from exitplan.profile import Profile
from exitplan.render import render
from exitplan.runbook import INVENTORY, Scope, fill, scope_of, select, shell_word, view
from tests.hostile import PAYLOADS

PLAYBOOKS = Path(__file__).parent.parent / "playbooks"


def _plan(data: dict[str, Any], catalogue: Catalogue, profile: Profile) -> Plan:
    inventory = Inventory.model_validate(data)
    loaded = LoadedInventory(
        inventory, (InventorySource("inv.json", inventory.scan, len(inventory.resources), 1),), 0
    )
    return make_plan(loaded, catalogue, profile, PlanMeta())


def _scope(targets: str = "", sources: str = "aws", tools: str = "") -> Scope:
    return Scope(frozenset(targets.split()), frozenset(sources.split()), frozenset(tools.split()))


def _text(body: str, scope: Scope) -> str:
    return "\n".join(line for line, _sources in select(body, scope))


BODY = """## Steps

1. Generic step.
2. [target: a] Only for a,
   with a continuation.
   - sub-item of a
3. Then:
   - [target: b] part for b
   - [source: gcp] part for gcp
   [target: a] A paragraph for a
   on two lines.
4. [tool: rclone; source: aws] rclone from aws.
5. Last.

### [target: self-hosted] Running it yourself

Install it.

## Next

1. Still here.
"""


def test_only_the_matching_steps_stay_and_lists_are_numbered_again() -> None:
    text = _text(BODY, _scope("b managed", "aws", "rclone"))
    assert "Only for a" not in text and "continuation" not in text and "sub-item" not in text
    assert "   - part for b" in text and "part for gcp" not in text
    assert "2. Then:" in text and "3. rclone from aws." in text and "4. Last." in text
    assert "paragraph for a" not in text and "on two lines" not in text
    assert "Running it yourself" not in text and "Install it." not in text
    assert "## Next\n\n1. Still here." in text
    assert "[" not in text  # markers are taken out
    kept = _text(BODY, _scope("a self-hosted", "gcp", ""))
    assert "2. Only for a,\n   with a continuation.\n   - sub-item of a" in kept
    assert "### Running it yourself\n\nInstall it." in kept and "rclone" not in kept
    assert "   - part for gcp\n   A paragraph for a\n   on two lines.\n4. Last." in kept


def test_a_step_limited_to_a_source_fills_its_commands_from_that_source_only(
    sample_data: dict[str, Any], catalogue: Catalogue, profile: Profile
) -> None:
    plan = _plan(sample_data, catalogue, profile)
    row = next(r for r in plan.categories if r.category.id == "object-storage")
    resources = [item.mapping.resource for _w, item in row.items]
    body = "1. Copy:\n   - [source: gcp] GCS:\n\n     ```sh\n"
    body += "     du gs://{bucket} {project}\n     ```\n"
    text, left = fill(select(body, scope_of(row)), resources)
    gcp = [r for r in resources if r.provider == "gcp"]
    assert gcp and not left
    for r in gcp:
        assert f"du gs://{shell_word(r.name)} {shell_word(r.account)}" in text
    assert not any(r.name in text for r in resources if r.provider != "gcp")


def test_another_target_drops_the_first_ones_provider_specific_steps(
    sample_data: dict[str, Any], catalogue: Catalogue, profile: Profile
) -> None:
    plan = _plan(sample_data, catalogue, profile)
    row = next(r for r in plan.categories if r.category.id == "object-storage")
    playbook = read_playbook(PLAYBOOKS / "en" / "object-storage.md")
    alternatives = {a.id: a for a in row.category.alternatives}
    scaleway = alternatives["scaleway-object-storage"]
    otc = alternatives["open-telekom-cloud-obs"]

    def body(alternative: Any, provider: str) -> str:
        other = dataclasses.replace(
            row, alternative=alternative, provider=catalogue.providers[provider]
        )
        return view(plan, other, playbook, (), list_all=True).body

    on_scaleway, on_otc = body(scaleway, "scaleway"), body(otc, "open-telekom-cloud")
    assert "`scaleway_object_bucket`" in on_scaleway and "`scaleway_object_bucket`" not in on_otc
    assert "`opentelekomcloud_obs_bucket`" in on_otc and "opentelekomcloud" not in on_scaleway
    assert "MinIO community edition" not in on_otc


@pytest.mark.parametrize("value", (*PAYLOADS, "my bucket", "it's", "a\\b", "-rf", "$(id)"))
def test_names_are_one_shell_word_on_one_line(value: str) -> None:
    word = shell_word(value)
    assert "\n" not in word and "\r" not in word and word.isprintable()
    if word.startswith("$'"):
        # bash's ANSI-C quoting: a backslash escape for each control, quote or backslash.
        inner = word[2:-1]
        assert re.fullmatch(r"(?:[^\\']|\\.|\\x[0-9a-f]{2}|\\u[0-9a-f]{4}|\\U[0-9a-f]{8})*", inner)
    else:
        assert shlex.split(word) == [value]


def test_real_names_appear_quoted_and_hostile_ones_stay_in_their_command(
    sample_data: dict[str, Any], catalogue: Catalogue, profile: Profile
) -> None:
    first = next(r for r in sample_data["resources"] if r["type"] == "AWS::S3::Bucket")
    buckets = [
        {**first, "id": f"{first['id']}-{n}", "name": name}
        for n, name in enumerate(("my bucket", *PAYLOADS))
    ]
    sample_data["resources"] += buckets
    files = render(_plan(sample_data, catalogue, profile))
    text = files["runbooks/object-storage.md"]
    assert "aws s3 rb s3://'my bucket' --force" in text
    rb = [line for line in text.splitlines() if "aws s3 rb s3://" in line]
    every = [r for r in sample_data["resources"] if r["type"] == "AWS::S3::Bucket"]
    assert len(rb) == len({shell_word(r["name"]) for r in every}) > len(PAYLOADS)
    for line in rb:
        assert line.strip().startswith("aws s3 rb s3://") and line.endswith(" --force")
    fences = [line for line in text.splitlines() if line.lstrip().startswith("```")]
    assert all(line.strip() in ("```", "```sh") for line in fences)
    assert len(fences) % 2 == 0


def test_shipped_playbooks_name_only_what_the_catalogue_knows(catalogue: Catalogue) -> None:
    by_playbook: dict[str, list[Any]] = {}
    for category in catalogue.categories.values():
        by_playbook.setdefault(category.playbook, []).extend(category.alternatives)
    for path in sorted(PLAYBOOKS.glob("*/*.md")):  # every language keeps the markers
        playbook = read_playbook(path)
        alternatives = by_playbook.get(path.stem, [])
        assert problems(playbook, alternatives, catalogue.providers, INVENTORY) == [], path


def test_an_unknown_id_or_placeholder_is_reported(catalogue: Catalogue) -> None:
    playbook = read_playbook(PLAYBOOKS / "en" / "object-storage.md")
    wrong = dataclasses.replace(
        playbook,
        body=playbook.body
        + "1. [target: no-such-store] x\n2. [tool: scp] y\n3. [source: oracle] z\n"
        + "4. `run {mystery}` and `run {bucket}`\n5. Run it ([source: aws] on RDS).\n",
    )
    alternatives = catalogue.categories["object-storage"].alternatives
    found = problems(wrong, alternatives, catalogue.providers, INVENTORY)
    assert any("unknown target 'no-such-store'" in p for p in found)
    assert any("unknown tool 'scp'" in p for p in found)
    assert any("unknown source 'oracle'" in p for p in found)
    assert any("{mystery}" in p for p in found) and any("{bucket}" in p for p in found)
    assert any("only at the start of a step" in p for p in found)


def test_a_malformed_marker_names_its_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "x.md"
    path.write_text("---\ncategory: x\ntitle: X\n---\n\n## A\n\n1. [target a] x\n2. [tool: ] y\n")
    with pytest.raises(TemplateError, match=r"x\.md: line 9: .*'tool:'"):
        read_playbook(path)


def test_runbooks_name_owner_duration_fill_ins_and_go_no_go(
    sample_data: dict[str, Any], catalogue: Catalogue, profile: Profile
) -> None:
    files = render(_plan(sample_data, catalogue, profile))
    text = files["runbooks/object-storage.md"]
    fill_in = text.split("## Fill in before you start", 1)[1].split("\n## ", 1)[0]
    assert fill_in.count("`{endpoint}`") == 1 and fill_in.count("`{container}`") == 1
    assert re.search(r"\| Owner \| team-[a-z-]+(, team-[a-z-]+)* \|", text)
    assert re.search(r"\| Calendar, wave \d \([^)]+\) \| \d{4}-\d\d-\d\d to \d{4}-", text)
    assert "## Go/no-go before cut-over" in text and "Data verified" in text
    assert "Object counts and total bytes match per bucket" in text  # the playbook's own
    for name, runbook in files.items():
        if name.startswith("runbooks/") and name != "runbooks/landing-zone.md":
            assert "## Go/no-go before cut-over" in runbook and "## Evidence" in runbook


def test_a_runbook_without_owner_tags_says_so(
    sample_data: dict[str, Any], catalogue: Catalogue, profile: Profile
) -> None:
    for resource in sample_data["resources"]:
        resource["tags"].pop("owner", None)
    text = render(_plan(sample_data, catalogue, profile))["runbooks/object-storage.md"]
    assert "| Owner | not named: tag the resources with `owner`" in text


def test_every_moved_resource_is_in_some_runbook(
    sample_data: dict[str, Any], catalogue: Catalogue, profile: Profile
) -> None:
    plan = _plan(sample_data, catalogue, profile)
    files = render(plan)
    runbooks = "\n".join(t for n, t in files.items() if n.startswith("runbooks/"))
    for item in plan.estimate.items:
        if not item.mapping.unmapped:
            assert f"`{item.mapping.resource.id}`" in runbooks, item.mapping.resource.id


def test_calibrate_reads_the_actuals_of_a_rendered_runbook(
    sample_data: dict[str, Any], catalogue: Catalogue, profile: Profile
) -> None:
    text = render(_plan(sample_data, catalogue, profile))["runbooks/object-storage.md"]
    table = "| scope | resources | person-days | start | end |\n|---|---:|---:|---|---|\n"
    table += "| wave 1 | 12 | 30 | 2027-03-01 | 2027-03-19 |\n"
    empty = str(marker("actuals"))
    head, end = empty.split("\n")
    filled = text.replace(empty, f"{head}\n{table}{end}")
    assert filled != text
    actuals = read_runbook(filled, "object-storage.md", "object-storage")
    assert [(a.resources, a.days) for a in actuals] == [(12, 30.0)]
