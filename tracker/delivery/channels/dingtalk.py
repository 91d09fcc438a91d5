"""DingTalk (钉钉) group robots: ``POST https://oapi.dingtalk.com/robot/send?access_token=TOKEN
&timestamp=T&sign=S`` with ``{"msgtype": "markdown", "markdown": {"title": ..., "text": ...}}``.

Signing ("加签"): ``T`` is the time of sending in milliseconds since the epoch, ``S`` the
URL-encoded base64 of HMAC-SHA256 keyed by the secret over ``T + "\\n" + secret``. DingTalk
refuses a ``T`` more than an hour away from its clock, so the signature is made when the
message is sent, never when it is queued. Error codes: 0 posted; 130101 (sending too fast,
more than 20 messages a minute) and -1 (system busy) are worth retrying; 310000 (the
signature, a keyword or the IP address did not pass the robot's security settings), 300001
(an invalid token) and every other code are permanent.

No limit of DingTalk's markdown text is documented for custom robots; the summary keeps to
the same 4096 bytes of UTF-8 as WeCom's.
"""

import base64
import hashlib
import hmac
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote_plus

from tracker.configuration.channels import ChannelSpec
from tracker.delivery.channels.base import Accepted
from tracker.delivery.channels.robot import post, webhook_secrets

MARKDOWN_LIMIT = 4096  # bytes of UTF-8 in markdown.text
TRANSIENT = frozenset({130101, -1})


def dingtalk_body(title: str, markdown: str) -> bytes:
    """The JSON body of a markdown message: ``title`` shows in the chat list."""
    assert len(markdown.encode()) <= MARKDOWN_LIMIT
    message = {"msgtype": "markdown", "markdown": {"title": title, "text": markdown}}
    return json.dumps(message, ensure_ascii=False).encode()


def signed_url(webhook: str, secret: str, timestamp_ms: int) -> str:
    """``webhook`` with ``timestamp`` and ``sign`` added (DingTalk's "加签")."""
    to_sign = f"{timestamp_ms}\n{secret}".encode()
    digest = hmac.new(secret.encode(), to_sign, hashlib.sha256).digest()
    sign = quote_plus(base64.b64encode(digest))
    return f"{webhook}&timestamp={timestamp_ms}&sign={sign}"


@dataclass(frozen=True)
class DingtalkChannel:
    spec: ChannelSpec
    wall_clock: Callable[[], float] = field(default=time.time)  # seconds since the epoch

    def send(self, message: bytes) -> Accepted:
        """Sign and post the JSON body ``message``; raises DeliveryError (see
        ``robot.post``)."""
        assert self.spec.secret is not None  # the config refuses a DingTalk channel without
        url = signed_url(self.spec.webhook, self.spec.secret, round(self.wall_clock() * 1000))
        return post(
            url,
            message,
            where=f"the DingTalk robot '{self.spec.name}' ({self.spec.host})",
            timeout=self.spec.timeout,
            transient_codes=TRANSIENT,
            secrets=(self.spec.secret, *webhook_secrets(self.spec.webhook)),
        )
