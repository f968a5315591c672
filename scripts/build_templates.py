"""Build the Word templates of the acts: ``templates/{ru,kk}/<type>.docx``.

Run from anywhere: ``python scripts/build_templates.py [OUT_DIR]`` (default: the repository's
``templates`` folder). The committed templates are the output of this script; change the wording
here, run it, and commit both.

The templates are docxtpl (Jinja) documents. They only place values: everything worded or
formatted by the law or the language comes ready in the context built by ``docgen/context.py``.
Rules kept here so a lawyer can edit the result in Word or LibreOffice:

* every tag is written as one run, so Word never splits it;
* lists and optional clauses use paragraph tags (``{%p for ... %}``, ``{%p if ... %}``), each
  alone in its own paragraph;
* no filters, no inline conditions, no logic beyond "is this optional value given".

Layout follows the acts of prosecutor's offices of Kazakhstan: A4, Times New Roman 14,
margins left 3 cm, right 1.5 cm, top and bottom 2 cm; a letterhead with the office's name in
Kazakh (left) and Russian (right) above a line; title; date and number; text; signature;
footer with the act number and the page number.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tbl
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Emu, Length, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

ROOT = Path(__file__).resolve().parent.parent
FONT = "Times New Roman"
FONT_SIZE = Pt(14)
PAGE_WIDTH, PAGE_HEIGHT = Cm(21), Cm(29.7)
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = Cm(3), Cm(1.5), Cm(2), Cm(2)
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
FIRST_LINE_INDENT = Cm(1.25)
ADDRESSEE_INDENT = Cm(8.5)
LANG_TAGS = {"ru": "ru-RU", "kk": "kk-KZ"}
BUILD_DATE = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)

JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
CENTER = WD_ALIGN_PARAGRAPH.CENTER
LEFT = WD_ALIGN_PARAGRAPH.LEFT
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT

# The Instruction approved by Order No. 60, cited in full once per act, then as "the Instruction".
INSTRUCTION = {
    "ru": (
        "Инструкции «Об организации прокурорского надзора за применением законов, соблюдением "
        "прав и свобод человека и гражданина в социально-экономической сфере», утверждённой "
        "приказом Генерального Прокурора Республики Казахстан от 21 ноября 2002 года № 60 "
        "(далее – Инструкция)"
    ),
    "kk": (
        "Қазақстан Республикасы Бас Прокурорының 2002 жылғы 21 қарашадағы № 60 бұйрығымен "
        "бекітілген «Әлеуметтік-экономикалық салада заңдардың қолданылуын, адам мен азаматтың "
        "құқықтары мен бостандықтарының сақталуын прокурорлық қадағалауды ұйымдастыру туралы» "
        "Нұсқаулықтың (бұдан әрі – Нұсқаулық)"
    ),
}
# The Law "On the Prosecutor's Office": of the Law (genitive), and "guided by the Law".
LAW = {
    "ru": "Закона Республики Казахстан «О прокуратуре»",
    "kk": "Қазақстан Республикасының «Прокуратура туралы» Заңының",
}
GUIDED_BY_LAW = {
    "ru": "руководствуясь Законом Республики Казахстан «О прокуратуре»",
    "kk": "Қазақстан Республикасының «Прокуратура туралы» Заңын",
}

# A cited legal act. kk: body, date, number, title, kind in one phrase (the body's name is
# written in the genitive by the clerk). ru: kind, date, number, title; the body on its own line,
# so the body's name is printed as given (nominative) without breaking the sentence.
CITED_ACT = {
    "ru": "{{ act.kind }} {{ act.date }} № {{ act.number }} «{{ act.title }}»",
    "kk": "{{ act.body }} {{ act.date }} № {{ act.number }} «{{ act.title }}» {{ act.kind }}",
}
ACT_BODY = {
    "ru": "Орган (должностное лицо), издавший акт: {{ act.body }}.",
    "kk": "",
}

# Words common to every act.
COMMON = {
    "ru": {
        "found": "{{ found_word }}:",
        "resolved": "{{ resolved_word }}:",
        "demand": "ТРЕБУЮ:",
        "violations": "Выявлены следующие нарушения закона:",
        "norms": "Нарушенные нормы: {{ v.norms }}.",
        "damage": "Причинённый ущерб: {{ v.damage }}.",
        "consequences": "Негативные последствия нарушений: {{ consequences }}",
        "causes": "Причины и условия, способствовавшие нарушениям: {{ causes }}",
        "registration": "Регистрация акта: {{ act.registration }}.",
        "character": "Характер акта: {{ act.character }}.",
        "preamble": "{{ signer.full }}, рассмотрев материалы,",
        "inspection": "Предмет проводимой прокуратурой проверки: {{ inspection }}.",
    },
    "kk": {
        "found": "{{ found_word }}:",
        "resolved": "{{ resolved_word }}:",
        "demand": "ТАЛАП ЕТЕМІН:",
        "violations": "Мынадай заң бұзушылықтар анықталды:",
        "norms": "Бұзылған нормалар: {{ v.norms }}.",
        "damage": "Келтірілген залал: {{ v.damage }}.",
        "consequences": "Заң бұзушылықтардың жағымсыз салдары: {{ consequences }}",
        "causes": "Заң бұзушылықтарға ықпал еткен себептер мен жағдайлар: {{ causes }}",
        "registration": "Актінің тіркелуі: {{ act.registration }}.",
        "character": "Актінің сипаты: {{ act.character }}.",
        "preamble": "{{ signer.full }}, материалдарды қарап,",
        "inspection": "Прокуратура жүргізіп жатқан тексерудің мәні: {{ inspection }}.",
    },
}


class Builder:
    """A template document being written, paragraph by paragraph."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.doc: DocumentObject = Document()
        self._page_setup()
        self._styles()

    # -- document set-up -------------------------------------------------------------------

    def _page_setup(self) -> None:
        section = self.doc.sections[0]
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
        section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
        section.header_distance, section.footer_distance = Cm(1.25), Cm(1)
        core = self.doc.core_properties
        core.author = "docgen"
        core.last_modified_by = "docgen"
        core.title = ""
        core.comments = "Built by scripts/build_templates.py"
        core.created = core.modified = BUILD_DATE
        core.revision = 1

    def _styles(self) -> None:
        styles = self.doc.styles.element
        defaults = styles.find(qn("w:docDefaults"))
        if defaults is not None:
            for fonts in defaults.iter(qn("w:rFonts")):
                _set_fonts(fonts)
        normal = self.doc.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = FONT_SIZE
        rpr = normal.element.get_or_add_rPr()
        _set_fonts(rpr.get_or_add_rFonts())
        size_cs = OxmlElement("w:szCs")
        size_cs.set(qn("w:val"), str(int(FONT_SIZE.pt * 2)))
        rpr.append(size_cs)
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), LANG_TAGS[self.lang])
        lang.set(qn("w:eastAsia"), LANG_TAGS[self.lang])
        rpr.append(lang)
        for name in ("Header", "Footer"):
            # The built-in tab stops (centre 3.25", right 6.5") would catch our own right tab.
            ppr = self.doc.styles[name].element.pPr
            tabs = ppr.find(qn("w:tabs")) if ppr is not None else None
            if tabs is not None:
                ppr.remove(tabs)
        fmt = normal.paragraph_format
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.line_spacing = 1.0
        fmt.alignment = JUSTIFY
        fmt.first_line_indent = FIRST_LINE_INDENT
        fmt.widow_control = True

    # -- paragraphs ------------------------------------------------------------------------

    def p(
        self,
        text: str,
        *,
        bold: bool = False,
        align: WD_ALIGN_PARAGRAPH = JUSTIFY,
        indent: bool = True,
        before: float = 0,
        after: float = 0,
        keep_next: bool = False,
        where: DocumentObject | _Cell | None = None,
    ) -> Paragraph:
        """Add a paragraph written as one run (tags inside stay whole)."""
        container = where if where is not None else self.doc
        paragraph = container.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.alignment = align
        fmt.first_line_indent = FIRST_LINE_INDENT if indent else Cm(0)
        fmt.space_before, fmt.space_after = Pt(before), Pt(after)
        if keep_next:
            fmt.keep_with_next = True
        if text:
            paragraph.add_run(text).bold = bold or None
        return paragraph

    def tag(self, tag: str) -> None:
        """Add a paragraph holding only a paragraph tag: ``{%p ... %}``."""
        if not (tag.startswith("{%p ") and tag.endswith(" %}")):
            raise ValueError(f"not a paragraph tag: {tag}")
        self.p(tag, indent=False, align=LEFT)

    def heading(self, text: str) -> None:
        """Add a section word: УСТАНОВИЛ(А):, ПОСТАНОВИЛ(А):, ТРЕБУЮ:."""
        self.p(text, bold=True, align=CENTER, indent=False, before=12, after=12, keep_next=True)

    def title(self, *lines: str) -> None:
        """Add the act's title: the first line bold capitals, the rest under it."""
        for n, line in enumerate(lines):
            self.p(
                line,
                bold=True,
                align=CENTER,
                indent=False,
                before=12 if n == 0 else 0,
                after=12 if n == len(lines) - 1 else 0,
                keep_next=True,
            )

    def numbered(self, loop: str, item: str) -> None:
        """Add a list: ``loop`` is the for-tag, ``item`` the text of each element."""
        self.tag(loop)
        self.p(item)
        self.tag("{%p endfor %}")

    def violations(self) -> None:
        """Add the violations of an act of supervision, each with its norms and damage (p. 9)."""
        words = COMMON[self.lang]
        self.p(words["violations"], keep_next=True)
        self.tag("{%p for v in violations %}")
        self.p("{{ v.n }}. {{ v.essence }}")
        self.p(words["norms"])
        self.tag("{%p if v.damage %}")
        self.p(words["damage"])
        self.tag("{%p endif %}")
        self.tag("{%p endfor %}")

    # -- fixed blocks ----------------------------------------------------------------------

    def letterhead(self) -> None:
        """Add the office's name in Kazakh (left) and Russian (right) above a line."""
        table = self.doc.add_table(rows=1, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        _table_borders(table._tbl, bottom=True)
        half = Emu(TEXT_WIDTH // 2)
        _column_widths(table, half, half)
        for cell, text in zip(
            table.rows[0].cells, ("{{ office.kk }}", "{{ office.ru }}"), strict=True
        ):
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            paragraph = cell.paragraphs[0]
            fmt = paragraph.paragraph_format
            fmt.alignment = CENTER
            fmt.first_line_indent = Cm(0)
            fmt.space_after = Pt(6)
            paragraph.add_run(text).bold = True
        self.p("", indent=False, after=6)

    def date_line(self) -> None:
        """Add the date (left) and the number (right), and the place under them."""
        paragraph = self.p("{{ date }}", indent=False, align=LEFT)
        paragraph.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
        paragraph.add_run("\t")
        paragraph.add_run("№ {{ number }}")
        self.p("{{ place }}", indent=False, align=LEFT, after=12)

    def addressee(self, *lines: str) -> None:
        """Add the addressee block at the top right."""
        for n, line in enumerate(lines):
            paragraph = self.p(line, bold=True, indent=False, align=LEFT)
            paragraph.paragraph_format.left_indent = ADDRESSEE_INDENT
            if n == len(lines) - 1:
                paragraph.paragraph_format.space_after = Pt(12)

    def signature(self) -> None:
        """Add the signature: position and class rank on the left, the name on the right."""
        self.p("", indent=False, before=12)
        table = self.doc.add_table(rows=1, cols=2)
        table.autofit = False
        _table_borders(table._tbl, bottom=False)
        _column_widths(table, Cm(10.5), Emu(TEXT_WIDTH - Cm(10.5)))
        left, right = table.rows[0].cells
        left.paragraphs[0].paragraph_format.first_line_indent = Cm(0)
        left.paragraphs[0].paragraph_format.alignment = LEFT
        left.paragraphs[0].add_run("{{ signer.position }}").bold = True
        self.tag_in(left, "{%p if signer.rank %}")
        self.p("{{ signer.rank }}", bold=True, indent=False, align=LEFT, where=left)
        self.tag_in(left, "{%p endif %}")
        right.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
        name = right.paragraphs[0]
        name.paragraph_format.first_line_indent = Cm(0)
        name.paragraph_format.alignment = RIGHT
        name.add_run("{{ signer.name }}").bold = True

    def tag_in(self, cell: _Cell, tag: str) -> None:
        self.p(tag, indent=False, align=LEFT, where=cell)

    def footer(self) -> None:
        """Add the footer: the act number on the left, the page number on the right."""
        footer = self.doc.sections[0].footer
        paragraph = footer.paragraphs[0]
        fmt = paragraph.paragraph_format
        fmt.first_line_indent = Cm(0)
        fmt.alignment = LEFT
        fmt.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
        paragraph.add_run("№ {{ number }}").font.size = Pt(10)
        paragraph.add_run("\t").font.size = Pt(10)
        _page_field(paragraph)

    def save(self, path: Path) -> None:
        self.footer()
        path.parent.mkdir(parents=True, exist_ok=True)
        self.doc.save(str(path))


def _set_fonts(fonts: BaseOxmlElement) -> None:
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)


def _column_widths(table: Table, *widths: Length) -> None:
    """Fix the widths of a table's columns (the grid and every cell, for Word and LibreOffice)."""
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
        column.w = width
    table_width = table._tbl.tblPr.find(qn("w:tblW"))
    if table_width is not None:
        table_width.set(qn("w:type"), "dxa")
        table_width.set(qn("w:w"), str(sum(width.twips for width in widths)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _table_borders(tbl: CT_Tbl, *, bottom: bool) -> None:
    """Make a table borderless, with a line under it when ``bottom``."""
    tbl_pr = tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        border = OxmlElement(f"w:{side}")
        if side == "bottom" and bottom:
            border.set(qn("w:val"), "thickThinSmallGap")
            border.set(qn("w:sz"), "18")
            border.set(qn("w:space"), "0")
            border.set(qn("w:color"), "auto")
        else:
            border.set(qn("w:val"), "nil")
        borders.append(border)
    # CT_TblPr is a sequence: tblBorders goes before these, or Word reports the file damaged.
    successors = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption")
    following = [child for name in successors if (child := tbl_pr.find(qn(name))) is not None]
    if following:
        following[0].addprevious(borders)
    else:
        tbl_pr.append(borders)


def _page_field(paragraph: Paragraph) -> None:
    """Append a PAGE field (Word and LibreOffice fill in the page number)."""

    def run_with(child: BaseOxmlElement) -> None:
        run = paragraph.add_run()
        run.font.size = Pt(10)
        run._r.append(child)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    run_with(instruction)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    paragraph.add_run("1").font.size = Pt(10)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


# ---------------------------------------------------------------------------------------------
# The acts. Each function writes one act in one language; the words of both languages sit side
# by side in the dictionary ``w`` so that the two templates keep the same structure.
# ---------------------------------------------------------------------------------------------
# The Kazakh sentences on approvals by the GPO, p. 55-1, the inspection an ORM serves, the
# declaration of an emergency and the moment an examination was ordered are drafted here (see
# docs/legal-readings.md, "Kazakh wording"), not taken from a published form.


def proverka(b: Builder) -> None:
    """Resolution on an inspection, p. 5–8, 8-1 (and 55-1, 84 enforced by the model)."""
    w = {
        "ru": {
            "title": "ПОСТАНОВЛЕНИЕ\nо производстве проверки",
            "basis": "Основание проверки: {{ basis }}.",
            "p55_1": "Обращение не может быть разрешено без проведения проверки (пункт 55-1 "
            "Инструкции): {{ appeal_needs_inspection }}",
            "operative": f"На основании изложенного, {GUIDED_BY_LAW['ru']}, пунктами 5–8 "
            f"{INSTRUCTION['ru']},",
            "order": "1. Провести проверку.",
            "subject": "Проверяемый субъект: {{ subject.name }} ({{ subject.kind }}).",
            "topic": "Предмет проверки: {{ topic }}",
            "term": "2. Срок проведения проверки: с {{ start }} по {{ end }}.",
            "extension": "Продление срока проверки согласовано с вышестоящим прокурором: "
            "{{ extension }}.",
            "gpo": "Проверка согласована с Генеральной прокуратурой Республики Казахстан: "
            "{{ gpo_approval }}.",
            "inspectors": "3. Состав лиц, проводящих проверку:",
            "p8": "4. Независимо от тематики проверки особое внимание уделить применению "
            "законодательства о противодействии коррупции и законности правовых актов "
            "государственных органов (пункт 8 Инструкции).",
            "p8_1": "5. Копию справки, подготовленной по результатам проверки, вручить "
            "руководителю проверяемого субъекта для ознакомления (пункт 8-1 Инструкции).",
            "p6": "6. До начала проверки ознакомить с настоящим постановлением руководителя "
            "проверяемого субъекта (пункт 6 Инструкции).",
            "acquainted": "С постановлением ознакомлен(а):",
            "sign": "_______________________ (подпись)",
            "date": "«____» _______________ 20____ года",
        },
        "kk": {
            "title": "ҚАУЛЫ\nтексеру тағайындау туралы",
            "basis": "Тексеру негізі: {{ basis }}.",
            "p55_1": "Өтінішті тексеру жүргізбей шешу мүмкін емес (Нұсқаулықтың 55-1-тармағы): "
            "{{ appeal_needs_inspection }}",
            "operative": f"Баяндалғанның негізінде, {GUIDED_BY_LAW['kk']}, {INSTRUCTION['kk']} "
            "5–8-тармақтарын басшылыққа ала отырып,",
            "order": "1. Тексеру жүргізілсін.",
            "subject": "Тексерілетін субъект: {{ subject.name }} ({{ subject.kind }}).",
            "topic": "Тексерудің мәні: {{ topic }}",
            "term": "2. Тексеру жүргізу мерзімі: басталуы – {{ start }}, аяқталуы – {{ end }}.",
            "extension": "Тексеру мерзімін ұзарту жоғары тұрған прокурормен келісілген: "
            "{{ extension }}.",
            "gpo": "Тексеру Қазақстан Республикасының Бас прокуратурасымен келісілген: "
            "{{ gpo_approval }}.",
            "inspectors": "3. Тексеруді жүргізетін адамдардың құрамы:",
            "p8": "4. Тексерудің тақырыбына қарамастан сыбайлас жемқорлыққа қарсы іс-қимыл "
            "туралы заңнаманың қолданылуына және мемлекеттік органдардың құқықтық "
            "актілерінің заңдылығына ерекше назар аударылсын (Нұсқаулықтың 8-тармағы).",
            "p8_1": "5. Тексеру нәтижелері бойынша дайындалған анықтаманың көшірмесі танысу "
            "үшін тексерілетін субъектінің басшысына табыс етілсін (Нұсқаулықтың "
            "8-1-тармағы).",
            "p6": "6. Тексерілетін субъектінің басшысы тексеру басталғанға дейін осы қаулымен "
            "таныстырылсын (Нұсқаулықтың 6-тармағы).",
            "acquainted": "Қаулымен таныстым:",
            "sign": "_______________________ (қолы)",
            "date": "20____ жылғы «____» _______________",
        },
    }[b.lang]
    words = COMMON[b.lang]
    b.letterhead()
    b.title(*w["title"].split("\n"))
    b.date_line()
    b.p(words["preamble"])
    b.heading(words["found"])
    b.p("{{ findings }}")
    b.p(w["basis"])
    b.p("{{ basis_details }}")
    b.tag("{%p if appeal_needs_inspection %}")
    b.p(w["p55_1"])
    b.tag("{%p endif %}")
    b.p(w["operative"], before=6)
    b.heading(words["resolved"])
    b.p(w["order"])
    b.p(w["subject"])
    b.p(w["topic"])
    b.p(w["term"])
    b.tag("{%p if extension %}")
    b.p(w["extension"])
    b.tag("{%p endif %}")
    b.tag("{%p if gpo_approval %}")
    b.p(w["gpo"])
    b.tag("{%p endif %}")
    b.p(w["inspectors"], keep_next=True)
    b.numbered("{%p for i in inspectors %}", "– {{ i.position }} {{ i.name }}{{ i.end }}")
    b.p(w["p8"])
    b.p(w["p8_1"])
    b.p(w["p6"])
    b.signature()
    b.p("", indent=False, before=12)
    b.p(w["acquainted"], bold=True, indent=False, align=LEFT, keep_next=True)
    b.p("{{ subject.head_position }}", indent=False, align=LEFT, keep_next=True)
    b.p("{{ subject.head_name }}", indent=False, align=LEFT, keep_next=True)
    b.p(w["sign"], indent=False, align=LEFT, before=12, keep_next=True)
    b.p(w["date"], indent=False, align=LEFT, before=6)


def ekspertiza(b: Builder) -> None:
    """Resolution ordering an expert examination: every element of p. 26."""
    w = {
        "ru": {
            "title": "ПОСТАНОВЛЕНИЕ\nо назначении экспертизы",
            "when": "Время и место вынесения постановления: {{ time }}, {{ place }}.",
            "grounds": "Основания назначения экспертизы: {{ grounds }}",
            "necessity": "Необходимость специальных научных знаний: {{ necessity }}",
            "facts": "Сведения, содержащиеся в материалах проверки, на которых могут "
            "основываться выводы эксперта: {{ facts }}",
            "operative": f"На основании изложенного, {GUIDED_BY_LAW['ru']}, пунктом 26 "
            f"{INSTRUCTION['ru']},",
            "order": "1. Назначить экспертизу. Вид экспертизы: {{ expertise_kind }}.",
            "expert": "2. Орган судебной экспертизы (эксперт), которому поручается производство "
            "экспертизы: {{ expert }}.",
            "questions": "3. Поставить перед экспертом следующие вопросы:",
            "objects": "4. Направить на экспертизу следующие объекты:",
            "materials": "5. Предоставить в распоряжение эксперта следующие материалы:",
            "rights": "6. Разъяснить эксперту права и обязанности, предусмотренные "
            "законодательством о судебно-экспертной деятельности, и предупредить его об "
            "ответственности за дачу заведомо ложного заключения.",
            "free": "Экспертиза проводится бесплатно и согласования не требует (пункт 26 "
            "Инструкции).",
            "approval": "Назначение экспертизы согласовано (пункт 26 Инструкции): {{ approval }}.",
            "urgent": "Экспертиза назначена в порядке, не терпящем отлагательства "
            "(согласование в течение 24 часов).",
        },
        "kk": {
            "title": "ҚАУЛЫ\nсараптама тағайындау туралы",
            "when": "Қаулының шығарылған уақыты мен орны: {{ time }}, {{ place }}.",
            "grounds": "Сараптама тағайындаудың негіздері: {{ grounds }}",
            "necessity": "Арнайы ғылыми білімнің қажеттілігі: {{ necessity }}",
            "facts": "Тексеру материалдарындағы сарапшының қорытындылары негізделуі мүмкін "
            "мәліметтер: {{ facts }}",
            "operative": f"Баяндалғанның негізінде, {GUIDED_BY_LAW['kk']}, {INSTRUCTION['kk']} "
            "26-тармағын басшылыққа ала отырып,",
            "order": "1. Сараптама тағайындалсын. Сараптаманың түрі: {{ expertise_kind }}.",
            "expert": "2. Сараптама жүргізу тапсырылатын сот сараптамасы органы (сарапшы): "
            "{{ expert }}.",
            "questions": "3. Сарапшының алдына мынадай сұрақтар қойылсын:",
            "objects": "4. Сараптамаға мынадай объектілер жіберілсін:",
            "materials": "5. Сарапшының қарамағына мынадай материалдар берілсін:",
            "rights": "6. Сарапшыға сот-сараптама қызметі туралы заңнамада көзделген "
            "құқықтары мен міндеттері түсіндірілсін және көрінеу жалған қорытынды бергені "
            "үшін жауаптылық туралы ескертілсін.",
            "free": "Сараптама тегін жүргізіледі және келісуді қажет етпейді (Нұсқаулықтың "
            "26-тармағы).",
            "approval": "Сараптама тағайындау келісілген (Нұсқаулықтың 26-тармағы): "
            "{{ approval }}.",
            "urgent": "Сараптама кейінге қалдыруға болмайтын тәртіппен тағайындалды (келісу "
            "24 сағат ішінде).",
        },
    }[b.lang]
    words = COMMON[b.lang]
    b.letterhead()
    b.title(*w["title"].split("\n"))
    b.date_line()
    b.p(w["when"])
    b.p(words["preamble"])
    b.heading(words["found"])
    b.p(words["inspection"])
    b.p(w["grounds"])
    b.p(w["necessity"])
    b.p(w["facts"])
    b.p(w["operative"], before=6)
    b.heading(words["resolved"])
    b.p(w["order"])
    b.p(w["expert"])
    b.p(w["questions"], keep_next=True)
    b.numbered("{%p for q in questions %}", "3.{{ q.n }}. {{ q.text }}")
    b.p(w["objects"], keep_next=True)
    b.numbered("{%p for o in objects %}", "4.{{ o.n }}. {{ o.text }}")
    b.p(w["materials"], keep_next=True)
    b.numbered("{%p for m in materials %}", "5.{{ m.n }}. {{ m.text }}")
    b.p(w["rights"])
    b.tag("{%p if free_of_charge %}")
    b.p(w["free"], before=6)
    b.tag("{%p endif %}")
    b.tag("{%p if approval %}")
    b.p(w["approval"], before=6)
    b.tag("{%p endif %}")
    b.tag("{%p if urgent %}")
    b.p(w["urgent"])
    b.tag("{%p endif %}")
    b.signature()


def orm(b: Builder) -> None:
    """Resolution on operational search measures: every element of p. 25."""
    w = {
        "ru": {
            "title": "ПОСТАНОВЛЕНИЕ\nо проведении оперативно-розыскных мероприятий",
            "order": "Проверка проводится на основании постановления о производстве проверки "
            "{{ inspection_order.date }} № {{ inspection_order.number }}.",
            "inspection_start": "Проверка начата {{ inspection_order.start }}.",
            "inspection_end": "Срок проверки истекает {{ inspection_order.end }}.",
            "grounds": "Основания проведения оперативно-розыскных мероприятий: {{ grounds }}",
            "necessity": "Иных возможностей для выявления скрытых нарушений закона, имеющих "
            "существенное значение для проверки, не имеется: {{ necessity }}",
            "operative": f"На основании изложенного, {GUIDED_BY_LAW['ru']}, пунктом 25 "
            f"{INSTRUCTION['ru']},",
            "body": "1. Компетентный орган, которому поручается проведение оперативно-розыскных "
            "мероприятий: {{ competent_body }}.",
            "subjects": "2. Круг проверяемых субъектов:",
            "term": "3. Срок проведения оперативно-розыскных мероприятий: с {{ term_start }} "
            "по {{ term_end }}.",
            "form": "4. Форма предоставления полученных результатов: {{ results_form }}",
        },
        "kk": {
            "title": "ҚАУЛЫ\nжедел-іздестіру іс-шараларын жүргізу туралы",
            "order": "Тексеру {{ inspection_order.date }} № {{ inspection_order.number }} "
            "тексеру тағайындау туралы қаулы негізінде жүргізіледі.",
            "inspection_start": "Тексеру {{ inspection_order.start }} басталды.",
            "inspection_end": "Тексеру мерзімі {{ inspection_order.end }} аяқталады.",
            "grounds": "Жедел-іздестіру іс-шараларын жүргізудің негіздері: {{ grounds }}",
            "necessity": "Тексеру үшін елеулі маңызы бар жасырын заң бұзушылықтарды анықтаудың "
            "өзге мүмкіндіктері жоқ: {{ necessity }}",
            "operative": f"Баяндалғанның негізінде, {GUIDED_BY_LAW['kk']}, {INSTRUCTION['kk']} "
            "25-тармағын басшылыққа ала отырып,",
            "body": "1. Жедел-іздестіру іс-шараларын жүргізу тапсырылатын құзыретті орган: "
            "{{ competent_body }}.",
            "subjects": "2. Тексерілетін субъектілердің шеңбері:",
            "term": "3. Жедел-іздестіру іс-шараларын жүргізу мерзімі: басталуы – "
            "{{ term_start }}, аяқталуы – {{ term_end }}.",
            "form": "4. Алынған нәтижелерді ұсыну нысаны: {{ results_form }}",
        },
    }[b.lang]
    words = COMMON[b.lang]
    b.letterhead()
    b.title(*w["title"].split("\n"))
    b.date_line()
    b.p(words["preamble"])
    b.heading(words["found"])
    b.p(words["inspection"])
    b.p(w["order"])
    b.tag("{%p if inspection_order.start %}")
    b.p(w["inspection_start"])
    b.tag("{%p endif %}")
    b.tag("{%p if inspection_order.end %}")
    b.p(w["inspection_end"])
    b.tag("{%p endif %}")
    b.p(w["grounds"])
    b.p(w["necessity"])
    b.p(w["operative"], before=6)
    b.heading(words["resolved"])
    b.p(w["body"])
    b.p(w["subjects"], keep_next=True)
    b.numbered("{%p for s in subjects %}", "2.{{ s.n }}. {{ s.text }}")
    b.p(w["term"])
    b.p(w["form"])
    b.signature()


def _supervision_addressee(b: Builder) -> None:
    # Russian letters name the position, then the organisation; Kazakh ones the organisation
    # (genitive) first, then the position, then the name (dative).
    if b.lang == "kk":
        b.addressee(
            "{{ addressee.organization }}", "{{ addressee.position }}", "{{ addressee.name }}"
        )
    else:
        b.addressee(
            "{{ addressee.position }}", "{{ addressee.organization }}", "{{ addressee.name }}"
        )


def predpisanie(b: Builder) -> None:
    """Predpisanie: p. 9–12, 28 and art. 24 of the Law."""
    w = {
        "ru": {
            "title": "ПРЕДПИСАНИЕ\nоб устранении нарушений закона",
            "act": f"Предписание вносится в связи с правовым актом: {CITED_ACT['ru']}.",
            "criteria": "Выявленные нарушения закона отвечают совокупности признаков, "
            f"предусмотренных статьёй 24 {LAW['ru']} и пунктом 11 {INSTRUCTION['ru']}:",
            "explicit": "1) нарушение носит явный характер: {{ criteria.explicit }}",
            "harm": "2) нарушение может причинить существенный вред правам и свободам человека "
            "и гражданина, а также охраняемым законом интересам юридических лиц, общества и "
            "государства: {{ criteria.substantial_harm }}",
            "immediate": "3) нарушение требует незамедлительного устранения: "
            "{{ criteria.immediate_elimination }}",
            "operative": "На основании изложенного, руководствуясь статьёй 24 Закона Республики "
            "Казахстан «О прокуратуре», пунктами 9–12 Инструкции,",
            "demands": "1. Устранить нарушения закона:",
            "liability_n": "2. ",
            "deadline": "3. Срок исполнения предписания: {{ deadline }}. О результатах "
            "исполнения сообщить прокурору в письменной форме.",
            "p12": "В случае неисполнения предписания в добровольном порядке оно будет "
            "обращено к принудительному исполнению, за исключением случаев принудительного "
            "лишения имущества (пункт 12 Инструкции).",
            "p28": "Предупреждаю, что невыполнение предписания прокурора влечёт установленную "
            "законом административную ответственность (пункт 28 Инструкции).",
        },
        "kk": {
            "title": "ҰЙҒАРЫМ\nзаң бұзушылықтарды жою туралы",
            "act": f"Ұйғарым мына құқықтық актіге байланысты енгізіледі: {CITED_ACT['kk']}.",
            "criteria": f"Анықталған заң бұзушылықтар {LAW['kk']} 24-бабында және "
            f"{INSTRUCTION['kk']} 11-тармағында көзделген белгілердің жиынтығына сәйкес келеді:",
            "explicit": "1) заң бұзушылық анық сипатта болады: {{ criteria.explicit }}",
            "harm": "2) заң бұзушылық адам мен азаматтың құқықтары мен бостандықтарына, сондай-ақ "
            "заңды тұлғалардың, қоғам мен мемлекеттің заңмен қорғалатын мүдделеріне елеулі "
            "зиян келтіруі мүмкін: {{ criteria.substantial_harm }}",
            "immediate": "3) заң бұзушылық дереу жоюды талап етеді: "
            "{{ criteria.immediate_elimination }}",
            "operative": "Баяндалғанның негізінде, Қазақстан Республикасының «Прокуратура "
            "туралы» Заңының 24-бабын, Нұсқаулықтың 9–12-тармақтарын басшылыққа ала отырып,",
            "demands": "1. Заң бұзушылықтар жойылсын:",
            "liability_n": "2. ",
            "deadline": "3. Ұйғарымды орындау мерзімі: {{ deadline }}. Орындау нәтижелері "
            "туралы прокурорға жазбаша хабарлансын.",
            "p12": "Ұйғарым ерікті түрде орындалмаған жағдайда, мүлікті мәжбүрлеп алып қою "
            "жағдайларын қоспағанда, ол мәжбүрлеп орындауға жіберіледі (Нұсқаулықтың "
            "12-тармағы).",
            "p28": "Прокурордың ұйғарымын орындамау заңда белгіленген әкімшілік жауаптылыққа "
            "әкеп соғатыны туралы ескертемін (Нұсқаулықтың 28-тармағы).",
        },
    }[b.lang]
    words = COMMON[b.lang]
    b.letterhead()
    b.date_line()
    _supervision_addressee(b)
    b.title(*w["title"].split("\n"))
    b.heading(words["found"])
    b.p("{{ findings }}")
    b.tag("{%p if has_act %}")
    b.p(w["act"])
    b.p(words["character"])
    if ACT_BODY[b.lang]:
        b.p(ACT_BODY[b.lang])
    b.tag("{%p if act.registration %}")
    b.p(words["registration"])
    b.tag("{%p endif %}")
    b.tag("{%p endif %}")
    b.violations()
    b.p(w["criteria"], keep_next=True)
    b.p(w["explicit"])
    b.p(w["harm"])
    b.p(w["immediate"])
    b.p(words["consequences"])
    b.p(words["causes"])
    b.p(w["operative"], before=6)
    b.heading(words["demand"])
    b.p(w["demands"], keep_next=True)
    b.numbered("{%p for d in demands %}", "1.{{ d.n }}. {{ d.text }}")
    b.p(w["liability_n"] + "{{ liability }}")
    b.p(w["deadline"])
    b.p(w["p12"], before=6)
    b.p(w["p28"])
    b.signature()


def protest(b: Builder) -> None:
    """Protest: p. 9, 10, 13–17 and the Law's 10-day consideration."""
    w = {
        "ru": {
            "title": "ПРОТЕСТ",
            "act": f"Опротестовываемый акт: {CITED_ACT['ru']}.",
            "harm": "Существенный вред, причиняемый применением акта: {{ substantial_harm }}",
            "operative": f"На основании изложенного, {GUIDED_BY_LAW['ru']}, пунктами 9, "
            f"13–17 {INSTRUCTION['ru']},",
            "demand": "1. {{ demand }}.",
            "suspension": "Приостановить действие опротестованного акта до рассмотрения "
            "настоящего протеста{{ suspension_ground }}.",
            "demands": "2. Устранить нарушения закона:",
            "liability_n": "3. ",
            "consider": "Протест подлежит рассмотрению в десятидневный срок со дня его "
            "поступления. О дате и результатах рассмотрения протеста сообщить прокурору в "
            "письменной форме.",
            "media": "Настоящий протест, приостанавливающий действие нормативного правового "
            "акта, подлежит опубликованию в средствах массовой информации (пункт 17 "
            "Инструкции).",
        },
        "kk": {
            "title": "НАРАЗЫЛЫҚ",
            "act": f"Наразылық келтірілетін акт: {CITED_ACT['kk']}.",
            "harm": "Актіні қолданудан келтірілетін елеулі зиян: {{ substantial_harm }}",
            "operative": f"Баяндалғанның негізінде, {GUIDED_BY_LAW['kk']}, {INSTRUCTION['kk']} 9, "
            "13–17-тармақтарын басшылыққа ала отырып,",
            "demand": "1. {{ demand }}.",
            "suspension": "Наразылық қаралғанға дейін наразылық келтірілген актінің "
            "қолданылуы тоқтатыла тұрсын{{ suspension_ground }}.",
            "demands": "2. Заң бұзушылықтар жойылсын:",
            "liability_n": "3. ",
            "consider": "Наразылық келіп түскен күннен бастап он күндік мерзімде қаралуға жатады. "
            "Наразылықты қарау күні мен нәтижесі туралы прокурорға жазбаша хабарлансын.",
            "media": "Нормативтік құқықтық актінің қолданылуын тоқтата тұратын осы наразылық "
            "бұқаралық ақпарат құралдарында жариялануға жатады (Нұсқаулықтың 17-тармағы).",
        },
    }[b.lang]
    words = COMMON[b.lang]
    b.letterhead()
    b.date_line()
    _supervision_addressee(b)
    b.title(*w["title"].split("\n"))
    b.p(w["act"])
    b.p(words["character"])
    if ACT_BODY[b.lang]:
        b.p(ACT_BODY[b.lang])
    b.tag("{%p if act.registration %}")
    b.p(words["registration"])
    b.tag("{%p endif %}")
    b.heading(words["found"])
    b.p("{{ findings }}")
    b.violations()
    b.tag("{%p if substantial_harm %}")
    b.p(w["harm"])
    b.tag("{%p endif %}")
    b.p(words["consequences"])
    b.p(words["causes"])
    b.p(w["operative"], before=6)
    b.heading(words["demand"])
    b.p(w["demand"])
    b.tag("{%p if suspension %}")
    b.p(w["suspension"])
    b.tag("{%p endif %}")
    b.p(w["demands"], keep_next=True)
    b.numbered("{%p for d in demands %}", "2.{{ d.n }}. {{ d.text }}")
    b.p(w["liability_n"] + "{{ liability }}")
    b.p(w["consider"], before=6)
    b.tag("{%p if publish_in_media %}")
    b.p(w["media"])
    b.tag("{%p endif %}")
    b.signature()


def specsoobshchenie(b: Builder) -> None:
    """Special message to the General Prosecutor's Office: p. 81, 86, 91."""
    w = {
        "ru": {
            "to": "Генеральной прокуратуре\nРеспублики Казахстан",
            "title": "СПЕЦСООБЩЕНИЕ",
            "intro": f"В соответствии с пунктом {{{{ paragraph }}}} {INSTRUCTION['ru']}, "
            "сообщаю о следующем.",
            "kind": "Вид события: {{ event_kind }}.",
            "at": "Дата и время события: {{ event_at }}.",
            "declared": "Чрезвычайная ситуация объявлена {{ declared_at }}: {{ declared_by }}.",
            "place": "Место события: {{ event_place }}.",
            "description": "Обстоятельства события: {{ event_description }}",
            "consequences": "Последствия: {{ consequences }}",
            "measures": "Принятые прокурором меры: {{ measures_taken }}",
            "replacing": "Ввиду значительной отдалённости транспортной прокуратуры на место "
            "происшествия выехал территориальный прокурор; все первоначально собранные "
            "материалы проверки будут переданы соответствующему транспортному прокурору (пункт "
            "81 Инструкции).",
            "expertise": "Назначена экспертиза: {{ expertise }}",
            "expertise_at": "Дата и время назначения экспертизы: {{ expertise_ordered_at }}.",
            "expertise_delay": "Причина назначения экспертизы позднее 24 часов с момента "
            "обнаружения литературы: {{ expertise_delay_reason }}",
            "delay": "Причина направления сообщения позднее 24 часов: {{ delay_reason }}",
            "sent": "Дата и время направления сообщения: {{ sent_at }}.",
            "attachment": "Приложение: {{ attachment }}",
        },
        "kk": {
            "to": "Қазақстан Республикасының\nБас прокуратурасына",
            "title": "АРНАЙЫ ХАБАРЛАМА",
            "intro": f"{INSTRUCTION['kk']} {{{{ paragraph }}}}-тармағына сәйкес мынаны "
            "хабарлаймын.",
            "kind": "Оқиғаның түрі: {{ event_kind }}.",
            "at": "Оқиғаның болған күні мен уақыты: {{ event_at }}.",
            "declared": "Төтенше жағдай {{ declared_at }} жарияланды: {{ declared_by }}.",
            "place": "Оқиғаның болған орны: {{ event_place }}.",
            "description": "Оқиғаның мән-жайы: {{ event_description }}",
            "consequences": "Салдары: {{ consequences }}",
            "measures": "Прокурор қабылдаған шаралар: {{ measures_taken }}",
            "replacing": "Көлік прокуратурасының едәуір алыс орналасуына байланысты оқиға "
            "орнына аумақтық прокурор шықты; тексерудің алғашқы жиналған барлық материалдары "
            "тиісті көлік прокурорына беріледі (Нұсқаулықтың 81-тармағы).",
            "expertise": "Тағайындалған сараптама: {{ expertise }}",
            "expertise_at": "Сараптаманың тағайындалған күні мен уақыты: "
            "{{ expertise_ordered_at }}.",
            "expertise_delay": "Сараптаманың әдебиет анықталғаннан кейін 24 сағаттан кеш "
            "тағайындалу себебі: {{ expertise_delay_reason }}",
            "delay": "Хабарламаның 24 сағаттан кеш жіберілу себебі: {{ delay_reason }}",
            "sent": "Хабарламаның жіберілген күні мен уақыты: {{ sent_at }}.",
            "attachment": "Қосымша: {{ attachment }}",
        },
    }[b.lang]
    b.letterhead()
    b.date_line()
    b.addressee(*w["to"].split("\n"))
    b.title(*w["title"].split("\n"))
    b.p(w["intro"])
    b.p(w["kind"])
    b.p(w["at"])
    b.tag("{%p if declared_at %}")
    b.p(w["declared"])
    b.tag("{%p endif %}")
    b.p(w["place"])
    b.p(w["description"])
    b.tag("{%p if consequences %}")
    b.p(w["consequences"])
    b.tag("{%p endif %}")
    b.p(w["measures"])
    b.tag("{%p if replacing %}")
    b.p(w["replacing"])
    b.tag("{%p endif %}")
    b.tag("{%p if expertise %}")
    b.p(w["expertise"])
    b.tag("{%p endif %}")
    b.tag("{%p if expertise_ordered_at %}")
    b.p(w["expertise_at"])
    b.tag("{%p endif %}")
    b.tag("{%p if expertise_delay_reason %}")
    b.p(w["expertise_delay"])
    b.tag("{%p endif %}")
    b.tag("{%p if delay_reason %}")
    b.p(w["delay"])
    b.tag("{%p endif %}")
    b.p(w["sent"])
    b.tag("{%p if attachment %}")
    b.p(w["attachment"], before=12, indent=False)
    b.tag("{%p endif %}")
    b.signature()


# The five acts below (spravka, priostanovlenie, reshenie-vyshestoyashchego, otmena-mer,
# sankciya) take their Kazakh act names and operative words from the Law «Прокуратура туралы»
# of 1995 where it names them (наразылық, қаулы, тоқтата тұру); the rest of their Kazakh
# sentences are drafted here (docs/legal-readings.md, "Kazakh wording").


def spravka(b: Builder) -> None:
    """Certificate on the results of an inspection: p. 6, 8, 8-1, 9."""
    w = {
        "ru": {
            "title": "СПРАВКА\nпо результатам проверки",
            "order": "Проверка проведена на основании постановления о производстве проверки "
            "{{ inspection_order.date }} № {{ inspection_order.number }} в срок с "
            "{{ inspection_order.start }} по {{ inspection_order.end }}.",
            "subject": "Проверяемый субъект: {{ subject }}.",
            "topic": "Предмет проверки: {{ topic }}",
            "found": "Проверкой установлено:",
            "p8": "Независимо от тематики проверки (пункт 8 Инструкции) проверены:",
            "anticorruption": "применение законодательства о противодействии коррупции: "
            "{{ anticorruption }}",
            "legal_acts": "законность правовых актов государственных органов: {{ legal_acts }}",
            "none": "Нарушений законности проверкой не выявлено.",
            "proposals": "Предлагается:",
            "liability": "Вопрос об ответственности виновных лиц: {{ liability }}",
            "handover": "Копия справки вручена руководителю проверяемого субъекта для "
            "ознакомления (пункт 8-1 Инструкции):",
            "sign": "_______________________ (подпись)",
            "date": "«____» _______________ 20____ года",
        },
        "kk": {
            "title": "Тексеру нәтижелері бойынша\nАНЫҚТАМА",
            "order": "Тексеру {{ inspection_order.date }} № {{ inspection_order.number }} "
            "тексеру тағайындау туралы қаулының негізінде {{ inspection_order.start }} бастап "
            "{{ inspection_order.end }} дейінгі мерзімде жүргізілді.",
            "subject": "Тексерілетін субъект: {{ subject }}.",
            "topic": "Тексерудің мәні: {{ topic }}",
            "found": "Тексерумен анықталды:",
            "p8": "Тексерудің тақырыбына қарамастан (Нұсқаулықтың 8-тармағы) мыналар тексерілді:",
            "anticorruption": "сыбайлас жемқорлыққа қарсы іс-қимыл туралы заңнаманың "
            "қолданылуы: {{ anticorruption }}",
            "legal_acts": "мемлекеттік органдардың құқықтық актілерінің заңдылығы: "
            "{{ legal_acts }}",
            "none": "Тексерумен заңдылықты бұзушылықтар анықталған жоқ.",
            "proposals": "Ұсынылады:",
            "liability": "Кінәлі адамдардың жауаптылығы туралы мәселе: {{ liability }}",
            "handover": "Анықтаманың көшірмесі танысу үшін тексерілетін субъектінің басшысына "
            "табыс етілді (Нұсқаулықтың 8-1-тармағы):",
            "sign": "_______________________ (қолы)",
            "date": "20____ жылғы «____» _______________",
        },
    }[b.lang]
    words = COMMON[b.lang]
    b.letterhead()
    b.title(*w["title"].split("\n"))
    b.date_line()
    b.p(w["order"])
    b.p(w["subject"])
    b.p(w["topic"])
    b.p(w["found"], bold=True, before=6, keep_next=True)
    b.p("{{ findings }}")
    b.p(w["p8"], keep_next=True)
    b.p(w["anticorruption"])
    b.p(w["legal_acts"])
    b.tag("{%p if violations_found %}")
    b.violations()
    b.p(words["consequences"])
    b.p(words["causes"])
    b.p(w["proposals"], keep_next=True)
    b.numbered("{%p for d in proposals %}", "{{ d.n }}. {{ d.text }}")
    b.p(w["liability"])
    b.tag("{%p else %}")
    b.p(w["none"])
    b.tag("{%p endif %}")
    b.signature()
    b.p("", indent=False, before=12)
    b.p(w["handover"], bold=True, indent=False, align=LEFT, keep_next=True)
    b.p("{{ head.position }}", indent=False, align=LEFT, keep_next=True)
    b.p("{{ head.name }}", indent=False, align=LEFT, keep_next=True)
    b.p(w["sign"], indent=False, align=LEFT, before=12, keep_next=True)
    b.tag("{%p if handed_on %}")
    b.p("{{ handed_on }}", indent=False, align=LEFT, before=6)
    b.tag("{%p else %}")
    b.p(w["date"], indent=False, align=LEFT, before=6)
    b.tag("{%p endif %}")


def priostanovlenie(b: Builder) -> None:
    """Resolution suspending a legal act: p. 14 (rejected protest), 15 (unregistered), 17."""
    w = {
        "ru": {
            "title": "ПОСТАНОВЛЕНИЕ\nо приостановлении действия правового акта",
            "act": f"Правовой акт: {CITED_ACT['ru']}.",
            "harm": "Применение акта влечёт существенный вред: {{ substantial_harm }}",
            "protest": "На акт принесён протест {{ protest.date }} № {{ protest.number }} с "
            "требованием о приостановлении его действия (пункт 14 Инструкции).",
            "rejection": "Протест отклонён {{ rejection.date }}: {{ rejection.decision }}",
            "unfounded": "Отклонение протеста необоснованно: {{ rejection.why_unfounded }}",
            "court": "Одновременно с вынесением настоящего постановления прокурор обратился в "
            "суд ({{ court.name }}) с заявлением {{ court.date }}.",
            "unregistered": "Нормативный правовой акт, подлежащий государственной регистрации, "
            "её не прошёл (пункт 15 Инструкции).",
            "operative": f"На основании изложенного, {GUIDED_BY_LAW['ru']}, "
            f"{{{{ ground_paragraph }}}} {INSTRUCTION['ru']},",
            "suspend_court": "1. Приостановить действие указанного правового акта до "
            "рассмотрения заявления прокурора судом.",
            "suspend_reg": "1. Приостановить действие указанного нормативного правового акта до "
            "его государственной регистрации либо отмены.",
            "notify": "2. Копию постановления направить органу, издавшему акт, для "
            "немедленного исполнения.",
            "media": "3. Настоящее постановление, приостанавливающее действие нормативного "
            "правового акта, подлежит опубликованию в средствах массовой информации (пункт 17 "
            "Инструкции).",
        },
        "kk": {
            "title": "ҚАУЛЫ\nқұқықтық актінің қолданылуын тоқтата тұру туралы",
            "act": f"Құқықтық акт: {CITED_ACT['kk']}.",
            "harm": "Актіні қолдану елеулі зиян келтіреді: {{ substantial_harm }}",
            "protest": "Актіге оның қолданылуын тоқтата тұру талабымен {{ protest.date }} "
            "№ {{ protest.number }} наразылық келтірілді (Нұсқаулықтың 14-тармағы).",
            "rejection": "Наразылық {{ rejection.date }} қабылданбады: {{ rejection.decision }}",
            "unfounded": "Наразылықтың қабылданбауы негізсіз: {{ rejection.why_unfounded }}",
            "court": "Осы қаулы шығарылумен бір мезгілде прокурор {{ court.date }} сотқа "
            "({{ court.name }}) арызбен жүгінді.",
            "unregistered": "Мемлекеттік тіркелуге жататын нормативтік құқықтық акт тіркелмеген "
            "(Нұсқаулықтың 15-тармағы).",
            "operative": f"Баяндалғанның негізінде, {GUIDED_BY_LAW['kk']}, {INSTRUCTION['kk']} "
            "{{ ground_paragraph }} басшылыққа ала отырып,",
            "suspend_court": "1. Көрсетілген құқықтық актінің қолданылуы прокурордың арызын сот "
            "қарағанға дейін тоқтатыла тұрсын.",
            "suspend_reg": "1. Көрсетілген нормативтік құқықтық актінің қолданылуы ол мемлекеттік "
            "тіркелгенге не жойылғанға дейін тоқтатыла тұрсын.",
            "notify": "2. Қаулының көшірмесі дереу орындау үшін актіні шығарған органға "
            "жіберілсін.",
            "media": "3. Нормативтік құқықтық актінің қолданылуын тоқтата тұратын осы қаулы "
            "бұқаралық ақпарат құралдарында жариялануға жатады (Нұсқаулықтың 17-тармағы).",
        },
    }[b.lang]
    words = COMMON[b.lang]
    b.letterhead()
    b.title(*w["title"].split("\n"))
    b.date_line()
    _supervision_addressee(b)
    b.p(words["preamble"])
    b.heading(words["found"])
    b.p(w["act"])
    b.p(words["character"])
    if ACT_BODY[b.lang]:
        b.p(ACT_BODY[b.lang])
    b.tag("{%p if act.registration %}")
    b.p(words["registration"])
    b.tag("{%p endif %}")
    b.p("{{ findings }}")
    b.tag("{%p if on_protest %}")
    b.p(w["harm"])
    b.p(w["protest"])
    b.p(w["rejection"])
    b.p(w["unfounded"])
    b.p(w["court"])
    b.tag("{%p else %}")
    b.p(w["unregistered"])
    b.tag("{%p endif %}")
    b.p(w["operative"], before=6)
    b.heading(words["resolved"])
    b.tag("{%p if on_protest %}")
    b.p(w["suspend_court"])
    b.tag("{%p else %}")
    b.p(w["suspend_reg"])
    b.tag("{%p endif %}")
    b.p(w["notify"])
    b.tag("{%p if publish_in_media %}")
    b.p(w["media"])
    b.tag("{%p endif %}")
    b.signature()


def reshenie_vyshestoyashchego(b: Builder) -> None:
    """Superior prosecutor's resolution on an act of supervision: p. 19."""
    w = {
        "ru": {
            "title": "ПОСТАНОВЛЕНИЕ\nвышестоящего прокурора по акту прокурорского надзора",
            "act": "Акт прокурорского надзора: {{ decided_act.kind }} {{ decided_act.date }} "
            "№ {{ decided_act.number }}, внесённый (вынесенный) {{ decided_act.issuer }} "
            "({{ decided_act.office }}), адресат: {{ decided_act.addressee }}.",
            "ground": "Основание (пункт 19 Инструкции): {{ ground }}.",
            "norms": "Акт противоречит следующим нормам:",
            "operative": f"На основании изложенного, {GUIDED_BY_LAW['ru']}, пунктом 19 "
            f"{INSTRUCTION['ru']},",
            "decision": "1. Указанный акт прокурорского надзора: {{ decision }}.",
            "suspend": "Действие акта приостанавливается до принятия окончательного решения.",
            "notify": "2. Копию постановления направить прокурору, вынесшему акт, и адресату акта.",
        },
        "kk": {
            "title": "Жоғары тұрған прокурордың прокурорлық қадағалау актісі бойынша\nҚАУЛЫСЫ",
            "act": "Прокурорлық қадағалау актісі: {{ decided_act.office }}, "
            "{{ decided_act.issuer }} шығарған {{ decided_act.date }} "
            "№ {{ decided_act.number }} {{ decided_act.kind }}, адресаты: "
            "{{ decided_act.addressee }}.",
            "ground": "Негіз (Нұсқаулықтың 19-тармағы): {{ ground }}.",
            "norms": "Акт мынадай нормаларға қайшы келеді:",
            "operative": f"Баяндалғанның негізінде, {GUIDED_BY_LAW['kk']}, {INSTRUCTION['kk']} "
            "19-тармағын басшылыққа ала отырып,",
            "decision": "1. Көрсетілген прокурорлық қадағалау актісіне қатысты шешім: "
            "{{ decision }}.",
            "suspend": "Актінің қолданылуы түпкілікті шешім қабылданғанға дейін тоқтатыла тұрады.",
            "notify": "2. Қаулының көшірмесі актіні шығарған прокурорға және актінің адресатына "
            "жіберілсін.",
        },
    }[b.lang]
    words = COMMON[b.lang]
    b.letterhead()
    b.title(*w["title"].split("\n"))
    b.date_line()
    _supervision_addressee(b)
    b.p(words["preamble"])
    b.heading(words["found"])
    b.p(w["act"])
    b.p("{{ findings }}")
    b.p(w["ground"])
    b.tag("{%p if norms %}")
    b.p(w["norms"], keep_next=True)
    b.numbered("{%p for n in norms %}", "{{ n.n }}. {{ n.text }}")
    b.tag("{%p endif %}")
    b.p(w["operative"], before=6)
    b.heading(words["resolved"])
    b.p(w["decision"])
    b.tag("{%p if suspends %}")
    b.p(w["suspend"])
    b.tag("{%p endif %}")
    b.p(w["notify"])
    b.signature()


def otmena_mer(b: Builder) -> None:
    """Resolution cancelling or lifting prohibiting or restricting measures: p. 20–22."""
    w = {
        "ru": {
            "title": "ПОСТАНОВЛЕНИЕ\nоб отмене (снятии) мер запретительно-ограничительного "
            "характера",
            "notification": "Уведомление о наложении мер запретительно-ограничительного "
            "характера получено {{ notification.received_at }} и зарегистрировано в журнале "
            "под № {{ notification.journal_number }} (пункт 22 Инструкции).",
            "measures": "Меры: {{ measures.kind }}; наложены {{ measures.imposed_on }} "
            "({{ measures.imposed_by }}, {{ measures.decision }}) в отношении "
            "{{ measures.against }}.",
            "check": "Законность произведённых действий проверена {{ check.completed_on }} "
            "(пункт 20 Инструкции).",
            "questioned": "В ходе проверки опрошены: {{ check.persons_questioned }}",
            "delay": "Причина проверки в срок более двух календарных дней: "
            "{{ check.delay_reason }}",
            "gross": "Нарушения носят явный и грубый характер: {{ explicit_and_gross }}",
            "operative": f"На основании изложенного, {GUIDED_BY_LAW['ru']}, пунктами 20–22 "
            f"{INSTRUCTION['ru']},",
            "decision": "1. Меры запретительно-ограничительного характера ({{ measures.kind }}): "
            "{{ decision }}.",
            "notify": "2. Копию постановления направить в {{ addressee.organization }} для "
            "немедленного исполнения и лицу, в отношении которого меры были приняты.",
        },
        "kk": {
            "title": "ҚАУЛЫ\nтыйым салу-шектеу сипатындағы шараларды жою (алып тастау) туралы",
            "notification": "Тыйым салу-шектеу сипатындағы шаралар қолданылғаны туралы хабарлама "
            "{{ notification.received_at }} алынды және журналда "
            "№ {{ notification.journal_number }} болып тіркелді (Нұсқаулықтың 22-тармағы).",
            "measures": "Шаралар: {{ measures.kind }}; {{ measures.imposed_on }} "
            "({{ measures.imposed_by }}, {{ measures.decision }}) {{ measures.against }} "
            "қатысты қолданылды.",
            "check": "Жүргізілген әрекеттердің заңдылығы {{ check.completed_on }} тексерілді "
            "(Нұсқаулықтың 20-тармағы).",
            "questioned": "Тексеру барысында сұралғандар: {{ check.persons_questioned }}",
            "delay": "Тексерудің екі күнтізбелік күннен артық жүргізілу себебі: "
            "{{ check.delay_reason }}",
            "gross": "Заң бұзушылықтар айқын және өрескел сипатта: {{ explicit_and_gross }}",
            "operative": f"Баяндалғанның негізінде, {GUIDED_BY_LAW['kk']}, {INSTRUCTION['kk']} "
            "20–22-тармақтарын басшылыққа ала отырып,",
            "decision": "1. Тыйым салу-шектеу сипатындағы шаралар ({{ measures.kind }}): "
            "{{ decision }}.",
            "notify": "2. Қаулының көшірмесі дереу орындау үшін {{ addressee.organization }} "
            "және шаралар қолданылған адамға жіберілсін.",
        },
    }[b.lang]
    words = COMMON[b.lang]
    b.letterhead()
    b.title(*w["title"].split("\n"))
    b.date_line()
    _supervision_addressee(b)
    b.p(words["preamble"])
    b.heading(words["found"])
    b.p(w["notification"])
    b.p(w["measures"])
    b.p(w["check"])
    b.tag("{%p if check.persons_questioned %}")
    b.p(w["questioned"])
    b.tag("{%p endif %}")
    b.tag("{%p if check.delay_reason %}")
    b.p(w["delay"])
    b.tag("{%p endif %}")
    b.violations()
    b.p(w["gross"])
    b.p(w["operative"], before=6)
    b.heading(words["resolved"])
    b.p(w["decision"])
    b.p(w["notify"])
    b.signature()


def sankciya(b: Builder) -> None:
    """Decision on sanctioning an order suspending debit operations: p. 52, 52-1, 53, 54."""
    w = {
        "ru": {
            "title": "РЕШЕНИЕ\nо санкционировании распоряжения о приостановлении расходных "
            "операций по банковским счетам",
            "order": "Рассмотрено распоряжение {{ order.body }} {{ order.date }} "
            "№ {{ order.number }} о приостановлении расходных операций по банковским счетам "
            "{{ order.account_holder }}.",
            "ground": "Основание распоряжения ({{ ground_paragraph }}): {{ ground }}.",
            "documents": "Представлены документы:",
            "kept": "Порядок проведения налоговой проверки, установленный Налоговым кодексом, "
            "должностными лицами налогового органа не нарушен (пункт 52 Инструкции).",
            "breached": "Должностные лица налогового органа нарушили порядок проведения "
            "налоговой проверки, установленный Налоговым кодексом (пункт 52 Инструкции).",
            "complete": "Документы в полном объёме представлены {{ order.complete_at }}; "
            "решение принято {{ decided_at }} (пункт 54 Инструкции).",
            "operative": f"На основании изложенного, {GUIDED_BY_LAW['ru']}, пунктами 52–54 "
            f"{INSTRUCTION['ru']},",
            "sanction": "Распоряжение {{ order.body }} {{ order.date }} № {{ order.number }} "
            "САНКЦИОНИРОВАТЬ.",
            "refuse": "В санкционировании распоряжения {{ order.body }} {{ order.date }} "
            "№ {{ order.number }} ОТКАЗАТЬ.",
            "reason": "Причина отказа: {{ refusal_reason }}",
        },
        "kk": {
            "title": "Банк шоттары бойынша шығыс операцияларын тоқтата тұру туралы өкімге "
            "санкция беру туралы\nШЕШІМ",
            "order": "{{ order.body }} {{ order.date }} № {{ order.number }} "
            "{{ order.account_holder }} банк шоттары бойынша шығыс операцияларын тоқтата тұру "
            "туралы өкімі қаралды.",
            "ground": "Өкімнің негізі ({{ ground_paragraph }}): {{ ground }}.",
            "documents": "Мынадай құжаттар ұсынылды:",
            "kept": "Салық органының лауазымды адамдары Салық кодексінде белгіленген салықтық "
            "тексеру жүргізу тәртібін бұзбаған (Нұсқаулықтың 52-тармағы).",
            "breached": "Салық органының лауазымды адамдары Салық кодексінде белгіленген "
            "салықтық тексеру жүргізу тәртібін бұзған (Нұсқаулықтың 52-тармағы).",
            "complete": "Құжаттар толық көлемде {{ order.complete_at }} ұсынылды; шешім "
            "{{ decided_at }} қабылданды (Нұсқаулықтың 54-тармағы).",
            "operative": f"Баяндалғанның негізінде, {GUIDED_BY_LAW['kk']}, {INSTRUCTION['kk']} "
            "52–54-тармақтарын басшылыққа ала отырып,",
            "sanction": "{{ order.body }} {{ order.date }} № {{ order.number }} өкіміне "
            "САНКЦИЯ БЕРІЛСІН.",
            "refuse": "{{ order.body }} {{ order.date }} № {{ order.number }} өкіміне санкция "
            "беруден БАС ТАРТЫЛСЫН.",
            "reason": "Бас тарту себебі: {{ refusal_reason }}",
        },
    }[b.lang]
    words = COMMON[b.lang]
    b.letterhead()
    b.title(*w["title"].split("\n"))
    b.date_line()
    b.p(words["preamble"])
    b.heading(words["found"])
    b.p(w["order"])
    b.p(w["ground"])
    b.p(w["documents"], keep_next=True)
    b.numbered("{%p for d in documents %}", "{{ d.n }}. {{ d.text }}")
    b.p("{{ findings }}")
    b.tag("{%p if procedure_kept %}")
    b.p(w["kept"])
    b.tag("{%p endif %}")
    b.tag("{%p if procedure_breached %}")
    b.p(w["breached"])
    b.tag("{%p endif %}")
    b.p(w["complete"])
    b.p(w["operative"], before=6)
    b.heading(words["resolved"])
    b.tag("{%p if sanctioned %}")
    b.p(w["sanction"])
    b.tag("{%p else %}")
    b.p(w["refuse"])
    b.p(w["reason"])
    b.tag("{%p endif %}")
    b.signature()


ACTS: dict[str, Callable[[Builder], None]] = {
    "proverka": proverka,
    "ekspertiza": ekspertiza,
    "orm": orm,
    "predpisanie": predpisanie,
    "protest": protest,
    "specsoobshchenie": specsoobshchenie,
    "spravka": spravka,
    "priostanovlenie": priostanovlenie,
    "reshenie-vyshestoyashchego": reshenie_vyshestoyashchego,
    "otmena-mer": otmena_mer,
    "sankciya": sankciya,
}


def build(out_dir: Path) -> list[Path]:
    """Write every act's templates in both languages under ``out_dir``; return their paths."""
    written = []
    for lang in ("ru", "kk"):
        for act_type, write in ACTS.items():
            builder = Builder(lang)
            write(builder)
            path = out_dir / lang / f"{act_type}.docx"
            builder.save(path)
            written.append(path)
    return written


def main(argv: list[str]) -> int:
    out_dir = Path(argv[1]) if len(argv) > 1 else ROOT / "templates"
    for path in build(out_dir):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
