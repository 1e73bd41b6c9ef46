"""Write templates/bulletin.docx: a python-docx document holding docxtpl (Jinja) tags.

The template carries no words of its own: every label comes from duban.documents.bulletin.context(),
in the kit's language. The page is duban.templates.PAGE (A4, GB/T 9704 margins). Run again after
changing this script:

    .venv/bin/python templates/make_bulletin_docx.py
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from duban.templates import set_page

TARGET = Path(__file__).resolve().parent / "bulletin.docx"


def looped_table(
    document, headings: list[str], loop: str, cells: list[str], widths: list[float] | None = None
):
    """A table: a heading row, then one row per item of `loop` (docxtpl's {%tr %} rows);
    `widths` in mm, one per column, if given. Returns the table."""
    table = document.add_table(rows=4, cols=len(headings))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headings, strict=True):
        cell.text = text
    table.rows[1].cells[0].text = "{%tr for " + loop + " %}"
    for cell, text in zip(table.rows[2].cells, cells, strict=True):
        cell.text = text
    table.rows[3].cells[0].text = "{%tr endfor %}"
    for index, width in enumerate(widths or []):
        for row in table.rows:
            row.cells[index].width = Mm(width)
    return table


def build(target: Path = TARGET) -> Path:
    document = Document()
    for section in document.sections:
        set_page(section)
    style = document.styles["Normal"]
    style.font.size = Pt(11)
    title = document.add_heading("{{ title }}", level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("{{ subtitle }}").alignment = WD_ALIGN_PARAGRAPH.CENTER

    document.add_heading("{{ labels.figures }}", level=1)
    looped_table(
        document,
        ["{{ labels.figure }}", "{{ labels.value }}"],
        "f in figures",
        ["{{ f.label }}", "{{ f.value }}"],
    )
    document.add_paragraph("{{ summary }}")

    document.add_heading("{{ labels.ranking }}", level=1)
    document.add_paragraph("{{ formula }}")
    document.add_paragraph("{{ escalation_rule }}").runs[0].bold = True
    columns = [
        "group",
        "rank",
        "unit",
        "score",
        "flag",
        "assigned",
        "closed_on_time",
        "overdue",
        "returned",
        "note",
    ]
    looped_table(
        document,
        [f"{{{{ labels.{c} }}}}" for c in columns],
        "r in ranking",
        [f"{{{{ r.{c} }}}}" for c in columns],
    )

    document.add_heading("{{ labels.overdue_units }}", level=1)
    document.add_paragraph("{{ overdue_text }}")
    looped_table(
        document,
        ["{{ labels.unit }}", "{{ labels.overdue }}", "{{ labels.max_days_late }}"],
        "u in overdue_units",
        ["{{ u.unit }}", "{{ u.overdue }}", "{{ u.max_days_late }}"],
    )
    document.add_paragraph("{{ labels.generated }}")
    document.save(target)
    return target


if __name__ == "__main__":
    print(f"written: {build()}")
