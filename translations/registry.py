"""What the translation desk may translate: a registry the apps fill in their `ready()`.

This app imports none of the apps whose texts it tracks; each app says, per model
registered with modeltranslation, which of its objects are public (translators translate
public content only), how a translation is saved when that needs more than writing the
field (a service of the app: search text, versions, review of untrusted associations) and
whose people may translate an object from their association's dashboard.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

# A translated TextField takes at most this many characters at the desk.
TEXT_LIMIT = 20_000


@dataclass(frozen=True)
class Translatable:
    model: type
    # () -> QuerySet: the objects visitors see, which translators may translate.
    public: Callable[[], QuerySet]
    # (*, obj, language, texts, by, request, as_owner) -> str | None: saves the texts
    # ({"description_tr": "…"}) through the app's service and returns a message for the
    # person (None: the desk's own direct save, translations.desk_services).
    save: Callable | None = None
    # (request, obj) -> bool: the object's association's people may translate it (from
    # their dashboard, in every language). None: nobody but translators and staff.
    owners_may: Callable | None = None
    # (request, obj) -> str: a note above the editor for the association's people (e.g.
    # "your changes wait for review"); "" for none.
    owners_note: Callable | None = None
    # (obj) -> None: after a direct save (search text of the things that show this text).
    after_save: Callable | None = None
    # {field: characters}: stricter limits than the model's (the app's own forms' limits).
    max_lengths: dict | None = None

    @property
    def label(self) -> str:
        return self.model._meta.label_lower


_REGISTRY: dict[str, Translatable] = {}


def max_length(entry: Translatable, field: str) -> int:
    """How long a translation of `field` may be: the app's limit, else the column's
    (CharField), else TEXT_LIMIT."""
    if entry.max_lengths and field in entry.max_lengths:
        return entry.max_lengths[field]
    return entry.model._meta.get_field(field).max_length or TEXT_LIMIT


def desk_register(model, **options) -> None:
    """Make `model`'s translated texts translatable at the desk (an app's ready())."""
    entry = Translatable(model=model, **options)
    _REGISTRY[entry.label] = entry


def entries() -> list[Translatable]:
    return list(_REGISTRY.values())


def entry_for(label: str) -> Translatable | None:
    """The entry of "members.association" (app label and model name), if registered."""
    return _REGISTRY.get(label)


def entry_of(obj) -> Translatable | None:
    return _REGISTRY.get(obj._meta.label_lower)


def public_rows() -> Q:
    """A condition on FieldTranslation rows: their object is public content of a model
    the desk translates."""
    condition = Q(pk__in=[])
    for entry in _REGISTRY.values():
        content_type = ContentType.objects.get_for_model(entry.model, for_concrete_model=False)
        condition |= Q(content_type=content_type, object_id__in=entry.public().values("pk"))
    return condition
