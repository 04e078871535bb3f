"""bench/servers.py ``cpu_ns``: the CPU of a process's main thread and of its children's, in ns."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from bench import servers


def test_the_main_threads_cpu_grows_with_work_and_children_are_counted_apart():
    child = subprocess.Popen([sys.executable, "-c", "import sys, time\nend = time.process_time() + 0.3\n"
                              "while time.process_time() < end: pass\nsys.stdin.read()"], stdin=subprocess.PIPE)
    try:
        own, _ = servers.cpu_ns(os.getpid())
        end = time.thread_time() + 0.05
        while time.thread_time() < end:
            pass
        deadline = time.monotonic() + 30
        while servers.cpu_ns(os.getpid())[1] < 250_000_000 and time.monotonic() < deadline:
            time.sleep(0.05)  # the child spins 0.3 s of CPU, then waits
        later, children = servers.cpu_ns(os.getpid())
        assert later - own >= 50_000_000
        assert 250_000_000 <= children < 5_000_000_000
    finally:
        child.communicate(b"")
    assert servers.cpu_ns(2**22 + 12345) == (0, 0)  # no such process
