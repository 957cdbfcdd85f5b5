import os

import pytest
from django.conf import settings
from django.core.servers.basehttp import WSGIServer
from django.test.testcases import LiveServerThread

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

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
LANGUAGES = ["de", "en"]


class _OneRequestAtATime(WSGIServer):
    """The live server for SQLite: its requests share the test's one in-memory connection, so two at
    once (a page and the htmx request it starts, like /me/'s objectives) could wait on each other for
    ever. Served one after the other instead; Django closes each connection after its answer."""

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)


@pytest.fixture(scope="session", autouse=True)
def _patient_assertions():
    """An expectation waits up to 15 s (Playwright's default is 5 s): CI runs both databases' suites
    side by side on two cores, and a page may take longer than usual there. A passing test waits no
    longer for it."""
    from playwright.sync_api import expect

    expect.set_options(timeout=15_000)


@pytest.fixture(scope="session", autouse=True)
def _live_server_suits_the_database():
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        LiveServerThread.server_class = _OneRequestAtATime
    yield


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """The system's Chromium or Chrome, CHROMIUM, or Playwright's own (see tests/e2e/browser.py)."""
    from .browser import NoBrowser, find_chromium

    try:
        chromium = find_chromium()
    except NoBrowser as problem:
        pytest.fail(str(problem))
    if not chromium:
        pytest.fail(
            "No browser for the browser tests: run `make test`, which finds or installs one."
        )
    return {**browser_type_launch_args, "executable_path": chromium, "args": CHROMIUM_ARGS}


@pytest.fixture
def demo(transactional_db, seeded_demo):
    """The demo service center, as `make run` serves it."""
    seeded_demo.restore()


@pytest.fixture(params=LANGUAGES)
def lang(request):
    """The interface language of a journey: a test that asks for `lang` or `t` runs once in German and once
    in English."""
    return request.param


@pytest.fixture
def t(lang):
    """The interface's own words in the journey's language: t("Save"), t("Cancel", context="enrollment"),
    t("The review is shared with %(agent)s.", agent="Jonas Weber"), and plurals with plural= and count=."""
    from django.utils import translation

    def _t(message, context=None, plural=None, count=None, **values):
        with translation.override(lang):
            if plural is not None:
                text = (
                    translation.npgettext(context, message, plural, count)
                    if context
                    else translation.ngettext(message, plural, count)
                )
            else:
                text = (
                    translation.pgettext(context, message)
                    if context
                    else translation.gettext(message)
                )
        return text % values if values else text

    return _t


@pytest.fixture
def t_pattern(t):
    """A regular expression for a message whose placeholders are not known in advance:
    t_pattern("The note was saved. Feedback is due by %(due)s.") matches it with any due time."""
    import re

    def _pattern(message, context=None):
        translated = t(message, context=context)
        parts = re.split(r"%\(\w+\)s", translated.replace("%%", "%"))
        return re.compile(".+".join(re.escape(part) for part in parts))

    return _pattern


@pytest.fixture
def sign_in(request, page, live_server):
    """Sign in through the login form, the form itself in the account's language.

    `language` sets the account's language first: by default the journey's `lang` when the test asks
    for it, else English; None keeps what the account has (the demo people work in German)."""
    from django.conf import settings
    from django.utils import translation

    default = request.getfixturevalue("lang") if "lang" in request.fixturenames else "en"

    def _sign_in(email, password="demo1234", language=default):
        from people.models import User

        if language:
            User.objects.filter(email=email).update(preferred_language=language)
        form_language = language or User.objects.get(email=email).preferred_language or "en"
        page.context.add_cookies(
            [
                {
                    "name": settings.LANGUAGE_COOKIE_NAME,
                    "value": form_language,
                    "url": live_server.url,
                }
            ]
        )
        page.goto(f"{live_server.url}/accounts/login/")
        with translation.override(form_language):
            page.get_by_label(translation.gettext("E-mail address")).fill(email)
            page.get_by_label(translation.gettext("Password")).fill(password)
            page.get_by_role("button", name=translation.gettext("Sign in")).click()
        page.wait_for_load_state()
        return page

    return _sign_in


@pytest.fixture
def sign_out(page, t):
    def _sign_out():
        page.locator("#nav-main .dropdown-toggle").last.click()
        page.get_by_role("button", name=t("Sign out")).click()
        page.wait_for_load_state()

    return _sign_out


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """A common laptop screen; the navigation fits from 1200 px on and folds into the menu button below (the German admin navigation clipped at 992–1199 px)."""
    return {**browser_context_args, "viewport": {"width": 1280, "height": 800}}
