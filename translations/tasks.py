"""Background work of the translations app (django.tasks, see vmdo_portal/tasks.py)."""

from django.apps import apps
from django.tasks import task

from translations.drafts import drafts_make


@task
def drafts_for(model_label: str, pk: int) -> None:
    """Machine drafts for what is missing in one object, after its German text changed."""
    obj = apps.get_model(model_label)._base_manager.filter(pk=pk).first()
    if obj is not None:  # deleted meanwhile: nothing to draft
        drafts_make(obj)
