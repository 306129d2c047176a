"""A small catalogue written to a temporary folder, for tests of choice, overlays and the
structural class that must not depend on what the shipped catalogue happens to say."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

SOURCE = [{"title": "Own page", "url": "https://example.eu/page", "accessed": "2026-12-01"}]
SECTIONS = ["Preparation", "Migration", "Validation", "Cut-over", "Rollback", "Decommission"]


def provider(pid: str, *, exposure: list[str], country: str = "NL", **extra: Any) -> dict[str, Any]:
    return {
        "id": pid,
        "name": pid.title(),
        "legal_entity": f"{pid.title()} B.V.",
        "headquarters": country,
        "jurisdiction": "EU",
        "exposure": exposure,
        "domains": ["example.eu"],
        "regions": [{"id": f"{pid}-1", "location": "Amsterdam", "country": country}],
        "sources": SOURCE,
        "last_verified": "2026-12-01",
        **extra,
    }


def managed(aid: str, pid: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": aid,
        "name": aid.title(),
        "kind": "eu-managed",
        "provider": pid,
        "compatibility": "compatible",
        "compatibility_note": "Speaks the same protocol.",
        "migration_tools": ["rsync"],
        "sources": SOURCE,
        "last_verified": "2026-12-01",
        **extra,
    }


def software(aid: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": aid,
        "name": aid.title(),
        "kind": "open-source",
        "licence": "Apache-2.0",
        "governance": {"model": "foundation", "body": "A foundation"},
        "maintenance": "active",
        "domains": ["example.eu"],
        "project_url": "https://example.eu/project",
        "needs": ["vms"],
        "compatibility": "partial",
        "compatibility_note": "A subset.",
        "migration_tools": ["rclone"],
        "sources": SOURCE,
        "last_verified": "2026-12-01",
        **extra,
    }


def category(cid: str, types: list[str], alternatives: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": cid,
        "name": cid.title(),
        "description": "A service.",
        "lock_in": "low",
        "lock_in_reason": "Standard protocols.",
        "data_bearing": True,
        "playbook": "generic",
        "native_types": [{"provider": "aws", "type": t} for t in types],
        "alternatives": alternatives,
    }


def default_content() -> dict[str, Any]:
    return {
        "providers": [
            provider("alpha", exposure=["eu"]),
            provider("beta", exposure=["eu", "us-parent"], country="DE"),
        ],
        "categories": [
            category(
                "vms",
                ["AWS::EC2::Instance"],
                [managed("beta-vms", "beta"), managed("alpha-vms", "alpha"), software("nova")],
            ),
            category(
                "files",
                ["AWS::EFS::FileSystem"],
                [
                    managed("beta-files", "beta"),
                    software("ganesha"),
                    managed("alpha-files", "alpha"),
                ],
            ),
        ],
        "structural": [
            {
                "id": "vm-parts",
                "name": "VM configuration",
                "moves_with": "vms",
                "reason": "Rebuilt with the machines.",
                "effort": [0.01, 0.02, 0.05],
                "native_types": [{"provider": "aws", "type": "AWS::EC2::LaunchTemplate"}],
            }
        ],
    }


def write_catalogue(root: Path, content: dict[str, Any] | None = None) -> tuple[Path, Path]:
    """The catalogue folder and the playbooks folder (one playbook, `generic`)."""
    folder = root / "catalogue"
    folder.mkdir()
    (folder / "all.yaml").write_text(yaml.safe_dump(content or default_content()))
    playbooks = root / "playbooks"
    playbooks.mkdir()
    body = "".join(f"## {s}\n\n1. Step.\n\n" for s in SECTIONS)
    (playbooks / "generic.md").write_text(
        "---\ncategory: vms\ntitle: Generic\napplies_to: []\n---\n\n" + body
    )
    return folder, playbooks
