import polib
import pytest
from django.utils import translation

from portal.management.commands.compile_translations import catalog_files, write_atomically

pytestmark = pytest.mark.django_db


def test_every_german_catalog_is_complete():
    files = list(catalog_files())
    assert files, "no catalogs found"
    for po_path in files:
        catalog = polib.pofile(str(po_path))
        missing = [
            e.msgid
            for e in catalog
            if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)
        ]
        assert missing == [], f"{po_path} lacks German for {missing}"


def test_compiled_catalogs_are_present():
    for po_path in catalog_files():
        assert po_path.with_suffix(".mo").exists(), (
            f"{po_path} is not compiled (run make translations)"
        )


def test_a_catalog_is_compiled_beside_its_place_and_renamed_into_it(tmp_path):
    """A test run or a served portal that loads catalogs while `make run` compiles them never reads
    half a file: the .mo is written under another name and renamed."""
    po_path = next(iter(catalog_files()))
    mo_path = tmp_path / "django.mo"
    mo_path.write_bytes(b"the old catalog")
    write_atomically(polib.pofile(str(po_path)), mo_path)
    assert [path.name for path in tmp_path.iterdir()] == ["django.mo"]
    assert polib.mofile(str(mo_path)).find("Save") is not None
    assert oct(mo_path.stat().st_mode & 0o777) == oct(0o644)


def test_a_user_is_served_in_their_preferred_language(cast, login):
    cast["agent"].preferred_language = "de"
    cast["agent"].save()
    body = login(cast["agent"]).get("/me/").content.decode()
    assert "Mein Entwicklungsplan" in body
    assert "Betreute Kanäle" in body
    assert 'lang="de"' in body


def test_the_language_switcher_remembers_the_choice_on_the_account(cast, login):
    client = login(cast["agent"])
    response = client.post("/i18n/setlang/", {"language": "de", "next": "/me/"})
    assert response.status_code == 302
    cast["agent"].refresh_from_db()
    assert cast["agent"].preferred_language == "de"
    assert "Mein Entwicklungsplan" in client.get("/me/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/me/"})
    assert "My growth plan" in client.get("/me/").content.decode()


def test_anonymous_visitors_can_switch_the_login_page_to_german(client, db):
    client.post("/i18n/setlang/", {"language": "de", "next": "/accounts/login/"})
    assert "Anmelden" in client.get("/accounts/login/").content.decode()


ENGLISH_LEFTOVERS = [
    "My growth plan",
    "My teams",
    "Sign out",
    "Agents",
    "Hire date",
    "Overview",
    "Led by",
]


@pytest.mark.parametrize(
    "role,url",
    [
        ("agent", "/me/"),
        ("lead", "/dashboard/"),
        ("lead", "TEAM"),
        ("hr", "/hr/"),
        ("lead", "AGENT"),
    ],
)
def test_german_pages_show_no_english_interface_strings(cast, team, login, role, url):
    user = cast[role]
    user.preferred_language = "de"
    user.save()
    url = {"TEAM": f"/teams/{team.pk}/", "AGENT": f"/agents/{cast['agent'].pk}/"}.get(url, url)
    body = login(user).get(url).content.decode()
    with translation.override("en"):
        for text in ENGLISH_LEFTOVERS:
            assert f">{text}<" not in body, (url, text)
