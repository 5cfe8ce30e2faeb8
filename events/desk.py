"""Events and their categories at the translation desk (translations.registry).

Translators and staff translate public events; the organising association's people
translate their own events (drafts too) from the dashboard, through
`events.services.event_translation_save`: its rules are event_update's.
"""

from django.utils.translation import gettext as _

from events.models import Category, Event
from events.services import event_translation_save
from members.permissions import Act, may, office_may_act

EVENT_LIMITS = {"description": 5000}


def _save(*, obj, language, texts, by, request, as_owner) -> str:
    may_publish = not as_owner or office_may_act(request, Act.PUBLISH_EVENTS)
    was_published = obj.status == Event.Status.PUBLISHED
    event = event_translation_save(event=obj, texts=texts, by=by, may_publish=may_publish)
    if was_published and event.status == Event.Status.SUBMITTED:
        return _("The translation has been saved. The event waits for the VMDO office again.")
    return _("The translation has been saved.")


def _owners_may(request, event) -> bool:
    return any(
        may(request, association, Act.MANAGE_EVENTS)
        for association in event.organiser_associations.all()
    )


def _owners_note(request, event) -> str:
    if event.status == Event.Status.CANCELLED:
        return _("A cancelled event cannot be changed.")
    trusted = all(a.trusted for a in event.organiser_associations.all())
    if event.status == Event.Status.PUBLISHED and not (
        trusted or office_may_act(request, Act.PUBLISH_EVENTS)
    ):
        return _(
            "Saving a translation sends this published event back to the VMDO office for "
            "review, as every change of it does."
        )
    return ""


def register() -> None:
    from translations.registry import desk_register

    desk_register(
        Event,
        public=Event.objects.public,
        save=_save,
        owners_may=_owners_may,
        owners_note=_owners_note,
        max_lengths=EVENT_LIMITS,
    )
    desk_register(Category, public=Category.objects.all)
