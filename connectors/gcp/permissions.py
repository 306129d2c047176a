"""What `exitplan scan gcp` needs to be granted, from the calls the connector makes."""

from __future__ import annotations

ROLES = ("roles/cloudasset.viewer", "roles/browser")
QUOTA_ROLE = "roles/serviceusage.serviceUsageConsumer"
# Each call and the permission it needs: `exitplan permissions gcp` prints these.
PERMISSIONS = {
    "AssetService.SearchAllResources": "cloudasset.assets.searchAllResources",
    "Projects.GetProject": "resourcemanager.projects.get",
    "Projects.ListProjects": "resourcemanager.projects.list",
    "Folders.ListFolders": "resourcemanager.folders.list",
}
# Not a call but a condition of every call with user credentials: the quota project's
# Service Usage Consumer role (roles/serviceusage.serviceUsageConsumer) grants it.
QUOTA_PERMISSION = "serviceusage.services.use"


def custom_role() -> str:
    """A custom role definition for `gcloud iam roles create --file`, with a comment that
    names the predefined roles that cover it too."""
    lines = [
        "# Grant on the organisation or folder scanned (or on each project named with",
        "# --project) either the predefined roles",
        *(f"#   {role}" for role in ROLES),
        "# or this custom role. Create and grant it at the organisation:",
        "#   gcloud iam roles create exitplanScanner --organization ORG_ID --file this.yaml",
        "# resourcemanager.projects.list and folders.list mean nothing on a single project.",
        "# Cloud Asset is used (and counted) in the quota project of the credentials, which",
        f"# needs {QUOTA_PERMISSION} there ({QUOTA_ROLE}, or this role granted on it),",
        "# and the Cloud Asset API enabled there. Each other permission is one call the scan",
        "# makes, all of them reads.",
        "title: exitplan scanner (read-only)",
        "description: Lists projects and folders and searches Cloud Asset Inventory.",
        "stage: GA",
        "includedPermissions:",
        *(f"- {permission}" for permission in sorted({*PERMISSIONS.values(), QUOTA_PERMISSION})),
    ]
    return "\n".join(lines) + "\n"
