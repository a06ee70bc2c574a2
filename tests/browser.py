"""Headless Chromium for the browser tests, set up one way for every page kgraph serves or writes.

Debian's Chromium and ChromeDriver are used with an explicit driver path, so Selenium Manager never
tries to download anything; the network is off (a dead proxy) except, when asked, 127.0.0.1; and
``alert`` is replaced before any page script runs, so a script smuggled in by a quote is seen.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ALERT_HOOK = """
window.__alerted = [];
window.alert = function (message) { window.__alerted.push(String(message)); };
"""


def unavailable(reason: str) -> None:
    """Skip on a developer's machine; fail in CI, which installs the browser."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI installs it, so this is an error there")
    pytest.skip(reason)


@contextmanager
def headless_chromium(
    profile: Path, *, allow_loopback: bool = False, window: str = "1400,900"
) -> Iterator[Any]:
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not os.access(p, os.X_OK)]
    if missing:
        unavailable(f"{' and '.join(missing)} missing (apt-get install chromium chromium-driver)")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        unavailable("selenium is not installed (pip install -e '.[dev]')")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        # the network is off: everything goes to a dead proxy (but 127.0.0.1 when a test serves
        # the page; "<-loopback>" would *remove* loopback from Chromium's implicit bypass list)
        "--proxy-server=127.0.0.1:9",
        "--proxy-bypass-list=127.0.0.1" if allow_loopback else "--proxy-bypass-list=<-loopback>",
        f"--window-size={window}",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    browser = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": ALERT_HOOK})
    try:
        yield browser
    finally:
        browser.quit()
