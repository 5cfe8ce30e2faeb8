"""Other projects' apps, named in German in the back office (their own names are English
and partly not translatable): the app configurations INSTALLED_APPS names instead of
theirs. Their back-office pages are the portal's (vmdo_portal.admin)."""

from allauth.mfa.apps import MFAConfig
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class MfaConfig(MFAConfig):
    verbose_name = _("Two-factor authentication")

    def ready(self):
        super().ready()
        from allauth.mfa.models import Authenticator

        # Names only (not part of the migrations' state, which reads the class's Meta).
        Authenticator._meta.verbose_name = _("second factor")
        Authenticator._meta.verbose_name_plural = _("second factors")


class TasksConfig(TasksAppConfig):
    verbose_name = _("Background tasks")

    def ready(self):
        super().ready()
        from django_tasks_db.models import DBTaskResult

        DBTaskResult._meta.verbose_name = _("task")
        DBTaskResult._meta.verbose_name_plural = _("tasks")
