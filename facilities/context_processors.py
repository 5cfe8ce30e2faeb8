from django.utils.functional import SimpleLazyObject

from facilities.selectors import main_facility


def house(request):
    """The main facility's name and address, read only by templates that show them."""
    return {"main_facility": SimpleLazyObject(main_facility)}
