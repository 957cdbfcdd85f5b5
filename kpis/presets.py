"""Export formats of the common contact-center and ticket systems, recognised by their headers.

A preset says which column feeds which portal field, in which unit durations arrive, how slashed
dates are ordered and which channel applies when the file has none. Each follows the vendor's
public documentation named in `documentation` (also listed in the README).
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

# The portal fields a mapping can fill, in the order the mapping page shows them.
FIELDS = [
    "agent",
    "agent_name",
    "period_start",
    "channel",
    "contacts",
    "answered",
    "aht_seconds",
    "handle_total",
    "fcr",
    "csat",
    "csat_answers",
    "qa_score",
]
LABELS = {
    "agent": _("Agent (e-mail, login or ID)"),
    "agent_name": _("Agent name"),
    "period_start": _("Period from"),
    "channel": _("Channel"),
    "contacts": _("Contacts"),
    "answered": _("Answered (per contact)"),
    "aht_seconds": _("Average handling time"),
    "handle_total": _("Total handling time"),
    "fcr": _("First-contact resolution"),
    "csat": _("Customer satisfaction"),
    "csat_answers": _("Satisfaction answers"),
    "qa_score": _("QA score"),
}
# Words systems use for a channel; the keys are compared in lower case.
CHANNELS = {
    "phone": "phone",
    "telefon": "phone",
    "voice": "phone",
    "sprache": "phone",
    "call": "phone",
    "calls": "phone",
    "phone call": "phone",
    "inbound": "phone",
    "anruf": "phone",
    "telefonie": "phone",
    "email": "email",
    "e-mail": "email",
    "mail": "email",
    "web form": "email",
    "webform": "email",
    "chat": "chat",
    "webchat": "chat",
    "web chat": "chat",
    "live chat": "chat",
    "social": "social",
    "social media": "social",
    "messaging": "social",
    "message": "social",
    "sms": "social",
    "twitter": "social",
    "facebook": "social",
    "whatsapp": "social",
    "nachrichten": "social",
}
# A row whose first filled cell (or agent cell) starts with one of these is a summary, not an agent.
SUMMARY_WORDS = (
    "total",
    "totals",
    "summary",
    "subtotal",
    "sub-total",
    "grand total",
    "summe",
    "gesamt",
    "gesamtsumme",
    "zwischensumme",
    "zusammenfassung",
    "overall",
    "all agents",
    "alle agenten",
)


@dataclass(frozen=True)
class Preset:
    name: str
    label: str
    documentation: str
    columns: dict  # field → list of header alternatives ("A + B" adds two duration columns)
    detect: tuple  # fields whose columns must all be present to recognise the export
    default_channel: str = ""
    per_contact: bool = False  # one row per contact or ticket
    combine_rows: bool = (
        True  # several rows per agent and period are added up (False: duplicates are errors)
    )
    duration_unit: str = "s"  # unit of plain numbers in duration columns: ms, s or min
    slash_order: str = "dmy"  # 01/06/2026: dmy (Europe) or mdy (US systems)
    fcr_kind: str = "share"  # share, flag (per contact) or zero_is_yes (Zendesk's Reopens)
    skip_when_empty: str = (
        ""  # a field whose empty cell means "not counted yet" (an unsolved ticket)
    )
    header_order: tuple = field(
        default_factory=tuple
    )  # column order of exports without a header row

    def mapping_for(self, headers) -> dict:
        """The preset's columns as found among these headers (matched without regard to case)."""
        by_key = {normalise(h): h for h in headers}
        mapping = {}
        for name, alternatives in self.columns.items():
            for alternative in alternatives:
                parts = [by_key.get(normalise(p)) for p in alternative.split(" + ")]
                if all(parts):
                    mapping[name] = " + ".join(parts)
                    break
        return mapping

    def matches(self, headers) -> bool:
        mapping = self.mapping_for(headers)
        return all(name in mapping for name in self.detect)


def normalise(header) -> str:
    """A header as compared: case, spaces and the separators vendors change between versions
    ("Agent_Name", "Agent Name", "AgentName" is not the same word and stays apart) do not count."""
    text = str(header or "").replace("\ufeff", "").strip().strip('"').casefold()
    return " ".join(text.replace("_", " ").split())


OWN = Preset(
    name="portal",
    label=_("Portal format (one row per agent, week and channel)"),
    documentation="docs: this README, section KPI import",
    columns={
        "agent": ["agent_email", "agent", "email", "e-mail", "mitarbeiter", "mitarbeitende"],
        "period_start": [
            "period_start",
            "week",
            "date",
            "woche",
            "datum",
            "period from",
            "zeitraum von",
        ],
        "channel": ["channel", "kanal"],
        "contacts": ["contacts", "contacts_handled", "kontakte", "calls"],
        "aht_seconds": ["aht", "aht_seconds", "handling_time"],
        "fcr": ["fcr", "first_contact_resolution"],
        "csat": ["csat", "satisfaction"],
        "csat_answers": ["csat_answers", "responses", "antworten"],
        "qa_score": ["qa", "qa_score"],
    },
    detect=("agent", "period_start", "contacts"),
    combine_rows=False,
)

AMAZON_CONNECT = Preset(
    name="amazon_connect",
    label=_("Amazon Connect – historical metrics, agent performance"),
    documentation="Amazon Connect Administrator Guide: Historical metrics definitions; Download historical metrics reports",
    columns={
        "agent": ["Agent", "Agent login", "Agent username"],
        "agent_name": ["Agent Name"],
        "period_start": ["StartInterval", "Start interval", "Interval start"],
        "contacts": ["Contacts handled", "Contacts handled (incoming)"],
        "aht_seconds": ["Average handle time", "Avg handle time", "AHT"],
        "channel": ["Channel"],
    },
    detect=("agent", "period_start", "contacts", "aht_seconds"),
)

GENESYS_EN = Preset(
    name="genesys_en",
    label=_("Genesys Cloud – agent performance view (English)"),
    documentation="Genesys Cloud Resource Center: Agents Performance Summary view; columns in performance views",
    columns={
        "agent_name": ["Agent Name", "Name", "Agent", "User Name", "User"],
        "agent": ["Agent Email", "Email", "User Email"],
        "period_start": ["Interval Start", "Interval", "Start Date"],
        "channel": ["Media Type", "Media"],
        "contacts": ["Answered", "Handle", "Handled"],
        "aht_seconds": ["Avg Handle", "AHT", "Average Handle Time", "Avg Handle Time"],
    },
    detect=("agent_name", "period_start", "contacts", "aht_seconds"),
    duration_unit="ms",
    slash_order="mdy",
)

GENESYS_DE = Preset(
    name="genesys_de",
    label=_("Genesys Cloud – agent performance view (German)"),
    documentation="Genesys Cloud Resource Center (de): Ansicht „Agentenleistung – Zusammenfassung“",
    columns={
        "agent_name": [
            "Agentenname",
            "Name des Agenten",
            "Agent",
            "Agent-Name",
            "Benutzer",
            "Name",
        ],
        "agent": ["E-Mail des Agenten", "E-Mail", "E-Mail des Benutzers"],
        "period_start": ["Intervallbeginn", "Intervallstart", "Intervall", "Startdatum"],
        "channel": ["Medientyp", "Medien"],
        "contacts": ["Beantwortet", "Bearbeitet", "Verarbeitet"],
        "aht_seconds": [
            "Durchschn. Bearbeitung",
            "Durchschn. Bearbeitungszeit",
            "Ø Bearbeitung",
            "Mittlere Bearbeitungszeit",
        ],
    },
    detect=("agent_name", "period_start", "contacts", "aht_seconds"),
    duration_unit="ms",
    slash_order="dmy",
)

AVAYA_CMS = Preset(
    name="avaya_cms",
    label=_("Avaya CMS – split/skill agent summary"),
    documentation="Avaya CMS Supervisor Reports: Split/Skill reports, agent summary (ACD Calls, ACD Time, ACW Time)",
    columns={
        "agent_name": ["Agent Name", "Agent"],
        "agent": ["Login ID", "Login", "Agent ID"],
        "period_start": ["Date", "Datum"],
        "contacts": ["ACD Calls", "ACD-Anrufe"],
        "handle_total": ["ACD Time + ACW Time", "ACD Time"],
        "aht_seconds": ["Avg ACD Time + Avg ACW Time"],
    },
    detect=("agent", "agent_name", "contacts"),
    default_channel="phone",
    slash_order="mdy",
)

NICE_CXONE = Preset(
    name="nice_cxone",
    label=_("NICE CXone – data download, agent performance"),
    documentation="NICE CXone Help: Data Download Reports and Data Download Metrics",
    columns={
        "period_start": ["Start_Date", "StartDate"],
        "agent": ["Agent_No", "AgentNo", "Agent_ID", "AgentId"],
        "agent_name": ["Agent_Name", "AgentName"],
        "channel": ["Media_Name", "Media_Type", "MediaName", "MediaType"],
        "contacts": ["Handled", "Handled_Contacts"],
        "handle_total": ["Handle_Time", "HandleTime"],
    },
    detect=("period_start", "agent", "contacts", "handle_total"),
    slash_order="mdy",
    header_order=(
        "Start_Date",
        "Agent_No",
        "Agent_Name",
        "Team_Name",
        "Skill_Name",
        "Media_Name",
        "Handled",
        "Handle_Time",
    ),
)

ZENDESK = Preset(
    name="zendesk",
    label=_("Zendesk Support – ticket export (one row per ticket)"),
    documentation="Zendesk Help: Exporting data to a JSON, CSV, or XML file (ticket CSV export)",
    columns={
        "agent_name": ["Assignee", "Assignee name", "Bearbeiter"],
        "period_start": ["Solved at", "Solved", "Gelöst am"],
        "channel": ["Via", "Channel", "Kanal"],
        "fcr": ["Reopens", "Wiedereröffnungen"],
        "csat": ["Satisfaction Score", "Satisfaction", "Zufriedenheit"],
    },
    detect=("agent_name", "period_start", "fcr"),
    default_channel="email",
    per_contact=True,
    duration_unit="min",
    fcr_kind="zero_is_yes",
    skip_when_empty="period_start",
)

PER_CONTACT = Preset(
    name="per_contact",
    label=_("Per-contact log (one row per call or chat)"),
    documentation="Generic contact-detail export (BI extracts, smaller ACDs): one row per contact",
    columns={
        "agent": ["Agent", "Agent Email", "Agent ID", "Mitarbeiter"],
        "agent_name": ["Agent Name"],
        "period_start": ["Start", "Start Time", "Date", "Datum", "Beginn"],
        "channel": ["Channel", "Kanal"],
        "answered": ["Answered", "Angenommen"],
        "fcr": ["Resolved", "Gelöst"],
        "csat": ["Rating", "Bewertung"],
        "aht_seconds": ["Talk Time", "Handle Time", "Gesprächszeit"],
    },
    detect=("agent", "period_start", "answered"),
    per_contact=True,
    fcr_kind="flag",
)

PRESETS = {
    p.name: p
    for p in (
        OWN,
        AMAZON_CONNECT,
        GENESYS_EN,
        GENESYS_DE,
        AVAYA_CMS,
        NICE_CXONE,
        ZENDESK,
        PER_CONTACT,
    )
}
KNOWN_HEADERS = frozenset(
    normalise(part)
    for preset in PRESETS.values()
    for alternatives in preset.columns.values()
    for alternative in alternatives
    for part in alternative.split(" + ")
)


def detect(headers) -> Preset | None:
    """The preset whose detection columns are all present, the one with most mapped columns first."""
    candidates = [p for p in PRESETS.values() if p.matches(headers)]
    if not candidates:
        return None
    return max(candidates, key=lambda p: (len(p.mapping_for(headers)), p is not OWN))


def get(name: str) -> Preset:
    return PRESETS.get(name or "", OWN)


def channel_code(raw) -> str | None:
    return CHANNELS.get(" ".join(str(raw or "").casefold().split()))
