"""Machine translation as a first draft: LibreTranslate (self-hostable) or DeepL, chosen by
one setting, MACHINE_TRANSLATION_URL:

    libretranslate+https://translate.example.org/?api_key=KEY   (or libretranslate+http://host:5000/)
    deepl://KEY@api.deepl.com        DeepL API Pro
    deepl://KEY:fx@api-free.deepl.com  DeepL API Free (free keys end in ":fx")
    deepl+http://KEY@127.0.0.1:8080  a DeepL-compatible stand-in without TLS (tests)

`translate(texts, target="tr", fmt="markdown", terms=[...])` returns one `Outcome` per
text and never raises for what can go wrong at run time (service down, slow, out of quota,
over the monthly character budget): the portal keeps working and the outcome says what
happened, for a translation status. Protected terms (glossary) and the text's structure
(markup) survive; a text whose protected parts the service changed fails on its own.
"""

import json
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from urllib.parse import parse_qs, unquote, urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from translations import markup
from translations.glossary import TermsChanged, protected_terms
from vmdo_portal.l10n import local

logger = logging.getLogger(__name__)

BATCH = 50  # DeepL takes at most 50 texts per request; LibreTranslate is sent the same


class Reason(StrEnum):
    DISABLED = "disabled"
    BUDGET = "budget"
    QUOTA = "quota"
    AUTH = "auth"
    RATE_LIMITED = "rate_limited"
    REJECTED = "rejected"
    UNAVAILABLE = "unavailable"
    TIMEOUT = "timeout"
    UNSUPPORTED_LANGUAGE = "unsupported_language"
    BAD_RESPONSE = "bad_response"
    MANGLED = "mangled"


MESSAGES = {
    Reason.DISABLED: _("Machine translation is not set up."),
    Reason.BUDGET: _("This month's machine translation budget is used up."),
    Reason.QUOTA: _("The translation service's quota is used up."),
    Reason.AUTH: _("The translation service refused the access key."),
    Reason.RATE_LIMITED: _("The translation service is receiving too many requests."),
    Reason.REJECTED: _("The translation service rejected the request."),
    Reason.UNAVAILABLE: _("The translation service is not available."),
    Reason.TIMEOUT: _("The translation service did not answer in time."),
    Reason.UNSUPPORTED_LANGUAGE: _("The translation service does not offer this language."),
    Reason.BAD_RESPONSE: _("The translation service gave an answer that cannot be read."),
    Reason.MANGLED: _(
        "The translation service changed a protected name, a link or the formatting."
    ),
}


class MachineTranslationError(Exception):
    def __init__(self, reason: Reason, detail: str = ""):
        self.reason = reason
        self.detail = detail[:300]
        super().__init__(f"{reason}: {detail}" if detail else str(reason))

    @property
    def message(self) -> str:
        return _message(self.reason, self.detail)


def _message(reason: str, detail: str) -> str:
    text = str(MESSAGES[Reason(reason)])
    return f"{text} ({detail})" if detail else text


@dataclass(frozen=True)
class Outcome:
    """What happened to one text: `text` is the draft when `ok`, else None and `reason`
    (a Reason value, for a status) and `message` (for staff, in the active language)."""

    text: str | None
    reason: str = ""
    detail: str = ""

    @property
    def ok(self) -> bool:
        return not self.reason

    @property
    def message(self) -> str:
        return _message(self.reason, self.detail) if self.reason else ""


# --- the monthly character budget ---------------------------------------------------------


class DatabaseBudget:
    """Characters sent per calendar month (Europe/Berlin), one row per month in the database
    (translations.MachineUsage), so the count survives a cleared cache and every app server
    and worker shares it.

    Characters are reserved before a request is sent, by one conditional UPDATE (`… SET
    characters = characters + n WHERE characters + n <= budget`): PostgreSQL runs competing
    updates of the row one after the other and re-checks the condition, so two workers
    can never together pass the budget. A request that fails gives its reservation back
    (nothing was translated). The row stays locked until the caller's transaction ends:
    drafts are made outside long transactions (background tasks, commands)."""

    @staticmethod
    def month(now=None) -> date:
        return local(now or timezone.now()).date().replace(day=1)

    def used(self, month: date | None = None) -> int:
        from translations.models import MachineUsage

        usage = MachineUsage.objects.filter(month=month or self.month()).first()
        return usage.characters if usage else 0

    def reserve(self, characters: int) -> date:
        """Count `characters` for this month, or raise a BUDGET error (nothing counted).
        Returns the month counted in (for `release`)."""
        from translations.models import MachineUsage

        limit = settings.MACHINE_TRANSLATION_MONTHLY_CHARACTERS
        month = self.month()
        MachineUsage.objects.bulk_create([MachineUsage(month=month)], ignore_conflicts=True)
        counted = MachineUsage.objects.filter(
            month=month, characters__lte=limit - characters
        ).update(characters=F("characters") + characters)
        if not counted:
            used = self.used(month)
            raise MachineTranslationError(
                Reason.BUDGET, f"{used:,} + {characters:,} > {limit:,}".replace(",", ".")
            )
        return month

    def release(self, characters: int, month: date) -> None:
        """Give back what a failed request reserved."""
        from translations.models import MachineUsage

        MachineUsage.objects.filter(month=month, characters__gte=characters).update(
            characters=F("characters") - characters
        )


budget = DatabaseBudget()


# --- backends ---------------------------------------------------------------------------


class Backend:
    name = ""
    # Portal language → the service's code; a language not listed is unsupported.
    languages: dict[str, str] = {}

    def __init__(self, endpoint: str, key: str):
        self.endpoint = endpoint
        self.key = key

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.endpoint}>"

    def code(self, language: str) -> str:
        try:
            return self.languages[language]
        except KeyError:
            raise MachineTranslationError(Reason.UNSUPPORTED_LANGUAGE, language) from None

    def send(self, segments: list[str], *, source: str, target: str) -> list[str]:
        """Translate HTML fragments; raises MachineTranslationError."""
        translated: list[str] = []
        for start in range(0, len(segments), BATCH):
            batch = segments[start : start + BATCH]
            answer = self._post(self._body(batch, source=source, target=target))
            result = self._parse(answer)
            if len(result) != len(batch) or not all(isinstance(text, str) for text in result):
                raise MachineTranslationError(Reason.BAD_RESPONSE, "wrong number of texts")
            translated.extend(result)
        return translated

    def _headers(self) -> dict[str, str]:
        return {"Content-Type": "application/json", "Accept": "application/json"}

    def _post(self, body: dict):
        request = urllib.request.Request(  # noqa: S310 - the scheme is checked when parsing
            self.endpoint, data=json.dumps(body).encode(), headers=self._headers(), method="POST"
        )
        timeout = settings.MACHINE_TRANSLATION_TIMEOUT
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                raw = response.read()
        except urllib.error.HTTPError as error:
            raise self._error(error.code, _error_text(error)) from error
        except TimeoutError as error:
            raise MachineTranslationError(Reason.TIMEOUT, f"{timeout} s") from error
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError):
                raise MachineTranslationError(Reason.TIMEOUT, f"{timeout} s") from error
            raise MachineTranslationError(Reason.UNAVAILABLE, str(error.reason)) from error
        except OSError as error:  # reset, refused mid-answer, a closed connection
            raise MachineTranslationError(Reason.UNAVAILABLE, str(error)) from error
        try:
            return json.loads(raw)
        except ValueError as error:
            raise MachineTranslationError(Reason.BAD_RESPONSE, "not JSON") from error

    def _error(self, status: int, text: str) -> MachineTranslationError:
        if status == 403:
            return MachineTranslationError(Reason.AUTH, text)
        if status == 429:
            return MachineTranslationError(Reason.RATE_LIMITED, text)
        if status in (400, 413):
            return MachineTranslationError(Reason.REJECTED, text)
        detail = f"HTTP {status}: {text}" if text else f"HTTP {status}"
        if status >= 500:
            return MachineTranslationError(Reason.UNAVAILABLE, detail)
        return MachineTranslationError(Reason.BAD_RESPONSE, detail)


def _error_text(error: urllib.error.HTTPError) -> str:
    """The service's own explanation: LibreTranslate answers {"error": …}, DeepL
    {"message": …}; anything else is left out."""
    try:
        body = json.loads(error.read() or b"null")
    except (ValueError, OSError):
        return ""
    if isinstance(body, dict):
        return str(body.get("error") or body.get("message") or "")
    return ""


class LibreTranslate(Backend):
    """https://libretranslate.com/docs – POST /translate."""

    name = "LibreTranslate"
    languages = {code: code for code in ("de", "en", "tr", "ar", "uk", "ru", "fa", "pl")}

    def _body(self, batch, *, source, target):
        body = {"q": batch, "source": source, "target": target, "format": "html"}
        if self.key:
            body["api_key"] = self.key
        return body

    def _parse(self, answer):
        if not isinstance(answer, dict) or not isinstance(answer.get("translatedText"), list):
            raise MachineTranslationError(Reason.BAD_RESPONSE, "no translatedText list")
        return answer["translatedText"]


class DeepL(Backend):
    """https://developers.deepl.com/docs/api-reference/translate – POST /v2/translate.
    DeepL offers no Persian (fa)."""

    name = "DeepL"
    languages = {
        "de": "DE",
        "en": "EN-GB",
        "tr": "TR",
        "ar": "AR",
        "uk": "UK",
        "ru": "RU",
        "pl": "PL",
    }

    def _headers(self):
        return {**super()._headers(), "Authorization": f"DeepL-Auth-Key {self.key}"}

    def _body(self, batch, *, source, target):
        return {
            "text": batch,
            "source_lang": self.code(source).split("-")[0],
            "target_lang": self.code(target),
            "tag_handling": "html",
        }

    def _parse(self, answer):
        translations = answer.get("translations") if isinstance(answer, dict) else None
        if not isinstance(translations, list):
            raise MachineTranslationError(Reason.BAD_RESPONSE, "no translations list")
        return [item.get("text") if isinstance(item, dict) else None for item in translations]

    def _error(self, status, text):
        if status == 456:
            return MachineTranslationError(Reason.QUOTA, text)
        return super()._error(status, text)


DEEPL_HOSTS = {"api.deepl.com": "Pro", "api-free.deepl.com": "Free"}
URL_FORMS = (
    "libretranslate+https://host[:port]/?api_key=KEY, deepl://KEY@api.deepl.com or "
    "deepl://KEY:fx@api-free.deepl.com"
)


def backend_from_url(url: str) -> Backend | None:
    """MACHINE_TRANSLATION_URL → a backend; None when empty (machine translation off)."""
    if not url:
        return None
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise ImproperlyConfigured(f"MACHINE_TRANSLATION_URL cannot be read: {error}") from error
    host = parts.hostname
    if not host:
        raise ImproperlyConfigured(f"MACHINE_TRANSLATION_URL has no host; use {URL_FORMS}.")
    netloc = f"{host}:{port}" if port else host
    if parts.scheme in ("libretranslate+https", "libretranslate+http"):
        protocol = parts.scheme.split("+")[1]
        path = parts.path.rstrip("/")
        key = parse_qs(parts.query).get("api_key", [""])[-1]
        return LibreTranslate(f"{protocol}://{netloc}{path}/translate", key)
    if parts.scheme in ("deepl", "deepl+http"):
        key = unquote(parts.username or "")
        if parts.password is not None:  # a free key "…:fx" reads as user:password
            key = f"{key}:{unquote(parts.password)}"
        if not key:
            raise ImproperlyConfigured(
                "MACHINE_TRANSLATION_URL has no DeepL key: deepl://KEY@api.deepl.com"
            )
        if parts.scheme == "deepl":
            if host not in DEEPL_HOSTS:
                raise ImproperlyConfigured(
                    f"MACHINE_TRANSLATION_URL: {host!r} is not DeepL's API host; "
                    "use api.deepl.com (DeepL API Pro) or api-free.deepl.com (DeepL API Free)."
                )
            if (DEEPL_HOSTS[host] == "Free") != key.endswith(":fx"):
                raise ImproperlyConfigured(
                    "MACHINE_TRANSLATION_URL: DeepL API Free keys end in ':fx' and belong to "
                    "api-free.deepl.com, Pro keys to api.deepl.com."
                )
        protocol = "https" if parts.scheme == "deepl" else "http"
        return DeepL(f"{protocol}://{netloc}/v2/translate", key)
    raise ImproperlyConfigured(
        f"MACHINE_TRANSLATION_URL scheme {parts.scheme!r} is unknown; use {URL_FORMS}."
    )


def configured_backend() -> Backend | None:
    return backend_from_url(settings.MACHINE_TRANSLATION_URL)


# --- the one entry point ------------------------------------------------------------------


def translate(
    texts: list[str],
    *,
    target: str,
    source: str = "de",
    fmt: str = "text",
    terms=(),
    backend: Backend | None = None,
) -> list[Outcome]:
    """Machine-translate `texts` (all in format `fmt`: "text", "markdown" or "html") from
    `source` into `target`. `terms` are protected terms besides the glossary's (names,
    addresses). One Outcome per text, in order."""
    backend = backend or configured_backend()
    if backend is None:
        return [Outcome(None, Reason.DISABLED)] * len(texts)
    glossary = protected_terms(terms)
    prepared = [markup.prepare(text, fmt, glossary) for text in texts]
    segments = [segment for item in prepared for segment in item.segments]
    characters = sum(len(segment) for segment in segments)
    try:
        backend.code(source)
        backend.code(target)
        if segments:
            month = budget.reserve(characters)
            try:
                translated = backend.send(segments, source=source, target=target)
            except MachineTranslationError:
                budget.release(characters, month)
                raise
        else:
            translated = []
    except MachineTranslationError as error:
        logger.warning(
            "machine translation %s→%s by %s failed: %s", source, target, backend.name, error
        )
        return [Outcome(None, error.reason, error.detail)] * len(texts)
    outcomes = []
    position = 0
    for item in prepared:
        chunk = translated[position : position + len(item.segments)]
        position += len(item.segments)
        try:
            outcomes.append(Outcome(item.rebuild(chunk)))
        except TermsChanged as error:
            logger.warning("machine translation by %s: %s", backend.name, error)
            outcomes.append(Outcome(None, Reason.MANGLED))
    return outcomes
