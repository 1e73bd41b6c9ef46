"""Write templates/notice.docx, the assignment notice (交办单) filled in by docxtpl.

Run it after changing the layout: `.venv/bin/python templates/make_notice_docx.py`.
The page is duban.templates.PAGE (A4, GB/T 9704 margins). The tags are Jinja, rendered with
autoescape in duban.templates.environment() (`labelled`, `noted` punctuate captions and notes
as the language writes them): `labels.*` are translated captions,
`unit`, `meeting.*`, `issued_on`, `issued_by`, and one table row per item of `tasks`
(`seq`, `directive`, `role`, `deadline`, `cycle`); a deadline in a year whose holidays are
not known is shown with its note `provisional`.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from duban.templates import PAGE, set_page

TARGET = Path(__file__).with_name("notice.docx")
CJK_FONT = "SimSun"
# caption, value, width in mm: the widths fill the text width of PAGE (210 - 28 - 26 = 156 mm)
COLUMNS = [
    ("labels.seq", "t.seq", 12),
    ("labels.directive", "t.directive", 82),
    ("labels.role", "t.role", 18),
    ("labels.deadline", "noted(t.deadline, t.provisional) if t.provisional else t.deadline", 24),
    ("labels.cycle", "t.cycle", 20),
]
assert sum(width for *_, width in COLUMNS) == PAGE.width - PAGE.left - PAGE.right


def set_fonts(document: Document) -> None:
    normal = document.styles["Normal"]
    normal.font.size = Pt(11)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), CJK_FONT)


def build(target: Path = TARGET) -> Path:
    document = Document()
    set_fonts(document)
    for section in document.sections:
        set_page(section)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run("{{ labels.title }}")
    run.bold, run.font.size = True, Pt(20)
    document.add_paragraph("{{ labelled(labels.to, unit) }}").runs[0].bold = True
    document.add_paragraph("{{ labelled(labels.meeting, noted(meeting.title, meeting.held_on)) }}")
    document.add_paragraph("{%p if meeting.doc_number %}")
    document.add_paragraph("{{ labelled(labels.doc_number, meeting.doc_number) }}")
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{{ labels.intro }}")
    table = document.add_table(rows=4, cols=len(COLUMNS))
    table.style = "Table Grid"
    for index, (caption, value, width) in enumerate(COLUMNS):
        table.rows[0].cells[index].text = "{{ " + caption + " }}"
        table.rows[0].cells[index].paragraphs[0].runs[0].bold = True
        table.rows[2].cells[index].text = "{{ " + value + " }}"
        for row in table.rows:
            row.cells[index].width = Mm(width)
    table.rows[1].cells[0].text = "{%tr for t in tasks %}"
    table.rows[3].cells[0].text = "{%tr endfor %}"
    document.add_paragraph("")
    add_footer(document)
    document.save(target)
    return target


def add_footer(document: Document) -> None:
    """What a notice ends with: how to feed back, then who issued it and when (right)."""
    document.add_paragraph("{{ labels.feedback }}")
    footer = document.add_paragraph(
        "{{ labelled(labels.issued_by, issued_by) }}    {{ labelled(labels.issued_on, issued_on) }}"
    )
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT


if __name__ == "__main__":
    print(build())
