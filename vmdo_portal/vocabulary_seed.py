"""Loading the seeded entries of the staff-editable lists, in every portal language.

Each app declares its seeded lists once (`<app>/default_lists.py`: fields of activity,
communities, event categories, services, equipment) as `(slug, {language: name})`. The
data migrations, the demo data and the tests' reference data all load them with
`seed_list`, so there is one declaration of what ships.

What staff have written always wins: an existing row only gets the translations that are
still empty, and none at all when staff have renamed its German name (the shipped
translations translate the shipped German, not the new name).
"""

from django.conf import settings
from django.utils import translation


def _languages(model):
    """The portal languages the model (also a migration's historical model) has a name for."""
    columns = {field.name for field in model._meta.concrete_fields}
    return [code for code, _label in settings.LANGUAGES if f"name_{code}" in columns]


def seed_list(model, entries, *, create=True):
    """Create the missing entries (unless `create` is false) and fill empty translations.

    `entries`: a list of `(slug, {language: name})`. Where the model has an `order`, new
    rows get their position in the list. Returns the number of rows created or changed.
    """
    languages = _languages(model)
    columns = {field.name for field in model._meta.concrete_fields}
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    changed = 0
    # Live models route a plain `name` to the active language: keep it the default one.
    with translation.override(default):
        rows = model.objects.in_bulk([slug for slug, _names in entries], field_name="slug")
        for position, (slug, names) in enumerate(entries):
            row = rows.get(slug)
            if row is None:
                if not create:
                    continue
                values = {f"name_{code}": names[code] for code in languages}
                if "order" in columns:
                    values["order"] = position
                model.objects.create(slug=slug, name=names[default], **values)
                changed += 1
                continue
            if getattr(row, f"name_{default}") != names[default]:
                continue  # renamed by staff
            empty = [code for code in languages if not getattr(row, f"name_{code}")]
            for code in empty:
                setattr(row, f"name_{code}", names[code])
            if empty:
                row.save(update_fields=[f"name_{code}" for code in empty])
                changed += 1
    return changed


def fill_translations(*lists):
    """A data migration's forward function: fill the empty translations of the rows that
    exist (`lists`: `(app_label, model_name, entries)`); nothing is created, so what
    staff deleted stays deleted."""

    def forward(apps, schema_editor):
        for app_label, model_name, entries in lists:
            seed_list(apps.get_model(app_label, model_name), entries, create=False)

    return forward
