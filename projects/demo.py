"""Demo data of the projects app: VMDO's real projects with their public facts.

Project names, kinds, years and the seven lokal willkommen districts are public facts;
exact days, addresses (but the Brunnenstraße), opening hours, contacts and the other
offices' operators are examples, marked as such.
"""

from datetime import date

from members.models import Association
from projects import services
from projects.default_lists import SERVICES
from projects.models import ContactPerson, Funder, Project, Service
from vmdo_portal.vocabulary_seed import seed_list

EXAMPLE = "(Beispiel)"
WEEKDAYS_9_TO_16 = {
    day: {"mode": "open", "ranges": [["09:00", "12:00"], ["13:00", "16:00"]]}
    for day in ["mon", "tue", "wed", "thu"]
} | {
    "fri": {"mode": "open", "ranges": [["09:00", "13:00"]]},
    "sat": {"mode": "closed"},
    "sun": {"mode": "closed"},
}
LOKAL_WILLKOMMEN = [
    # (name, district, run by VMDO, street, languages)
    (
        "lokal willkommen Innenstadt-Nord",
        "innenstadt-nord",
        True,
        "Brunnenstraße",
        ["ar", "de", "fa", "tr", "ku"],
    ),
    ("lokal willkommen Brackel/Aplerbeck", "brackel", False, "", ["de", "ar", "en"]),
    ("lokal willkommen Eving/Scharnhorst", "eving", False, "", ["de", "ar", "ru"]),
    ("lokal willkommen Hörde/Hombruch", "hoerde", False, "", ["de", "uk", "ru"]),
    ("lokal willkommen Innenstadt-West/Ost", "innenstadt-west", False, "", ["de", "en", "fr"]),
    ("lokal willkommen Mengede/Huckarde", "mengede", False, "", ["de", "ar", "ti"]),
    ("lokal willkommen Lütgendortmund", "luetgendortmund", False, "", ["de", "fa", "ps"]),
]


def seed(*, users: dict, scale: int | None = None, out=None) -> None:
    seed_list(Service, SERVICES)
    commissioner, _created = Funder.objects.get_or_create(
        name_de="Beauftragte der Bundesregierung für Migration, Flüchtlinge und Integration",
        defaults={
            "name": "Beauftragte der Bundesregierung für Migration, Flüchtlinge und Integration",
            "name_en": "Federal Government Commissioner for Migration, Refugees and Integration",
        },
    )
    city, _created = Funder.objects.get_or_create(
        name_de="Stadt Dortmund", defaults={"name": "Stadt Dortmund", "name_en": "City of Dortmund"}
    )
    partners = list(Association.objects.public()[:3])
    counselling = Service.objects.get(slug="beratung")

    _project(
        slug="samo-fa",
        title="samo.fa",
        acronym="samo.fa",
        kind=Project.Kind.FEDERAL,
        summary_de="Stärkung der Aktiven aus Migrantenorganisationen in der Flüchtlingsarbeit.",
        summary_en="Strengthening the volunteers of migrant organisations in refugee work.",
        start_date=date(2016, 1, 1),
        end_date=date(2022, 12, 31),
        funders=[commissioner],
        partners=partners,
        order=2,
    )
    _project(
        slug="gleich-teilhaben",
        title="GLEICH teilhaben",
        kind=Project.Kind.FEDERAL,
        summary_de="Bundesprojekt für gleichberechtigte Teilhabe.",
        summary_en="Federal project for equal participation.",
        start_date=date(2023, 1, 1),
        end_date=date(2025, 12, 31),
        funders=[commissioner],
        partners=partners[:2],
        order=3,
    )
    lokal, created = _project(
        slug="lokal-willkommen",
        title="lokal willkommen",
        kind=Project.Kind.NETWORK,
        summary_de=(
            "Sieben Büros im Integrationsnetzwerk der Stadt Dortmund; der VMDO betreibt das "
            "Büro in der Nordstadt."
        ),
        summary_en=(
            "Seven offices in the city of Dortmund's integration network; VMDO runs the "
            "office in the Nordstadt."
        ),
        start_date=date(2017, 1, 1),
        funders=[city],
        order=1,
    )
    if created:
        for number, (name, district, vmdo, street, languages) in enumerate(LOKAL_WILLKOMMEN):
            services.site_create(
                project=lokal,
                name=name,
                slug=name.lower()
                .replace(" ", "-")
                .replace("/", "-")
                .replace("ö", "oe")
                .replace("ü", "ue"),
                operator="VMDO e.V." if vmdo else f"Anderer Träger {EXAMPLE}",
                run_by_vmdo=vmdo,
                street=street or f"Adresse {EXAMPLE}",
                postal_code="44147" if vmdo else "",
                district=district,
                step_free=vmdo,
                opening_hours=WEEKDAYS_9_TO_16,
                languages=languages,
                services=[counselling],
                order=number,
            )
        ContactPerson.objects.create(
            project=lokal,
            name=f"Ansprechperson {EXAMPLE}",
            role="Büroleitung",
            email="nordstadt@demo.vmdo.invalid",
            public=True,
        )
        ContactPerson.objects.create(
            project=lokal, name="Nicht öffentlich", role="Verwaltung", public=False
        )
    counselling_project, created = _project(
        slug="fluechtlingsberatung",
        title="Regionale Flüchtlingsberatung",
        kind=Project.Kind.COUNSELLING,
        summary_de="Beratung für Geflüchtete in ihrer Sprache.",
        summary_en="Counselling for refugees in their language.",
        start_date=date(2016, 1, 1),
        order=4,
    )
    if created:
        services.site_create(
            project=counselling_project,
            name="Flüchtlingsberatung im Haus der Vielfalt",
            slug="fluechtlingsberatung-haus-der-vielfalt",
            street="Zur Vielfalt 21",
            postal_code="44147",
            district="innenstadt-west",
            step_free=True,
            opening_hours=WEEKDAYS_9_TO_16 | {"wed": {"mode": "appointment"}},
            languages=["ar", "de", "fa", "uk", "ru"],
            services=list(
                Service.objects.filter(slug__in=["beratung", "asylverfahren", "behoerden"])
            ),
        )
    _project(
        slug="uebergangseinrichtung",
        title="Übergangseinrichtung für Geflüchtete",
        kind=Project.Kind.ACCOMMODATION,
        summary_de="Übergangseinrichtung, die der VMDO bis Ende 2024 im Auftrag der Stadt Dortmund betrieb.",
        summary_en="Transitional accommodation that VMDO ran for the city of Dortmund until the end of 2024.",
        start_date=date(2015, 1, 1),
        end_date=date(2024, 12, 31),
        funders=[city],
        order=5,
    )
    if scale:
        generate(scale)


def generate(scale: int) -> None:
    """Benchmark data: 20 projects and 100 sites per scale step (bulk inserts)."""
    import random

    from projects.models import Site, SiteLanguage

    rng = random.Random(2016)  # noqa: S311 - reproducible demo data
    start = Project.objects.filter(slug__startswith="benchmark-projekt-").count()
    projects = Project.objects.bulk_create(
        Project(
            slug=f"benchmark-projekt-{n}", title=f"Benchmark-Projekt {n} (Beispiel)", title_de=f"Benchmark-Projekt {n} (Beispiel)",
            kind=rng.choice(Project.Kind.values), start_date=date(2020, 1, 1), published=True,
        )
        for n in range(start + 1, 20 * scale + 1)
    )  # fmt: skip
    districts = ["innenstadt-nord", "innenstadt-west", "eving", "hoerde", "brackel", "mengede"]
    sites = Site.objects.bulk_create(
        Site(
            project=projects[n % len(projects)], name=f"Benchmark-Standort {n}", slug=f"benchmark-standort-{start}-{n}",
            district=rng.choice(districts), opening_hours=WEEKDAYS_9_TO_16, run_by_vmdo=False, operator="Beispiel",
        )
        for n in range(100 * scale)
    ) if projects else []  # fmt: skip
    SiteLanguage.objects.bulk_create(
        [
            SiteLanguage(site=site, code=code)
            for site in sites
            for code in rng.sample(["ar", "de", "fa", "uk", "tr"], 2)
        ]
    )


def _project(*, slug, funders=(), partners=(), **fields):
    existing = Project.objects.filter(slug=slug).first()
    if existing:
        return existing, False
    fields.setdefault("summary", fields.get("summary_de", ""))
    fields["title_de"] = fields["title"]
    project = services.project_create(
        slug=slug, published=True, funders=funders, partners=partners, **fields
    )
    return project, True
