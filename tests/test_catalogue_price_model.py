"""A price of zero is a fact the page states (a free control plane, free egress), never a
stand-in for a price that could not be found: the catalogue refuses a bare zero."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from exitplan.catalogue import load_catalogue
from exitplan.errors import CatalogueError
from tests.catalogue_builder import SOURCE, default_content, write_catalogue


def _priced(tmp_path: Path, price: dict[str, Any]) -> Any:
    content = default_content()
    content["categories"][0]["alternatives"][0]["prices"] = [
        {"unit": "instance-hour", "currency": "EUR", "sources": SOURCE, **price}
    ]
    return load_catalogue(*write_catalogue(tmp_path, content))


def test_a_zero_the_note_calls_free_is_kept(tmp_path: Path) -> None:
    catalogue = _priced(tmp_path, {"amount": 0, "note": "The control plane is free."})
    (price,) = catalogue.categories["vms"].alternatives[0].prices
    assert price.amount == 0


@pytest.mark.parametrize(
    "note", [None, "", "Included in the node price."], ids=["no-note", "empty", "not-free"]
)
def test_a_zero_without_a_free_note_is_refused(tmp_path: Path, note: str | None) -> None:
    with pytest.raises(CatalogueError) as exc:
        _priced(tmp_path, {"amount": 0, "note": note})
    message = exc.value.message
    assert "all.yaml" in message and "beta-vms" in message, message
    assert "an amount of 0 needs a 'note' saying the item is free" in message


def test_a_negative_price_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError) as exc:
        _priced(tmp_path, {"amount": -0.01, "note": "free"})
    assert "amount" in exc.value.message
