"""GDPR: each app registers what it keeps about a person, and how to erase it.

The account pages ("my data", "delete my account") ask every registered app, so a new
app with personal data adds itself here instead of being forgotten.
"""

from collections.abc import Callable

from django.db import transaction

_sources: list[tuple[str, Callable, Callable]] = []
# What must happen before a person may delete their own account: each returns a list of
# translated reasons (empty: nothing stands in the way).
_holds: list[Callable] = []


def register(
    name: str, *, export: Callable, erase: Callable, holds: Callable | None = None
) -> None:
    if name not in [source[0] for source in _sources]:
        _sources.append((name, export, erase))
        if holds is not None:
            _holds.append(holds)


def deletion_holds(user) -> list[str]:
    """Why the person cannot delete their account themself yet (others depend on them)."""
    return [reason for holds in _holds for reason in holds(user)]


def collect(user) -> dict:
    data = {
        "account": {
            "email": user.email,
            "name": user.name,
            "language": user.language,
            "joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "email_addresses": [
                {"email": address.email, "verified": address.verified}
                for address in user.emailaddress_set.all()
            ],
            "two_factor": [authenticator.type for authenticator in user.authenticator_set.all()],
        }
    }
    for name, export, _erase in _sources:
        data[name] = export(user)
    return data


@transaction.atomic
def erase(user) -> None:
    from vmdo_portal.audit import actor_anonymise

    for _name, _export, erase_source in _sources:
        erase_source(user)
    actor_anonymise(user)  # the audit log keeps what the person did, without their name
    user.delete()
