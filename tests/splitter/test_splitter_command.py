"""`duban split`: JSON and outline output, stdin, encodings, and clear errors for bad input."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from duban.splitter.command import split_command

REPORT = "会议由区长主持。会议要求：一是要加强消防安全，各街道要开展排查；二是要加强燃气安全。"


@pytest.fixture
def runner():
    return CliRunner()


def test_json_output_is_one_object_with_the_directives_and_the_narrative(runner, tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    result = runner.invoke(split_command, [str(path), "--format", "json"])
    assert result.exit_code == 0
    assert "消防" in result.stdout  # ensure_ascii=False: Chinese as written
    assert json.loads(result.stdout) == {
        "directives": [
            {
                "seq": "1",
                "parent": None,
                "marker": "一是要",
                "speaker": None,
                "text": "加强消防安全，各街道要开展排查",
                "areas": ["fire"],
                "mentions": ["各街道"],
                "start": 16,
                "end": 31,
            },
            {
                "seq": "2",
                "parent": None,
                "marker": "二是要",
                "speaker": None,
                "text": "加强燃气安全",
                "areas": ["gas"],
                "mentions": [],
                "start": 35,
                "end": 41,
            },
        ],
        "narrative": [
            {
                "index": 0,
                "start": 0,
                "end": 8,
                "text": "会议由区长主持。",
                "after": None,
                "kind": "narrative",
            }
        ],
    }


def test_text_output_is_a_numbered_outline_from_stdin(runner):
    result = runner.invoke(split_command, ["-", "--format", "text"], input=REPORT.encode("utf-8"))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "1  [一是要] 加强消防安全，各街道要开展排查"
    assert "areas: fire" in lines[1] and "mentions: 各街道" in lines[1]
    assert lines[2] == "2  [二是要] 加强燃气安全"


def test_stdin_is_the_default_and_lang_can_be_forced(runner):
    result = runner.invoke(
        split_command,
        ["--format", "json", "--lang", "en"],
        input=b"First, we must check schools. Second, we must check gas.",
    )
    assert result.exit_code == 0
    assert [d["marker"] for d in json.loads(result.stdout)["directives"]] == ["First,", "Second,"]


def test_gb18030_input_is_read(runner, tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(REPORT.encode("gb18030"))
    result = runner.invoke(split_command, [str(path), "--format", "json"])
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)["directives"]) == 2


@pytest.mark.parametrize(
    ("make_path", "message"),
    [
        (lambda tmp: tmp / "missing.txt", "cannot read"),
        (lambda tmp: tmp, "is a directory"),
        (lambda tmp: _write(tmp / "bad.txt", b"\xff\xfe\xff\xff"), "neither UTF-8 nor GB18030"),
        (lambda tmp: _write(tmp / "empty.txt", b" \n "), "empty"),
    ],
)
def test_unreadable_input_is_one_error_line_and_exit_2(runner, tmp_path, make_path, message):
    result = runner.invoke(split_command, [str(make_path(tmp_path))])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1


def _write(path, data: bytes):
    path.write_bytes(data)
    return path
