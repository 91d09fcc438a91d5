"""Email addresses as recipients.toml, schedule.toml and an email channel write them."""

import re
from email.utils import getaddresses

from tracker.configuration.problems import control_character

_DOMAIN = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_ADDRESS = re.compile(rf"^[^@\s<>()\[\],;:\"]+@{_DOMAIN}(?:\.{_DOMAIN})+$")


def valid_address(text: str) -> bool:
    """One address, optionally with a name: 'stats@x.gov.cn', '区统计局 <stats@x.gov.cn>'."""
    if control_character(text):  # a line break would end the header it is written into
        return False
    found = getaddresses([text])
    if len(found) != 1 or not found[0][1]:
        return False
    address = found[0][1]
    # ASCII only: SMTP servers without SMTPUTF8 refuse anything else, so an internationalised
    # domain is written in its xn-- form.
    return address.isascii() and bool(_ADDRESS.match(address)) and ".." not in address
