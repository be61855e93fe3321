"""A real SMTP server on loopback for tests (aiosmtpd), and helpers to read what it received.

The ``smtp_server`` fixture (tests/conftest.py) starts one per test and points Django's mail at it
(``MAILERS["default"]``: the SMTP backend, 127.0.0.1 and the server's port), so messages go through
Django's real SMTP backend, over a socket, and arrive as bytes to be parsed like any mail reader would."""

from __future__ import annotations

import email
import email.policy
import html
import re
import socket
import threading
import time
from email.message import EmailMessage

from aiosmtpd.controller import Controller

HOST = "127.0.0.1"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class _Collector:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.changed = threading.Condition()

    async def handle_DATA(self, server, session, envelope) -> str:
        message = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        with self.changed:
            self.messages.append(message)
            self.changed.notify_all()
        return "250 Message accepted for delivery"


class SMTPServer:
    """Started on entering, stopped on leaving; ``messages`` holds each received message, parsed."""

    def __init__(self) -> None:
        self.host = HOST
        self.port = _free_port()
        self._collector = _Collector()
        self._controller = Controller(self._collector, hostname=self.host, port=self.port)

    def __enter__(self) -> SMTPServer:
        self._controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._controller.stop()

    @property
    def messages(self) -> list[EmailMessage]:
        with self._collector.changed:
            return list(self._collector.messages)

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if address in m["To"]]

    def wait_for(self, address: str, subject: str, timeout: float = 10.0) -> EmailMessage:
        """The newest message to ``address`` whose subject holds ``subject``, waiting for it if need be."""
        deadline = time.monotonic() + timeout
        with self._collector.changed:
            while True:
                found = [m for m in self._collector.messages if address in m["To"] and subject in m["Subject"]]
                if found:
                    return found[-1]
                left = deadline - time.monotonic()
                if left <= 0:
                    subjects = [(m["To"], m["Subject"]) for m in self._collector.messages]
                    raise AssertionError(f"no message to {address} about {subject!r}; received: {subjects}")
                self._collector.changed.wait(left)


def text_part(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None and part.get_content_type() == "text/plain", "no text part"
    return part.get_content()


def html_part(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("html",))
    assert part is not None and part.get_content_type() == "text/html", "no HTML part"
    return part.get_content()


def link(message: EmailMessage, contains: str) -> str:
    """The one link holding ``contains`` in the text part, which the HTML part links to as well."""
    found = set(re.findall(r"https?://\S+", text_part(message)))
    found = [url for url in found if contains in url]
    assert len(found) == 1, (contains, text_part(message))
    assert f'href="{html.escape(found[0])}"' in html_part(message), "the HTML part lacks the text part's link"
    return found[0]
