"""Fixtures of the browser test: a live server on 127.0.0.1 over a store built from data/, and a
headless Debian chromium driven by selenium (chromium-driver).

Run with ``make browser-test`` (not part of the default ``pytest`` run, whose testpaths is tests/).
``CHROMIUM`` and ``CHROMEDRIVER`` override where the browser and its driver are (default: on PATH).
The server is the real command line: ``interreg-kg build`` then ``interreg-kg serve``.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# the flags the CI machine needs: no sandbox as root, no GPU, and nothing that reaches the (closed) network
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage", "--window-size=1400,1000",
                  # every host but the loopback is unknown: the page must work offline
                  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "interreg_kg", *args]


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> Iterator[str]:
    """The base URL of ``interreg-kg serve`` on a free loopback port, serving a fresh build of data/."""
    store = tmp_path_factory.mktemp("browser") / "store"
    env = {**os.environ, "INTERREG_KG_DATA": str(ROOT / "data")}
    built = subprocess.run(_cli("build", "--store", str(store), "--no-progress"), cwd=ROOT, env=env,
                           capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, f"interreg-kg build failed:\n{built.stdout}\n{built.stderr}"
    port = _free_port()
    log = (tmp_path_factory.getbasetemp() / "serve.log").open("w+", encoding="utf-8")
    process = subprocess.Popen(_cli("serve", "--store", str(store), "--host", "127.0.0.1", "--port", str(port)),
                               cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                log.seek(0)
                pytest.fail(f"interreg-kg serve exited with {process.returncode}:\n{log.read()}")
            try:
                with urllib.request.urlopen(base + "/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.fail("interreg-kg serve did not answer /health within 60 s")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _program(variable: str, name: str) -> str:
    path = os.environ.get(variable) or shutil.which(name)
    if not path:
        pytest.fail(f"{name} not found (set {variable}, or: apt-get install chromium chromium-driver)")
    return path


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    """A headless chromium with a fresh profile, closed after the session."""
    os.environ.setdefault("SE_AVOID_STATS", "true")  # selenium: no usage statistics
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = _program("CHROMIUM", "chromium")
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(_program("CHROMEDRIVER", "chromedriver")))
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
