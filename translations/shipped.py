"""Texts the portal ships: the seeded lists' names in every language (`<app>/default_lists.py`).

They were drafted without a native speaker's check, so a shipped translation that nobody
has changed counts as a machine translation, not yet reviewed, until staff review it. The
apps register their lists in `ready()`; this module imports no app.
"""

_shipped: dict[str, dict[str, dict[str, str]]] = {}


def register(model_label: str, entries) -> None:
    """`model_label`: "members.fieldofactivity"; `entries`: `(slug, {language: name})`."""
    _shipped.setdefault(model_label, {}).update(dict(entries))


def shipped_text(obj, field: str, language: str) -> str | None:
    """The text the portal shipped for this object's field in this language, if any."""
    if field != "name":
        return None
    names = _shipped.get(obj._meta.label_lower, {}).get(getattr(obj, "slug", None))
    return names.get(language) if names else None
