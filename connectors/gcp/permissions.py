"""What `exitplan scan gcp` needs to be granted, from the calls the connector makes."""

from __future__ import annotations

from exitplan.i18n import _

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
    # The comment is for people, in the run's language; the role's fields are its identity.
    comment = _(
        "Grant on the organisation or folder scanned (or on each project named with\n"
        "--project) either the predefined roles\n"
        "{roles}\n"
        "or this custom role. Create and grant it at the organisation:\n"
        "  gcloud iam roles create exitplanScanner --organization ORG_ID --file this.yaml\n"
        "resourcemanager.projects.list and folders.list mean nothing on a single project.\n"
        "Cloud Asset is used (and counted) in the quota project of the credentials, which\n"
        "needs {permission} there ({role}, or this role granted on it),\n"
        "and the Cloud Asset API enabled there. Each other permission is one call the scan\n"
        "makes, all of them reads."
    ).format(
        roles="\n".join(f"  {role}" for role in ROLES),
        permission=QUOTA_PERMISSION,
        role=QUOTA_ROLE,
    )
    lines = [
        *(f"# {line}" for line in comment.splitlines()),
        "title: exitplan scanner (read-only)",
        "description: Lists projects and folders and searches Cloud Asset Inventory.",
        "stage: GA",
        "includedPermissions:",
        *(f"- {permission}" for permission in sorted({*PERMISSIONS.values(), QUOTA_PERMISSION})),
    ]
    return "\n".join(lines) + "\n"
