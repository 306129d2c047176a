"""File names made from workload names: safe everywhere, and one file per workload."""

from __future__ import annotations

import unicodedata

import pytest

from exitplan.filenames import FALLBACK, MAX_BYTES, assign, stem
from tests.hostile import DIAGRAM, PAYLOADS

_WINDOWS_FORBIDDEN = set('<>:"/\\|?*')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10))}
_RESERVED |= {f"LPT{n}" for n in range(1, 10)}


def _assert_safe(name: str) -> None:
    assert name, name
    assert not set(name) & _WINDOWS_FORBIDDEN, name
    assert name not in (".", "..") and not name.startswith("."), name
    assert ".." not in name.split("/"), name
    assert not any(unicodedata.category(c)[0] in "CZ" for c in name), repr(name)
    assert not name.endswith((".", " ")), name
    assert name.split(".")[0].upper() not in _RESERVED, name
    assert unicodedata.normalize("NFKC", name) == name, name
    assert len(name.encode("utf-8")) <= MAX_BYTES, name


@pytest.mark.parametrize("name", [*PAYLOADS, *DIAGRAM])
def test_hostile_names_give_safe_stems(name: str) -> None:
    _assert_safe(stem(name))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("burgerportaal", "burgerportaal"),
        ("../../etc/passwd", "etc-passwd"),
        ("..", FALLBACK),
        ("", FALLBACK),
        ("\x00\u202e", FALLBACK),
        ("a\\b/c", "a-b-c"),
        ("CON", "_CON"),
        ("nul.txt", "_nul.txt"),
        ("com1", "_com1"),
        ("LPT9 ", "_LPT9"),
        ("zaak systeem.", "zaak-systeem"),
        ("\ufb01nance", "finance"),  # a ligature, folded by NFKC
        ("\uff23\uff1a\uff0f\uff58", "C-x"),  # full-width letters and separators
        ("e\u0301tat", "état"),
        ("inkoop\u200b", "inkoop"),
    ],
)
def test_stem(name: str, expected: str) -> None:
    assert stem(name) == expected


def test_long_names_are_cut_at_a_character() -> None:
    result = stem("€" * 200)
    assert result == "€" * (MAX_BYTES // 3)
    _assert_safe(result)


def test_names_that_collide_after_normalising_get_distinct_files() -> None:
    keys = [
        ("état", "application tag"),
        ("e\u0301tat", "application tag"),  # the same letters, decomposed
        ("ÉTAT", "application tag"),  # differs only in case: one file on Windows and macOS
        ("état", "resource group"),  # the same name, grouped otherwise
        ("a/b", "application tag"),
        ("a\\b", "application tag"),
        ("a:b", "application tag"),
        ("x" * 300, "application tag"),
        ("x" * 301, "application tag"),
        ("solo", "application tag"),
    ]
    stems = assign(keys)
    assert len(stems) == len(keys)
    assert len({s.casefold() for s in stems.values()}) == len(keys)
    for value in stems.values():
        _assert_safe(value)
    assert stems[("solo", "application tag")] == "solo"  # no suffix where none collides
    assert stems[("a/b", "application tag")].startswith("a-b-")


def test_assignment_does_not_depend_on_order() -> None:
    keys = [(name, "application tag") for name in ["A", "a", "b", "B", "c", *PAYLOADS]]
    assert assign(keys) == assign(list(reversed(keys)))


def test_a_name_shaped_like_a_suffixed_one_does_not_take_its_file() -> None:
    first = assign([("a", "application tag"), ("A", "application tag")])
    taken = first[("a", "application tag")]
    stems = assign([("a", "application tag"), ("A", "application tag"), (taken, "account")])
    assert len({s.casefold() for s in stems.values()}) == 3
