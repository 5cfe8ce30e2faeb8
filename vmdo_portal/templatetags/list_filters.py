"""The list pages' folded filter panel (templates/list_filters.html): what it counts."""

from django import template

register = template.Library()


# Fields of a list page's filter form that are not filters in the folded panel: the
# search box stands above it, the sort order only orders.
NOT_PANEL_FILTERS = ("q", "sort")


@register.simple_tag
def filter_state(form):
    """How many of a filter form's panel filters are set, and whether anything is set.

    `active` counts the filters in the folded panel (its summary says "Filters (2 active)");
    `any` includes the search box (then the results offer "Reset filters"). Read from the
    submitted values, so it costs no query.
    """
    active = searched = 0
    if not form.is_bound:  # nothing submitted: the common, uncached first visit
        return {"active": 0, "any": False}
    for field in form:
        if field.name in NOT_PANEL_FILTERS:
            searched = searched or (field.name == "q" and bool(str(field.value() or "").strip()))
        elif field.value() not in (None, "", False, [], "False"):
            active += 1
    return {"active": active, "any": bool(active or searched)}


@register.simple_tag
def count_set(*values):
    """How many of the values are set: the active filters of a hand-made filter form."""
    return sum(1 for value in values if value)
