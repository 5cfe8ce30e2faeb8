"""Who may do what, site-wide."""

from allauth.mfa.models import Authenticator


def has_two_factor(user) -> bool:
    """True when the account has an authenticator app (TOTP) set up."""
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def can_use_admin(user) -> bool:
    """Staff reach the back office only with two-factor authentication set up."""
    return user.is_active and user.is_staff and has_two_factor(user)
