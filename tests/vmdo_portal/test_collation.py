"""Lists sort by the reader's alphabet (CLDR collation), not by code points."""

import re

import pytest
from django.utils import translation

from members.filters import DirectoryFilter
from members.forms import ProfileForm
from members.models import Community
from tests.factories import AssociationFactory
from vmdo_portal.collation import sort_key, sorted_by_locale
from vmdo_portal.vocabulary import language_choices


@pytest.mark.parametrize(
    ("locale", "words", "expected"),
    [
        # Turkish: C Ç D ... H I İ J ... O Ö ... S Ş ... U Ü
        (
            "tr",
            ["Zazaca", "İngilizce", "Çince", "Irakça", "Cuma", "Dil", "Jöle", "Şile", "Sarı"],
            ["Cuma", "Çince", "Dil", "Irakça", "İngilizce", "Jöle", "Sarı", "Şile", "Zazaca"],
        ),
        # Ukrainian: ... Г Ґ Д ... И І Ї Й К ...
        (
            "uk",
            ["Іспанська", "Йорданська", "Англійська", "Їжак", "Китайська", "Ґанок", "Грецька"],
            ["Англійська", "Грецька", "Ґанок", "Іспанська", "Їжак", "Йорданська", "Китайська"],
        ),
        # Russian: Ё with Е
        ("ru", ["Ёж", "Жук", "Еда", "Арабский"], ["Арабский", "Еда", "Ёж", "Жук"]),
        # Polish: L Ł M, A Ą B, Z Ź Ż
        (
            "pl",
            ["Łotewski", "Mongolski", "Litewski", "Ąb", "Bułgarski", "Żółty", "Zielony"],
            ["Ąb", "Bułgarski", "Litewski", "Łotewski", "Mongolski", "Zielony", "Żółty"],
        ),
        # German: Ä sorts with A, Ö with O
        (
            "de",
            ["Zebra", "Bär", "Ärger", "Apfel", "Öl", "Oper"],
            ["Apfel", "Ärger", "Bär", "Öl", "Oper", "Zebra"],
        ),
    ],
)
def test_sorted_by_locale_follows_the_alphabet_of_the_locale(locale, words, expected):
    assert sorted_by_locale(words, locale=locale) == expected
    assert sorted(words, key=lambda word: sort_key(word, locale)) == expected


def test_the_active_language_is_the_default_locale():
    with translation.override("tr"):
        assert sorted_by_locale(["Zaza", "Çerkez", "Dil"]) == ["Çerkez", "Dil", "Zaza"]
    with translation.override("de"):
        assert sorted_by_locale(["Zaza", "Çerkez", "Dil"]) == ["Çerkez", "Dil", "Zaza"]
    with translation.override("en"):
        assert sorted_by_locale(["b", "A", "a", "B"]) == ["a", "A", "b", "B"]


def test_language_choices_sort_by_the_readers_alphabet():
    with translation.override("tr"):
        names = [str(label) for code, label in language_choices()]
    assert names[:2] == ["Almanca", "Arapça"]
    # Çince right after the C... names, İspanyolca after the I... names (not both last)
    assert names[names.index("Çince") + 1][0] == "E"  # no Turkish language name starts with D
    assert names.index("İspanyolca") < names.index("Yunanca")
    with translation.override("uk"):
        names = [str(label) for code, label in language_choices()]
    assert names[0] == "Албанська"
    assert names.index("Іспанська") > names.index("Грецька")


@pytest.mark.django_db
def test_communities_in_filters_forms_and_profiles_follow_the_readers_alphabet(client):
    communities = [
        Community.objects.create(name_de="Zaza", name_tr="Zaza", slug="zaza"),
        Community.objects.create(name_de="Tscherkessen", name_tr="Çerkez", slug="cerkez"),
        Community.objects.create(name_de="Irakisch", name_tr="Iraklı", slug="irak"),
        Community.objects.create(name_de="Iranisch", name_tr="İranlı", slug="iran"),
        Community.objects.create(name_de="Kurdisch", name_tr="Kürt", slug="kurd"),
    ]
    association = AssociationFactory(name="Köprü", languages=["tr", "zh", "ar", "de"])
    association.communities.set(communities)
    expected = ["Çerkez", "Iraklı", "İranlı", "Kürt", "Zaza"]
    with translation.override("tr"):
        filter_choices = [
            str(label) for value, label in DirectoryFilter().form.fields["community"].choices
        ]
        form_choices = [
            label
            for value, label in ProfileForm(instance=association).fields["communities"].choices
        ]
    assert filter_choices == ["Tüm topluluklar", *expected]
    assert form_choices == expected

    html = client.get(f"/tr/vereine/{association.slug}/").content.decode()
    communities = re.search(r"<dd>((?:(?!</dd>).)*>Zaza</bdi>)</dd>", html).group(1)
    assert re.sub(r"<[^>]+>", "", communities) == ", ".join(expected)
    # Languages spoken: Almanca, Arapça, Çince, Türkçe (Çince between Arapça and Türkçe)
    assert re.search(r"<dd>([^<]*Türkçe)</dd>", html).group(1) == "Almanca, Arapça, Çince, Türkçe"
