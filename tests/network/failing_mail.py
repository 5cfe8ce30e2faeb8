"""A test mail backend: the in-memory outbox, except that the mail server refuses
addresses with "refused" in them (as an SMTP server refuses an unknown mailbox)."""

from smtplib import SMTPRecipientsRefused

from django.core.mail.backends import locmem


class EmailBackend(locmem.EmailBackend):
    def send_messages(self, messages):
        for message in messages:
            refused = dict.fromkeys(message.to, (550, b"5.1.1 no such mailbox"))
            if any("refused" in address for address in refused):
                raise SMTPRecipientsRefused(refused)
        return super().send_messages(messages)
