"""The contact-center skill catalogue that ships with the portal (English and German).

Each skill: code, names, a description, and behaviour anchors for levels 1, 3 and 5;
levels 2 and 4 are described as the steps between them.
"""

CATEGORIES = [
    ("communication", "Communication and call control", "Kommunikation und Gesprächsführung"),
    ("empathy", "Empathy and de-escalation", "Empathie und Deeskalation"),
    ("writing", "Written communication", "Schriftliche Kommunikation"),
    ("chat", "Chat", "Chat"),
    ("social", "Social media", "Social Media"),
    ("product", "Product knowledge", "Produktwissen"),
    ("systems", "CRM and ticket systems", "CRM- und Ticketsysteme"),
    ("sales", "Sales", "Vertrieb"),
    ("resilience", "Resilience and self-organisation", "Resilienz und Selbstorganisation"),
    ("teamwork", "Teamwork", "Teamarbeit"),
]

# (category, code, name_en, name_de, (level 1, level 3, level 5) in English, the same in German)
SKILLS = [
    (
        "communication",
        "call-structure",
        "Call structure",
        "Gesprächsstruktur",
        (
            "Calls wander; the customer leads the conversation.",
            "Greets, clarifies the concern, summarises and closes in a clear order.",
            "Steers even complex calls calmly and briefly; colleagues learn from recordings.",
        ),
        (
            "Gespräche verlaufen ungeordnet; der Kunde führt.",
            "Begrüßt, klärt das Anliegen, fasst zusammen und schließt in klarer Reihenfolge ab.",
            "Führt auch komplexe Gespräche ruhig und knapp; Kolleg*innen lernen von Mitschnitten.",
        ),
    ),
    (
        "communication",
        "active-listening",
        "Active listening",
        "Aktives Zuhören",
        (
            "Interrupts, asks again for information already given.",
            "Lets the customer finish, paraphrases and asks targeted questions.",
            "Hears the unspoken concern behind the question and addresses it.",
        ),
        (
            "Unterbricht, fragt bereits genannte Informationen erneut ab.",
            "Lässt ausreden, paraphrasiert und fragt gezielt nach.",
            "Hört das unausgesprochene Anliegen hinter der Frage und spricht es an.",
        ),
    ),
    (
        "empathy",
        "de-escalation",
        "De-escalation",
        "Deeskalation",
        (
            "Takes anger personally; the tone escalates.",
            "Acknowledges the emotion, stays factual and offers a next step.",
            "Turns angry customers around reliably; takes over escalations for the team.",
        ),
        (
            "Nimmt Ärger persönlich; der Ton schaukelt sich hoch.",
            "Erkennt die Emotion an, bleibt sachlich und bietet einen nächsten Schritt.",
            "Dreht verärgerte Kunden zuverlässig; übernimmt Eskalationen für das Team.",
        ),
    ),
    (
        "empathy",
        "tone-of-voice",
        "Tone of voice and empathy",
        "Stimme und Empathie",
        (
            "Sounds monotonous or rushed.",
            "Friendly, adapted tone; shows understanding in words and voice.",
            "Builds rapport within seconds, even in difficult situations.",
        ),
        (
            "Klingt monoton oder gehetzt.",
            "Freundlicher, angepasster Ton; zeigt Verständnis in Wort und Stimme.",
            "Baut in Sekunden eine Beziehung auf, auch in schwierigen Situationen.",
        ),
    ),
    (
        "writing",
        "email-writing",
        "E-mail writing",
        "E-Mails schreiben",
        (
            "Long, unstructured answers with spelling mistakes.",
            "Clear, correct answers using templates sensibly and personally.",
            "Writes short, warm answers that solve the case in one go; improves templates.",
        ),
        (
            "Lange, unstrukturierte Antworten mit Rechtschreibfehlern.",
            "Klare, korrekte Antworten; nutzt Vorlagen sinnvoll und persönlich.",
            "Schreibt kurze, freundliche Antworten, die den Fall auf einmal lösen; verbessert Vorlagen.",
        ),
    ),
    (
        "writing",
        "plain-language",
        "Plain language",
        "Verständliche Sprache",
        (
            "Uses internal jargon the customer does not understand.",
            "Explains in plain words and checks understanding.",
            "Makes complex terms (contracts, tariffs) easy for anyone.",
        ),
        (
            "Verwendet interne Fachbegriffe, die der Kunde nicht versteht.",
            "Erklärt in einfachen Worten und prüft das Verständnis.",
            "Macht komplexe Inhalte (Verträge, Tarife) für jeden verständlich.",
        ),
    ),
    (
        "chat",
        "chat-handling",
        "Chat handling",
        "Chat-Bearbeitung",
        (
            "Handles one chat at a time; long pauses.",
            "Handles two to three chats in parallel with short response times.",
            "Handles several chats fluently and keeps every customer feeling attended to.",
        ),
        (
            "Bearbeitet einen Chat nach dem anderen; lange Pausen.",
            "Bearbeitet zwei bis drei Chats parallel mit kurzen Antwortzeiten.",
            "Bearbeitet mehrere Chats flüssig; jeder Kunde fühlt sich betreut.",
        ),
    ),
    (
        "chat",
        "chat-tone",
        "Chat tone",
        "Tonalität im Chat",
        (
            "Sounds like a bot or too casual.",
            "Matches the brand voice; uses short, friendly messages.",
            "Adapts the tone to each customer and moment; coaches others.",
        ),
        (
            "Klingt wie ein Bot oder zu salopp.",
            "Trifft die Markensprache; schreibt kurz und freundlich.",
            "Passt den Ton jedem Kunden und Moment an; coacht andere.",
        ),
    ),
    (
        "social",
        "public-replies",
        "Public replies",
        "Öffentliche Antworten",
        (
            "Unsure what may be answered in public.",
            "Answers publicly within the guidelines and moves details to private messages.",
            "Handles critical threads and shitstorms with the communications team.",
        ),
        (
            "Unsicher, was öffentlich beantwortet werden darf.",
            "Antwortet öffentlich nach Leitfaden und verlagert Details in Direktnachrichten.",
            "Begleitet kritische Threads und Shitstorms mit der Unternehmenskommunikation.",
        ),
    ),
    (
        "social",
        "community",
        "Community management",
        "Community-Management",
        (
            "Reacts only to direct mentions.",
            "Monitors channels and reacts proactively to trends.",
            "Shapes the community; spots issues before they become cases.",
        ),
        (
            "Reagiert nur auf direkte Erwähnungen.",
            "Beobachtet die Kanäle und reagiert proaktiv auf Trends.",
            "Gestaltet die Community; erkennt Themen, bevor daraus Fälle werden.",
        ),
    ),
    (
        "product",
        "tariffs",
        "Tariffs and contracts",
        "Tarife und Verträge",
        (
            "Needs help for most tariff questions.",
            "Answers standard tariff and contract questions alone.",
            "Expert for special cases; the team asks them first.",
        ),
        (
            "Braucht bei den meisten Tariffragen Hilfe.",
            "Beantwortet Standardfragen zu Tarifen und Verträgen selbstständig.",
            "Experte für Sonderfälle; das Team fragt zuerst hier.",
        ),
    ),
    (
        "product",
        "troubleshooting",
        "Technical troubleshooting",
        "Technische Fehlersuche",
        (
            "Forwards technical questions straight away.",
            "Works through the standard checklist and solves common faults.",
            "Finds the cause of unusual faults and writes knowledge articles.",
        ),
        (
            "Leitet technische Fragen sofort weiter.",
            "Arbeitet die Standard-Checkliste ab und löst häufige Störungen.",
            "Findet die Ursache ungewöhnlicher Störungen und schreibt Wissensartikel.",
        ),
    ),
    (
        "systems",
        "crm",
        "CRM",
        "CRM",
        (
            "Searches long for customer data; incomplete notes.",
            "Finds everything quickly; documents completely during the call.",
            "Uses shortcuts and views expertly; helps improve the system.",
        ),
        (
            "Sucht lange nach Kundendaten; unvollständige Notizen.",
            "Findet alles schnell; dokumentiert vollständig während des Gesprächs.",
            "Nutzt Abkürzungen und Ansichten souverän; hilft, das System zu verbessern.",
        ),
    ),
    (
        "systems",
        "ticketing",
        "Ticket system",
        "Ticketsystem",
        (
            "Tickets get lost or are categorised wrongly.",
            "Categorises, prioritises and hands over tickets correctly.",
            "Keeps queues clean and suggests better workflows.",
        ),
        (
            "Tickets gehen verloren oder werden falsch kategorisiert.",
            "Kategorisiert, priorisiert und übergibt Tickets korrekt.",
            "Hält Queues sauber und schlägt bessere Abläufe vor.",
        ),
    ),
    (
        "sales",
        "needs-analysis",
        "Needs analysis",
        "Bedarfsanalyse",
        (
            "Offers products without asking about needs.",
            "Asks about needs and offers a fitting product.",
            "Turns service contacts naturally into offers customers thank them for.",
        ),
        (
            "Bietet Produkte an, ohne nach dem Bedarf zu fragen.",
            "Fragt den Bedarf ab und bietet ein passendes Produkt an.",
            "Macht aus Servicekontakten ganz natürlich Angebote, für die Kunden danken.",
        ),
    ),
    (
        "sales",
        "retention",
        "Customer retention",
        "Kundenbindung",
        (
            "Processes cancellations without an attempt to retain.",
            "Understands the reason for cancelling and offers alternatives.",
            "Retains most customers willing to stay, without pressure.",
        ),
        (
            "Bearbeitet Kündigungen ohne Rückgewinnungsversuch.",
            "Versteht den Kündigungsgrund und bietet Alternativen an.",
            "Hält die meisten bleibewilligen Kunden, ohne Druck.",
        ),
    ),
    (
        "resilience",
        "stress",
        "Handling pressure",
        "Umgang mit Druck",
        (
            "Peak times and difficult calls wear them out visibly.",
            "Stays steady at peak times; uses breaks to recover.",
            "Stays calm in any queue and steadies the team.",
        ),
        (
            "Spitzenzeiten und schwierige Gespräche zehren sichtbar.",
            "Bleibt in Spitzenzeiten stabil; nutzt Pausen zur Erholung.",
            "Bleibt bei jeder Warteschlange ruhig und stabilisiert das Team.",
        ),
    ),
    (
        "resilience",
        "self-organisation",
        "Self-organisation",
        "Selbstorganisation",
        (
            "Misses follow-ups and callbacks.",
            "Keeps callbacks and follow-ups reliably.",
            "Plans ahead and helps others organise their work.",
        ),
        (
            "Verpasst Wiedervorlagen und Rückrufe.",
            "Hält Rückrufe und Wiedervorlagen zuverlässig ein.",
            "Plant voraus und hilft anderen, ihre Arbeit zu organisieren.",
        ),
    ),
    (
        "teamwork",
        "knowledge-sharing",
        "Knowledge sharing",
        "Wissen teilen",
        (
            "Keeps tips to themselves.",
            "Shares what they learn in team meetings and the knowledge base.",
            "Trains colleagues and mentors new hires.",
        ),
        (
            "Behält Tipps für sich.",
            "Teilt Gelerntes in Teammeetings und in der Wissensdatenbank.",
            "Schult Kolleg*innen und begleitet neue Mitarbeitende als Mentor*in.",
        ),
    ),
    (
        "teamwork",
        "feedback-culture",
        "Giving and taking feedback",
        "Feedback geben und annehmen",
        (
            "Reacts defensively to feedback.",
            "Accepts feedback and acts on it; gives respectful feedback.",
            "Asks for feedback actively and helps create an open culture.",
        ),
        (
            "Reagiert abwehrend auf Feedback.",
            "Nimmt Feedback an und setzt es um; gibt respektvolles Feedback.",
            "Holt aktiv Feedback ein und prägt eine offene Kultur.",
        ),
    ),
]

STEP_EN = {2: "Partly: {}", 4: "Reliably, and at times: {}"}
STEP_DE = {2: "Teilweise: {}", 4: "Zuverlässig, und zeitweise: {}"}


def level_texts(anchors_en, anchors_de):
    """Level → (English, German) behaviour descriptions."""
    low_en, mid_en, high_en = anchors_en
    low_de, mid_de, high_de = anchors_de
    return {
        1: (low_en, low_de),
        2: (STEP_EN[2].format(mid_en[0].lower() + mid_en[1:]), STEP_DE[2].format(mid_de)),
        3: (mid_en, mid_de),
        4: (STEP_EN[4].format(high_en[0].lower() + high_en[1:]), STEP_DE[4].format(high_de)),
        5: (high_en, high_de),
    }


# Skills that matter only in some channels (by skill code); every other skill matters in all of them.
# A team's matrix shows by default only the skills of the channels the team serves.
CHANNELS = {
    "call-structure": ("phone",),
    "tone-of-voice": ("phone",),
    "email-writing": ("email",),
    "chat-handling": ("chat",),
    "chat-tone": ("chat",),
    "public-replies": ("social",),
    "community": ("social",),
}
