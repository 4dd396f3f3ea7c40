"""Serve a built site with hosting/nginx.conf in a real nginx on a loopback port
(for tests/test_hosting.py and bench/lighthouse.py: the headers, gzip and caching
readers would get)."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from pathlib import Path

NGINX = "/usr/sbin/nginx"
CONF = Path(__file__).resolve().parent / "nginx.conf"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(site: Path, work: Path, event_log: Path | None = None) -> tuple[subprocess.Popen, int]:
    """nginx serving `site` (its temporary files under `work`, readers' events logged to
    event_log, default work/events.log); (process, port)."""
    port = free_port()
    server = (CONF.read_text(encoding="utf-8").replace("SITE_ROOT", str(site))
              .replace("LISTEN", f"127.0.0.1:{port}").replace("EVENT_LOG", str(event_log or work / "events.log")))
    user = "user root;\n" if os.geteuid() == 0 else ""
    temp = "".join(f"{kind}_temp_path {work}/{kind};\n" for kind in
                   ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (work / "nginx.conf").write_text(
        f"{user}worker_processes 1;\npid {work}/nginx.pid;\nerror_log {work}/error.log;\n"
        f"events {{}}\nhttp {{\ninclude /etc/nginx/mime.types;\naccess_log off;\n{temp}{server}\n}}\n",
        encoding="utf-8")
    process = subprocess.Popen([NGINX, "-c", str(work / "nginx.conf"), "-p", str(work), "-g", "daemon off;"],
                               stderr=subprocess.PIPE)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            return process, port
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError("nginx did not start: " + process.stderr.read().decode())
