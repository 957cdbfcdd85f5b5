"""Find a Chromium for the browser tests the way a developer expects, or install Playwright's own.

Order: the CHROMIUM environment variable, the system's Chromium or Google Chrome (Debian, Ubuntu,
Fedora, macOS), then the Chromium that `python -m playwright install chromium` downloads.
`python -m tests.e2e.browser` is the set-up step of `make test`: it downloads Playwright's Chromium
only when nothing else is there, and never in CI (the CI variable is set), which brings its own.
"""

import os
import subprocess
import sys
from pathlib import Path

SYSTEM_BROWSERS = [
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
    "/usr/bin/google-chrome-stable",
    "/opt/google/chrome/chrome",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "~/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "~/Applications/Chromium.app/Contents/MacOS/Chromium",
]

HOW_TO_INSTALL = (
    "No Chromium or Google Chrome was found for the browser tests: install one "
    "(Debian: sudo apt-get install chromium; Fedora: sudo dnf install chromium; "
    "macOS: brew install --cask chromium) or set CHROMIUM to the path of a Chromium or Chrome executable."
)


class NoBrowser(Exception):
    """No browser can be had; the message says in one sentence what to install."""


def is_usable(path) -> bool:
    """An executable file that is not Ubuntu's snap wrapper (a snap's Chromium cannot be driven)."""
    candidate = Path(path).expanduser()
    if not candidate.is_file() or not os.access(candidate, os.X_OK):
        return False
    real = candidate.resolve()
    if real.parts[:2] == ("/", "snap"):
        return False
    head = real.read_bytes()[:4096]
    return not (head.startswith(b"#!") and b"snap" in head)


def system_browser(candidates=SYSTEM_BROWSERS):
    return next((str(Path(path).expanduser()) for path in candidates if is_usable(path)), None)


def playwright_chromium():
    """Playwright's own Chromium when it has been downloaded, else None."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        path = playwright.chromium.executable_path
    return path if path and is_usable(path) else None


def find_chromium(environ=os.environ, candidates=SYSTEM_BROWSERS, bundled=playwright_chromium):
    chosen = environ.get("CHROMIUM", "").strip()
    if chosen:
        if not is_usable(chosen):
            raise NoBrowser(
                f"CHROMIUM={chosen} is not an executable Chromium or Chrome: fix the path or unset it."
            )
        return chosen
    return system_browser(candidates) or bundled()


def install_playwright_chromium(run=subprocess.run) -> bool:
    result = run([sys.executable, "-m", "playwright", "install", "chromium"], check=False)
    return result.returncode == 0


def ensure_chromium(
    environ=os.environ,
    candidates=SYSTEM_BROWSERS,
    bundled=playwright_chromium,
    install=install_playwright_chromium,
):
    """The browser to drive; downloads Playwright's Chromium when none is there (never in CI)."""
    found = find_chromium(environ, candidates, bundled)
    if found:
        return found
    in_ci = environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}
    if not in_ci and install():
        found = bundled()
        if found:
            return found
    raise NoBrowser(HOW_TO_INSTALL)


def main() -> int:
    try:
        print(f"Browser tests use {ensure_chromium()}")
    except NoBrowser as problem:
        print(problem, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
