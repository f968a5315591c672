"""Printing the registry's journals as XLSX or DOCX: numbered entries, numbered pages (p. 22)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any, Final

from ..errors import OutputError
from ..i18n import N_, translate
from ..models import ACT_MODELS
from ..output import write_atomic
from .records import Journal

TITLES: Final = {
    "acts": N_("Journal of acts of prosecutorial supervision"),
    "notifications": N_(
        "Journal of notifications of restrictive measures (p. 22 of the Instruction)"
    ),
    "sanctions": N_(
        "Journal of sanctions on suspending expense operations on taxpayers' bank accounts "
        "(p. 57 of the Instruction)"
    ),
}
COLUMNS: Final[dict[str, tuple[tuple[str, str], ...]]] = {
    "acts": (
        ("number", N_("Outgoing number")),
        ("date", N_("Date of the act")),
        ("type", N_("Kind of act")),
        ("office", N_("Office")),
        ("addressee", N_("Addressee")),
        ("issuer", N_("Issuer")),
        ("status", N_("Status")),
        ("answer", N_("Answer")),
        ("registered", N_("Registered")),
    ),
    "notifications": (
        ("received", N_("Date and time of receipt")),
        ("office", N_("Office")),
        ("body", N_("Body that applied the measure")),
        ("measure", N_("Measure")),
        ("subject", N_("To whom it was applied")),
        ("outcome", N_("How it ended: cancelled by an act, closed after the check, or open")),
        ("recorded_by", N_("Entered by")),
    ),
    "sanctions": (
        ("received", N_("Date and time of receipt")),
        ("office", N_("Office")),
        ("body", N_("Tax body")),
        ("subject", N_("Taxpayer")),
        ("decision", N_("Decision")),
        ("decided_on", N_("Date of the decision")),
        ("reason", N_("Reasons")),
        ("recorded_by", N_("Entered by")),
    ),
}
WORDS: Final = {
    "registered": N_("registered"),
    "delivered": N_("delivered"),
    "answered": N_("answered"),
    "executed": N_("executed"),
    "enforcement": N_("turned to enforcement"),
    "court": N_("taken to court"),
    "suspended": N_("suspended by a superior"),
    "withdrawn": N_("withdrawn by a superior"),
    "cancelled": N_("cancelled by a superior"),
    "annulled": N_("registration annulled"),
    "extended": N_("inspection extended"),
    "pending": N_("numbered, document being made"),
    "satisfied": N_("satisfied"),
    "partly": N_("partly satisfied"),
    "rejected": N_("rejected"),
    "granted": N_("sanction granted"),
    "refused": N_("sanction refused"),
}
FORMATS: Final = (".xlsx", ".docx")


def journal_table(journal: Journal, lang: str) -> tuple[list[str], list[list[str]]]:
    """Return the journal's header and rows as text in ``lang``, the entry number first."""
    columns = COLUMNS[journal.kind]
    header = ["№", *(translate(title, lang) for _, title in columns)]
    rows = [
        [
            str(entry.number),
            *(
                _outcome(entry.values, lang)
                if name == "outcome"
                else _text(name, entry.values.get(name), lang)
                for name, _ in columns
            ),
        ]
        for entry in journal.entries
    ]
    return header, rows


def _outcome(values: dict[str, Any], lang: str) -> str:
    """Return how a p. 22 notification ended: answered by an otmena-mer, closed, or open; and
    each closure withdrawn as a mistake, as a paper journal keeps a correction."""
    if values.get("answered_by"):
        ended = translate(
            N_("measures cancelled (lifted) by the act № {number}"),
            lang,
            number=values["answered_by"],
        )
    elif values.get("closed_on") is not None:
        ended = translate(
            N_("closed on {date} after the check (p. 20): {why}"),
            lang,
            date=_text("closed_on", values["closed_on"], lang),
            why=values.get("closed_reason") or "",
        )
    else:
        ended = translate(N_("open: neither cancelled nor closed"), lang)
    corrections = [
        translate(
            N_("the closure of {closed} ({why}) was withdrawn on {date} as a mistake: {reason}"),
            lang,
            closed=_text("closed_on", closed_on, lang),
            why=why,
            date=_text("closed_on", reopened_on, lang),
            reason=reason,
        )
        for closed_on, why, reopened_on, reason in values.get("corrections", ())
    ]
    return "; ".join([ended, *corrections])


def _text(name: str, value: Any, lang: str) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    if name == "type" and value in ACT_MODELS:
        return translate(ACT_MODELS[value].title, lang)
    if name in ("status", "answer", "decision") and value in WORDS:
        return translate(WORDS[value], lang)
    return str(value)


def write_journal(
    journal: Journal, target: Path | str, *, lang: str = "ru", overwrite: bool = False
) -> Path:
    """Write the journal to ``target`` (.xlsx or .docx) atomically; return its path."""
    target = Path(target)
    suffix = target.suffix.lower()
    if suffix not in FORMATS:
        raise OutputError(str(target), N_("the journal file name must end in .xlsx or .docx"))
    title = translate(TITLES[journal.kind], lang)
    subtitle = translate(
        N_("Year {year}; office: {office}; entries: {count}"),
        lang,
        year=journal.year,
        office=journal.office or translate(N_("all"), lang),
        count=len(journal.entries),
    )
    header, rows = journal_table(journal, lang)
    page = translate(N_("Page {page} of {pages}"), lang, page="{page}", pages="{pages}")
    content = (
        _xlsx(title, subtitle, header, rows, page)
        if suffix == ".xlsx"
        else _docx(title, subtitle, header, rows, page)
    )
    return write_atomic(target, content, overwrite=overwrite)


def _xlsx(title: str, subtitle: str, header: list[str], rows: list[list[str]], page: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "journal"
    sheet.append([title])
    sheet.append([subtitle])
    sheet.append([])
    sheet.append(header)
    for cell in sheet[4]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet["A1"].font = Font(bold=True, size=13)
    for row in rows:
        sheet.append(row)
    for column in sheet.iter_cols(min_row=5):
        for cell in column:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 6
    for index in range(2, len(header) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 22
    sheet.print_title_rows = "4:4"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.oddFooter.center.text = page.format(page="&P", pages="&N")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _docx(title: str, subtitle: str, header: list[str], rows: list[list[str]], page: str) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    heading = document.add_paragraph()
    run = heading.add_run(title)
    run.bold = True
    run.font.size = Pt(13)
    document.add_paragraph(subtitle)
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        for paragraph in cell.paragraphs:
            for header_run in paragraph.runs:
                header_run.bold = True
    properties = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")  # the header row is printed on every page
    repeat.set(qn("w:val"), "true")
    properties.append(repeat)
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    footer = section.footer.paragraphs[0]
    before, _, rest = page.partition("{page}")
    middle, _, after = rest.partition("{pages}")
    footer.add_run(before)
    _field(footer, "PAGE", OxmlElement, qn)
    footer.add_run(middle)
    _field(footer, "NUMPAGES", OxmlElement, qn)
    footer.add_run(after)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _field(paragraph: Any, code: str, element: Any, qn: Any) -> None:
    """Append a Word field (PAGE, NUMPAGES) that shows the page number when printed."""
    run = paragraph.add_run()
    begin = element("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instruction = element("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = f" {code} "
    end = element("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(begin)
    run._r.append(instruction)
    run._r.append(end)
