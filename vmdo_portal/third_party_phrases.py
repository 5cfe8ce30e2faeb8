"""Words of Django's admin and the task and second-factor apps that their own catalogs
leave untranslated in German (new in Django 6.1, or never translated).

Django finds a message in any catalog, so the portal's German catalog carries these
too. Listing them here keeps `makemessages --no-obsolete` from dropping them; nothing
calls this module at run time.
"""

from django.utils.translation import gettext_lazy, pgettext_lazy

PHRASES = (
    # django.contrib.admin (6.1)
    gettext_lazy("Filter by %(field_name)s"),
    gettext_lazy("Search %(name)s"),
    gettext_lazy("Pagination %(name)s"),
    gettext_lazy("Pagination %(name)s entries"),
    gettext_lazy("Run"),
    gettext_lazy(
        "Deleting the %(object_name)s “%(escaped_object)s” would result in deleting related "
        "objects, but your account doesn't have permission to delete the following types of "
        "objects:"
    ),
    gettext_lazy(
        "Deleting the %(object_name)s “%(escaped_object)s” would require deleting the "
        "following protected related objects:"
    ),
    gettext_lazy(
        "Are you sure you want to delete the %(object_name)s “%(escaped_object)s”? All of the "
        "following related items will be deleted:"
    ),
    # django.contrib.auth's admin
    gettext_lazy("Raw passwords are not stored, so there is no way to see the user’s password."),
    gettext_lazy("After you’ve created a user, you’ll be able to edit more user options."),
    # allauth.mfa
    gettext_lazy("TOTP Authenticator"),
    # django_tasks_db: the states of a task
    pgettext_lazy("Task", "Ready"),
    pgettext_lazy("Task", "Running"),
    pgettext_lazy("Task", "Failed"),
    pgettext_lazy("Task", "Successful"),
)
