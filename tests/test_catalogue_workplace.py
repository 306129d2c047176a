"""The workplace types land where the catalogue says: services in their categories, their
configuration as structure rebuilt with the virtual desktops."""

from __future__ import annotations

import pytest

from exitplan.catalogue import Catalogue, Category, Structural

CASES = [
    ("aws", "AWS::Connect::Instance", Category, "contact-centre"),
    ("aws", "AWS::WorkSpaces::Workspace", Category, "virtual-desktop"),
    ("azure", "Microsoft.DesktopVirtualization/hostPools", Category, "virtual-desktop"),
    ("azure", "microsoft.desktopvirtualization/workspaces", Structural, "virtual-desktop"),
    ("azure", "Microsoft.DesktopVirtualization/applicationGroups", Structural, "virtual-desktop"),
]


@pytest.mark.parametrize(("provider", "native_type", "kind", "category"), CASES)
def test_type_lands_in_its_category(
    catalogue: Catalogue, provider: str, native_type: str, kind: type, category: str
) -> None:
    found = catalogue.classify(provider, native_type, lambda _name: None)
    assert isinstance(found, kind)
    if isinstance(found, Structural):
        assert found.moves_with == category
    else:
        assert found is not None and found.id == category
    assert category in catalogue.categories
