"""Headless Chromium for the page tests: Debian's chromium driven by Playwright
(no browser download).  Tests that need it skip cleanly when either is missing."""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "build" / "test-artifacts"  # git-ignored (build/)


def find_chromium() -> str | None:
    """The system's Chromium: $FACTCHECK_CHROMIUM (a path or a command), else the usual names."""
    for name in (os.environ.get("FACTCHECK_CHROMIUM"), "chromium", "chromium-browser", "google-chrome", "chrome"):
        p = shutil.which(name) if name else None
        if p:
            return p
    return None


@contextmanager
def chromium():
    """A headless Chromium driven by Playwright; skips the test without one (or without
    Playwright), or when the browser will not start."""
    exe = find_chromium()
    if exe is None:
        pytest.skip("no Chromium found (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (test extra) is not installed")
    with sync_api.sync_playwright() as p:
        try:
            browser = p.chromium.launch(executable_path=exe, args=["--no-sandbox", "--disable-gpu"])
        except Exception as e:  # a broken or incompatible browser is a reason to skip, said plainly
            pytest.skip(f"Chromium at {exe} would not start: {str(e).splitlines()[0]}")
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def browser_page(viewport=(1200, 900)):
    """A page in headless system Chromium; skips the test without one."""
    with chromium() as browser:
        yield browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})


def artifact(name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / name
