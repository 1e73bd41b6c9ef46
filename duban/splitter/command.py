"""`duban split`: print the directives of a report as JSON or as a numbered outline."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from duban.infra.textfiles import decode_text
from duban.splitter import Directive, split_report


class InputError(Exception):
    """The input cannot be read as a report."""


def read_report(path: str) -> str:
    """The text of a file, or of stdin for "-": UTF-8, else GB18030; never empty."""
    if path == "-":
        with click.open_file("-", "rb") as stream:
            data = stream.read()
    else:
        source = Path(path)
        if source.is_dir():
            raise InputError(f"{path} is a directory, not a report")
        try:
            data = source.read_bytes()
        except OSError as error:
            raise InputError(f"cannot read {path}: {error.strerror or error}") from error
    try:
        text = decode_text(data)
    except ValueError as error:
        raise InputError(f"{path if path != '-' else 'stdin'}: {error}") from None
    if not text.strip():
        raise InputError("the report is empty")
    return text


def outline(directives: list[Directive]) -> str:
    """A readable numbered outline: one line per directive, then its speaker, areas and units."""
    lines = []
    for directive in directives:
        indent = "    " * directive.seq.count(".")
        marker = f"[{directive.marker}] " if directive.marker else ""
        lines.append(f"{indent}{directive.seq}  {marker}{directive.text}")
        details = [
            f"{label}: {value}"
            for label, value in (
                ("speaker", directive.speaker),
                ("areas", ", ".join(directive.areas)),
                ("mentions", ", ".join(directive.mentions)),
            )
            if value
        ]
        if details:
            lines.append(f"{indent}    ({'; '.join(details)})")
    return "\n".join(lines) if lines else "(no directives found)"


@click.command("split")
@click.argument("path", default="-", metavar="[PATH|-]")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["json", "text"]),
    default="text",
    show_default=True,
    help="JSON for programs, a numbered outline for people.",
)
@click.option(
    "--lang",
    type=click.Choice(["auto", "zh", "en"]),
    default="auto",
    show_default=True,
    help="The report's language; auto detects it.",
)
def split_command(path: str, output_format: str, lang: str) -> None:
    """Split a meeting report (a file, or stdin for -) into directives."""
    try:
        text = read_report(path)
    except InputError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(2)
    report = split_report(text, lang=lang)
    if output_format == "json":
        payload = {
            "directives": [d.to_dict() for d in report.directives],
            "narrative": [s.to_dict() for s in report.narrative],
        }
        click.echo(json.dumps(payload, ensure_ascii=False))
    else:
        click.echo(outline(report.directives))
