"""What every email may sign with, without the portal knowing the apps.

The sender (`vmdo_portal.tasks.deliver_templated_mail`) adds the organisation
(`portal_contact`, from settings) and whatever the apps register here in their
AppConfig.ready() to each email's context: the facilities app registers `house`, the main
facility. A context that brings its own value keeps it (a booking's email brings its
room's house). Templates sign with `vmdo_portal/email/_signature.txt`.
"""

from collections.abc import Callable

_providers: dict[str, Callable[[], object]] = {}


def register(name: str, provider: Callable[[], object]) -> None:
    """`provider()` returns the value of `name` for an email that does not bring one."""
    _providers.setdefault(name, provider)


def defaults(context: dict) -> dict:
    """The registered values `context` does not bring itself."""
    return {name: provider() for name, provider in _providers.items() if name not in context}
