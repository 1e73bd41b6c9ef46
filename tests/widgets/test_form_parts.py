"""The small shared parts of the forms: pickers' first entry, headings, field errors."""

from __future__ import annotations

from duban.infra.errors import ValidationError
from duban.widgets.form_parts import UNCHOSEN, FieldError, heading, show_errors, with_all


def test_with_all_puts_the_all_entry_first():
    assert with_all([("东街街道", 3)], "all units") == [("all units", UNCHOSEN), ("东街街道", 3)]
    assert with_all([("red", "red")], "all", "")[0] == ("all", "")


def test_show_errors_marks_each_field_and_clears_the_others():
    errors = {"date": FieldError(), "name": FieldError()}
    errors["date"].show("old")
    show_errors(errors, ValidationError({"name": "must not be empty"}))
    assert errors["date"].value == ""
    assert errors["name"].value == '<div class="duban-field-error">must not be empty</div>'
    show_errors(errors, None)
    assert errors["name"].value == ""


def test_a_heading_is_escaped_text_in_the_heading_style():
    assert heading("A & B").value == '<div class="duban-heading">A &amp; B</div>'
