"""The scheduler's log: one line per event on stderr (the journal, under systemd), holding
no credential.

The HTTP client logs every request at INFO with its whole URL, and a robot's webhook carries
its key (WeCom), its token and signature (DingTalk) in the query: whoever reads the log could
post to the group. The client's own loggers (``httpx``, ``httpcore``) are kept to warnings,
and every line is passed through ``redact`` with the configured robots' secrets besides, so
that nothing a library or a server says can show them.
"""

import logging
import sys
from collections.abc import Iterable

from tracker.delivery.channels.robot import redact

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
QUIET = ("apscheduler", "httpx", "httpcore")  # misfires, errors and warnings only


class Redacting(logging.Filter):
    """Takes ``secrets`` out of every record's message (see ``redact``)."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self.secrets = tuple(secrets)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        hidden = redact(message, self.secrets)
        if hidden != message:
            record.msg, record.args = hidden, None
        return True


def configure_logging(secrets: Iterable[str]) -> None:
    """INFO and above to stderr, the HTTP client's loggers at WARNING, ``secrets`` (the
    robots' keys, tokens and signing secrets) hidden from every line."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(Redacting(secrets))
    logging.basicConfig(level=logging.INFO, handlers=[handler])
    for name in QUIET:
        logging.getLogger(name).setLevel(logging.WARNING)
