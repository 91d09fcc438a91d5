"""Values that could not be sent or scored are refused when the config is loaded, whatever
their key: NaN, infinities, magnitudes beyond 10^15, control characters and line breaks."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.configuration.conftest import change
from tests.helpers import examples
from tracker.configuration.load import check_config
from tracker.domain.errors import ConfigError


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        ("goals/2020.toml", "target = 8", "target = nan", "[goals.gdp] 'target' cannot be used: "
         "NaN and infinity are not figures; write a plain number"),
        ("goals/2020.toml", "target = 8", "target = inf", "NaN and infinity are not figures"),
        ("goals/2020.toml", "target = 8", "target = -inf", "NaN and infinity are not figures"),
        ("goals/2020.toml", "target = 8", "target = 1e400", "10^15 or more in size"),
        ("goals/2020.toml", "target = 8", "target = 1000000000000000", "10^15 or more in size"),
        ("indicators.toml", "range = [-30, 50]", "range = [-30, nan]", "[indicators.gdp] "
         "'range' cannot be used: NaN and infinity are not figures"),
        ("results/2019.toml", "value = 8", "value = 1e16", "[results.gdp] 'value' cannot be used"),
        ("owners.toml", 'name_zh = "区统计局"', 'name_zh = "区统计局\\n伪造"', "[owners.stats] "
         "'name_zh' contains the control character \\n; write it on one line, without it"),
        ("goals/2020.toml", 'label_zh = "8%左右"', 'label_zh = "8%\\u001b[2J左右"', "[goals.gdp] "
         "'label_zh' contains the control character \\x1b"),
        ("results/2019.toml", 'note = "预计"', 'note = "预计\\r"', "control character \\r"),
        ("indicators.toml", 'name_zh = "地区生产总值增速"', 'name_zh = "地区\\u2028生产总值增速"',
         "control character \\u2028"),
    ],
)  # fmt: skip
def test_a_value_no_key_can_use_is_refused_with_its_file_and_line(
    config: Path, file: str, old: str, new: str, expected: str
) -> None:
    path = config / file
    line = change(path, old, new)
    with pytest.raises(ConfigError) as error:
        check_config(config, env={})
    assert f"{path}:{line}: " in str(error.value)
    assert expected in str(error.value)


def test_a_line_break_in_an_address_comment_is_refused(config: Path) -> None:
    path = config / "recipients.toml"
    line = change(
        path, '"区领导 <leadership@example.gov.cn>"', '"区领导 (a\\nBcc: x@y.cn) <l@x.cn>"'
    )
    with pytest.raises(ConfigError) as error:
        check_config(config, env={})
    key_line = line - 1  # the value holds a line break the file does not: the key's line
    assert str(error.value).startswith(f"{path}:{key_line}: lists.leadership: '区领导 (a\\nBcc: ")
    assert "is not an email address" in str(error.value)


def test_a_line_break_in_the_sender_from_the_environment_is_refused(config: Path) -> None:
    env = {"TRACKER_SMTP_FROM": "区统计局\r\nBcc: spy@example.com <stats@example.gov.cn>"}
    with pytest.raises(ConfigError) as error:
        check_config(config, env=env)
    assert str(error.value) == (
        "'from' = '区统计局\\r\\nBcc: spy@example.com <stats@example.gov.cn>' contains the "
        "control character \\r; write the sender on one line"
    )


def toml_escaped(text: str) -> str:
    """``text`` inside a TOML basic string: controls, quotes and backslashes as \\uXXXX."""
    unsafe = lambda c: ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or c in '"\\'  # noqa: E731
    return "".join(f"\\u{ord(c):04x}" if unsafe(c) else c for c in text)


ODD_NUMBERS = st.sampled_from(["nan", "+nan", "-nan", "inf", "+inf", "-inf", "1e400", "-1e15",
                               "1_000_000_000_000_000", "9.99e99"])  # fmt: skip
CONTROLS = st.sampled_from(["\n", "\r", "\t", "\x1b", "\x00", "\x7f", "\x9b", "\u2028"])
ODD_TEXT = st.tuples(st.text(max_size=3), CONTROLS, st.text(max_size=3)).map("".join)
KEYS = st.sampled_from(
    [("goals/2020.toml", "target = 8", "target"), ("goals/2020.toml", "tolerance = 0.5",
     "tolerance"), ("results/2019.toml", "value = 8", "value")]
)  # fmt: skip


@settings(
    max_examples=examples(40),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(where=KEYS, number=ODD_NUMBERS)
def test_no_odd_number_loads(config: Path, where, number: str) -> None:
    file, old, key = where
    path = config / file
    original = path.read_text(encoding="utf-8")
    try:
        change(path, old, f"{key} = {number}")
        with pytest.raises(ConfigError, match=f"'{key}' cannot be used"):
            check_config(config, env={})
    finally:
        path.write_text(original, encoding="utf-8")


@settings(
    max_examples=examples(40),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=ODD_TEXT)
def test_no_control_character_in_a_name_loads(config: Path, text: str) -> None:
    path = config / "owners.toml"
    original = path.read_text(encoding="utf-8")
    try:
        change(path, 'name_zh = "区统计局"', f'name_zh = "区统计局{toml_escaped(text)}"')
        with pytest.raises(ConfigError, match="'name_zh' contains the control character"):
            check_config(config, env={})
    finally:
        path.write_text(original, encoding="utf-8")


def test_two_indicators_with_one_name_are_refused(config: Path) -> None:
    path = config / "indicators.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('name_zh = "规模以上工业增加值增速"', 'name_zh = "地区生产总值增速"', 1),
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as error:
        check_config(config, env={})
    assert str(error.value).endswith(
        "[indicators.industry] the name '地区生产总值增速' is also indicators.gdp's; give each "
        "indicator its own key and names"
    )


@pytest.mark.parametrize(
    ("file", "old", "character"),
    [
        ("places.toml", 'name_zh = "东城区"', "\u202e"),  # right-to-left override
        ("places.toml", 'name_en = "East District"', "\u2066"),  # left-to-right isolate
        ("indicators.toml", 'name_zh = "地区生产总值增速"', "\u200b"),  # zero-width space
        ("indicators.toml", 'unit = "%"', "\u200d"),  # zero-width joiner
        ("owners.toml", 'name_zh = "区统计局"', "\u2060"),  # word joiner
        ("owners.toml", 'name_en = "District Statistics Bureau"', "\ufeff"),  # zero-width no-break
        ("goals/2020.toml", 'label_zh = "8%左右"', "\u202a"),  # left-to-right embedding
        ("goals/2020.toml", 'label_zh = "8.5%"', "\u00ad"),  # soft hyphen
    ],
)  # fmt: skip
def test_an_invisible_character_in_a_name_or_label_is_refused_with_its_line(
    config: Path, file: str, old: str, character: str
) -> None:
    # "\u202e区城东" shows as 东城区 in an HTML report, a Word briefing or a league table.
    path = config / file
    key, _, written = old.partition(" = ")
    new = f'{key} = "{written.strip(chr(34))[:1]}{character}{written.strip(chr(34))[1:]}"'
    line = change(path, old, new)
    with pytest.raises(ConfigError) as error:
        check_config(config, env={})
    message = str(error.value)
    code = f"U+{ord(character):04X}"
    assert message.startswith(f"{path}:{line}: [")
    assert f"'{key}' 含不可见字符 {code} (" in message
    assert f"contains the invisible character {code} (" in message
    assert message.endswith("which reorders or hides the text where it is shown; delete it")


def test_an_invisible_character_in_a_key_is_refused_and_shown_escaped(config: Path) -> None:
    path = config / "places.toml"
    line = change(path, "[places.east]", '[places."\u202eeast"]')
    with pytest.raises(ConfigError) as error:
        check_config(config, env={})
    assert str(error.value).startswith(
        f"{path}:{line}: [places.'\\u202eeast'] the key 含不可见字符 U+202E (RIGHT-TO-LEFT "
        "OVERRIDE)"
    )


@pytest.mark.parametrize(
    ("written", "quote", "fixed"),
    [
        ("label_zh = “8%左右”", "“", 'label_zh = "8%左右"'),
        ("label_zh = ‘8%左右’", "‘", "label_zh = '8%左右'"),
        ("label_zh = ＂8%左右＂", "＂", 'label_zh = "8%左右"'),
        ("“label_zh” = “8%左右”", "“", '"label_zh" = "8%左右"'),
    ],
)
def test_a_value_typed_with_chinese_quotes_is_refused_with_the_straight_quotes_to_use(
    config: Path, written: str, quote: str, fixed: str
) -> None:
    path = config / "goals/2020.toml"
    line = change(path, 'label_zh = "8%左右"', written)
    with pytest.raises(ConfigError) as error:
        check_config(config, env={})
    assert str(error.value) == (
        f'{path}:{line}: {quote} 是中文引号，TOML 只认英文直引号：请改用 ""，写成 {fixed} / '
        f'{quote} is a Chinese quote, which TOML does not read; use straight quotes "" '
        f"instead: {fixed}"
    )
