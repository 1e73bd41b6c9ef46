"""Write templates/reminder.docx, the reminder notice (催办通知) filled in by docxtpl.

Run it after changing the layout: `.venv/bin/python templates/make_reminder_docx.py`.
It is laid out as the assignment notice (make_notice_docx.py: its fonts, duban.templates.PAGE)
and says what templates/reminder.html says. The tags are Jinja, rendered with autoescape in
duban.templates.environment(): `labels.*` are translated captions, `unit`, `note`,
`issued_on`, `issued_by`, and one table row per item of `tasks`
(`seq`, `meeting`, `directive`, `deadline`, `days_late`); see duban.documents.reminders.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from duban.templates import PAGE, set_page
from duban.templates.make_bulletin_docx import looped_table
from duban.templates.make_notice_docx import add_footer, set_fonts

TARGET = Path(__file__).with_name("reminder.docx")
# caption, value, width in mm: the widths fill the text width of PAGE (210 - 28 - 26 = 156 mm)
COLUMNS = [
    ("seq", 10),
    ("meeting", 40),
    ("directive", 66),
    ("deadline", 24),
    ("days_late", 16),
]
assert sum(width for _key, width in COLUMNS) == PAGE.width - PAGE.left - PAGE.right


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
    document.add_paragraph("{{ labels.intro }}")
    table = looped_table(
        document,
        ["{{ labels." + key + " }}" for key, _width in COLUMNS],
        "t in tasks",
        ["{{ t." + key + " }}" for key, _width in COLUMNS],
        [width for _key, width in COLUMNS],
    )
    for cell in table.rows[0].cells:
        cell.paragraphs[0].runs[0].bold = True
    document.add_paragraph("")
    document.add_paragraph("{%p if note %}")
    document.add_paragraph("{{ labelled(labels.note, note) }}")
    document.add_paragraph("{%p endif %}")
    add_footer(document)
    document.save(target)
    return target


if __name__ == "__main__":
    print(build())
