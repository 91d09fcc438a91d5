"""Headless Chromium driven over the DevTools protocol on a pipe (``--remote-debugging-pipe``).

Chromium's window is never narrower than 500 px, whatever ``--window-size`` says; a phone's
320 or 375 px viewport is had by device-metrics emulation
(``Emulation.setDeviceMetricsOverride``). The protocol runs over two pipes Chromium reads
and writes as its file descriptors 3 and 4, messages separated by NUL bytes: no port, no
WebSocket, no library beyond the standard one.
"""

import base64
import contextlib
import json
import os
import subprocess
from pathlib import Path
from typing import Any

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--remote-debugging-pipe",
]


class Browser:
    """One Chromium process with one page; ``close`` (or ``with``) ends it."""

    def __init__(self, binary: str, profile: Path) -> None:
        to_chromium_read, self._write = os.pipe()
        self._read, from_chromium_write = os.pipe()

        def as_fds_3_and_4() -> None:  # copies first: either pipe may already be 3 or 4
            commands, answers = os.dup(to_chromium_read), os.dup(from_chromium_write)
            os.dup2(commands, 3)
            os.dup2(answers, 4)
            os.set_inheritable(3, True)
            os.set_inheritable(4, True)

        self._process = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            preexec_fn=as_fds_3_and_4,  # dup2 leaves 3 and 4 open across exec
            close_fds=False,  # the pipes' own descriptors close on exec (PEP 446)
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_chromium_read)
        os.close(from_chromium_write)
        self._buffer = b""
        self._next_id = 0
        self._events: list[dict[str, Any]] = []
        targets = self.call("Target.getTargets")["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        self._session = self.call("Target.attachToTarget", targetId=page["targetId"], flatten=True)[
            "sessionId"
        ]
        self.call("Page.enable", session=True)
        self.call("Runtime.enable", session=True)

    def __enter__(self) -> "Browser":
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        with contextlib.suppress(OSError, EOFError):  # already gone
            self.call("Browser.close")
        try:
            self._process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        os.close(self._write)
        os.close(self._read)

    def call(self, method: str, *, session: bool = False, **params: Any) -> dict[str, Any]:
        """Send one command and wait for its answer; events meanwhile are kept."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self._session
        os.write(self._write, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._receive()
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                result: dict[str, Any] = answer["result"]
                return result
            self._events.append(answer)

    def wait_for(self, event: str) -> dict[str, Any]:
        """The first ``event`` since the last wait (those already arrived included)."""
        while True:
            for i, e in enumerate(self._events):
                if e.get("method") == event:
                    del self._events[: i + 1]
                    return e
            self._events.append(self._receive())

    def _receive(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            chunk = os.read(self._read, 1 << 16)
            if not chunk:
                raise EOFError("Chromium closed the pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        found: dict[str, Any] = json.loads(raw)
        return found

    def open(self, page: Path, width: int, height: int = 1200) -> None:
        """Load ``page`` in a ``width`` × ``height`` CSS-pixel viewport (device scale 1)."""
        self.call(
            "Emulation.setDeviceMetricsOverride",
            session=True,
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )
        self._events.clear()
        self.call("Page.navigate", session=True, url=page.as_uri())
        self.wait_for("Page.loadEventFired")

    def colour_scheme(self, scheme: str) -> None:
        """Emulate ``prefers-color-scheme``: "dark" or "light" (until changed again)."""
        self.call(
            "Emulation.setEmulatedMedia",
            session=True,
            features=[{"name": "prefers-color-scheme", "value": scheme}],
        )

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (JSON-serialisable)."""
        answer = self.call(
            "Runtime.evaluate", session=True, expression=expression, returnByValue=True
        )
        if "exceptionDetails" in answer:
            raise RuntimeError(answer["exceptionDetails"])
        return answer["result"].get("value")

    def console_errors(self) -> list[str]:
        """Console messages and exceptions the page produced since it was opened."""
        found = []
        for e in self._events:
            if e.get("method") == "Runtime.consoleAPICalled":
                found.append(" ".join(str(a.get("value", "")) for a in e["params"]["args"]))
            if e.get("method") == "Runtime.exceptionThrown":
                found.append(str(e["params"]["exceptionDetails"].get("text")))
        return found

    def screenshot(self) -> bytes:
        """A PNG of the whole page at the viewport's width."""
        answer = self.call(
            "Page.captureScreenshot", session=True, format="png", captureBeyondViewport=True
        )
        return base64.b64decode(answer["data"])
