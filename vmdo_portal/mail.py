"""Mail delivery configured from one URL (EMAIL_URL) into Django 6.1's MAILERS."""

from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

BACKENDS = {
    "console": "vmdo_portal.console_mail.EmailBackend",  # readable, see there
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "smtps": "django.core.mail.backends.smtp.EmailBackend",
}
TRUE = {"1", "true", "yes", "on"}


def mailers_from_url(url: str) -> dict:
    """Turn "smtp://user:pw@host:587?tls=1" (or "console:") into a MAILERS dict."""
    if not url:
        raise ImproperlyConfigured(
            "EMAIL_URL is not set. Production sends email by SMTP, e.g. "
            "EMAIL_URL=smtp://user:password@mail.example.org:587?tls=1"
        )
    parts = urlsplit(url)
    if parts.scheme not in BACKENDS:
        raise ImproperlyConfigured(
            f"EMAIL_URL scheme {parts.scheme!r} is not one of {', '.join(sorted(BACKENDS))}."
        )
    mailer = {"BACKEND": BACKENDS[parts.scheme]}
    if parts.scheme.startswith("smtp"):
        query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        options = {
            "host": parts.hostname or "localhost",
            "use_ssl": parts.scheme == "smtps",
            "use_tls": query.get("tls", "").lower() in TRUE,
            "timeout": int(query.get("timeout", "10")),
        }
        if parts.port:
            options["port"] = parts.port
        if parts.username:
            options["username"] = unquote(parts.username)
            options["password"] = unquote(parts.password or "")
        mailer["OPTIONS"] = options
    return {"default": mailer}
