"""Posting a message to a group robot's webhook (WeCom, DingTalk) and reading its answer.

Both services answer HTTP 200 with ``{"errcode": N, "errmsg": "..."}``; ``errcode`` 0 means the
message was posted to the group. What each outcome means for the message:

- the connection could not be made (refused, DNS, a connect timeout, TLS): it cannot have
  arrived; try again later (transient).
- the request went out and no answer came (the connection dropped, the reply timed out): the
  service may have posted it, so it is ``uncertain`` and never sent again by itself.
- HTTP 5xx or 429: transient; any other 4xx: permanent.
- HTTP 200: ``errcode`` 0 is delivered; the service's codes for "too fast" or "busy" are
  transient; every other code is permanent, with the service's reason.

httpx (a well-kept HTTP client with separate connect/read/write timeouts, so that "not sent"
and "sent, no answer" can be told apart) is imported only when a message is posted.
"""

import json
from collections.abc import Collection
from typing import Any

from tracker.delivery.channels.base import Accepted, DeliveryError

USER_AGENT = "tracker (goal progress reports)"


def post(
    url: str,
    body: bytes,
    *,
    where: str,
    timeout: float,
    transient_codes: Collection[int],
) -> Accepted:
    """POST ``body`` (JSON) to ``url`` and return the service's acknowledgement; ``where``
    names the channel in messages (never the URL: it holds the robot's key). Raises
    DeliveryError (see the module's docstring)."""
    import httpx

    headers = {"Content-Type": "application/json; charset=utf-8", "User-Agent": USER_AGENT}
    try:
        with httpx.Client(timeout=timeout, follow_redirects=False) as client:
            response = client.post(url, content=body, headers=headers)
    except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as e:
        raise DeliveryError(
            f"cannot reach {where} ({_why(e, url)}); will retry", transient=True
        ) from None
    except (httpx.WriteError, httpx.WriteTimeout) as e:  # the request did not go out whole
        raise DeliveryError(
            f"the message could not be sent whole to {where} ({_why(e, url)}); will retry",
            transient=True,
        ) from None
    except (httpx.ReadTimeout, httpx.ReadError, httpx.RemoteProtocolError) as e:
        raise DeliveryError(
            f"no answer from {where} after the message was sent ({_why(e, url)}): the group may "
            "have it, so it is not sent again by itself",
            transient=False,
            uncertain=True,
        ) from None
    except httpx.HTTPError as e:
        raise DeliveryError(f"posting to {where} failed: {_why(e, url)}", transient=True) from None
    return answer(response.status_code, response.content, where, transient_codes)


def answer(status: int, content: bytes, where: str, transient_codes: Collection[int]) -> Accepted:
    """The outcome of an HTTP answer (see the module's docstring)."""
    text = content.decode("utf-8", "replace")[:500]
    if status >= 500 or status == 429:
        raise DeliveryError(
            f"{where} answered HTTP {status} ({_short(text)}); will retry",
            transient=True,
            reply=f"HTTP {status}",
        )
    if status != 200:
        raise DeliveryError(
            f"{where} refused the message: HTTP {status} ({_short(text)})",
            transient=False,
            reply=f"HTTP {status}",
        )
    try:
        reply: Any = json.loads(content)
        code = int(reply["errcode"])
        message = str(reply.get("errmsg", ""))
    except (ValueError, TypeError, KeyError):
        raise DeliveryError(
            f"{where} answered HTTP 200 without errcode ({_short(text)}): the group may have "
            "the message, so it is not sent again by itself",
            transient=False,
            uncertain=True,
        ) from None
    said = f"errcode {code}: {_short(message)}"
    if code == 0:
        return Accepted(said)
    if code in transient_codes:
        raise DeliveryError(f"{where} deferred the message ({said}); will retry", transient=True)
    raise DeliveryError(f"{where} refused the message ({said})", transient=False, reply=said)


def _short(text: str) -> str:
    return " ".join(text.split())[:300] or "no text"


def _why(error: Exception, url: str) -> str:
    """The error in one line, without the webhook (its query is the robot's key)."""
    text = " ".join(str(error).replace(url, "the webhook").split())
    return text or type(error).__name__
