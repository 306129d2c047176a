"""Word plans (.docx), read with python-docx: headings from the paragraph styles ("Heading
1" to "Heading 9", their localised names such as "Kop 1", styles based on them, or an
outline level), paragraphs as text, tables in order, and the author and dates that the
file's properties record."""

from __future__ import annotations

import datetime as dt
import io
import re
import traceback
import zipfile
from pathlib import Path

import docx
from docx.document import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.exceptions import InvalidXmlError
from docx.oxml.table import CT_Tbl
from docx.oxml.text.paragraph import CT_P
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.styles.style import ParagraphStyle
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph

from ..errors import InputError
from ..i18n import N_, _
from .document import Fact, PlanDocument, Table
from .facts import unique
from .sections import SectionBuilder
from .vocabulary import Vocabulary

# A file of the Compound File format: what Word writes when a password protects a
# document (the .docx package inside is encrypted), and the format of a Word 97-2003 .doc.
_COMPOUND = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HEADING = re.compile(
    r"^(?:heading|kop|überschrift|titre|título|titolo|rubrik|overskrift|otsikko|nagłówek)"
    r"\s*([1-9])$",
    re.IGNORECASE,
)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DOCX_HOME = str(Path(docx.__file__).parent)
_SAVE = N_("open it in Word and save it as a Word document (.docx)")


def parse_docx(path: Path, raw: bytes, vocabulary: Vocabulary, limit: int) -> PlanDocument:
    """A Word plan; `limit` bounds what its parts unpack to, as for any input file."""
    document = _open(path, raw, limit)
    builder = SectionBuilder(vocabulary)
    # python-docx reads a part or an attribute when it is asked for, so a value that breaks
    # the schema (a style type, a core properties part of another kind) fails only while
    # walking, and in python-docx's own code with whatever error that code meets.
    try:
        for position, element in enumerate(_blocks(document), 1):
            if isinstance(element, CT_P):
                _paragraph(Paragraph(element, document), position, builder)
            else:
                builder.table(Table(position, _rows(DocxTable(element, document))))
        facts = [*_properties(document), *builder.facts]
    except (ValueError, InvalidXmlError, AttributeError, KeyError, TypeError, IndexError) as exc:
        if not _in_docx(exc):
            raise  # ours: a bug, not a damaged file
        raise InputError(
            _("{path}: a damaged Word document: {reason}").format(path=path, reason=exc),
            _(_SAVE),
        ) from None
    return PlanDocument(path, "docx", None, builder.sections(), unique(facts))


def _in_docx(exc: BaseException) -> bool:
    """Whether an error was raised inside python-docx (or lxml under it)."""
    if isinstance(exc, InvalidXmlError):
        return True
    frames = traceback.extract_tb(exc.__traceback__)
    return bool(frames) and frames[-1].filename.startswith(_DOCX_HOME)


def _blocks(document: Document) -> list[CT_P | CT_Tbl]:
    """The body's paragraphs and tables in order, those in content controls (a cover page,
    a template's fields) too, which python-docx's own iteration passes over; not the
    paragraphs of table cells or text boxes, which belong to their table or paragraph."""
    found: list[CT_P | CT_Tbl] = document.element.body.xpath(
        "./descendant::*[(self::w:p or self::w:tbl) and not(ancestor::w:tbl) "
        "and not(ancestor::w:p)]"
    )
    return found


def _open(path: Path, raw: bytes, limit: int) -> Document:
    if raw.startswith(_COMPOUND):
        raise InputError(
            _(
                "{path}: is password-protected, or a Word 97-2003 document: neither is a "
                ".docx that can be read"
            ).format(path=path),
            _("remove the password, or save it as .docx, and give that file"),
        )
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as package:
            unpacked = sum(info.file_size for info in package.infolist())
    except (zipfile.BadZipFile, ValueError) as exc:
        raise InputError(
            _("{path}: not a Word document (.docx): {reason}").format(path=path, reason=exc),
            _(_SAVE),
        ) from None
    if unpacked > limit:
        raise InputError(
            _("{path}: unpacks to {size} bytes, more than exitplan reads from one file").format(
                path=path, size=unpacked
            ),
            _("raise the limit with --max-file-gib if the document is what you meant"),
        )
    try:
        return docx.Document(io.BytesIO(raw))
    except ValueError:  # python-docx's word for a package of another kind
        reason = _("an Office file of another kind (a spreadsheet or a presentation?)")
    except (PackageNotFoundError, KeyError, zipfile.BadZipFile) as exc:
        reason = str(exc) or type(exc).__name__
    except SyntaxError as exc:  # lxml's XMLSyntaxError, without importing lxml for it
        reason = _("damaged XML: {problem}").format(problem=exc)
    raise InputError(
        _("{path}: a damaged Word document: {reason}").format(path=path, reason=reason), _(_SAVE)
    )


def _paragraph(paragraph: Paragraph, position: int, builder: SectionBuilder) -> None:
    text = paragraph.text.strip()
    level = _level(paragraph)
    if level and text:
        builder.heading(" ".join(text.split()), level, position)
        return
    for line in paragraph.text.splitlines():
        builder.line(line, position)
    for link in paragraph.hyperlinks:
        if link.address and link.address not in paragraph.text:
            builder.link(link.address, position)


def _level(paragraph: Paragraph) -> int | None:
    """The heading level a paragraph has: its own outline level, or its style's, or a
    heading style's in the chain of styles it is based on."""
    own = _outline(paragraph._p.pPr)  # python-docx reads no outline level itself
    if own is not None:
        return own
    style: ParagraphStyle | None = paragraph.style
    seen = 0
    while style is not None and seen < 20:  # a chain that loops back is a damaged file
        for name in (style.name, style.style_id):
            match = _HEADING.match((name or "").replace("_", " ").strip())
            if match:
                return int(match.group(1))
        outline = _outline(style.element.pPr)
        if outline is not None:
            return outline
        style, seen = style.base_style, seen + 1
    return None


def _outline(properties: BaseOxmlElement | None) -> int | None:
    if properties is None:
        return None
    found = properties.find(f"{_W}outlineLvl")
    value = found.get(f"{_W}val") if found is not None else None
    if value is None or not value.isdigit():
        return None
    level = int(value) + 1
    return level if level <= 9 else None  # level 9 (10 here) is body text


def _rows(table: DocxTable) -> tuple[tuple[str, ...], ...]:
    rows = []
    for row in table.rows:
        cells: list[str] = []
        last = None
        for cell in row.cells:
            if cell._tc is last:  # a merged cell is listed once per column it spans
                continue
            last = cell._tc
            cells.append(" ".join(cell.text.split()))
        rows.append(tuple(cells))
    return tuple(rows)


def _properties(document: Document) -> list[Fact]:
    core = document.core_properties
    facts = []
    if core.author and core.author.strip():
        author = core.author.strip()
        facts.append(Fact("name", author, author, "properties", None, None, "author", "author"))
    for label, when in (("created", core.created), ("modified", core.modified)):
        if isinstance(when, dt.datetime):
            day = when.date()
            facts.append(
                Fact(
                    "date", day.isoformat(), when.isoformat(), "properties", None, None,
                    label, label, day,
                )
            )  # fmt: skip
    return facts
