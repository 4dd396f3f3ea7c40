"""scripts/dev.py as a person uses it: `serve` is the server, so stopping it by its PID
(Ctrl+C, a supervisor, `kill`) leaves nothing listening."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_stopping_serve_by_its_pid_stops_the_server():
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    proc = subprocess.Popen([sys.executable, "scripts/dev.py", "serve", "-a", f"127.0.0.1:{port}"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                assert urllib.request.urlopen(url, timeout=2).status == 200
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, "the server never answered"
                time.sleep(0.5)
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
        time.sleep(0.5)
        with socket.socket() as s:
            assert s.connect_ex(("127.0.0.1", port)) != 0, "mkdocs serve still listens after dev.py was stopped"
    finally:
        proc.kill()
