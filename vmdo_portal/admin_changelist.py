"""The admin's lists with a date hierarchy, safe at the ends of the calendar."""

from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList


class DateHierarchyChangeList(ChangeList):
    """Django turns ?start__year=99999999999 or the day after 31.12.9999 into an
    OverflowError (a 500); here it is a wrong filter, which the admin answers by
    showing the list unfiltered with its "?e=1" notice."""

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except OverflowError as error:
            raise IncorrectLookupParameters(error) from error


class SafeDateHierarchy:
    """Mixin for a ModelAdmin with date_hierarchy."""

    def get_changelist(self, request, **kwargs):
        return DateHierarchyChangeList


class ReadOnlyAdmin:
    """A record the back office shows but never creates, edits or deletes (the audit log,
    background tasks): a plain mixin placed before admin.ModelAdmin."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
