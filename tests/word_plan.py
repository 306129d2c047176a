"""The Word plan of the test corpus, made with python-docx as an organisation's template
would make it: built-in heading styles, two headings in a style with a Dutch name ("Kop
2", as a document pasted from a Dutch template carries), one in the organisation's own
style based on "Heading 2", one that is a plain paragraph with an outline level, the title
in a content control (as on a cover page), a document control table and file properties. It has no
section on costs. Regenerate the committed file with `python -m tests.word_plan`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

WORD_PLAN = (
    Path(__file__).resolve().parent / "fixtures" / "plans" / "word" / "exit-strategy-azure.docx"
)

_SECTIONS: list[tuple[str | None, str, list[str]]] = [
    (
        "Heading 2",
        "1. Scope and critical functions",
        [
            "The customer contact centre (Dynamics 365, Azure SQL, Azure Functions) in "
            "subscription 7f3c9a1e-52d4-4b8e-9c61-2e8a0d4f6b13. It supports a critical "
            "function: customer authentication for payments."
        ],
    ),
    (
        "Kop 2",
        "2. Exit triggers",
        [
            "Material breach of the contract or the service levels.",
            "An instruction of De Nederlandsche Bank to end the arrangement.",
            "A change of control of the provider outside the EU.",
        ],
    ),
    (
        "Heading 2",
        "3. Alternatives",
        ["An open-source contact centre platform on a European managed Kubernetes."],
    ),
    (
        "Bank Heading",
        "4. Transition plan",
        ["Two waves over six months; authentication moves last, after a parallel run."],
    ),
    (
        "Kop 2",
        "5. Data retrieval and erasure",
        [
            "Customer records are exported as CSV and SQL dumps; Microsoft deletes the "
            "data within 90 days after the subscription ends."
        ],
    ),
    (
        "Heading 2",
        "6. Roles and responsibilities",
        ["Owner: Maarten Visser", "Exit lead: Sanne de Graaf"],
    ),
    (
        "Heading 2",
        "7. Testing the plan",
        ["Last tested: 12 March 2026, export and restore of the customer database."],
    ),
    (
        None,  # a plain paragraph with an outline level, as some templates make headings
        "8. Business continuity",
        ["Linked to BCP-05, contact centre continuity."],
    ),
    (
        "Heading 2",
        "9. Review and approval",
        ["Approved by: Ingrid Bos, Chief Risk Officer, on 18 May 2026."],
    ),
]


def word_plan() -> Document:
    document = docx.Document()
    styles = document.styles
    dutch = styles.add_style("Kop 2", WD_STYLE_TYPE.PARAGRAPH)
    dutch.font.bold = True
    own = styles.add_style("Bank Heading", WD_STYLE_TYPE.PARAGRAPH)
    own.base_style = styles["Heading 2"]
    title = document.add_paragraph("Exit strategy: customer contact centre (Azure)", style="Title")
    _in_content_control(title._p)
    control = document.add_table(rows=0, cols=2)
    for label, value in [
        ("Version", "2.0"),
        ("Owner", "Maarten Visser, Head of IT Infrastructure"),
        ("Approved by", "Ingrid Bos"),
        ("Approved on", "18-05-2026"),
    ]:
        cells = control.add_row().cells
        cells[0].text, cells[1].text = label, value
    document.add_heading("Exit strategy", level=1)
    for style, heading, paragraphs in _SECTIONS:
        paragraph = document.add_paragraph(heading, style=style)
        if style is None:
            level = OxmlElement("w:outlineLvl")
            level.set(qn("w:val"), "1")
            paragraph._p.get_or_add_pPr().append(level)
        for text in paragraphs:
            document.add_paragraph(text)
    properties = document.core_properties
    properties.author = "Maarten Visser"
    properties.created = dt.datetime(2026, 4, 1, 9, 30, tzinfo=dt.timezone.utc)
    properties.modified = dt.datetime(2026, 5, 18, 16, 5, tzinfo=dt.timezone.utc)
    return document


def _in_content_control(element: BaseOxmlElement) -> None:
    """Moves a paragraph into a content control (w:sdt), as a cover page holds its title."""
    control, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    element.addprevious(control)
    control.append(content)
    content.append(element)


if __name__ == "__main__":
    WORD_PLAN.parent.mkdir(parents=True, exist_ok=True)
    word_plan().save(str(WORD_PLAN))
