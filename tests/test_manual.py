"""Manual sections as pure functions on texts: names, parsing and merging."""

from __future__ import annotations

import pytest

from exitplan.manual import UNPLACED, Malformed, Parsed, marker, merge, parse, section_name


def _text(*sections: tuple[str, str], before: str = "# Plan\n\n") -> str:
    parts = [before]
    for name, body in sections:
        parts.append(f"<!-- exitplan:manual:{name} -->\n{body}<!-- exitplan:end -->\n\nText.\n")
    return "".join(parts)


def _parsed(text: str) -> Parsed:
    parsed = parse(text)
    assert isinstance(parsed, Parsed), parsed
    return parsed


def test_names_are_distinct_and_cannot_end_the_comment() -> None:
    names = ["a b", "a_b", "a-b", "a--b", "a---b", "A b", "a%20b", "-->", "x -->", "a:b",
             "\u00e9", "e\u0301", "\n", "", " ", "<!--", "a\u2014b", "\ud800"]  # fmt: skip
    encoded = [section_name("workload", "application tag", n) for n in names]
    assert len(set(encoded)) == len(names)
    for name in encoded:
        assert "--" not in name and ">" not in name and " " not in name and "\n" not in name
    assert section_name("workload", "application tag", "zaak-systeem") == (
        "workload:application_tag:zaak-systeem"
    )


def test_every_marker_parses_back_to_its_name() -> None:
    names = ["decisions", "-->", "x --> <!-- exitplan:end -->", "a\tb"]
    text = "".join(f"{marker('workload', n)}\n" for n in names)
    parsed = _parsed(text)
    assert [s.name for s in parsed.sections] == [section_name("workload", n) for n in names]


def test_bodies_are_exact_and_outside_leaves_them_out() -> None:
    text = _text(("a", ""), ("b", "line 1  \r\n\nline 3\n"))
    parsed = _parsed(text)
    assert [parsed.body(s) for s in parsed.sections] == ["", "line 1  \r\n\nline 3\n"]
    assert parsed.outside() == _text(("a", ""), ("b", ""))


def test_crlf_markers_are_recognised() -> None:
    text = "x\r\n<!-- exitplan:manual:a -->\r\nbody\r\n<!-- exitplan:end -->\r\n"
    parsed = _parsed(text)
    assert parsed.body(parsed.sections[0]) == "body\r\n"


def test_marker_text_inside_a_line_is_not_a_marker() -> None:
    text = "- `<!-- exitplan:end -->`: a resource\n\\<!-- exitplan:manual:x -->\n"
    assert _parsed(text).sections == ()


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("<!-- exitplan:manual:a -->\nno end\n", "line 1: section a has no end marker"),
        ("x\n<!-- exitplan:end -->\n", "line 2: an end marker without a start marker"),
        (
            "<!-- exitplan:manual:a -->\n<!-- exitplan:manual:b -->\n<!-- exitplan:end -->\n",
            "line 1: section a has no end marker",
        ),
        (_text(("a", ""), ("a", "")), "line 7: section a appears twice"),
        ("<!-- exitplan:manual:a-->\n<!-- exitplan:end -->\n", "line 1: not an exitplan marker"),
        ("<!-- exitplan:manual: -->\n<!-- exitplan:end -->\n", "line 1: not an exitplan marker"),
        (
            "<!-- exitplan:manual:\x1b[2J -->\n<!-- exitplan:end -->\n",
            "line 1: not an exitplan marker: '<!-- exitplan:manual:\\x1b[2J -->'",
        ),
    ],
)
def test_markers_that_do_not_pair_up_are_malformed(text: str, problem: str) -> None:
    result = parse(text)
    assert isinstance(result, Malformed) and str(result).startswith(problem)


def test_merge_carries_bodies_byte_for_byte() -> None:
    old = _parsed(_text(("a", "ours\r\n  kept\n"), ("b", "")))
    new = _parsed(_text(("b", ""), ("a", ""), ("c", ""), before="# New plan\n\n"))
    merged = merge(new, old)
    assert merged.text == _text(("b", ""), ("a", "ours\r\n  kept\n"), ("c", ""),
                                before="# New plan\n\n")  # fmt: skip
    assert merged.unplaced == merged.homeless == ()


def test_a_section_without_a_place_moves_to_unplaced() -> None:
    old = _parsed(_text(("gone", "notes\n"), ("empty", "  \n"), (UNPLACED, "earlier\n")))
    merged = merge(_parsed(_text((UNPLACED, ""))), old)
    assert merged.unplaced == ("gone",) and merged.homeless == ()
    body = _parsed(merged.text).body(_parsed(merged.text).sections[0])
    assert body == "earlier\nFrom the section `gone`, which the plan no longer has:\n\nnotes\n\n"
    # Merged again, nothing moves twice.
    assert merge(_parsed(_text((UNPLACED, ""))), _parsed(merged.text)).text == merged.text


def test_without_an_unplaced_section_the_section_is_homeless() -> None:
    merged = merge(_parsed(_text(("a", ""))), _parsed(_text(("gone", "notes\n"))))
    assert merged.homeless == ("gone",) and merged.unplaced == ()
