"""The header's link to the translation desk, for the people who may use it.

Whether an account is a translator is remembered in its session when it signs in
(translations.apps), so signed-in pages ask the database nothing for the link; staff are
asked at the time (their second factor counts only in this session).
"""

from translations.permissions import office_translates

DESK_SESSION_KEY = "translations_desk"


def desk(request):
    def may_use_desk() -> bool:
        user = request.user
        if not user.is_authenticated:
            return False
        if request.session.get(DESK_SESSION_KEY):
            return True
        return user.is_staff and office_translates(request)

    return {"may_use_desk": may_use_desk}
