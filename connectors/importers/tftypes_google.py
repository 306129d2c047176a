"""The Google Cloud part of the Terraform type table: `google_*` types (of the google and
google-beta providers) as the Cloud Asset types the Google Cloud connector gives (see
`tfspec` for what each entry says). Compute Engine and its networking are in
`tftypes_google_compute`; databases, analytics and machine learning in
`tftypes_google_data`.

Ids are Cloud Asset names (https://cloud.google.com/asset-inventory/docs/asset-names),
built from the fields Terraform records. Some services name their resources under the
project's number, not its id (Secret Manager, Logging, Monitoring, ...): their templates
say `$number` (see `tfspec`). A resource is placed where Cloud Asset places it: its zone,
region or location (`location_id` for Firestore and App Engine), else `global`."""

from __future__ import annotations

from connectors.attributes import Attr
from connectors.gcp.types import Parsed, quantity_mib

from .tfspec import TfType, const, tested
from .tftypes_google_compute import COMPUTE_PARTS, COMPUTE_TYPES
from .tftypes_google_data import DATA_TYPES, gcp

# A GKE cluster's node pools as Terraform last read them (per zone, as the connector's
# fallback); a cluster whose pools are separate resources has none here: no value, not 0.
_GKE_NODES = "(node_pool[?node_count] && total(node_pool[].node_count)) || null"

_GKE = "//container.googleapis.com/projects/{project}/locations/{location}"
_RUN = "//run.googleapis.com/projects/{project}/locations/{location}"
_FUNCTIONS = "//cloudfunctions.googleapis.com/projects/{project}/locations"
_MONITORING = "//monitoring.googleapis.com/projects/$number"
_LOGGING = "//logging.googleapis.com/projects/$number"
_GLOBAL = "'global'"
_LAST_OF_NAME = "last_segment(name, '/')"


def _firebase_app(collection: str, kind: str) -> TfType:
    """An app registered with a Firebase project, of the Firebase API's `collection`."""
    return gcp(
        "firebase.googleapis.com/FirebaseAppInfo",
        f"//firebase.googleapis.com/projects/$number/{collection}/{{app_id}}",
        {"kind": const(kind)},
        name="display_name || app_id",
    )


_SERVICES: dict[str, TfType] = {
    # ---------------------------------------------------------------- projects and IAM
    # Cloud Asset names a project by its number; the scan files it under its id.
    "google_project": gcp(
        "cloudresourcemanager.googleapis.com/Project",
        "//cloudresourcemanager.googleapis.com/projects/{number}",
        region=_GLOBAL,
    ),
    # An enabled API: Cloud Asset lists each as a resource of the project.
    "google_project_service": gcp(
        "serviceusage.googleapis.com/Service",
        "//serviceusage.googleapis.com/projects/$number/services/{service}",
        name="service",
    ),
    # A folder is in no project: filed under the organisation or folder that holds it (its
    # `parent`), the scope Cloud Asset lists it in.
    "google_folder": gcp(
        "cloudresourcemanager.googleapis.com/Folder",
        # `name` is folders/NUMBER in every provider version (`folder_id` came later).
        "//cloudresourcemanager.googleapis.com/{name}",
        name="display_name",
        region=_GLOBAL,
        account="parent",
    ),
    # Named by its unique id, not its email (which can be reused after a deletion).
    "google_service_account": gcp(
        "iam.googleapis.com/ServiceAccount",
        "//iam.googleapis.com/projects/{project}/serviceAccounts/{unique_id}",
        name="display_name || email",
    ),
    "google_project_iam_custom_role": gcp(
        "iam.googleapis.com/Role",
        "//iam.googleapis.com/projects/{project}/roles/{role_id}",
        name="role_id",
    ),
    # The provider's `name` is the API's, with the project number.
    "google_iam_workload_identity_pool": gcp(
        "iam.googleapis.com/WorkloadIdentityPool",
        "//iam.googleapis.com/{name}",
        name="workload_identity_pool_id",
    ),
    "google_iam_workload_identity_pool_provider": gcp(
        "iam.googleapis.com/WorkloadIdentityPoolProvider",
        "//iam.googleapis.com/{name}",
        name="workload_identity_pool_provider_id",
    ),
    # ---------------------------------------------------------------- object storage
    "google_storage_bucket": gcp(
        "storage.googleapis.com/Bucket",
        "//storage.googleapis.com/{name}",
        {
            "storage_class": Attr("storage_class"),
            "versioning": Attr("versioning[0].enabled", "bool"),
        },
    ),
    # The bucket that holds a Container Registry's images (artifacts.PROJECT.appspot.com);
    # without a location, Container Registry keeps it in the US multi-region.
    "google_container_registry": gcp(
        "storage.googleapis.com/Bucket",
        "//storage.googleapis.com/{last_segment(bucket_self_link, '/')}",
        name="last_segment(bucket_self_link, '/')",
        region="lower(location) || 'us'",
    ),
    # ---------------------------------------------------------------- kubernetes
    "google_container_cluster": gcp(
        "container.googleapis.com/Cluster",
        _GKE + "/clusters/{name}",
        {
            "engine_version": Attr("master_version"),
            "node_count": Attr(_GKE_NODES, "int"),
            "autopilot": Attr("enable_autopilot", "bool"),
        },
    ),
    "google_container_node_pool": gcp(
        "container.googleapis.com/NodePool",
        _GKE + "/clusters/{cluster}/nodePools/{name}",
        {
            "node_count": Attr("node_count", "int"),
            "instance_type": Attr("node_config[0].machine_type"),
        },
    ),
    "google_gke_hub_membership": gcp(
        "gkehub.googleapis.com/Membership",
        "//gkehub.googleapis.com/projects/{project}/locations/{location}/memberships/"
        "{membership_id}",
        name="membership_id",
    ),
    # ---------------------------------------------------------------- registries
    "google_artifact_registry_repository": gcp(
        "artifactregistry.googleapis.com/Repository",
        "//artifactregistry.googleapis.com/projects/{project}/locations/{location}/"
        "repositories/{repository_id}",
        {"kind": Attr("format")},
        name="repository_id",
    ),
    # Cloud Build names triggers under the project number (not checked against an export).
    "google_cloudbuild_trigger": gcp(
        "cloudbuild.googleapis.com/BuildTrigger",
        "//cloudbuild.googleapis.com/projects/$number/locations/{location || 'global'}/"
        "triggers/{trigger_id}",
    ),
    "google_sourcerepo_repository": gcp(
        "sourcerepo.googleapis.com/Repo",
        "//sourcerepo.googleapis.com/projects/{project}/repos/{name}",
        {"size_bytes": Attr("size", "int")},
    ),
    # ---------------------------------------------------------------- functions
    "google_cloudfunctions_function": gcp(
        "cloudfunctions.googleapis.com/CloudFunction",
        _FUNCTIONS + "/{region}/functions/{name}",
        {"runtime": Attr("runtime"), "memory_mib": Attr("available_memory_mb", "int")},
    ),
    # Memory is a Kubernetes quantity ("256M", "1Gi"), parsed as the GCP connector does.
    "google_cloudfunctions2_function": gcp(
        "cloudfunctions.googleapis.com/Function",
        _FUNCTIONS + "/{location}/functions/{name}",
        {
            "runtime": Attr("build_config[0].runtime"),
            "memory_mib": Parsed("service_config[0].available_memory", "int", parse=quantity_mib),
        },
    ),
    # ---------------------------------------------------------------- containers
    "google_cloud_run_service": gcp("run.googleapis.com/Service", _RUN + "/services/{name}"),
    "google_cloud_run_v2_service": gcp("run.googleapis.com/Service", _RUN + "/services/{name}"),
    "google_cloud_run_v2_job": gcp("run.googleapis.com/Job", _RUN + "/jobs/{name}"),
    "google_cloud_run_domain_mapping": gcp(
        "run.googleapis.com/DomainMapping", _RUN + "/domainmappings/{name}"
    ),
    # ---------------------------------------------------------------- app platforms
    "google_app_engine_application": gcp(
        "appengine.googleapis.com/Application",
        "//appengine.googleapis.com/apps/{app_id}",
        name="app_id",
    ),
    "google_app_engine_standard_app_version": gcp(
        "appengine.googleapis.com/Version",
        "//appengine.googleapis.com/apps/{project}/services/{service}/versions/{version_id}",
        {"runtime": Attr("runtime"), "instance_type": Attr("instance_class")},
        name="version_id",
    ),
    "google_app_engine_flexible_app_version": gcp(
        "appengine.googleapis.com/Version",
        "//appengine.googleapis.com/apps/{project}/services/{service}/versions/{version_id}",
        {"runtime": Attr("runtime")},
        name="version_id",
    ),
    # Firebase: apps registered with a project, and Hosting sites. Apps are Cloud Asset's
    # FirebaseAppInfo, named under the project number (not checked against an export);
    # Hosting sites are not Cloud Asset types, named as their API names them.
    "google_firebase_web_app": _firebase_app("webApps", "WEB"),
    "google_firebase_android_app": _firebase_app("androidApps", "ANDROID"),
    "google_firebase_apple_app": _firebase_app("iosApps", "IOS"),
    "google_firebase_hosting_site": gcp(
        "firebasehosting.googleapis.com/Site",
        "//firebasehosting.googleapis.com/projects/{project}/sites/{site_id}",
        name="site_id",
    ),
    # ---------------------------------------------------------------- DNS
    "google_dns_managed_zone": gcp(
        "dns.googleapis.com/ManagedZone",
        "//dns.googleapis.com/projects/{project}/managedZones/{managed_zone_id || name}",
        {"private": Attr(tested("visibility", "== 'private'"))},
    ),
    # ---------------------------------------------------------------- messaging and events
    "google_pubsub_topic": gcp(
        "pubsub.googleapis.com/Topic", "//pubsub.googleapis.com/projects/{project}/topics/{name}"
    ),
    "google_pubsub_subscription": gcp(
        "pubsub.googleapis.com/Subscription",
        "//pubsub.googleapis.com/projects/{project}/subscriptions/{name}",
        {"topic": Attr("last_segment(topic, '/')")},
    ),
    "google_eventarc_trigger": gcp(
        "eventarc.googleapis.com/Trigger",
        "//eventarc.googleapis.com/projects/$number/locations/{location}/triggers/{name}",
    ),
    "google_cloud_tasks_queue": gcp(
        "cloudtasks.googleapis.com/Queue",
        "//cloudtasks.googleapis.com/projects/{project}/locations/{location}/queues/{name}",
    ),
    # Not checked against a Cloud Asset export: the name follows the Scheduler API's.
    "google_cloud_scheduler_job": gcp(
        "cloudscheduler.googleapis.com/Job",
        "//cloudscheduler.googleapis.com/projects/{project}/locations/{region}/jobs/{name}",
    ),
    # API Gateway names its resources under the project number.
    "google_api_gateway_api": gcp(
        "apigateway.googleapis.com/Api",
        "//apigateway.googleapis.com/projects/$number/locations/global/apis/{api_id}",
        name="api_id",
    ),
    "google_api_gateway_gateway": gcp(
        "apigateway.googleapis.com/Gateway",
        "//apigateway.googleapis.com/projects/$number/locations/{region}/gateways/{gateway_id}",
        name="gateway_id",
    ),
    # A Cloud Endpoints service, a managed service of Service Management.
    "google_endpoints_service": gcp(
        "servicemanagement.googleapis.com/ManagedService",
        "//servicemanagement.googleapis.com/services/{service_name}",
        name="service_name",
    ),
    # ---------------------------------------------------------------- workflows
    "google_workflows_workflow": gcp(
        "workflows.googleapis.com/Workflow",
        "//workflows.googleapis.com/projects/{project}/locations/{region}/workflows/{name}",
    ),
    # ---------------------------------------------------------------- networking services
    "google_vpc_access_connector": gcp(
        "vpcaccess.googleapis.com/Connector",
        "//vpcaccess.googleapis.com/projects/$number/locations/{region}/connectors/{name}",
        {
            "instance_type": Attr("machine_type"),
            "min_size": Attr("min_instances", "int"),
            "max_size": Attr("max_instances", "int"),
        },
    ),
    "google_certificate_manager_certificate": gcp(
        "certificatemanager.googleapis.com/Certificate",
        "//certificatemanager.googleapis.com/projects/{project}/locations/"
        "{location || 'global'}/certificates/{name}",
    ),
    "google_privateca_ca_pool": gcp(
        "privateca.googleapis.com/CaPool",
        "//privateca.googleapis.com/projects/{project}/locations/{location}/caPools/{name}",
        {"tier": Attr("tier")},
    ),
    "google_privateca_certificate_authority": gcp(
        "privateca.googleapis.com/CertificateAuthority",
        "//privateca.googleapis.com/projects/{project}/locations/{location}/caPools/{pool}/"
        "certificateAuthorities/{certificate_authority_id}",
        {"kind": Attr("type")},
        name="certificate_authority_id",
    ),
    # ---------------------------------------------------------------- secrets and keys
    # The provider's `name` is the API's, with the project number, as Cloud Asset names it.
    "google_secret_manager_secret": gcp(
        "secretmanager.googleapis.com/Secret",
        "//secretmanager.googleapis.com/{name}",
        name="secret_id",
    ),
    "google_kms_crypto_key": gcp(
        "cloudkms.googleapis.com/CryptoKey",
        "//cloudkms.googleapis.com/{key_ring}/cryptoKeys/{name}",
        {"kind": Attr("purpose")},
    ),
    "google_kms_key_ring": gcp(
        "cloudkms.googleapis.com/KeyRing",
        "//cloudkms.googleapis.com/projects/{project}/locations/{location}/keyRings/{name}",
    ),
    # ---------------------------------------------------------------- logging and monitoring
    "google_logging_project_bucket_config": gcp(
        "logging.googleapis.com/LogBucket",
        _LOGGING + "/locations/{location}/buckets/{bucket_id}",
        {"retention_days": Attr("retention_days", "int")},
        name="bucket_id",
    ),
    "google_logging_project_sink": gcp(
        "logging.googleapis.com/LogSink", _LOGGING + "/sinks/{name}"
    ),
    "google_logging_metric": gcp("logging.googleapis.com/LogMetric", _LOGGING + "/metrics/{name}"),
    # The provider's `name` is projects/PROJECT_ID/alertPolicies/ID; Cloud Asset's, the
    # project number's.
    "google_monitoring_alert_policy": gcp(
        "monitoring.googleapis.com/AlertPolicy",
        _MONITORING + "/alertPolicies/{" + _LAST_OF_NAME + "}",
        name="display_name",
    ),
    "google_monitoring_notification_channel": gcp(
        "monitoring.googleapis.com/NotificationChannel",
        _MONITORING + "/notificationChannels/{" + _LAST_OF_NAME + "}",
        {"kind": Attr("type")},
        name="display_name",
    ),
    "google_monitoring_uptime_check_config": gcp(
        "monitoring.googleapis.com/UptimeCheckConfig",
        _MONITORING + "/uptimeCheckConfigs/{uptime_check_id}",
        name="display_name",
    ),
    "google_monitoring_dashboard": gcp(
        "monitoring.googleapis.com/Dashboard",
        _MONITORING + "/dashboards/{last_segment(id, '/')}",
    ),
}

GOOGLE_TYPES: dict[str, TfType] = {**COMPUTE_TYPES, **DATA_TYPES, **_SERVICES}

# Parts whose object Cloud Asset lists as an asset type: why each is a part all the same
# (grants, `_iam_*`, are parts by their suffix whatever Cloud Asset lists).
LISTED_PARTS: dict[str, str] = {
    "google_secret_manager_secret_version": "a version of a secret",
    "google_kms_crypto_key_version": "a version of a key: its key material",
    "google_service_account_key": "a credential of a service account",
    "google_dns_record_set": "records inside a zone",
    "google_api_gateway_api_config": "a version of an API's configuration, which gateways serve",
    "google_tags_tag_binding": "a link: a tag bound to a resource",
    "google_tags_location_tag_binding": "a link: a tag bound to a resource",
    "google_service_networking_connection": "a link: a network's peering with a service's",
    "google_firebaserules_release": "a link: which rules a database or a bucket uses",
    "google_firebaserules_ruleset": "the security rules of a database or a bucket, as a "
    "firewall's rules",
    "google_firebase_project": "the project itself, with Firebase switched on: a setting",
    "google_resource_manager_lien": "a setting of a project: a guard against its deletion",
    "google_essential_contacts_contact": "a setting: who is told of a project's notices",
    "google_project_organization_policy": "a setting of a project",
    "google_folder_organization_policy": "a setting of a folder",
    "google_organization_policy": "a setting of the organisation",
    "google_org_policy_policy": "a setting of a project, a folder or the organisation",
    "google_binary_authorization_policy": "a setting of a project",
    "google_identity_platform_config": "a setting of a project",
    "google_logging_log_view": "a setting of a log bucket: who sees which logs",
    "google_compute_project_metadata": "a setting of a project",
    "google_compute_project_metadata_item": "a setting of a project",
    "google_compute_project_default_network_tier": "a setting of a project",
    "google_compute_shared_vpc_host_project": "a setting of a project",
}

# Parts or settings of another resource, counted and not imported (see `tfparts`); grants
# (`_iam_member`, `_iam_binding`, `_iam_policy`) are parts by their suffix.
GOOGLE_PARTS = (
    COMPUTE_PARTS
    | frozenset(LISTED_PARTS)
    | frozenset(
        {
            # users, databases and certificates inside a Cloud SQL instance (Cloud Asset
            # lists instances only)
            "google_sql_user",
            "google_sql_database",
            "google_sql_ssl_cert",
            # a ciphertext: data encrypted with a key
            "google_kms_secret_ciphertext",
            # objects in a bucket, and a bucket's or an object's settings
            "google_storage_bucket_object",
            "google_storage_bucket_acl",
            "google_storage_bucket_access_control",
            "google_storage_default_object_acl",
            "google_storage_default_object_access_control",
            "google_storage_object_acl",
            "google_storage_object_access_control",
            "google_storage_notification",
            "google_storage_hmac_key",
            # grants inside a dataset's access list
            "google_bigquery_dataset_access",
            # indexes, fields, documents and backup schedules inside a Firestore database
            "google_firestore_index",
            "google_firestore_field",
            "google_firestore_document",
            "google_firestore_backup_schedule",
            # settings of a project, a folder or an organisation
            "google_project_default_service_accounts",
            "google_project_iam_member_remove",
            "google_logging_project_exclusion",
            "google_service_usage_consumer_quota_override",
            # a garbage collection policy of a Bigtable table
            "google_bigtable_gc_policy",
            # an App Engine application's firewall rules, routing and traffic split
            "google_app_engine_firewall_rule",
            "google_app_engine_application_url_dispatch_rules",
            "google_app_engine_service_split_traffic",
            "google_app_engine_service_network_settings",
            # a user's SSH key in OS Login
            "google_os_login_ssh_public_key",
            # what a Firebase Hosting site serves and under which domains, a bucket made
            # Firebase's, and App Check's settings of a project's apps
            "google_firebase_hosting_custom_domain",
            "google_firebase_hosting_channel",
            "google_firebase_hosting_version",
            "google_firebase_hosting_release",
            "google_firebase_storage_bucket",
            "google_firebase_app_check_service_config",
            "google_firebase_app_check_app_attest_config",
            "google_firebase_app_check_device_check_config",
            "google_firebase_app_check_play_integrity_config",
            "google_firebase_app_check_recaptcha_enterprise_config",
            "google_firebase_app_check_recaptcha_v3_config",
            "google_firebase_app_check_debug_token",
        }
    )
)
