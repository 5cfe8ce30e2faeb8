"""The network's contact list: consent per person, who is listed, filters, the matrix."""

import pytest
from django.utils import timezone

from members.models import Association, FieldOfActivity, Membership
from network.contacts.selectors import PAGE_SIZE
from network.contacts.services import contact_listing_delete, contact_listing_save
from network.models import ContactListing
from tests.factories import AssociationFactory, UserFactory, member_of
from tests.network.conftest import NETWORK_ROLES, expected
from tests.network.contacts_helpers import listed
from vmdo_portal import personal_data
from vmdo_portal.models import AuditEntry

pytestmark = pytest.mark.django_db

LIST = "/de/netzwerk/kontakte/"
OWN = "/de/netzwerk/kontakte/ich/"
CONSENT = {"visible": "on", "name": "Ayşe Demir", "role": "Vorsitzende", "languages": ["tr"]}


def names(response):
    return [listing.name for listing in response.context["page"].object_list]


# --- who gets which page -------------------------------------------------------------


@pytest.mark.parametrize(("role", "status"), expected(200).items(), ids=NETWORK_ROLES)
def test_who_reads_the_contact_list(network_as, role, status):
    client, _user, association = network_as(role)
    listed(association, "Leyla Aydın")
    response = client.get(LIST)
    assert response.status_code == status
    if status == 200:
        assert names(response) == ["Leyla Aydın"]
    if role == "anonymous":
        assert response["Location"] == "/de/konto/login/?next=/de/netzwerk/kontakte/"


# Only people with a membership in a member association have an entry to manage: staff
# (inside the area or not) are not listed and get 404.
OWN_PAGE = expected(200, staff_with_permission=404)


@pytest.mark.parametrize(("role", "status"), OWN_PAGE.items(), ids=NETWORK_ROLES)
def test_who_opens_their_own_entry(network_as, role, status):
    client, _user, _association = network_as(role)
    response = client.get(OWN)
    assert response.status_code == status
    if role == "anonymous":
        assert response["Location"] == "/de/konto/login/?next=/de/netzwerk/kontakte/ich/"


@pytest.mark.parametrize(
    ("role", "status"),
    (OWN_PAGE | {"editor": 302, "association_admin": 302, "other_member": 302}).items(),
    ids=NETWORK_ROLES,
)
def test_who_gives_consent(network_as, role, status):
    client, user, _association = network_as(role)
    response = client.post(OWN, CONSENT)
    assert response.status_code == status
    if status == 302 and role != "anonymous":
        assert response["Location"] == OWN
        assert ContactListing.objects.get(user=user).visible is True
        assert ContactListing.objects.count() == 1
    else:
        assert ContactListing.objects.count() == 0


@pytest.mark.parametrize("method", ["put", "delete"])
def test_the_pages_answer_only_their_methods(network_as, method):
    client, _user, _association = network_as("editor")
    assert getattr(client, method)(OWN).status_code == 405
    assert getattr(client, method)(LIST).status_code == 405
    assert client.post(LIST).status_code == 405


def test_a_former_member_with_an_entry_can_still_withdraw(client):
    association = AssociationFactory()
    user = listed(association, "Leyla Aydın")
    Association.objects.filter(pk=association.pk).update(status=Association.Status.FORMER)
    client.force_login(user)
    assert client.get(LIST).status_code == 404
    assert client.get(OWN).status_code == 200
    response = client.post(OWN, {"name": "Leyla Aydın"})
    assert response.status_code == 302
    assert ContactListing.objects.get(user=user).visible is False
    # Agreeing again is refused: only members are listed.
    response = client.post(OWN, {"visible": "on", "name": "Leyla Aydın"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Nur Personen aus einem Mitgliedsverein können in der Liste stehen."
    ]
    assert ContactListing.objects.get(user=user).visible is False


# --- consent, revoking, the audit log --------------------------------------------------


def test_consent_is_off_by_default_and_the_form_offers_the_account_name(client):
    association = AssociationFactory()
    user = member_of(association, name="Ayşe Demir")
    client.force_login(user)
    response = client.get(OWN)
    form = response.context["form"]
    assert form["visible"].value() is None
    assert form["name"].value() == "Ayşe Demir"
    assert ContactListing.objects.count() == 0
    assert names(client.get(LIST)) == []


def test_a_member_agrees_appears_revokes_and_is_gone_at_once(client):
    association = AssociationFactory(name="Frauenverein Nordstadt", district="eving")
    FieldOfActivity.objects.create(name="Frauen", name_de="Frauen", slug="frauen-test")
    user = member_of(association, email="ayse@example.org")
    client.force_login(user)
    response = client.post(
        OWN, CONSENT | {"languages": ["tr", "de"], "fields_of_activity": ["frauen-test"]}
    )
    assert response.status_code == 302
    listing = ContactListing.objects.get(user=user)
    assert (listing.visible, listing.name, listing.role) == (True, "Ayşe Demir", "Vorsitzende")
    assert listing.language_codes == ["de", "tr"]
    assert timezone.now() - listing.consented_at < timezone.timedelta(seconds=5)
    page = client.get(LIST)
    assert names(page) == ["Ayşe Demir"]
    html = page.content.decode()
    assert "<bdi>Frauenverein Nordstadt</bdi> (Eving)" in html
    assert "Deutsch, Türkisch" in html
    assert "ayse@example.org" not in html
    # Revoking: unticked, saved.
    response = client.post(OWN, {"name": "Ayşe Demir", "role": "Vorsitzende"})
    assert response.status_code == 302
    assert names(client.get(LIST)) == []
    listing.refresh_from_db()
    assert (listing.visible, listing.consented_at) == (False, None)
    entries = AuditEntry.objects.filter(object_id=listing.pk).order_by("pk")
    assert [(e.action, e.actor_id, e.object_repr, e.data) for e in entries] == [
        ("contact_listing.consented", user.pk, f"Kontakteintrag {listing.pk}", {}),
        ("contact_listing.withdrawn", user.pk, f"Kontakteintrag {listing.pk}", {}),
    ]


def test_saving_again_without_a_change_of_consent_logs_nothing_new(client):
    user = listed(AssociationFactory(), "Leyla Aydın")
    client.force_login(user)
    assert client.post(OWN, CONSENT | {"role": "Kassenwartin"}).status_code == 302
    assert ContactListing.objects.get(user=user).role == "Kassenwartin"
    assert AuditEntry.objects.filter(action__startswith="contact_listing").count() == 1


def test_deleting_the_entry_withdraws_and_forgets_the_details(client):
    user = listed(AssociationFactory(), "Leyla Aydın", role="Vorsitzende", languages=["tr"])
    listing_id = ContactListing.objects.get(user=user).pk
    client.force_login(user)
    response = client.post(OWN, {"delete": "1"})
    assert response.status_code == 302
    assert ContactListing.objects.filter(user=user).count() == 0
    assert list(
        AuditEntry.objects.filter(object_id=listing_id).order_by("pk").values_list("action")
    ) == [
        ("contact_listing.consented",),
        ("contact_listing.withdrawn",),
        ("contact_listing.deleted",),
    ]
    assert contact_listing_delete(user=user) is False


def test_the_dashboard_links_the_entry_for_members_only(client):
    association = AssociationFactory()
    client.force_login(member_of(association))
    assert 'href="/de/netzwerk/kontakte/ich/"' in client.get("/de/mein-verein/").content.decode()
    client.force_login(UserFactory())
    assert (
        'href="/de/netzwerk/kontakte/ich/"' not in client.get("/de/mein-verein/").content.decode()
    )


def test_the_list_links_the_entry_and_says_whether_one_is_listed(client):
    association = AssociationFactory()
    user = member_of(association)
    client.force_login(user)
    html = client.get(LIST).content.decode()
    assert "Sie stehen nicht in der Liste." in html
    assert 'href="/de/netzwerk/kontakte/ich/"' in html
    client.post(OWN, CONSENT)
    assert client.get(LIST).context["own"] == {"may_manage": True, "shown": True}


# --- bad input -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "field", "error"),
    [
        (
            {"visible": "on"},
            "name",
            "Bitte geben Sie den Namen ein, den andere Mitglieder sehen sollen.",
        ),
        (
            {"visible": "on", "name": "   "},
            "name",
            "Bitte geben Sie den Namen ein, den andere Mitglieder sehen sollen.",
        ),
        (
            {"visible": "on", "name": "x" * 151},
            "name",
            "Bitte sicherstellen, dass der Wert aus höchstens 150 Zeichen besteht. (Er besteht aus 151 Zeichen.)",
        ),
        (
            {"visible": "on", "name": "Ayşe", "role": "r" * 5000},
            "role",
            "Bitte sicherstellen, dass der Wert aus höchstens 100 Zeichen besteht. (Er besteht aus 5000 Zeichen.)",
        ),
        (
            {"visible": "on", "name": "<script>alert(1)</script>"},
            "name",
            "Bitte nur einfachen Text: Die Zeichen < und > sind nicht erlaubt.",
        ),
        (
            {"visible": "on", "name": "Ayşe", "role": '<img src=x onerror="alert(1)">'},
            "role",
            "Bitte nur einfachen Text: Die Zeichen < und > sind nicht erlaubt.",
        ),
        (
            {"visible": "on", "name": "Ayşe\nDemir"},
            "name",
            None,  # control characters: the project's own message
        ),
        (
            {"visible": "on", "name": "Ayşe", "languages": ["xx"]},
            "languages",
            "Bitte eine gültige Auswahl treffen. xx ist keine gültige Auswahl.",
        ),
        (
            {"visible": "on", "name": "Ayşe", "languages": ["de", "<b>"]},
            "languages",
            "Bitte eine gültige Auswahl treffen. <b> ist keine gültige Auswahl.",
        ),
        (
            {"visible": "on", "name": "Ayşe", "fields_of_activity": ["no-such-field"]},
            "fields_of_activity",
            "Bitte eine gültige Auswahl treffen. no-such-field ist keine gültige Auswahl.",
        ),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_changes(client, data, field, error):
    user = member_of(AssociationFactory())
    client.force_login(user)
    response = client.post(OWN, data)
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    if error is not None:
        assert errors == [error]
    else:
        assert len(errors) == 1
    assert ContactListing.objects.count() == 0
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_foreign_ids_change_nobody_elses_entry(client):
    other = listed(AssociationFactory(), "Leyla Aydın", role="Vorsitzende")
    other_listing = ContactListing.objects.get(user=other)
    user = member_of(AssociationFactory())
    client.force_login(user)
    response = client.post(
        OWN, CONSENT | {"user": other.pk, "id": other_listing.pk, "listing": other_listing.pk}
    )
    assert response.status_code == 302
    other_listing.refresh_from_db()
    assert (other_listing.name, other_listing.role, other_listing.user_id) == (
        "Leyla Aydın",
        "Vorsitzende",
        other.pk,
    )
    assert ContactListing.objects.get(user=user).name == "Ayşe Demir"


def test_the_service_refuses_consent_without_a_name_or_a_membership():
    from vmdo_portal.services import Refused

    outsider = UserFactory()
    with pytest.raises(Refused, match="Nur Personen aus einem Mitgliedsverein"):
        contact_listing_save(
            user=outsider, visible=True, name="X", role="", languages=[], fields_of_activity=[]
        )
    member = member_of(AssociationFactory())
    with pytest.raises(Refused, match="Bitte geben Sie den Namen ein"):
        contact_listing_save(
            user=member, visible=True, name=" ", role="", languages=[], fields_of_activity=[]
        )
    assert ContactListing.objects.count() == 0


# --- who is listed, filters, order -----------------------------------------------------


def test_only_people_who_agreed_and_belong_to_a_member_association_are_listed(client):
    member = AssociationFactory(name="Verein A")
    applicant = AssociationFactory(name="Verein B", status=Association.Status.APPLICANT)
    former = AssociationFactory(name="Verein C")
    listed(member, "Anna")
    in_applicant = member_of(applicant)
    ContactListing.objects.create(
        user=in_applicant, visible=True, name="Bea", consented_at=timezone.now()
    )
    gone = listed(former, "Cem")
    Association.objects.filter(pk=former.pk).update(status=Association.Status.FORMER)
    hidden = member_of(member)
    contact_listing_save(
        user=hidden, visible=False, name="Dana", role="", languages=[], fields_of_activity=[]
    )
    inactive = listed(member, "Emre")
    inactive.is_active = False
    inactive.save(update_fields=["is_active"])
    # Two associations: listed once, with both (member) associations.
    both = listed(member, "Fatma")
    Membership.objects.create(user=both, association=AssociationFactory(name="Verein D"))
    Membership.objects.create(user=both, association=former)
    client.force_login(member_of(member))
    response = client.get(LIST)
    assert names(response) == ["Anna", "Fatma"]
    fatma = response.context["page"].object_list[1]
    assert [association.name for association in fatma.associations] == ["Verein A", "Verein D"]
    assert gone.pk


def test_filters_language_field_district_association_and_search(client):
    FieldOfActivity.objects.create(name="Sport", name_de="Sport", slug="sport-test")
    north = AssociationFactory(name="Nordverein", slug="nordverein", district="eving")
    south = AssociationFactory(name="Südverein", slug="suedverein", district="hoerde")
    listed(north, "Anna", languages=["ar"], fields=["sport-test"], role="Trainerin")
    listed(south, "Bora", languages=["tr", "ar"])
    listed(south, "Cem", languages=["de"], fields=["sport-test"])
    client.force_login(member_of(north))
    assert names(client.get(LIST, {"language": "ar"})) == ["Anna", "Bora"]
    assert names(client.get(LIST, {"field": "sport-test"})) == ["Anna", "Cem"]
    assert names(client.get(LIST, {"district": "hoerde"})) == ["Bora", "Cem"]
    assert names(client.get(LIST, {"association": "nordverein"})) == ["Anna"]
    assert names(client.get(LIST, {"language": "ar", "district": "hoerde"})) == ["Bora"]
    assert names(client.get(LIST, {"q": "trainerin"})) == ["Anna"]
    assert names(client.get(LIST, {"q": "sudverein"})) == ["Bora", "Cem"]
    # The association filter offers associations with somebody listed, in the alphabet.
    choices = client.get(LIST).context["filter"].form.fields["association"].choices
    assert [str(label) for _value, label in choices] == [
        "Alle Vereine",
        "Nordverein",
        "Südverein",
    ]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"language": "xx"}, "language"),
        ({"district": "<script>"}, "district"),
        ({"association": "no-such-association"}, "association"),
        ({"field": "9999"}, "field"),
    ],
)
def test_unknown_filter_values_are_answered_with_a_message(client, query, field):
    association = AssociationFactory()
    listed(association, "Anna")
    client.force_login(member_of(association))
    response = client.get(LIST, query)
    assert response.status_code == 200
    assert list(response.context["filter"].form.errors) == [field]


def test_sorted_by_name_in_the_readers_alphabet(client):
    association = AssociationFactory()
    for name in ["Zeynep", "Çiğdem", "Cem", "Ömer", "Oskar", "İlker", "Ivan"]:
        listed(association, name)
    client.force_login(member_of(association))
    assert names(client.get(LIST)) == ["Cem", "Çiğdem", "İlker", "Ivan", "Ömer", "Oskar", "Zeynep"]
    assert names(client.get("/tr/netzwerk/kontakte/")) == [
        "Cem",
        "Çiğdem",
        "Ivan",
        "İlker",
        "Oskar",
        "Ömer",
        "Zeynep",
    ]


def test_pages_of_twenty(client):
    association = AssociationFactory()
    for number in range(PAGE_SIZE + 3):
        listed(association, f"Person {number:02d}")
    client.force_login(member_of(association))
    first = client.get(LIST)
    assert len(names(first)) == 20
    assert names(client.get(LIST, {"seite": 2})) == ["Person 20", "Person 21", "Person 22"]
    assert 'href="?seite=2"' in first.content.decode()


@pytest.mark.parametrize("rows", [1, 20])
def test_list_query_count_does_not_grow_with_rows(client, django_assert_num_queries, rows):
    FieldOfActivity.objects.create(name="Sport", name_de="Sport", slug="sport-test")
    association = AssociationFactory()
    for number in range(rows):
        listed(
            AssociationFactory(),
            f"Person {number:02d}",
            languages=["de", "tr"],
            fields=["sport-test"],
        )
    reader = member_of(association)
    client.force_login(reader)
    with django_assert_num_queries(12):
        response = client.get(LIST, {"language": "de"})
    assert len(names(response)) == rows


# --- GDPR, the back office -------------------------------------------------------------


def test_the_entry_is_in_the_personal_data_and_erased_with_the_account():
    FieldOfActivity.objects.create(name="Sport", name_de="Sport", slug="sport-test")
    user = listed(
        AssociationFactory(), "Leyla", role="Vorsitzende", languages=["tr"], fields=["sport-test"]
    )
    listing = ContactListing.objects.get(user=user)
    assert personal_data.collect(user)["network.contacts"] == {
        "visible": True,
        "name": "Leyla",
        "role": "Vorsitzende",
        "languages": ["tr"],
        "fields_of_activity": ["sport-test"],
        "consented_at": listing.consented_at.isoformat(),
    }
    assert personal_data.collect(UserFactory())["network.contacts"] is None
    personal_data.erase(user)
    assert ContactListing.objects.count() == 0
    entry = AuditEntry.objects.get(action="contact_listing.consented")
    assert (entry.actor_id, entry.actor_name, entry.object_repr) == (
        None,
        "gelöschtes Konto",
        f"Kontakteintrag {listing.pk}",
    )


def test_no_export_for_members(client):
    association = AssociationFactory()
    listed(association, "Anna")
    client.force_login(member_of(association))
    html = client.get(LIST).content.decode()
    assert ".csv" not in html and ".json" not in html and "export" not in html.lower()
    assert client.get(LIST, {"format": "csv"})["Content-Type"] == "text/html; charset=utf-8"


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("staff_without_permission", 403),
        ("staff_without_2fa", 302),
        ("staff_2fa_not_used", 302),
        ("staff_with_permission", 200),
    ],
)
def test_staff_read_listings_in_the_back_office(network_as, role, status):
    client, _user, association = network_as(role)
    listed(association, "Leyla Aydın", role="Vorsitzende")
    response = client.get("/verwaltung/network/contactlisting/")
    assert response.status_code == status
    if status == 200:
        assert "Leyla Aydın" in response.content.decode()
        listing = ContactListing.objects.get()
        change = client.get(f"/verwaltung/network/contactlisting/{listing.pk}/change/")
        assert change.status_code == 200
        assert (
            client.post(
                f"/verwaltung/network/contactlisting/{listing.pk}/change/", {"name": "X"}
            ).status_code
            == 403
        )
        assert client.get("/verwaltung/network/contactlisting/add/").status_code == 403


def test_the_demo_shows_people_who_agreed(client):
    from members import demo as members_demo
    from network import demo

    members_demo.seed(users={})
    demo.seed(users={})
    demo.seed(users={})  # idempotent
    client.force_login(member_of(AssociationFactory()))
    assert names(client.get(LIST)) == [
        "Amara Diallo (Beispiel)",
        "Leyla Aydın (Beispiel)",
        "Samir Haddad (Beispiel)",
    ]
    assert AuditEntry.objects.filter(action="contact_listing.consented").count() == 3
