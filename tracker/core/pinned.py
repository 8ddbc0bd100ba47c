"""Connections for the guarded HTTP client (tracker.core.fetch): to a pre-checked address, with
a watchdog that shuts the socket down at the deadline (so a trickling server cannot hold it)."""

from __future__ import annotations

import contextlib
import socket
import threading

import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection


class Watchdog:
    """Shuts down every socket it watches once the deadline passes."""

    def __init__(self, seconds: float) -> None:
        self.fired = False
        self._socks: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True
        self._timer.start()

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._socks.append(sock.dup())  # a dup survives ssl's detach() of the original
            if self.fired:
                self._shutdown()

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            self._shutdown()

    def _shutdown(self) -> None:
        for sock in self._socks:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        self._timer.cancel()
        with self._lock:
            for sock in self._socks:
                sock.close()
            self._socks.clear()


class PinnedMixin:
    """Connects to a pre-checked IP instead of resolving the host name again."""

    def __init__(self, *args, pinned_ip: str, watchdog: Watchdog, **kwargs) -> None:
        self._pinned_ip = pinned_ip
        self._watchdog = watchdog
        super().__init__(*args, **kwargs)

    def _new_conn(self) -> socket.socket:
        try:
            sock = socket.create_connection((self._pinned_ip, self.port), timeout=self.timeout)
        except TimeoutError as exc:
            raise urllib3.exceptions.ConnectTimeoutError(self, str(exc)) from exc
        except OSError as exc:
            raise urllib3.exceptions.NewConnectionError(self, str(exc)) from exc
        self._watchdog.watch(sock)
        return sock


class PinnedHTTPConnection(PinnedMixin, HTTPConnection):
    pass


class PinnedHTTPSConnection(PinnedMixin, HTTPSConnection):
    pass
