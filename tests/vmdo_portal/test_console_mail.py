"""Development email on the console is readable; what SMTP sends stays standard."""

import io

from django.core.mail import EmailMessage

from vmdo_portal.console_mail import EmailBackend

LINK = "http://127.0.0.1:8000/de/veranstaltungen/abmelden/" + "x" * 60 + "/"


def message():
    email = EmailMessage(
        subject="[VMDO] Änderung geprüft: Sprachcafé",
        body=f"Ihre Anmeldung für das Sprachcafé ist bestätigt, wir freuen uns auf Sie.\n{LINK}\n",
        from_email="VMDO Portal <portal@vmdo.de>",
        to=["gülsüm@example.org"],
    )
    email.attach("sprachcafe.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
    return email


def test_the_development_console_prints_decoded_text_with_links_on_one_line():
    stream = io.StringIO()
    assert EmailBackend(stream=stream).send_messages([message()]) == 1
    lines = stream.getvalue().splitlines()
    date = next(line for line in lines if line.startswith("Date: "))
    assert lines == [
        "From: VMDO Portal <portal@vmdo.de>",
        "To: gülsüm@example.org",
        "Subject: [VMDO] Änderung geprüft: Sprachcafé",
        date,
        "Attachments: sprachcafe.ics (text/calendar)",
        "",
        "Ihre Anmeldung für das Sprachcafé ist bestätigt, wir freuen uns auf Sie.",
        LINK,
        "-" * 79,
    ]


def test_the_message_itself_is_still_encoded_for_the_wire():
    wire = message().message().as_string()
    assert "Subject: [VMDO] =?utf-8?" in wire
    assert "Content-Transfer-Encoding: quoted-printable" in wire
    assert LINK not in wire
