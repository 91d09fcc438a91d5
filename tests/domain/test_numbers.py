"""Numbers as people type them are accepted and normalised; anything else is refused plainly."""

from decimal import Decimal

import pytest

from tracker.domain.errors import InvalidInput
from tracker.domain.numbers import ACCEPTED_FORMS, fixed, parse_number, plain


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8.5", "8.5"),
        ("8.5%", "8.5"),
        ("8.5 %", "8.5"),
        ("１２．５％", "12.5"),  # full-width digits, point and percent sign
        ("１，２３４", "1234"),
        ("1,234", "1234"),
        ("1,234,567.25", "1234567.25"),
        ("-3", "-3"),
        ("\u22123", "-3"),  # U+2212 MINUS SIGN, as pasted from Word or Excel
        ("－３", "-3"),  # full-width hyphen-minus
        ("+2", "2"),
        ("  8.5  ", "8.5"),
        ("\u30008.5\u3000", "8.5"),  # ideographic spaces around the number
        ("0", "0"),
        ("-0", "0"),
        ("007", "7"),
        ("4300", "4300"),
        ("-12.75%", "-12.75"),
    ],
)
def test_it_accepts_numbers_as_people_type_them(text: str, expected: str) -> None:
    assert parse_number(text) == Decimal(expected)


def test_it_keeps_the_decimal_exact() -> None:
    value = parse_number("8.5")
    assert isinstance(value, Decimal)
    assert value.as_tuple() == Decimal("8.5").as_tuple()
    assert parse_number("0.1") + parse_number("0.2") == Decimal("0.3")


def test_minus_zero_becomes_plain_zero() -> None:
    assert not parse_number("-0").is_signed()


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("abc", "is not a number"),
        ("8..5", "is not a number"),
        ("8.5.1", "is not a number"),
        ("", "is empty"),
        ("   ", "is empty"),
        ("%", "is empty"),
        ("NaN", "is not a number (NaN and infinity are not figures)"),
        ("nan", "is not a number (NaN and infinity are not figures)"),
        ("inf", "is not a number (NaN and infinity are not figures)"),
        ("-inf", "is not a number (NaN and infinity are not figures)"),
        ("Infinity", "is not a number (NaN and infinity are not figures)"),
        ("1e3", "is not a number (write it out, without an exponent)"),
        ("2.5E-2", "is not a number (write it out, without an exponent)"),
        ("1_000", "is not a number (no underscores)"),
        ("12,5", "commas only group thousands, as in 1,234"),
        ("1,23", "commas only group thousands, as in 1,234"),
        ("1,2345", "commas only group thousands, as in 1,234"),
        (",123", "commas only group thousands, as in 1,234"),
        ("²", "superscript, fraction or circled digit"),
        ("8²", "superscript, fraction or circled digit"),
        ("½", "superscript, fraction or circled digit"),
        ("①", "superscript, fraction or circled digit"),
        (
            "١٢٣",
            "is not a number (only the digits 0-9, half- or full-width)",
        ),  # Arabic-Indic digits
        ("约8", "is not a number"),
        ("8.5%%", "is not a number"),
        ("8 5", "is not a number"),
        ("- 3", "is not a number"),
        ("--3", "is not a number"),
        (".5", "is not a number"),
        ("5.", "is not a number"),
        ("0x10", "is not a number"),
    ],
)
def test_it_refuses_anything_else_naming_the_problem_and_the_forms(text: str, problem: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_number(text)
    message = str(caught.value)
    assert problem in message
    assert ACCEPTED_FORMS in message
    assert "\n" not in message
    shown = f"'{text}'" if text.strip() else "The value"
    assert message.startswith(f"{shown} ")


def test_the_accepted_forms_name_every_kind_people_may_type() -> None:
    for form in ("8.5", "8.5%", "-3", "1,234", "full-width"):
        assert form in ACCEPTED_FORMS


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("8.50", "8.5"),
        ("8.5", "8.5"),
        ("4300", "4300"),
        ("4.3E+3", "4300"),
        ("1E+3", "1000"),
        ("0.000", "0"),
        ("-0", "0"),
        ("-0.00", "0"),
        ("-3.10", "-3.1"),
        ("0.0001", "0.0001"),
        ("100", "100"),
        ("1234567890.123456789012345678901234567", "1234567890.123456789012345678901234567"),
    ],
)
def test_plain_writes_the_shortest_exact_text(value: str, text: str) -> None:
    assert plain(Decimal(value)) == text


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [
        ("8.55", 1, "8.6"),  # half-up, not banker's rounding
        ("8.45", 1, "8.5"),
        ("-8.55", 1, "-8.6"),
        ("4300", 0, "4300"),
        ("2150.5", 0, "2151"),
        ("8", 2, "8.00"),
        ("-0.04", 1, "0.0"),  # never "-0.0"
    ],
)
def test_fixed_rounds_half_up_to_the_places_asked(value: str, places: int, text: str) -> None:
    assert fixed(Decimal(value), places) == text
