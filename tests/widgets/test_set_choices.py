"""A dropdown's new options and choice reach the browser as one update (not three: options,
index 0, index)."""

from __future__ import annotations

import ipywidgets as w

from duban.widgets.common import set_choices


def test_set_choices_sends_options_and_value_as_one_update():
    dropdown = w.Dropdown(options=[("a", 1), ("b", 2)], value=1)
    sent = []
    dropdown._send = lambda msg, buffers=None: sent.append(msg)  # what would go to the browser
    set_choices(dropdown, [("x", 7), ("y", 8), ("z", 9)], 9)
    assert dropdown.value == 9 and dropdown.label == "z"
    assert (
        len(sent) == 1
        and sent[0]["state"]["index"] == 2
        and sent[0]["state"]["_options_labels"] == ("x", "y", "z")
    )
