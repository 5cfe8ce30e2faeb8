"""Site-wide workflows (accounts, pages). Views, commands and tests call these."""

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from vmdo_portal.audit import log_action
from vmdo_portal.models import Page, User


class Refused(Exception):
    """A service refuses what the rules or the object's state do not allow.

    `errors` says why, in words people understand; views show them as form or page
    errors, admin actions as error messages. Nothing has changed when it is raised.
    """

    def __init__(self, errors):
        if isinstance(errors, str) or not isinstance(errors, list | tuple):
            errors = [errors]
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = [str(error) for error in errors]


def transition_allowed(obj, target: str) -> bool:
    """May `obj` go from its status to `target`? Its model declares TRANSITIONS next to
    its status choices: {from: {to, ...}}; anything not listed is refused."""
    return target in type(obj).TRANSITIONS.get(obj.status, ())


def transition_ensure(obj, target: str) -> None:
    """Raise Refused unless `obj` may go from its status to `target`."""
    if transition_allowed(obj, target):
        return
    labels = dict(type(obj)._meta.get_field("status").flatchoices)
    raise Refused(
        [
            _("Not possible: the status “%(current)s” cannot change to “%(target)s”.")
            % {"current": labels.get(obj.status, obj.status), "target": labels.get(target, target)}
        ]
    )


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

    for page in load_default_pages(Page):
        log_action(page, "page.created", by=None)
