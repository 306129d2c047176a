"""What `exitplan scan gcp` needs to be granted, from the calls the connector makes."""

from __future__ import annotations

from .connector import PERMISSIONS

ROLES = ("roles/cloudasset.viewer", "roles/browser")


def custom_role() -> str:
    """A custom role definition for `gcloud iam roles create --file`, with a comment that
    names the predefined roles that cover it too."""
    lines = [
        "# Grant on the organisation, folder or project scanned: either the predefined roles",
        *(f"#   {role}" for role in ROLES),
        "# or this custom role (gcloud iam roles create exitplanScanner --organization ID",
        "#   --file this.yaml). Each permission is one call the scan makes, all of them reads.",
        "title: exitplan scanner (read-only)",
        "description: Lists projects and folders and searches Cloud Asset Inventory.",
        "stage: GA",
        "includedPermissions:",
        *(f"- {permission}" for permission in sorted(set(PERMISSIONS.values()))),
    ]
    return "\n".join(lines) + "\n"
