"""Mail servers for fault tests, each on a port of its own: one that records, refuses or rejects
(aiosmtpd; it can run a fault of the test's choosing while it holds a message), and one that
accepts connections and never says a word."""

import asyncio
import socket
import threading
from collections import Counter
from email import message_from_bytes

from aiosmtpd.controller import Controller

ACCEPT, REFUSE, REJECT = "accept", "refuse", "reject"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _Handler:
    def __init__(self, server):
        self.server = server

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.server.mode == REFUSE:
            return "451 4.3.0 Mail server busy, try again later"
        if self.server.mode == REJECT or address in self.server.unknown_addresses:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content)
        with self.server.lock:
            self.server.message_ids.append(message["Message-ID"])
            received = len(self.server.message_ids)
        if self.server.on_message:
            self.server.on_message(received)  # before the reply: the sender does not know yet
        if received in self.server.slow_to_confirm:
            await asyncio.sleep(
                3
            )  # the message is taken, but the sender gives up waiting for the 250
        return "250 Message accepted for delivery"

    async def handle_QUIT(self, server, session, envelope):
        with self.server.lock:
            self.server.quits += 1
        return "221 Bye"


class RecordingSMTPServer:
    """Accepts (and records the Message-ID of) every message, or refuses them all while `mode` says so."""

    def __init__(self, on_message=None):
        self.mode = ACCEPT
        self.unknown_addresses: set[str] = set()
        self.message_ids: list[str] = []
        self.quits = 0  # polite goodbyes received
        # Called with the number of messages received so far, as each is received.
        self.on_message = on_message
        self.slow_to_confirm: set[int] = set()  # numbers of the messages confirmed only after 3 s
        self.lock = threading.Lock()
        self.port = free_port()
        self.controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()

    def per_ledger_row(self) -> Counter:
        """Ledger row id → messages received with its Message-ID (<reminder.ID.tag@host>)."""
        with self.lock:
            return Counter(int(mid.strip("<>").split(".")[1]) for mid in self.message_ids)


class SilentServer:
    """Accepts TCP connections and never answers, like a mail server that hangs."""

    def __init__(self):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(64)
        self.port = self.socket.getsockname()[1]
        self.connections = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def _accept(self):
        self.socket.settimeout(0.1)
        while not self._stop.is_set():
            try:
                self.connections.append(self.socket.accept()[0])
            except OSError:
                continue

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        for conn in self.connections:
            conn.close()
        self.socket.close()
