"""`make screenshots`: the README's screenshots, in German and in English.

Seeds the demo into a throwaway SQLite database, serves it with Django's development server
(DEBUG on, so static files are served), signs in through the login form as the demo lead, agent
and HR person, switches the language with the portal's own switch and captures, per language:
the lead's dashboard, the team's skills matrix, the agent's /me/ (on a laptop and on a phone)
and the HR overview. Uses the Chromium that the browser tests use (tests/e2e/browser.py).

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots]

Writes <language>-<page>.png into --out; runs the PNGs through optipng when it is installed,
else re-saves them with Pillow's optimiser. Nothing outside --out and a temporary directory
is written; the server is stopped and the temporary directory removed whatever happens.
"""

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e.browser import HOW_TO_INSTALL, NoBrowser, find_chromium  # noqa: E402

PASSWORD = "demo1234"
LANGUAGES = ["de", "en"]  # German first: most people who use the portal work in German
LAPTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
MAX_HEIGHT = 1600  # a laptop shot shows the page's top, at most this tall
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ACCEPT_LANGUAGE = {"de": "de-DE,de;q=0.9", "en": "en-GB,en;q=0.9"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def portal_env(tmp: Path, port: int) -> dict:
    env = {
        key: value for key, value in os.environ.items() if key not in {"REDIS_URL", "DATABASE_URL"}
    }
    env.update(
        {
            "DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}",
            "DEBUG": "true",
            "SITE_URL": f"http://127.0.0.1:{port}",
            "MEDIA_ROOT": str(tmp / "media"),
            "CELERY_FILESYSTEM_DIR": str(tmp / "celery"),
            "EMAIL_URL": "dummymail://",
            "SECURE_SSL_REDIRECT": "false",
            "SESSION_COOKIE_SECURE": "false",
            "CSRF_COOKIE_SECURE": "false",
            "SECURE_HSTS_SECONDS": "0",
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def wait_until_serving(url: str, server: subprocess.Popen, log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(
                f"The development server stopped (exit {server.returncode}):\n{log.read_text()[-2000:]}"
            )
        try:
            with urllib.request.urlopen(f"{url}/healthz/live", timeout=2) as response:  # nosec B310  # our own http:// URL on localhost
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    sys.exit(
        f"The development server did not answer within {seconds:.0f} s:\n{log.read_text()[-2000:]}"
    )


def stop(server: subprocess.Popen) -> None:
    if server.poll() is not None:
        return
    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


class Shooter:
    def __init__(self, browser, url: str, out: Path):
        self.browser, self.url, self.out = browser, url, out
        self.made = []

    def sign_in(self, email: str, language: str):
        """A fresh browser in the language, signed in through the login form, the switch pressed."""
        context = self.browser.new_context(
            viewport=LAPTOP,
            device_scale_factor=1,
            locale="de-DE" if language == "de" else "en-GB",
            extra_http_headers={"Accept-Language": ACCEPT_LANGUAGE[language]},
            reduced_motion="reduce",
        )
        page = context.new_page()
        self.visit(page, "/accounts/login/")
        form = page.locator("form:has(input[name=password])")
        form.locator("input[name=username]").fill(email)
        form.locator("input[name=password]").fill(PASSWORD)
        form.locator("button[type=submit]").click()
        page.wait_for_load_state("networkidle")
        if "/accounts/login/" in page.url:
            raise RuntimeError(f"Signing in as {email} failed: still on {page.url}")
        # The portal's own language switch: it also stores the language on the account.
        page.locator(f".language-switch button[value={language}]").first.click()
        page.wait_for_load_state("networkidle")
        self.check(page, language)
        return context, page

    def visit(self, page, path: str):
        response = page.goto(f"{self.url}{path}", wait_until="networkidle")
        if response is None or response.status != 200:
            raise RuntimeError(f"{path} answered {response.status if response else 'nothing'}")
        return response

    @staticmethod
    def check(page, language: str):
        shown = page.locator("html").get_attribute("lang")
        if shown != language:
            raise RuntimeError(f"{page.url} is in {shown!r}, not {language!r}")

    def shoot(
        self, page, language: str, path: str, name: str, *, phone: bool = False, shows: str = "main"
    ):
        page.set_viewport_size(PHONE if phone else LAPTOP)
        self.visit(page, path)
        self.check(page, language)
        page.locator(shows).first.wait_for(state="visible", timeout=10_000)
        page.evaluate("document.fonts.ready")
        page.wait_for_timeout(300)  # charts and the heat map settle after load
        target = self.out / f"{language}-{name}.png"
        if phone:
            page.screenshot(path=target, full_page=False)
        else:
            height = min(page.evaluate("document.documentElement.scrollHeight"), MAX_HEIGHT)
            page.screenshot(
                path=target,
                full_page=True,
                clip={
                    "x": 0,
                    "y": 0,
                    "width": LAPTOP["width"],
                    "height": max(height, LAPTOP["height"]),
                },
            )
        self.made.append(target)
        print(f"  {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")

    def team_matrix_path(self, page) -> str:
        """The lead's first team's skills matrix, found from the dashboard or the team page."""
        pattern = re.compile(r"/teams/\d+/skills/$")

        def find():
            hrefs = page.locator("main a[href]").evaluate_all(
                "links => links.map(a => a.getAttribute('href'))"
            )
            return next((href for href in hrefs if pattern.search(href or "")), None)

        self.visit(page, "/dashboard/")
        found = find()
        if not found:
            team = page.locator("main a[href^='/teams/']").first.get_attribute("href")
            self.visit(page, team)
            found = find()
        if not found:
            raise RuntimeError(
                "No link to a team's skills matrix on the lead's dashboard or team page"
            )
        return found

    def run(self):
        for language in LANGUAGES:
            print(f"{language}:")
            context, page = self.sign_in("lead@demo.example", language)
            try:
                self.shoot(page, language, "/dashboard/", "lead-dashboard")
                self.shoot(
                    page, language, self.team_matrix_path(page), "skills-matrix", shows="main table"
                )
            finally:
                context.close()
            context, page = self.sign_in("agent@demo.example", language)
            try:
                self.shoot(
                    page, language, "/me/", "agent-me", shows="#for-you"
                )  # "For you" opens /me/
                self.shoot(page, language, "/me/", "agent-me-phone", phone=True, shows="#for-you")
            finally:
                context.close()
            context, page = self.sign_in("hr@demo.example", language)
            try:
                self.shoot(page, language, "/hr/", "hr-overview")
            finally:
                context.close()


def optimise(paths) -> None:
    optipng = shutil.which("optipng")
    for path in paths:
        if optipng:
            subprocess.run([optipng, "-quiet", "-o2", "-strip", "all", str(path)], check=False)
            continue
        try:
            from PIL import Image
        except ImportError:
            return
        with Image.open(path) as image:
            image.load()
        image.save(path, optimize=True)


def main() -> int:
    # A SIGTERM (or a closed terminal) unwinds like Ctrl-C, so the server is stopped and the folder removed.
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, lambda *_: sys.exit(1))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--out",
        type=Path,
        default=ROOT / "docs" / "screenshots",
        help="folder for the PNGs (default docs/screenshots)",
    )
    args = parser.parse_args()
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)

    try:
        chromium = find_chromium()
    except NoBrowser as problem:
        sys.exit(str(problem))
    if not chromium:
        sys.exit(HOW_TO_INSTALL)

    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="portal-screenshots-"))
    server = None
    try:
        port = free_port()
        env = portal_env(tmp, port)
        print("Seeding the demo into a temporary database ...")
        manage(env, "migrate", "--noinput", "--verbosity", "0")
        manage(env, "seed_demo", "--verbosity", "0")
        log = tmp / "server.log"
        with open(log, "w") as server_log:
            server = subprocess.Popen(
                [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
                cwd=ROOT,
                env=env,
                stdout=server_log,
                stderr=subprocess.STDOUT,
            )
        url = f"http://127.0.0.1:{port}"
        wait_until_serving(url, server, log)
        print(f"Capturing with {chromium} from {url}")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            try:
                shooter = Shooter(browser, url, out)
                shooter.run()
            finally:
                browser.close()
        optimise(shooter.made)
        total = sum(path.stat().st_size for path in shooter.made)
        print(f"{len(shooter.made)} screenshots, {total / 1024:.0f} KB in all, in {out}")
    finally:
        if server is not None:
            stop(server)
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
