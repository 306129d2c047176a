"""The data-services categories claim resources by the attribute that tells them apart
from the categories that already own the same native type."""

from __future__ import annotations

import pytest

from exitplan.catalogue import Catalogue


def _category(
    catalogue: Catalogue, provider: str, native_type: str, **attributes: str
) -> str | None:
    found = catalogue.category_for(provider, native_type, attributes.get)
    return found.id if found else None


@pytest.mark.parametrize(
    ("engine", "expected"),
    [
        ("cassandra", "wide-column"),
        ("gremlin", "graph-database"),
        ("mongodb", "document-database"),
        ("nosql", "document-database"),
    ],
)
def test_cosmos_db_account_follows_its_api(
    catalogue: Catalogue, engine: str, expected: str
) -> None:
    found = _category(catalogue, "azure", "Microsoft.DocumentDB/databaseAccounts", engine=engine)
    assert found == expected


@pytest.mark.parametrize(
    ("engine", "expected"),
    [
        ("neptune", "graph-database"),
        ("db2-se", "relational-db2"),
        ("custom-oracle-ee-cdb", "relational-oracle"),
        ("docdb", "document-database"),
    ],
)
def test_rds_engine_picks_the_data_service(
    catalogue: Catalogue, engine: str, expected: str
) -> None:
    assert _category(catalogue, "aws", "AWS::RDS::DBInstance", engine=engine) == expected


def test_only_archive_class_buckets_are_archive_storage(catalogue: Catalogue) -> None:
    bucket = "storage.googleapis.com/Bucket"
    assert _category(catalogue, "gcp", bucket, storage_class="ARCHIVE") == "archive-storage"
    assert _category(catalogue, "gcp", bucket, storage_class="STANDARD") == "object-storage"
    assert _category(catalogue, "gcp", bucket) == "object-storage"
