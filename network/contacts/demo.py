"""Demo data of the contact list: a few people of the demo associations who agreed."""

from members.models import Association, FieldOfActivity, Membership
from network.contacts import services
from network.models import ContactListing
from vmdo_portal.models import User
from vmdo_portal.services import user_create

# (email, name, role, association, languages, fields of activity)
PEOPLE = [
    (
        "leyla.demo@demo.vmdo.invalid",
        "Leyla Aydın (Beispiel)",
        "Vorsitzende",
        "Frauen für Frauen Dortmund (Beispiel)",
        ["tr", "de", "ku"],
        ["women"],
    ),
    (
        "samir.demo@demo.vmdo.invalid",
        "Samir Haddad (Beispiel)",
        "Jugendarbeit",
        "Syrisches Nachbarschaftsnetz (Beispiel)",
        ["ar", "de", "en"],
        ["children-youth", "refugee-work"],
    ),
    (
        "amara.demo@demo.vmdo.invalid",
        "Amara Diallo (Beispiel)",
        "Kassenwartin",
        "Afrikanischer Kulturverein Nordstadt (Beispiel)",
        ["fr", "en", "de"],
        ["culture"],
    ),
]


def seed(*, users: dict, scale: int | None = None, out=None) -> None:
    for email, name, role, association_name, languages, fields in PEOPLE:
        association = Association.objects.filter(name=association_name).first()
        if association is None:
            continue
        user = User.objects.filter(email=email).first()
        if user is None:
            # No password: demo people are shown, nobody signs in as them.
            user = user_create(email=email, name=name, password=None, email_verified=True)
        Membership.objects.get_or_create(
            user=user, association=association, defaults={"role": Membership.Role.EDITOR}
        )
        if ContactListing.objects.filter(user=user).exists():
            continue
        services.contact_listing_save(
            user=user,
            visible=True,
            name=name,
            role=role,
            languages=languages,
            fields_of_activity=list(FieldOfActivity.objects.filter(slug__in=fields)),
        )
