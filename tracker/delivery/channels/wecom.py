"""WeCom (企业微信) group robots: ``POST https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=KEY``
with ``{"msgtype": "markdown", "markdown": {"content": "..."}}``.

The content is at most 4096 bytes of UTF-8 (WeCom's documented limit for markdown). Error
codes: 0 posted; 45009 (the robot's limit of 20 messages a minute) and -1 (system busy) are
worth retrying; every other code (93000 an invalid webhook key, 40008 an invalid message type,
...) is permanent.
"""

import json
from dataclasses import dataclass

from tracker.configuration.channels import ChannelSpec
from tracker.delivery.channels.base import Accepted
from tracker.delivery.channels.robot import post

MARKDOWN_LIMIT = 4096  # bytes of UTF-8 in markdown.content
TRANSIENT = frozenset({45009, -1})


def wecom_body(markdown: str) -> bytes:
    """The JSON body of a markdown message; ``markdown`` must fit ``MARKDOWN_LIMIT`` bytes."""
    assert len(markdown.encode()) <= MARKDOWN_LIMIT
    message = {"msgtype": "markdown", "markdown": {"content": markdown}}
    return json.dumps(message, ensure_ascii=False).encode()


@dataclass(frozen=True)
class WecomChannel:
    spec: ChannelSpec

    def send(self, message: bytes) -> Accepted:
        """Post the JSON body ``message``; raises DeliveryError (see ``robot.post``)."""
        where = f"the WeCom robot '{self.spec.name}' ({self.spec.host})"
        return post(
            self.spec.webhook,
            message,
            where=where,
            timeout=self.spec.timeout,
            transient_codes=TRANSIENT,
        )
