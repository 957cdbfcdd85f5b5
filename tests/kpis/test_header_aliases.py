"""Header aliases: each preset knows the column names its vendor uses across versions and languages,
so a German Genesys export whose agent column is headed "Agent" is recognised (and then confirmed by
HR as before), and so are exports whose separators changed ("Agent_Name", "Agent Name")."""

from pathlib import Path

import pytest

from kpis import presets, reading

FILES = Path(__file__).parent / "files" / "presets"


def _headers(name):
    with (FILES / name).open("rb") as handle:
        return reading.read_all(name, handle).headers


def _renamed(headers, old, new):
    assert old in headers
    return [new if h == old else h for h in headers]


@pytest.mark.parametrize(
    "name,old,new,preset",
    [
        ("genesys_de.csv", "Agentenname", "Agent", "genesys_de"),
        ("genesys_de.csv", "Durchschn. Bearbeitung", "Mittlere Bearbeitungszeit", "genesys_de"),
        ("genesys_en.csv", "Agent Name", "Agent", "genesys_en"),
        ("genesys_en.csv", "Avg Handle", "Average Handle Time", "genesys_en"),
        ("amazon_connect.csv", "StartInterval", "Start interval", "amazon_connect"),
        ("avaya_cms.csv", "Login ID", "Agent ID", "avaya_cms"),
        ("nice_cxone.csv", "Agent_Name", "Agent Name", "nice_cxone"),
        ("nice_cxone.csv", "Handle_Time", "HandleTime", "nice_cxone"),
        ("zendesk_tickets.csv", "Assignee", "Assignee name", "zendesk"),
    ],
)
def test_each_preset_recognises_its_vendors_other_header_names(name, old, new, preset):
    headers = _renamed(_headers(name), old, new)
    assert presets.detect(headers).name == preset


def test_a_german_genesys_export_headed_agent_maps_the_agent_column():
    headers = _renamed(_headers("genesys_de.csv"), "Agentenname", "Agent")
    mapping = presets.get("genesys_de").mapping_for(headers)
    assert mapping["agent_name"] == "Agent"


def test_every_preset_has_more_than_one_name_for_its_agent_column():
    for preset in presets.PRESETS.values():
        agent_columns = preset.columns.get("agent", []) + preset.columns.get("agent_name", [])
        assert len(agent_columns) >= 2, preset.name
