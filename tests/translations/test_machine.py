"""Machine translation against a local server that speaks LibreTranslate's and DeepL's
HTTP APIs (tests/translations/servers.py): real requests, real answers, real failures."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation

from tests.translations.servers import DEEPL_KEY, running_service
from translations.machine import DeepL, LibreTranslate, backend_from_url, budget, translate


@pytest.fixture
def service(db):  # the glossary and the character budget are in the database
    with running_service() as service:
        yield service


@pytest.fixture
def libre(service, settings):
    settings.MACHINE_TRANSLATION_URL = f"libretranslate+http://{service.url}/?api_key=libre-key"
    return service


@pytest.fixture
def deepl(service, settings):
    settings.MACHINE_TRANSLATION_URL = f"deepl+http://{DEEPL_KEY}@{service.url}"
    return service


# --- MACHINE_TRANSLATION_URL ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "kind", "endpoint", "key"),
    [
        (
            "libretranslate+https://translate.vmdo.de/?api_key=abc%2B1",
            LibreTranslate,
            "https://translate.vmdo.de/translate",
            "abc+1",
        ),
        (
            "libretranslate+http://127.0.0.1:5000",
            LibreTranslate,
            "http://127.0.0.1:5000/translate",
            "",
        ),
        (
            "libretranslate+https://vmdo.de:8443/lt/",
            LibreTranslate,
            "https://vmdo.de:8443/lt/translate",
            "",
        ),
        ("deepl://pro-key@api.deepl.com", DeepL, "https://api.deepl.com/v2/translate", "pro-key"),
        (
            "deepl://free-key:fx@api-free.deepl.com",
            DeepL,
            "https://api-free.deepl.com/v2/translate",
            "free-key:fx",
        ),
        ("deepl+http://k@127.0.0.1:9000", DeepL, "http://127.0.0.1:9000/v2/translate", "k"),
    ],
)
def test_url_chooses_backend_endpoint_and_key(url, kind, endpoint, key):
    backend = backend_from_url(url)
    assert (type(backend), backend.endpoint, backend.key) == (kind, endpoint, key)


def test_empty_url_means_off():
    assert backend_from_url("") is None


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("libretranslate://host", "MACHINE_TRANSLATION_URL scheme 'libretranslate' is unknown"),
        ("https://translate.vmdo.de", "MACHINE_TRANSLATION_URL scheme 'https' is unknown"),
        ("libretranslate+https:///?api_key=x", "MACHINE_TRANSLATION_URL has no host"),
        ("deepl://api.deepl.com", "MACHINE_TRANSLATION_URL has no DeepL key"),
        ("deepl://key@deepl.example.org", "'deepl.example.org' is not DeepL's API host"),
        ("deepl://key:fx@api.deepl.com", "DeepL API Free keys end in ':fx'"),
        ("deepl://key@api-free.deepl.com", "DeepL API Free keys end in ':fx'"),
        ("libretranslate+http://host:port/", "MACHINE_TRANSLATION_URL cannot be read"),
    ],
)
def test_bad_url_is_refused_with_a_clear_message(url, message):
    with pytest.raises(ImproperlyConfigured, match=message.replace("+", r"\+")):
        backend_from_url(url)


def test_a_wrong_url_stops_the_start_and_a_right_one_does_not():
    def start(url):
        env = {**os.environ, "DEBUG": "1", "MACHINE_TRANSLATION_URL": url}
        env["DJANGO_SETTINGS_MODULE"] = "vmdo_portal.settings"
        code = "from django.conf import settings; print(settings.MACHINE_TRANSLATION_URL)"
        return subprocess.run(
            [sys.executable, "-c", code],
            cwd=Path(__file__).resolve().parents[2],
            env=env,
            capture_output=True,
            text=True,
        )

    refused = start("deepl://key@api-free.deepl.com")
    assert refused.returncode == 1
    assert refused.stderr.splitlines()[-1] == (
        "django.core.exceptions.ImproperlyConfigured: MACHINE_TRANSLATION_URL: DeepL API Free "
        "keys end in ':fx' and belong to api-free.deepl.com, Pro keys to api.deepl.com."
    )
    started = start("deepl://key:fx@api-free.deepl.com")
    assert (started.returncode, started.stdout) == (0, "deepl://key:fx@api-free.deepl.com\n")


def test_off_without_url(settings):
    settings.MACHINE_TRANSLATION_URL = ""
    [outcome] = translate(["Hallo"], target="tr")
    assert (outcome.ok, outcome.text, outcome.reason) == (False, None, "disabled")
    with translation.override("de"):
        assert outcome.message == "Maschinelle Übersetzung ist nicht eingerichtet."


# --- LibreTranslate ---------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["tr", "ar", "fa", "uk"])
def test_libretranslate_request_and_answer(libre, target):
    outcomes = translate(["Guten Tag", "Wir treffen uns\nim Garten"], target=target)

    assert [(o.ok, o.text) for o in outcomes] == [
        (True, f"[{target}] GUTEN TAG"),
        (True, f"[{target}] WIR TREFFEN UNS\n[{target}] IM GARTEN"),
    ]
    [request] = libre.requests
    assert request["path"] == "/translate"
    assert request["headers"]["Content-Type"] == "application/json"
    assert request["json"] == {
        "q": ["Guten Tag", "Wir treffen uns", "im Garten"],
        "source": "de",
        "target": target,
        "format": "html",
        "api_key": "libre-key",
    }


def test_protected_terms_stay_as_they_are(libre):
    [outcome] = translate(
        ["Treffen im Haus der Vielfalt mit samo.fa, Mitte & Nord, Kulturverein Ararat"],
        target="tr",
        terms=["Kulturverein Ararat", "Mitte & Nord"],
    )

    assert (
        outcome.text
        == "[tr] TREFFEN IM Haus der Vielfalt MIT samo.fa, Mitte & Nord, Kulturverein Ararat"
    )
    assert libre.requests[0]["json"]["q"] == [
        'Treffen im <span translate="no">Haus der Vielfalt</span> mit '
        '<span translate="no">samo.fa</span>, <span translate="no">Mitte &amp; Nord</span>, '
        '<span translate="no">Kulturverein Ararat</span>'
    ]


def test_longer_term_wins_over_a_term_inside_it(libre):
    [outcome] = translate(["Die VMDO Akademie und VMDO"], target="en", terms=["VMDO Akademie"])
    assert outcome.text == "[en] DIE VMDO Akademie UND VMDO"


def test_markdown_structure_survives(libre):
    text = (
        "# Willkommen im Haus der Vielfalt\n"
        "\n"
        "Wir sind **viele** Vereine und\n"
        "arbeiten *gemeinsam*.\n"
        "\n"
        '- [Anmeldung](https://vmdo.de/anmelden "Formular") bis Freitag\n'
        "- Raum `R 1.04` mitbringen\n"
        "1. Siehe <https://vmdo.de> oder https://samofa.de/info.\n"
        "> Zitat von __NeMO__\n"
        "\n"
        "```\n"
        "Code bleibt\n"
        "```\n"
        "---"
    )

    [outcome] = translate([text], target="tr", fmt="markdown")

    assert outcome.text == (
        "# [tr] WILLKOMMEN IM Haus der Vielfalt\n"
        "\n"
        "[tr] WIR SIND **VIELE** VEREINE UND ARBEITEN *GEMEINSAM*.\n"
        "\n"
        '- [tr] [ANMELDUNG](https://vmdo.de/anmelden "Formular") BIS FREITAG\n'
        "- [tr] RAUM `R 1.04` MITBRINGEN\n"
        "1. [tr] SIEHE <https://vmdo.de> ODER https://samofa.de/info.\n"
        "> [tr] ZITAT VON **NeMO**\n"
        "\n"
        "```\n"
        "Code bleibt\n"
        "```\n"
        "---"
    )
    assert libre.requests[0]["json"]["q"][2] == ('<a href="0">Anmeldung</a> bis Freitag')


def test_a_heading_is_one_line_and_a_hard_break_stays(libre):
    [outcome] = translate(["## Termine\nJeden Montag  \num 18 Uhr"], target="en", fmt="markdown")
    assert outcome.text == "## [en] TERMINE\n[en] JEDEN MONTAG  \n[en] UM 18 UHR"


def test_kept_text_comes_back_exactly_although_the_service_collapses_spaces(libre):
    [outcome] = translate(["Tippe `git  status`  ein"], target="en", fmt="markdown")
    assert outcome.text == "[en] TIPPE `git  status` EIN"


def test_html_terms_are_kept_in_text_not_in_attributes(libre):
    [outcome] = translate(
        ['<p title="VMDO">Das <a href="/vmdo">VMDO</a>-Büro</p>'], target="pl", fmt="html"
    )
    assert outcome.text == '[pl] <p title="VMDO">DAS <a href="/vmdo">VMDO</a>-BÜRO</p>'


def test_a_service_that_translates_protected_terms_fails_only_that_text(libre):
    libre.mangle = True
    outcomes = translate(["Im Haus der Vielfalt", "Guten Abend"], target="ru")

    assert [(o.text, o.reason) for o in outcomes] == [
        (None, "mangled"),
        ("[ru] GUTEN ABEND", ""),
    ]
    with translation.override("de"):
        assert outcomes[0].message == (
            "Der Übersetzungsdienst hat einen geschützten Namen, einen Link oder die "
            "Formatierung verändert."
        )


@pytest.mark.parametrize(
    ("status", "body", "reason", "message"),
    [
        (
            400,
            b'{"error": "xx is not supported"}',
            "rejected",
            "Der Übersetzungsdienst hat die Anfrage abgelehnt. (xx is not supported)",
        ),
        (
            403,
            b'{"error": "Invalid API key"}',
            "auth",
            "Der Übersetzungsdienst hat den Zugangsschlüssel abgelehnt. (Invalid API key)",
        ),
        (
            429,
            b'{"error": "Slowdown: 10 per 1 minute"}',
            "rate_limited",
            "Der Übersetzungsdienst erhält gerade zu viele Anfragen. (Slowdown: 10 per 1 minute)",
        ),
        (
            500,
            b'{"error": "Cannot translate text: model missing"}',
            "unavailable",
            "Der Übersetzungsdienst ist nicht erreichbar. "
            "(HTTP 500: Cannot translate text: model missing)",
        ),
        (
            502,
            b"<html>Bad Gateway</html>",
            "unavailable",
            "Der Übersetzungsdienst ist nicht erreichbar. (HTTP 502)",
        ),
        (
            200,
            b"<html>not json</html>",
            "bad_response",
            "Die Antwort des Übersetzungsdienstes ist nicht lesbar. (not JSON)",
        ),
        (
            200,
            b'{"translatedText": ["one only"]}',
            "bad_response",
            "Die Antwort des Übersetzungsdienstes ist nicht lesbar. (wrong number of texts)",
        ),
    ],
)
def test_libretranslate_errors_become_outcomes(libre, status, body, reason, message):
    libre.reply = (status, body)

    outcomes = translate(["Eins", "Zwei"], target="tr")

    assert [(o.ok, o.text, o.reason) for o in outcomes] == [(False, None, reason)] * 2
    with translation.override("de"):
        assert outcomes[0].message == message
    assert budget.used() == 0  # nothing translated, nothing counted


def test_timeout(libre, settings):
    settings.MACHINE_TRANSLATION_TIMEOUT = 0.3
    libre.delay = 1.5

    [outcome] = translate(["Hallo"], target="tr")

    assert (outcome.reason, outcome.detail) == ("timeout", "0.3 s")


def test_service_not_running(db, settings):
    settings.MACHINE_TRANSLATION_URL = "libretranslate+http://127.0.0.1:9/"
    [outcome] = translate(["Hallo"], target="tr")
    assert outcome.reason == "unavailable"


# --- DeepL ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("target", "code"), [("en", "EN-GB"), ("tr", "TR"), ("ar", "AR")])
def test_deepl_request_and_answer(deepl, target, code):
    [outcome] = translate(["Willkommen bei **VMDO**"], target=target, fmt="markdown")

    assert outcome.text == f"[{code.lower()}] WILLKOMMEN BEI **VMDO**"
    [request] = deepl.requests
    assert request["path"] == "/v2/translate"
    assert request["headers"]["Authorization"] == f"DeepL-Auth-Key {DEEPL_KEY}"
    assert request["json"] == {
        "text": ['Willkommen bei <b><span translate="no">VMDO</span></b>'],
        "source_lang": "DE",
        "target_lang": code,
        "tag_handling": "html",
    }


def test_deepl_has_no_persian_and_is_not_asked(deepl):
    [outcome] = translate(["Hallo"], target="fa")

    assert (outcome.reason, outcome.detail) == ("unsupported_language", "fa")
    assert deepl.requests == []
    with translation.override("de"):
        assert outcome.message == "Der Übersetzungsdienst bietet diese Sprache nicht an. (fa)"


def test_deepl_sends_at_most_50_texts_per_request(deepl):
    outcomes = translate([f"Satz {n}" for n in range(120)], target="pl")

    assert [o.text for o in outcomes] == [f"[pl] SATZ {n}" for n in range(120)]
    assert [len(r["json"]["text"]) for r in deepl.requests] == [50, 50, 20]


def test_deepl_wrong_key(service, settings):
    settings.MACHINE_TRANSLATION_URL = f"deepl+http://wrong@{service.url}"
    [outcome] = translate(["Hallo"], target="tr")
    assert (outcome.reason, outcome.detail) == ("auth", "Authorization failed")


@pytest.mark.parametrize(
    ("status", "body", "reason"),
    [
        (456, b'{"message": "Quota exceeded"}', "quota"),
        (429, b'{"message": "Too many requests"}', "rate_limited"),
        (403, b'{"message": "Wrong endpoint"}', "auth"),
        (413, b'{"message": "Request Entity Too Large"}', "rejected"),
        (503, b"", "unavailable"),
        (200, b'{"translations": "nope"}', "bad_response"),
    ],
)
def test_deepl_errors_become_outcomes(deepl, status, body, reason):
    deepl.reply = (status, body)
    outcomes = translate(["Eins", "Zwei"], target="uk")
    assert [(o.text, o.reason) for o in outcomes] == [(None, reason)] * 2


def test_deepl_quota_message(deepl):
    deepl.reply = (456, b'{"message": "Quota exceeded"}')
    [outcome] = translate(["Eins"], target="ru")
    with translation.override("de"):
        assert outcome.message == (
            "Das Kontingent des Übersetzungsdienstes ist aufgebraucht. (Quota exceeded)"
        )


# --- the monthly character budget -------------------------------------------------------------


def test_budget_counts_characters_and_refuses_before_sending(libre, settings):
    settings.MACHINE_TRANSLATION_MONTHLY_CHARACTERS = 20

    first = translate(["Guten Morgen"], target="tr")  # 12 characters
    assert first[0].text == "[tr] GUTEN MORGEN"
    assert budget.used() == 12

    refused = translate(["Guten Abend"], target="tr")  # 11 more: 23 > 20

    assert (refused[0].text, refused[0].reason, refused[0].detail) == (
        None,
        "budget",
        "12 + 11 > 20",
    )
    assert len(libre.requests) == 1  # the second text was never sent
    with translation.override("de"):
        assert refused[0].message == (
            "Das Monatsbudget für maschinelle Übersetzung ist aufgebraucht. (12 + 11 > 20)"
        )
    assert translate(["Tschüss"], target="tr")[0].text == "[tr] TSCHÜSS"  # 7 more still fit
    assert budget.used() == 19


def test_empty_texts_cost_nothing(libre):
    outcomes = translate(["", "  \n"], target="tr", fmt="markdown")
    assert [o.text for o in outcomes] == ["", "  \n"]
    assert libre.requests == []
