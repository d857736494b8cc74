"""Typos and bad values read as usage errors (exit 2, click's usage line, a suggestion), never as
"internal error"; bad codes and dates for ``kb who`` name what is known."""

import subprocess
import sys

import pytest


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "diplograph", *args], capture_output=True, text=True, timeout=120,
                          check=False)  # fmt: skip


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("analyse", "x.txt"), "Did you mean 'analyze'?"),
        (("events", "--limt", "3"), "--limit"),
        (("analyze",), "Missing argument"),
        (("kb", "wh"), "Did you mean 'who'?"),
        (("export", "gdlt", "--out", "x.tsv"), "'gdlt' is not one of"),
    ],
)
def test_usage_errors_exit_2_with_the_usage_line_and_a_hint(args, expected):
    result = run(*args)
    assert result.returncode == 2, result.stderr
    assert "Usage: diplograph" in result.stderr
    assert expected in result.stderr
    assert "internal error" not in result.stderr + result.stdout


def test_bare_command_shows_help_and_exits_2():
    result = run()
    assert result.returncode == 2
    assert "internal error" not in result.stderr + result.stdout
    assert "analyze" in result.stdout + result.stderr


def test_kb_who_unknown_office_lists_the_known_ones():
    result = run("kb", "who", "IRN", "presidnet", "2024-01-01")
    assert result.returncode == 1
    assert "unknown office 'presidnet'" in result.stderr
    assert "did you mean 'president'" in result.stderr
    assert "prime_minister" in result.stderr  # the list of known offices
    assert "nobody known" not in result.stdout


def test_kb_who_bad_date_and_unknown_actor_are_clear_errors():
    bad_date = run("kb", "who", "IRN", "president", "2024-13-01")
    assert bad_date.returncode == 1 and "[D413]" in bad_date.stderr and "'2024-13-01'" in bad_date.stderr
    assert "internal error" not in bad_date.stderr
    bad_actor = run("kb", "who", "IRX", "president", "2024-01-01")
    assert bad_actor.returncode == 1 and "unknown actor code 'IRX'" in bad_actor.stderr


def test_kb_who_answers():
    result = run("kb", "who", "IRN", "president", "2024-01-01")
    assert result.returncode == 0 and "Raisi" in result.stdout
