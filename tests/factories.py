"""Test data through the same services the portal uses."""

import time

import factory
from allauth.mfa.app_settings import TOTP_PERIOD
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value

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
