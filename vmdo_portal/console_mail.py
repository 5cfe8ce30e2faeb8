"""Development email on the console, as a person reads it.

Django's console backend prints the message as it goes over the wire: a German text is
quoted-printable (`Ge=C3=A4ndert`) and long lines, links included, are cut with `=` at
76 characters. This one prints the headers decoded, the text body as text and the
attachments by name. Only what is printed changes: SMTP sends the standard message.
"""

from django.core.mail.backends import console

HEADERS = ("From", "To", "Cc", "Reply-To", "Subject", "Date")


def readable(message) -> str:
    """A Django EmailMessage as text: decoded headers, the text body, attachment names."""
    msg = message.message()
    lines = [f"{name}: {msg[name]}" for name in HEADERS if msg[name]]
    attachments = [
        f"{part.get_filename() or '(no name)'} ({part.get_content_type()})"
        for part in msg.iter_attachments()
    ]
    if attachments:
        lines.append(f"Attachments: {', '.join(attachments)}")
    body = msg.get_body(preferencelist=("plain", "html"))
    text = body.get_content() if body is not None else ""
    return "\n".join(lines) + "\n\n" + text.rstrip("\n") + "\n"


class EmailBackend(console.EmailBackend):
    def write_message(self, message):
        self.stream.write(readable(message))
        self.stream.write("-" * 79)
        self.stream.write("\n")
