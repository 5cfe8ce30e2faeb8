"""Who may do what, site-wide.

The staff flag is no permission. Staff act for the VMDO office only through the Django
permissions of their groups (Redaktion, Raumverwaltung, Administration), and only once
their second factor was used in this session: knowing a staff password is not enough.
"""

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator


def has_two_factor(user) -> bool:
    """True when the account has an authenticator app (TOTP) set up."""
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def second_factor_used(request) -> bool:
    """The signed-in person proved their second factor in this session.

    allauth records every authentication step of the session; a sign-in or
    re-authentication with a TOTP code or a recovery code is a record of the method "mfa"
    naming the authenticator. Having an authenticator set up is not enough, and a
    record of an authenticator that was removed since does not count.
    """
    user = request.user
    if not user.is_authenticated:
        return False
    used = {
        record.get("id")
        for record in get_authentication_records(request, user)
        if record.get("method") == "mfa"
    }
    return bool(used) and Authenticator.objects.filter(user=user, pk__in=used).exists()


def acts_for_office(request) -> bool:
    """Active staff whose second factor was used in this session: their permissions count."""
    # Asked several times per page; the answer is the same within one request.
    if not hasattr(request, "_acts_for_office"):
        user = request.user
        request._acts_for_office = (
            user.is_authenticated
            and user.is_active
            and user.is_staff
            and second_factor_used(request)
        )
    return request._acts_for_office


def office_may(request, *permissions: str) -> bool:
    """Staff with every one of these permissions, second factor used in this session."""
    return acts_for_office(request) and request.user.has_perms(permissions)


def can_use_admin(request) -> bool:
    """The back office: staff with their second factor used in this session."""
    return acts_for_office(request)
