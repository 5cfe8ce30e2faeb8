"""Test data through the same services the portal uses."""

import time

import factory
from allauth.mfa.app_settings import TOTP_PERIOD
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.contrib.auth.models import Group

from members.models import Association, Membership
from members.services import association_create
from vmdo_portal.models import User
from vmdo_portal.services import user_create

PASSWORD = "correct-horse-battery-staple-42"


class UserFactory(factory.Factory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Faker("name", locale="de_DE")
    password = PASSWORD
    is_staff = False
    is_superuser = False
    email_verified = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return user_create(**kwargs)

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        raise NotImplementedError("Users are created through vmdo_portal.services.user_create.")


def totp_enable(user) -> str:
    """Give the account an authenticator app; returns its secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def totp_code(secret: str, offset: int = 0) -> str:
    """The code an authenticator app shows now (offset: periods later)."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // TOTP_PERIOD + offset))


def staff_in(*groups: str, **user_fields) -> User:
    """A staff account in these staff groups (Redaktion, Raumverwaltung, Administration)."""
    user = UserFactory(is_staff=True, **user_fields)
    found = list(Group.objects.filter(name__in=groups))
    assert sorted(g.name for g in found) == sorted(groups), f"unknown groups in {groups}"
    user.groups.add(*found)
    return user


def sign_in_with_second_factor(client, user):
    """Sign in as a person with an authenticator app does: password, then the app's code.

    The session then holds allauth's record of the second factor, as in production.
    """
    secret = getattr(user, "totp_secret", None)
    if secret is None:
        secret = user.totp_secret = totp_enable(user)
    client.post("/de/konto/login/", {"login": user.email, "password": PASSWORD})
    response = client.post("/de/konto/2fa/authenticate/", {"code": totp_code(secret)})
    assert response.status_code == 302, "the second factor was not accepted"
    assert client.session["_auth_user_id"] == str(user.pk)
    return client


class AssociationFactory(factory.Factory):
    """A published member association, made through members.services."""

    class Meta:
        model = Association

    name = factory.Sequence(lambda n: f"Kulturverein Nummer {n}")
    status = Association.Status.MEMBER
    published = True
    description_de = "Ein Verein für Begegnung und Kultur in der Nordstadt."
    district = "innenstadt-nord"
    email = factory.Sequence(lambda n: f"verein{n}@example.org")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        kwargs.setdefault("description", kwargs.get("description_de", ""))
        return association_create(**kwargs)


def member_of(association, role=Membership.Role.EDITOR, **user_fields):
    """A new account with the given role in the association."""
    user = UserFactory(**user_fields)
    Membership.objects.create(user=user, association=association, role=role)
    return user
