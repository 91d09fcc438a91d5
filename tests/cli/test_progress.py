import pytest

from tracker.cli.progress import StderrProgress


def test_progress_is_plain_lines_off_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    with StderrProgress(minimum=100) as progress:
        progress("check", 10, 99)  # a small file: nothing
        progress("write", 5_000, 10_000)
    assert capsys.readouterr().err == "Writing figures 写入: 5,000/10,000\n"
