"""Hostile text for the tests of escaping: what a cloud account's names, tags, ids and error
messages may hold, and an inventory that carries it in every field the outputs show."""

from __future__ import annotations

import copy
import re
from typing import Any

# Would become a link, an image or HTML in GitHub's renderer or an editor's preview.
LINKS = (
    "https://phish.example/login?next=/",
    "HTTP://EVIL.COM/x",
    "ftp://evil.com/pub",
    "see http://1.2.3.4:8080/ now",
    "evil.com",
    "evil.com/path?q=1",
    "sub.evil.co.uk",
    "пример.рф",
    "xn--80ak6aa92e.com",
    "www.evil.com",
    "WWW.EVIL.COM",
    "Www.Evil.nl",
    "//evil.com/x",
    "ops@evil.example",
    "ops@evil.com",
    "ops\\@evil.com",
    "first.last+tag@sub.evil.co.uk",
    "ops@@evil.com",
    "ops&#64;evil.com",
    '"quoted"@evil.com',
    "mailto:ops@evil.com",
    "MAILTO:ops@evil.com",
    "xmpp:ops@evil.com",
    "xmpp:ops@evil.com/phone",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html;base64,PHNjcmlwdD4=",
    "<https://evil.com>",
    "<ops@evil.com>",
    "<javascript:alert(1)>",
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    '<a href="https://evil.com">x</a>',
    "<!-- hidden -->",
    "<svg/onload=alert(1)>",
    "&lt;b&gt; &#x3C;img&#x3E;",
    "[click](https://evil.com)",
    "[x][ref]",
    "[ref]: https://evil.com",
    "![img](https://evil.com/p.png)",
    "footnote[^1]",
    "[^1]: https://evil.com",
    "| a | b |",
    "a\\|b",
    "trailing\\",
    "`code` and ``more``",
    "**bold** _it_ ~~strike~~",
    "# heading",
    "> quote",
    "- item",
    "1. item",
    "---",
    "===",
    "$x^2$",
    "- [ ] task",
)

# Would start a formula in a spreadsheet, under some reading of the CSV.
FORMULAS = (
    "=cmd|' /C calc'!A0",
    "vpc\r=cmd|' /C calc'!A0",
    "vpc\n=cmd|' /C calc'!A0",
    "vpc\r\n@SUM(A1:A9)",
    "x;=cmd|' /C calc'!A0",
    "x,=1+1",
    "x\t=1+1",
    "x; =1+1",
    'x;"=1+1"',
    "x;'=1+1",
    "+1+1",
    "-1+1",
    "@SUM(1)",
    "\t=1",
    "\r=1",
    " =1",
    '"=1"',
    '=HYPERLINK("http://evil.com","x")',
    'a""b;=1',
    "x\v=1",
    "x\f=1",
    "x\x1c=1",
    "x\x85=1",
    "x\u2028=1",
)

# Would act on a terminal, reorder or hide what a reader sees. (A lone surrogate cannot
# reach an inventory: its JSON reader refuses it; `visible` is tested with one directly.)
CONTROLS = (
    "red\x1b[31mALERT\x1b[0m",
    "\x1b]8;;https://evil.com\x07click\x1b]8;;\x07",
    "\x1b]0;title\x07",
    "\x9b31m C1 CSI",
    "invoice\u202egnp.exe",
    "\u2066isolated\u2069 \u2067x\u2068y\u2069",
    "nul\x00byte",
    "bell\x07 back\x08space del\x7f",
    "zero\u200bwidth\u200c\u200d\u2060joiners\ufeff",
    "tag\U000e0041\U000e0042chars",
    "selector\ufe0f\U000e0100",
    "filler\u3164\u115f",
    "line\u2028para\u2029sep",
)

PAYLOADS = LINKS + FORMULAS + CONTROLS

# Would end a Mermaid label, subgraph or code block, start a statement, add a click, link,
# style or directive, or become HTML, Markdown, an icon or a formula in a drawn diagram.
DIAGRAM = (
    'x"] --> evil["y',
    'x"]\n    click n1 "https://evil.com"',
    "x\nclick n1 call alert(1)",
    'x; click n1 href "javascript:alert(1)"',
    "x\u2028click n1 call alert(1)",
    '%%{init: {"securityLevel": "loose", "theme": "dark"}}%%',
    "%% comment",
    "---\nconfig:\n  theme: dark\n---",
    "end",
    "subgraph s9 [evil]",
    "section evil",
    'click t1 href "https://evil.com"',
    "title evil",
    "excludes 2027-01-05",
    "dateFormat X",
    "x|edge| n1",
    "A-->B",
    "n1@{ shape: circle }",
    "style n1 fill:#f00;",
    "classDef evil fill:#f00;",
    "style:#35; and #59;",
    "#quot; #lt;script#gt;alert(1)#lt;/script#gt; #35; #9829;",
    "&lt;b&gt;x&lt;/b&gt; &#60;i&#62; &amp;",
    "\ufb02\xb0\xb060\xb6\xdfimg src=x onerror=alert(1)\ufb02\xb0\xb062\xb6\xdf",
    "<br/>line<br>break",
    "`**markdown** _label_`",
    "fa:fa-car icon",
    "$$x^2$$",
    "```\n# heading",
    "[[sub]] {{hex}} ((circle)) >flag] [/para/]",
    "",
    "   ",
)


def hostile_inventory(sample: dict[str, Any]) -> dict[str, Any]:
    """The sample estate with a payload in every field a plan, CSV or summary shows:
    names, ids, accounts, regions, types (unmapped), tags, gaps, skipped records."""
    data = copy.deepcopy(sample)
    resources = data["resources"]
    for i, payload in enumerate(PAYLOADS):
        mapped = resources[i]
        mapped["name"] = payload
        mapped["tags"] = {
            **mapped["tags"],
            "application": payload,
            "owner": payload,
            "environment": payload,
        }
        # The same payload once more on a resource of a type without alternative, so that
        # it also shows in the list of unmapped resources, as its id, account and region.
        unmapped = resources[len(PAYLOADS) + i]
        unmapped.update(
            type=f"Custom::{payload}",
            id=f"{payload} #{i}",
            account=payload,
            region=payload,
            name=payload,
        )
    data["gaps"] = [
        {
            "provider": "aws",
            "scope": payload,
            "region": payload,
            "service": payload,
            "code": payload,
            "message": payload,
        }
        for payload in PAYLOADS
    ]
    data["skipped"] = [
        {"source": payload, "type": payload, "count": 1, "reason": payload} for payload in PAYLOADS
    ]
    return data


def assert_tables_keep_their_columns(name: str, text: str) -> None:
    """Every row of a table has the cells of its header. Both renderers split a row at
    each pipe that does not follow a backslash, whatever precedes that backslash."""
    columns = None
    for line in text.splitlines():
        if not line.startswith("|"):
            columns = None
            continue
        cells = len(re.findall(r"(?<!\\)\|", line))
        columns = columns or cells
        assert cells == columns, (name, line)
