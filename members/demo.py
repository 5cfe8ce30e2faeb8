"""Demo data of the members app, created through its services.

Two names are real VMDO members announced publicly (2012); every detail of every
record and all other associations are examples, marked as such.
"""

import random

from django.utils import timezone

from members import selectors, services
from members.default_lists import COMMUNITIES
from members.models import (
    Association,
    Community,
    FieldOfActivity,
    Membership,
    MembershipApplication,
)
from vmdo_portal.vocabulary import District
from vmdo_portal.vocabulary_seed import seed_list

EXAMPLE = "Beispieldaten: Die Angaben dienen nur der Vorführung des Portals."
# (name, short name, district, fields, languages, communities, founded, founding member)
ASSOCIATIONS = [
    (
        "Simorgh e.V.",
        "Simorgh",
        "innenstadt-nord",
        ["culture"],
        ["fa", "de"],
        ["iranisch"],
        2005,
        False,
    ),
    (
        "Dersim Gemeinde Bochum e.V.",
        "",
        "innenstadt-ost",
        ["mother-tongue", "children-youth"],
        ["tr", "ku", "de"],
        ["zaza", "kurdisch"],
        1998,
        False,
    ),
    (
        "Afrikanischer Kulturverein Nordstadt (Beispiel)",
        "AKN",
        "innenstadt-nord",
        ["culture", "music-dance"],
        ["fr", "en", "de"],
        ["afrikanisch"],
        2001,
        True,
    ),
    (
        "Syrisches Nachbarschaftsnetz (Beispiel)",
        "SNN",
        "innenstadt-nord",
        ["refugee-work", "neighbourhood", "counselling"],
        ["ar", "de"],
        ["syrisch"],
        2016,
        False,
    ),
    (
        "Frauen für Frauen Dortmund (Beispiel)",
        "",
        "innenstadt-west",
        ["women", "education"],
        ["tr", "ar", "de"],
        ["tuerkisch"],
        2004,
        True,
    ),
    (
        "Afghanischer Jugendtreff (Beispiel)",
        "",
        "eving",
        ["children-youth", "sport"],
        ["fa", "ps", "de"],
        ["afghanisch"],
        2012,
        False,
    ),
    (
        "Polnischer Elternverein (Beispiel)",
        "PEV",
        "hombruch",
        ["mother-tongue", "education"],
        ["pl", "de"],
        ["polnisch"],
        1995,
        True,
    ),
    (
        "Ukrainische Hilfe Dortmund (Beispiel)",
        "",
        "hoerde",
        ["refugee-work", "counselling"],
        ["uk", "ru", "de"],
        ["ukrainisch"],
        2022,
        False,
    ),
    (
        "Seniorentreff Anadolu (Beispiel)",
        "",
        "scharnhorst",
        ["seniors", "neighbourhood"],
        ["tr", "de"],
        ["tuerkisch"],
        1989,
        True,
    ),
    (
        "Lateinamerika-Forum (Beispiel)",
        "",
        "luetgendortmund",
        ["culture", "development"],
        ["es", "pt", "de"],
        ["lateinamerikanisch"],
        2009,
        False,
    ),
    (
        "Kurdisches Bildungszentrum (Beispiel)",
        "KBZ",
        "huckarde",
        ["education", "labour-market"],
        ["ku", "tr", "de"],
        ["kurdisch"],
        2007,
        True,
    ),
    (
        "Sportfreunde Vielfalt (Beispiel)",
        "",
        "brackel",
        ["sport", "children-youth"],
        ["de", "tr", "ar"],
        ["tuerkisch", "syrisch"],
        2015,
        False,
    ),
]


def seed(*, users: dict, scale: int | None = None, out=None) -> None:
    seed_list(Community, COMMUNITIES)
    for row in ASSOCIATIONS:
        _ensure_association(*row)

    trusted = Association.objects.get(name=ASSOCIATIONS[2][0])
    untrusted = Association.objects.get(name=ASSOCIATIONS[3][0])
    if not trusted.trusted:
        trusted.trusted = True
        trusted.save(update_fields=["trusted"])
    if users.get("trusted"):
        Membership.objects.get_or_create(
            user=users["trusted"], association=trusted, defaults={"role": Membership.Role.ADMIN}
        )
    if users.get("untrusted"):
        Membership.objects.get_or_create(
            user=users["untrusted"], association=untrusted, defaults={"role": Membership.Role.ADMIN}
        )
        if not untrusted.revisions.exists():
            data = selectors.profile_values(untrusted)
            data["description_de"] = (
                data["description_de"] + "\n\nNeu: Hausaufgabenhilfe dienstags 16 Uhr."
            )
            services.association_profile_update(
                association=untrusted,
                by=users["untrusted"],
                data=data,
                expected_version=untrusted.version,
            )
    if not MembershipApplication.objects.exists():
        MembershipApplication.objects.create(
            organisation_name="Eritreische Gemeinde Dortmund (Beispiel)",
            district=District.INNENSTADT_NORD,
            description="Beispielantrag: Wir möchten dem VMDO beitreten.",
            contact_name="Beispiel Person",
            email="antrag@demo.vmdo.invalid",
            consent=True,
        )
    if scale:
        _generate(200 * scale)


def _ensure_association(
    name, short_name, district, fields, languages, communities, founded, founder
):
    if Association.objects.filter(name=name).exists():
        return
    association = services.association_create(
        name=name,
        short_name=short_name,
        district=district,
        founded_year=founded,
        founding_member=founder,
        member_since=timezone.localdate().replace(year=max(founded, 2008), month=5, day=8),
        published=True,
        status=Association.Status.MEMBER,
        description_de=f"{name} ist ein Mitgliedsverein des VMDO. {EXAMPLE}",
        description_en=f"{name} is a member association of VMDO. Example data for demonstration.",
        regular_activities_de="Treffen jeden Donnerstag um 18 Uhr im Haus der Vielfalt (Beispiel).",
        email=f"kontakt@{services.unique_slug(name)}.example.org",
        street="Zur Vielfalt 21",
        postal_code="44147",
        city="Dortmund",
        fields_of_activity=list(FieldOfActivity.objects.filter(slug__in=fields)),
        communities=list(Community.objects.filter(slug__in=communities)),
        languages=languages,
    )
    return association


def _generate(count: int) -> None:
    """Extra associations for benchmarks (200 per scale step; bulk, but valid like real ones)."""
    existing = Association.objects.filter(slug__startswith="benchmark-verein-").count()
    rng = random.Random(2008)  # noqa: S311 - reproducible demo data, not security
    fields = list(FieldOfActivity.objects.all())
    districts = [choice for choice, _label in District.choices]
    new = [
        Association(
            name=f"Benchmark-Verein {number} (Beispiel)",
            slug=f"benchmark-verein-{number}",
            district=rng.choice(districts),
            founded_year=rng.randint(1970, 2024),
            published=True,
            status=Association.Status.MEMBER,
            description=f"Beispielverein Nummer {number} für Lasttests.",
            description_de=f"Beispielverein Nummer {number} für Lasttests.",
        )
        for number in range(existing + 1, count + 1)
    ]
    created = Association.objects.bulk_create(new, batch_size=500)
    through = Association.fields_of_activity.through
    through.objects.bulk_create(
        [through(association=a, fieldofactivity=rng.choice(fields)) for a in created],
        batch_size=1000,
    )
    services.association_search_refresh(
        associations=Association.objects.filter(pk__in=[a.pk for a in created])
    )
