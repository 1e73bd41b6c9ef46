"""Callback errors reach the person using the form, never only the log."""

from __future__ import annotations

from duban.infra.errors import TransitionError, ValidationError
from duban.widgets.common import Messages, guarded


def test_validation_errors_are_shown_and_passed_on_for_the_fields():
    messages, marked = Messages(), []

    @guarded(messages, on_validation=lambda exc: marked.append(exc.errors))
    def save() -> None:
        raise ValidationError({"title": "must not be empty"})

    save()
    assert "Nothing was saved" in messages.value and "title: must not be empty" in messages.value
    assert marked == [{"title": "must not be empty"}]


def test_a_reading_callback_does_not_speak_of_saving():
    messages = Messages()
    guarded(messages, writes=False)(
        lambda: (_ for _ in ()).throw(ValidationError({"end": "before start"}))
    )()
    assert "Please correct" in messages.value and "saved" not in messages.value


def test_rule_errors_and_unexpected_errors_are_shown_escaped():
    messages = Messages()
    guarded(messages)(lambda: (_ for _ in ()).throw(TransitionError("cannot close <task>")))()
    assert "cannot close &lt;task&gt;" in messages.value and "error" in messages.value
    guarded(messages)(lambda: 1 / 0)()
    assert "Unexpected error: division by zero" in messages.value
