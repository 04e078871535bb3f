"""The benchmark's server helpers: waiting for a server to be idle, and per-process memory."""

from __future__ import annotations

import subprocess
import sys
import time

import psutil
import pytest

from bench import servers

_BUSY_THEN_IDLE = "import time\nt = time.time()\nwhile time.time() - t < 1.5: pass\ntime.sleep(60)\n"


@pytest.fixture
def spawned():
    started = []

    def spawn(code: str) -> servers.Server:
        process = subprocess.Popen([sys.executable, "-c", code])
        started.append(process)
        return servers.Server(process, "http://127.0.0.1:0")

    yield spawn
    for process in started:
        process.kill()
        process.wait()


def test_wait_idle_waits_while_the_server_works(spawned):
    server = spawned(_BUSY_THEN_IDLE)
    waited = server.wait_idle(timeout=20, window=0.25)
    assert 0.5 <= waited < 20
    assert server.process.poll() is None  # it is sleeping now, not gone


def test_wait_idle_sees_work_in_threads_other_than_the_main_one(spawned):
    # REST queries run in the server's thread pool: a thread's work counts as the server's
    server = spawned("import threading, time\n"
                     "def spin():\n    t = time.time()\n    while time.time() - t < 1.5: pass\n"
                     "threading.Thread(target=spin).start()\ntime.sleep(60)\n")
    assert 0.5 <= server.wait_idle(timeout=20, window=0.25) < 20


def test_wait_idle_returns_at_once_on_an_idle_server(spawned):
    server = spawned("import time\ntime.sleep(60)\n")
    server.wait_idle(timeout=5, window=0.25)  # past its start-up
    assert server.wait_idle(timeout=5, window=0.25) < 1.0


def test_largest_process_is_part_of_the_total(spawned):
    server = spawned("import subprocess, sys, time\n"
                     "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])\n"
                     "time.sleep(60)\n")
    deadline = time.monotonic() + 10
    while not psutil.Process(server.process.pid).children() and time.monotonic() < deadline:
        time.sleep(0.05)
    largest, total = server.largest_rss_mb(), server.rss_mb()
    assert 0 < largest < total
