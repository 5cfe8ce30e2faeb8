"""Site-wide workflows (accounts, pages). Views, commands and tests call these."""

from allauth.account.models import EmailAddress
from django.db import transaction

from vmdo_portal.models import Page, User


@transaction.atomic
def user_create(
    *,
    email: str,
    password: str | None,
    name: str = "",
    is_staff: bool = False,
    is_superuser: bool = False,
    email_verified: bool = False,
    language: str = "de",
) -> User:
    """Create an account with its (primary) email address as allauth knows it."""
    user = User.objects.create_user(
        email=email,
        password=password,
        name=name,
        is_staff=is_staff,
        is_superuser=is_superuser,
        language=language,
    )
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=email_verified)
    return user


def page_defaults_ensure() -> None:
    """Create any missing staff-editable page with its first text."""
    from vmdo_portal.default_pages import load_default_pages

    load_default_pages(Page)
