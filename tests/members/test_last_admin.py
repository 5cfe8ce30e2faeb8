"""An association keeps its last association admin: in the services, on the association's
page in the back office (accounts list), and in the back office's list of accounts
(change form, delete page, bulk delete). Adding people to an association that has no
admin yet stays possible."""

import pytest
from django.db.models.fields.files import FieldFile

from members import services
from members.models import Membership
from tests.factories import AssociationFactory, member_of
from vmdo_portal.audit import entries_for
from vmdo_portal.services import Refused

pytestmark = pytest.mark.django_db

ASSOCIATIONS = "/verwaltung/members/association/"
MEMBERSHIPS = "/verwaltung/members/membership/"

CANNOT_REMOVE = (
    "Die letzte Person mit Vereinsadmin-Rechten kann nicht entfernt werden. Bitte "
    "ernennen Sie zuerst eine andere Person zum Vereinsadmin."
)
CANNOT_DEMOTE = (
    "Der letzten Person mit Vereinsadmin-Rechten können diese Rechte nicht entzogen werden. "
    "Bitte ernennen Sie zuerst eine andere Person zum Vereinsadmin."
)
EDITOR = Membership.Role.EDITOR
ADMIN = Membership.Role.ADMIN


# --- helpers -----------------------------------------------------------------------


@pytest.fixture
def office(sign_in_as_staff):
    """A client signed in as staff of the Redaktion group, with the second factor."""
    client = sign_in_as_staff("staff_with_permission", "Redaktion")
    assert client.get("/verwaltung/").status_code == 200  # also shows the login message
    return client


def people(association) -> list[tuple[str, str]]:
    return sorted(association.memberships.values_list("user__email", "role"))


def history(association) -> list[tuple[str, dict]]:
    return [(entry.action, entry.data) for entry in entries_for(association).order_by("id")]


def membership(email) -> Membership:
    return Membership.objects.get(user__email=email)


def shown_messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def as_shown(response) -> dict:
    """What a change page posts when saved as shown: the main form and every inline."""
    forms = [response.context["adminform"].form]
    data = {}
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data |= {
            management.add_prefix(name): management[name].value() for name in management.fields
        }
        forms += inline.formset.forms
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False or isinstance(value, FieldFile):
                continue
            data[form.add_prefix(name)] = "on" if value is True else value
    return data


def account_row(data, email) -> str:
    """The prefix of the row of the accounts list that shows this person."""
    pk = str(membership(email).pk)
    (prefix,) = [
        key.removesuffix("-id")
        for key, value in data.items()
        if key.startswith("memberships-") and key.endswith("-id") and str(value) == pk
    ]
    return prefix


def save_association(client, association, change) -> tuple:
    """Open the association's page in the back office, change what `change` does to the
    posted data, save. Returns the response and the accounts list's errors."""
    url = f"{ASSOCIATIONS}{association.pk}/change/"
    data = as_shown(client.get(url))
    change(data)
    response = client.post(url, data)
    if response.status_code == 302:
        return response, []
    assert response.status_code == 200
    (formset,) = [
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == "memberships"
    ]
    return response, list(formset.non_form_errors())


@pytest.fixture
def brueckenbauer(db):
    """An association with one association admin and one editor."""
    association = AssociationFactory(name="Brückenbauer e.V.")
    member_of(association, ADMIN, email="vorstand@example.org")
    member_of(association, EDITOR, email="editor@example.org")
    return association


# --- services ----------------------------------------------------------------------


def test_the_last_admin_cannot_lose_the_role_and_nothing_changes(brueckenbauer):
    admin = membership("vorstand@example.org")
    before = history(brueckenbauer)
    with pytest.raises(Refused) as refused:
        services.membership_set_role(membership=admin, role=EDITOR, by=admin.user)
    assert refused.value.errors == [CANNOT_DEMOTE]
    assert people(brueckenbauer) == [
        ("editor@example.org", EDITOR),
        ("vorstand@example.org", ADMIN),
    ]
    assert history(brueckenbauer) == before


def test_with_another_admin_the_role_changes_and_is_recorded(brueckenbauer):
    admin = membership("vorstand@example.org")
    editor = membership("editor@example.org")
    before = history(brueckenbauer)

    services.membership_set_role(membership=editor, role=ADMIN, by=admin.user)
    services.membership_set_role(membership=admin, role=EDITOR, by=editor.user)

    assert people(brueckenbauer) == [
        ("editor@example.org", ADMIN),
        ("vorstand@example.org", EDITOR),
    ]
    assert history(brueckenbauer) == [
        *before,
        ("membership.role_changed", {"person": "editor@example.org", "role": ADMIN}),
        ("membership.role_changed", {"person": "vorstand@example.org", "role": EDITOR}),
    ]


def test_setting_the_role_a_person_has_records_nothing(brueckenbauer):
    admin = membership("vorstand@example.org")
    before = history(brueckenbauer)
    services.membership_set_role(membership=admin, role=ADMIN, by=admin.user)
    assert history(brueckenbauer) == before


def test_the_rule_reads_the_roles_as_saved_not_a_stale_copy(brueckenbauer):
    """Two admins; a copy of the second one read while it was an editor. The first leaves:
    the second is now the last admin, whatever the old copy says."""
    stale_copy = membership("editor@example.org")
    first = membership("vorstand@example.org")
    services.membership_set_role(membership=stale_copy, role=ADMIN, by=first.user)
    services.membership_remove(membership=first, by=first.user)
    assert stale_copy.role == EDITOR  # what the copy still says

    with pytest.raises(Refused) as refused:
        services.membership_remove(membership=stale_copy, by=first.user)
    assert refused.value.errors == [CANNOT_REMOVE]
    with pytest.raises(Refused) as refused:
        services.membership_set_role(
            membership=Membership(pk=stale_copy.pk, association=brueckenbauer, role=EDITOR),
            role=EDITOR,
            by=first.user,
        )
    assert refused.value.errors == [CANNOT_DEMOTE]
    assert people(brueckenbauer) == [("editor@example.org", ADMIN)]


def test_removing_several_refuses_all_if_one_association_would_lose_its_last_admin(
    brueckenbauer,
):
    other = AssociationFactory(name="Kulturbrücke e.V.")
    member_of(other, ADMIN, email="k1@example.org")
    member_of(other, ADMIN, email="k2@example.org")
    chosen = Membership.objects.filter(
        user__email__in=["vorstand@example.org", "editor@example.org", "k1@example.org"]
    )
    with pytest.raises(Refused) as refused:
        services.memberships_remove(memberships=chosen, by=None)
    assert refused.value.errors == [f"Brückenbauer e.V.: {CANNOT_REMOVE}"]
    assert Membership.objects.count() == 4

    services.memberships_remove(
        memberships=Membership.objects.filter(
            user__email__in=["editor@example.org", "k1@example.org"]
        ),
        by=None,
    )
    assert people(brueckenbauer) == [("vorstand@example.org", ADMIN)]
    assert people(other) == [("k2@example.org", ADMIN)]


def test_an_association_without_admin_may_stay_so(db):
    """The rule is about losing the last admin: an association that has none yet (people
    added by staff one by one) may remove or change editors."""
    association = AssociationFactory(name="Neuer Verein")
    member_of(association, EDITOR, email="a@example.org")
    member_of(association, EDITOR, email="b@example.org")
    services.membership_set_role(membership=membership("a@example.org"), role=EDITOR, by=None)
    services.membership_remove(membership=membership("b@example.org"), by=None)
    assert people(association) == [("a@example.org", EDITOR)]


# --- the association's page in the back office (accounts list) ----------------------


def test_deleting_the_last_admin_on_the_association_page_is_refused(office, brueckenbauer):
    def delete_admin_and_rename(data):
        data[f"{account_row(data, 'vorstand@example.org')}-DELETE"] = "on"
        data["name"] = "Umbenannt e.V."

    response, errors = save_association(office, brueckenbauer, delete_admin_and_rename)
    assert errors == [CANNOT_REMOVE]
    assert CANNOT_REMOVE in response.content.decode()
    brueckenbauer.refresh_from_db()
    assert brueckenbauer.name == "Brückenbauer e.V."
    assert people(brueckenbauer) == [
        ("editor@example.org", EDITOR),
        ("vorstand@example.org", ADMIN),
    ]


def test_demoting_the_last_admin_on_the_association_page_is_refused(office, brueckenbauer):
    def demote_admin(data):
        data[f"{account_row(data, 'vorstand@example.org')}-role"] = EDITOR

    response, errors = save_association(office, brueckenbauer, demote_admin)
    assert errors == [CANNOT_DEMOTE]
    assert CANNOT_DEMOTE in response.content.decode()
    assert people(brueckenbauer) == [
        ("editor@example.org", EDITOR),
        ("vorstand@example.org", ADMIN),
    ]


def test_handing_over_the_admin_role_on_the_association_page_works(office, brueckenbauer):
    def hand_over(data):
        data[f"{account_row(data, 'vorstand@example.org')}-role"] = EDITOR
        data[f"{account_row(data, 'editor@example.org')}-role"] = ADMIN

    response, errors = save_association(office, brueckenbauer, hand_over)
    assert (response.status_code, errors) == (302, [])
    assert people(brueckenbauer) == [
        ("editor@example.org", ADMIN),
        ("vorstand@example.org", EDITOR),
    ]


def test_with_two_admins_one_can_be_deleted_on_the_association_page(office, brueckenbauer):
    member_of(brueckenbauer, ADMIN, email="kasse@example.org")

    def delete_one(data):
        data[f"{account_row(data, 'vorstand@example.org')}-DELETE"] = "on"

    response, errors = save_association(office, brueckenbauer, delete_one)
    assert (response.status_code, errors) == (302, [])
    assert people(brueckenbauer) == [
        ("editor@example.org", EDITOR),
        ("kasse@example.org", ADMIN),
    ]


def test_staff_add_the_first_person_to_an_association_without_admin(office):
    association = AssociationFactory(name="Neuer Verein")
    newcomer = member_of(AssociationFactory(name="Anderswo"), EDITOR, email="neu@example.org")

    def add_editor(data):
        data |= {
            "memberships-TOTAL_FORMS": "1",
            "memberships-0-user": str(newcomer.pk),
            "memberships-0-role": EDITOR,
            "memberships-0-association": str(association.pk),
        }

    response, errors = save_association(office, association, add_editor)
    assert (response.status_code, errors) == (302, [])
    assert people(association) == [("neu@example.org", EDITOR)]


# --- the list of accounts in the back office ---------------------------------------


def test_demoting_the_last_admin_in_the_change_form_is_refused(office, brueckenbauer):
    admin = membership("vorstand@example.org")
    response = office.post(f"{MEMBERSHIPS}{admin.pk}/change/", {"role": EDITOR})
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [CANNOT_DEMOTE]
    assert CANNOT_DEMOTE in response.content.decode()
    assert people(brueckenbauer) == [
        ("editor@example.org", EDITOR),
        ("vorstand@example.org", ADMIN),
    ]


def test_with_two_admins_the_change_form_demotes_and_records_it(office, brueckenbauer):
    member_of(brueckenbauer, ADMIN, email="kasse@example.org")
    admin = membership("vorstand@example.org")
    response = office.post(f"{MEMBERSHIPS}{admin.pk}/change/", {"role": EDITOR})
    assert response.status_code == 302
    assert people(brueckenbauer) == [
        ("editor@example.org", EDITOR),
        ("kasse@example.org", ADMIN),
        ("vorstand@example.org", EDITOR),
    ]
    assert history(brueckenbauer)[-1] == (
        "membership.role_changed",
        {"person": "vorstand@example.org", "role": EDITOR},
    )


def test_deleting_the_last_admin_on_its_delete_page_is_refused(office, brueckenbauer):
    admin = membership("vorstand@example.org")
    response = office.post(f"{MEMBERSHIPS}{admin.pk}/delete/", {"post": "yes"}, follow=True)
    assert response.redirect_chain == [(f"{MEMBERSHIPS}{admin.pk}/change/", 302)]
    assert shown_messages(response) == [CANNOT_REMOVE]
    assert people(brueckenbauer) == [
        ("editor@example.org", EDITOR),
        ("vorstand@example.org", ADMIN),
    ]


def test_with_two_admins_the_delete_page_removes_one_and_records_it(office, brueckenbauer):
    member_of(brueckenbauer, ADMIN, email="kasse@example.org")
    admin = membership("vorstand@example.org")
    response = office.post(f"{MEMBERSHIPS}{admin.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert people(brueckenbauer) == [
        ("editor@example.org", EDITOR),
        ("kasse@example.org", ADMIN),
    ]
    assert history(brueckenbauer)[-1] == ("membership.removed", {"person": "vorstand@example.org"})


def bulk_delete(client, memberships):
    return client.post(
        MEMBERSHIPS,
        {
            "action": "delete_selected",
            "_selected_action": [m.pk for m in memberships],
            "post": "yes",
        },
        follow=True,
    )


def test_bulk_deleting_the_last_admin_is_refused_and_deletes_nothing(office, brueckenbauer):
    response = bulk_delete(office, Membership.objects.all())
    assert shown_messages(response) == [f"Brückenbauer e.V.: {CANNOT_REMOVE}"]
    assert people(brueckenbauer) == [
        ("editor@example.org", EDITOR),
        ("vorstand@example.org", ADMIN),
    ]


def test_bulk_delete_keeping_an_admin_works(office, brueckenbauer):
    member_of(brueckenbauer, ADMIN, email="kasse@example.org")
    response = bulk_delete(
        office,
        Membership.objects.filter(user__email__in=["vorstand@example.org", "editor@example.org"]),
    )
    assert shown_messages(response) == ["Erfolgreich 2 Vereinszugänge gelöscht."]
    assert people(brueckenbauer) == [("kasse@example.org", ADMIN)]


def test_the_bulk_delete_action_is_offered_in_german(office, brueckenbauer):
    response = office.get(MEMBERSHIPS)
    choices = dict(response.context["action_form"].fields["action"].choices)
    assert choices["delete_selected"] == "Ausgewählte Vereinszugänge löschen"
