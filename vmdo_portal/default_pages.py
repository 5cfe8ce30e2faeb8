"""First text of the staff-editable pages (German, with English where written).

Loaded once by a data migration; from then on staff edit the pages in the admin.
Facts that are not public (register number, names of the board) are marked as
placeholders that staff must replace.
"""

PAGES = {
    "home": {
        "title_de": "Verbund der sozial-kulturellen Migrantenvereine in Dortmund",
        "title_en": "Association of socio-cultural migrant organisations in Dortmund",
        "summary_de": (
            "Der VMDO e.V. ist der Dachverband von mehr als 50 Migrantenorganisationen in "
            "Dortmund – Vielfalt unter einem Dach im Haus der Vielfalt."
        ),
        "summary_en": (
            "VMDO e.V. is the umbrella association of more than 50 migrant organisations in "
            "Dortmund – diversity under one roof in the Haus der Vielfalt."
        ),
        "body_de": (
            "Im VMDO arbeiten Vereine über Kulturen und Sprachen hinweg zusammen: lokal, "
            "partizipativ und säkular. Wir beraten, qualifizieren und vernetzen – und setzen "
            "uns dafür ein, dass Menschen mit Einwanderungsgeschichte gleichberechtigt an der "
            "Stadtgesellschaft teilhaben.\n\n"
            "## Haus der Vielfalt\n\n"
            "Im Haus der Vielfalt, Zur Vielfalt 21, 44147 Dortmund, finden unsere "
            "Mitgliedsvereine Räume für Treffen, Kurse und Feste – ein geschützter Ort für "
            "Vernetzung und Qualifizierung."
        ),
        "body_en": (
            "In VMDO, associations work together across cultures and languages: local, "
            "participatory and secular. We advise, train and connect – and work for people "
            "with a history of migration to take part in the city's life as equals.\n\n"
            "## Haus der Vielfalt\n\n"
            "In the Haus der Vielfalt, Zur Vielfalt 21, 44147 Dortmund, our member "
            "associations find rooms for meetings, courses and celebrations – a protected "
            "place for networking and qualification."
        ),
    },
    "about": {
        "title_de": "Über uns",
        "title_en": "About us",
        "summary_de": (
            "Gegründet am 8. Mai 2008 in Dortmund: der Verbund der sozial-kulturellen "
            "Migrantenvereine."
        ),
        "summary_en": (
            "Founded on 8 May 2008 in Dortmund: the association of socio-cultural migrant "
            "organisations."
        ),
        "body_de": (
            "Der VMDO e.V. wurde am 8. Mai 2008 in Dortmund von Prof. Dr. Ümit Koşan und "
            "einem Dutzend Migrantenorganisationen gegründet. Heute vereint er mehr als 50 "
            "Mitgliedsvereine.\n\n"
            "## Bundesweit vernetzt\n\n"
            "2015 war der VMDO Mitgründer des Bundesverbands Netzwerke von "
            "Migrantenorganisationen (NeMO).\n\n"
            "## Beirat\n\n"
            "Ein Beirat, dem der Oberbürgermeister der Stadt Dortmund angehört, begleitet "
            "die Arbeit des Verbunds.\n\n"
            "## Haus der Vielfalt\n\n"
            "Das Haus der Vielfalt, Zur Vielfalt 21, 44147 Dortmund, ist ein geschützter Ort "
            "für Vernetzung und Qualifizierung. Hier arbeiten die Vereine „unter einem Dach“: "
            "über Kulturen und Sprachen hinweg, lokal, partizipativ und säkular.\n\n"
            "## Projekte\n\n"
            "Der VMDO führt bzw. führte unter anderem die Bundesprojekte samo.fa und GLEICH "
            "teilhaben durch, betreibt eines der sieben Büros von „lokal willkommen“ "
            "(Nordstadt), bietet regionale Flüchtlingsberatung an und betrieb bis Ende 2024 "
            "eine Übergangseinrichtung für Geflüchtete im Auftrag der Stadt Dortmund."
        ),
        "body_en": (
            "VMDO e.V. was founded on 8 May 2008 in Dortmund by Prof. Dr. Ümit Koşan and a "
            "dozen migrant organisations. Today it unites more than 50 member associations."
            "\n\n## Connected nationwide\n\n"
            "In 2015 VMDO co-founded the federal association of networks of migrant "
            "organisations (NeMO).\n\n"
            "## Advisory board\n\n"
            "An advisory board that includes the Lord Mayor of Dortmund accompanies the work "
            "of the association.\n\n"
            "## Haus der Vielfalt\n\n"
            "The Haus der Vielfalt, Zur Vielfalt 21, 44147 Dortmund, is a protected place for "
            'networking and qualification. Here associations work "under one roof": across '
            "cultures and languages, local, participatory and secular.\n\n"
            "## Projects\n\n"
            "VMDO runs or ran the federal projects samo.fa and GLEICH teilhaben, one of the "
            'seven "lokal willkommen" offices (Nordstadt), regional refugee counselling, and '
            "transitional refugee accommodation for the city of Dortmund until the end of 2024."
        ),
    },
    "imprint": {
        "title_de": "Impressum",
        "title_en": "Legal notice",
        "summary_de": "Angaben gemäß § 5 Digitale-Dienste-Gesetz (DDG).",
        "summary_en": (
            "Information according to section 5 of the German Digital Services Act (DDG)."
        ),
        "body_de": (
            "## Anbieter\n\n"
            "Verbund der sozial-kulturellen Migrantenvereine in Dortmund e.V. (VMDO)  \n"
            "Haus der Vielfalt  \nZur Vielfalt 21  \n44147 Dortmund\n\n"
            "## Vertretungsberechtigter Vorstand\n\n"
            "[Platzhalter: Namen des vertretungsberechtigten Vorstands eintragen]\n\n"
            "## Kontakt\n\n"
            "E-Mail: info@vmdo.de  \nTelefon: [Platzhalter: Telefonnummer eintragen]\n\n"
            "## Registereintrag\n\n"
            "Eingetragen im Vereinsregister des Amtsgerichts Dortmund  \n"
            "Registernummer: [Platzhalter: VR-Nummer eintragen]\n\n"
            "## Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV\n\n"
            "[Platzhalter: Name und Anschrift eintragen]\n\n"
            "## Verbraucherstreitbeilegung\n\n"
            "Wir sind nicht bereit und nicht verpflichtet, an Streitbeilegungsverfahren vor "
            "einer Verbraucherschlichtungsstelle teilzunehmen."
        ),
    },
    "privacy": {
        "title_de": "Datenschutzerklärung",
        "title_en": "Privacy policy",
        "summary_de": ("Informationen nach Art. 13 DSGVO zur Verarbeitung Ihrer Daten im Portal."),
        "summary_en": "Information under Art. 13 GDPR on how the portal processes your data.",
        "body_de": (
            "## Verantwortlicher\n\n"
            "Verbund der sozial-kulturellen Migrantenvereine in Dortmund e.V., Zur Vielfalt 21, "
            "44147 Dortmund, E-Mail: info@vmdo.de\n\n"
            "## Datenschutzbeauftragte Person\n\n"
            "[Platzhalter: Kontakt der/des Datenschutzbeauftragten eintragen]\n\n"
            "## Welche Daten wir verarbeiten, wozu und auf welcher Rechtsgrundlage\n\n"
            "- **Aufruf der Seiten:** Der Server verarbeitet technisch notwendige Daten "
            "(IP-Adresse, Zeitpunkt, aufgerufene Adresse), um die Seiten auszuliefern "
            "und vor Missbrauch zu schützen (Art. 6 Abs. 1 lit. f DSGVO). "
            "Server-Protokolle werden nach 14 Tagen gelöscht.\n"
            "- **Konten von Vereinen und Mitarbeitenden:** E-Mail-Adresse, Name und Passwort "
            "(verschlüsselt gespeichert), um das Konto zu führen (Art. 6 Abs. 1 lit. b DSGVO).\n"
            "- **Anfragen, Anmeldungen und Anträge:** die Angaben aus dem jeweiligen Formular, um "
            "Ihr Anliegen zu bearbeiten (Art. 6 Abs. 1 lit. b DSGVO).\n\n"
            "## Cookies und Tracking\n\n"
            "Das Portal setzt nur technisch notwendige Cookies (Sitzung, Sprache, Schutz vor "
            "Formular-Missbrauch). Es gibt kein Tracking, keine Werbung und keine Inhalte von "
            "Drittanbietern; Schriften, Bilder und Skripte kommen vom Portal selbst. Wie oft "
            "eine öffentliche Seite aufgerufen wurde, zählt das Portal je Seite und Monat, "
            "ohne Cookies, IP-Adressen oder andere Angaben zu Ihnen, um zuerst die meistgelesenen "
            "Seiten zu übersetzen; die Zahlen werden nach zwölf Monaten gelöscht.\n\n"
            "## Empfänger und Drittländer\n\n"
            "Ihre Daten werden nur an Auftragsverarbeiter weitergegeben, die das Portal für uns "
            "betreiben (Hosting, E-Mail-Versand), und nicht in Drittländer übermittelt.\n\n"
            "## Speicherdauer\n\n"
            "Wir speichern Daten nur so lange, wie es für den Zweck nötig ist: "
            "Veranstaltungsanmeldungen werden 30 Tage nach der Veranstaltung gelöscht, "
            "Teilnahmen an Qualifizierungen für Mitgliedsvereine nach drei Jahren (so lange "
            "bleibt die Teilnahmebescheinigung abrufbar), die E-Mail-Adressen beim Versand von "
            "Rundschreiben nach 90 Tagen, Konten bei Löschung durch Sie selbst. In der "
            "Kontaktliste des Netzwerks erscheinen Sie nur, wenn Sie zustimmen; die Zustimmung "
            "können Sie jederzeit widerrufen.\n\n"
            "## Ihre Rechte\n\n"
            "Sie haben das Recht auf Auskunft (Art. 15), Berichtigung (Art. 16), Löschung "
            "(Art. 17), Einschränkung der Verarbeitung (Art. 18), Datenübertragbarkeit (Art. 20) "
            "und Widerspruch (Art. 21 DSGVO). Eine Einwilligung können Sie jederzeit mit Wirkung "
            "für die Zukunft widerrufen.\n\n"
            "## Beschwerderecht\n\n"
            "Sie können sich bei einer Aufsichtsbehörde beschweren, etwa bei der "
            "Landesbeauftragten für Datenschutz und Informationsfreiheit Nordrhein-Westfalen.\n\n"
            "## Pflicht zur Bereitstellung und automatisierte Entscheidungen\n\n"
            "Sie müssen uns keine Daten geben; ohne die Pflichtangaben eines Formulars können wir "
            "Ihr Anliegen aber nicht bearbeiten. Es gibt keine automatisierte Entscheidungsfindung "
            "und kein Profiling."
        ),
    },
    "accessibility": {
        "title_de": "Erklärung zur Barrierefreiheit",
        "title_en": "Accessibility statement",
        "summary_de": "Wie barrierefrei das Portal ist und wie Sie uns Barrieren melden.",
        "summary_en": "How accessible the portal is and how to report barriers to us.",
        "body_de": (
            "Der VMDO möchte das Portal für alle Menschen zugänglich machen. Maßstab sind die "
            "Web Content Accessibility Guidelines (WCAG) 2.1 auf Stufe AA.\n\n"
            "## Stand der Vereinbarkeit\n\n"
            "Das Portal ist weitgehend mit WCAG 2.1 AA vereinbar. Jede Seitenart wird bei jeder "
            "Änderung automatisch mit axe-core geprüft, auf Deutsch und in einer Sprache mit "
            "Schreibrichtung von rechts nach links.\n\n"
            "## Nicht barrierefreie Inhalte\n\n"
            "PDF-Dokumente, die Vereine oder Projekte hochladen, sind möglicherweise nicht "
            "barrierefrei.\n\n"
            "## Barrieren melden\n\n"
            "Wenn Ihnen Barrieren auffallen, schreiben Sie uns: info@vmdo.de. Wir antworten "
            "innerhalb von zwei Wochen.\n\n"
            "## Erstellung dieser Erklärung\n\n"
            "Diese Erklärung beruht auf einer Selbstbewertung und wird bei jeder wesentlichen "
            "Änderung des Portals überprüft."
        ),
    },
}


def load_default_pages(page_model) -> list:
    """Create the pages that do not exist yet (returned); existing pages are left as staff
    wrote them."""
    created_pages = []
    for key, fields in PAGES.items():
        defaults = dict(fields)
        defaults.setdefault("title", fields["title_de"])
        defaults.setdefault("summary", fields["summary_de"])
        defaults.setdefault("body", fields["body_de"])
        page, created = page_model.objects.get_or_create(key=key, defaults=defaults)
        if created:
            created_pages.append(page)
    return created_pages
