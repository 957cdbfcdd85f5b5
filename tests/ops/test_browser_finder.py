"""`make test` finds a browser the way a developer expects, or installs Playwright's, or says what to do."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e import browser

ROOT = Path(__file__).resolve().parents[2]


def executable(path: Path, content=b"\x7fELF binary") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    path.chmod(0o755)
    return path


def no_bundled():
    return None


def must_not_install():
    raise AssertionError("no download expected")


def test_chromium_from_the_environment_comes_first(tmp_path):
    own = executable(tmp_path / "my-chrome")
    system = executable(tmp_path / "usr/bin/chromium")
    found = browser.find_chromium({"CHROMIUM": str(own)}, [str(system)], no_bundled)
    assert found == str(own)


def test_a_chromium_variable_that_points_nowhere_is_reported(tmp_path):
    with pytest.raises(browser.NoBrowser, match="CHROMIUM=.*is not an executable"):
        browser.find_chromium({"CHROMIUM": str(tmp_path / "missing")}, [], no_bundled)


def test_the_first_system_browser_found_is_used(tmp_path):
    chrome = executable(tmp_path / "Applications/Google Chrome.app/Contents/MacOS/Google Chrome")
    candidates = [str(tmp_path / "usr/bin/chromium"), str(chrome)]
    assert browser.find_chromium({}, candidates, no_bundled) == str(chrome)


def test_a_file_that_is_not_executable_is_no_browser(tmp_path):
    plain = tmp_path / "usr/bin/chromium"
    plain.parent.mkdir(parents=True)
    plain.write_bytes(b"\x7fELF")
    assert browser.find_chromium({}, [str(plain)], no_bundled) is None


def test_ubuntus_snap_wrapper_is_skipped_for_playwrights_chromium(tmp_path):
    wrapper = executable(
        tmp_path / "usr/bin/chromium-browser", b'#!/bin/sh\nexec /snap/bin/chromium "$@"\n'
    )
    bundled = executable(tmp_path / "ms-playwright/chromium/chrome")
    found = browser.ensure_chromium({}, [str(wrapper)], lambda: str(bundled), must_not_install)
    assert found == str(bundled)


def test_playwrights_chromium_is_installed_when_no_browser_is_there(tmp_path):
    downloaded = []

    def install():
        downloaded.append(executable(tmp_path / "ms-playwright/chromium/chrome"))
        return True

    def bundled():
        return str(downloaded[0]) if downloaded else None

    assert browser.ensure_chromium({}, [], bundled, install) == str(
        tmp_path / "ms-playwright/chromium/chrome"
    )
    assert len(downloaded) == 1


def test_ci_never_downloads_a_browser():
    with pytest.raises(browser.NoBrowser) as problem:
        browser.ensure_chromium({"CI": "true"}, [], no_bundled, must_not_install)
    assert str(problem.value) == browser.HOW_TO_INSTALL


def test_a_failed_download_ends_in_one_sentence_saying_what_to_install():
    with pytest.raises(browser.NoBrowser) as problem:
        browser.ensure_chromium({}, [], no_bundled, lambda: False)
    message = str(problem.value)
    assert message.count(". ") == 0 and message.endswith(".")
    assert "apt-get install chromium" in message and "brew install --cask chromium" in message
    assert "CHROMIUM" in message


def test_the_install_step_runs_playwrights_installer():
    calls = []

    def run(command, check):
        calls.append(command)
        return subprocess.CompletedProcess(command, 0)

    assert browser.install_playwright_chromium(run) is True
    assert calls == [[sys.executable, "-m", "playwright", "install", "chromium"]]


def test_the_set_up_step_names_the_browser_it_found(tmp_path):
    chrome = executable(tmp_path / "chrome", b"#!/bin/sh\necho chrome\n")
    result = subprocess.run(
        [sys.executable, "-m", "tests.e2e.browser"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "CHROMIUM": str(chrome), "CI": "true"},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Browser tests use {chrome}"


def test_the_set_up_step_stops_with_the_sentence_when_no_browser_can_be_had(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "tests.e2e.browser"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "CHROMIUM": str(tmp_path / "none"), "CI": "true"},
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.strip().startswith(f"CHROMIUM={tmp_path / 'none'} is not an executable")


def test_without_a_browser_make_test_says_so_runs_every_other_test_and_fails(tmp_path):
    result = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "test",
            "TEST_WORKERS=0",
            "PYTEST_ARGS=tests/test_packaging.py -k licence_check",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "CHROMIUM": str(tmp_path / "none"), "CI": "true"},
        timeout=300,
    )
    assert result.returncode != 0
    said = result.stderr.splitlines()
    assert (
        said[0]
        == f"CHROMIUM={tmp_path / 'none'} is not an executable Chromium or Chrome: fix the path or unset it."
    )
    assert said[1] == (
        "The browser journeys cannot run without a browser (see the line above), so every other "
        "test runs now: make test-without-browser runs just those."
    )
    assert re.search(r"\b13 passed, \d+ deselected", result.stdout), result.stdout
    assert said[-2].startswith(
        "make test: every test without a browser passed; the browser journeys did not run"
    )


def test_the_browser_journeys_run_in_one_language_when_asked():
    def collected(*options):
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:xdist", *options],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        return [line for line in result.stdout.splitlines() if "::" in line]

    both = collected("tests/e2e/test_navigation.py")
    german = collected("tests/e2e/test_navigation.py", "--lang", "de")
    assert any("[en-" in test for test in both) and any("[de-" in test for test in both)
    assert german and not any("[en-" in test or "-en]" in test for test in german)
    assert set(german) == {test for test in both if "[en-" not in test and "-en]" not in test}
