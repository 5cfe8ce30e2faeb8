"""Sections that one app adds to another app's pages, without the page's app knowing it.

The members app shows "projects this association takes part in" and "upcoming events"
on a profile; those apps register a section for the slot "association_profile", and
the profile template renders whatever is registered (`{% sections ... %}`).
"""

from collections import defaultdict
from collections.abc import Callable

from django.template.loader import render_to_string

_registry: dict[str, list[tuple[str, Callable]]] = defaultdict(list)


def register(slot: str, template: str, context: Callable) -> None:
    """`context(request, obj)` returns the template's context, or None to show nothing."""
    if (template, context) not in _registry[slot]:
        _registry[slot].append((template, context))


def render(slot: str, request, obj) -> list[str]:
    parts = []
    for template, context in _registry[slot]:
        data = context(request, obj)
        if data is not None:
            parts.append(render_to_string(template, data, request=request))
    return parts
