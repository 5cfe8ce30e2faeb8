"""The association's texts at the translation desk (translations.registry).

Translators and staff translate published profiles; an association's own people translate
their profile from the dashboard. Both save through `association_profile_update`, so an
untrusted association's translations wait for staff review like every profile edit, and
the profile's version guards against overwriting a change saved meanwhile.
"""

from django.utils.translation import gettext as _

from members.forms import TEXT_MAX_LENGTH
from members.models import Association, Community, FieldOfActivity
from members.permissions import Act, may, office_may_act
from members.services import association_profile_update, list_entry_saved


def _save(*, obj, language, texts, by, request, as_owner) -> str:
    may_publish = not as_owner or office_may_act(request, Act.PUBLISH_PROFILE)
    # An untrusted association's translation becomes a revision that keeps what a pending
    # one changed (members.services.association_profile_update).
    result = association_profile_update(
        association=obj,
        by=by,
        data=dict(texts),
        expected_version=obj.version,
        may_publish=may_publish,
    )
    if result.published and result.changed_fields:
        return _("The translation has been saved.")
    return result.message


def _owners_may(request, association) -> bool:
    return may(request, association, Act.EDIT_PROFILE)


def _owners_note(request, association) -> str:
    if association.trusted or office_may_act(request, Act.PUBLISH_PROFILE):
        return ""
    return _(
        "Your translations are sent to the VMDO office for review, like every change of "
        "your profile. Until then visitors see the previous text."
    )


def register() -> None:
    from translations.registry import desk_register

    limits = dict.fromkeys(["description", "regular_activities"], TEXT_MAX_LENGTH)
    desk_register(
        Association,
        public=Association.objects.public,
        save=_save,
        owners_may=_owners_may,
        owners_note=_owners_note,
        max_lengths=limits,
    )
    for model in (FieldOfActivity, Community):
        desk_register(
            model,
            public=model.objects.all,
            after_save=lambda entry: list_entry_saved(entry=entry),
        )
