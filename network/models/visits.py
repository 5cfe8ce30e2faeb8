from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LastVisit(models.Model):
    """When a person last opened the network's start page: "new since your last visit"
    is what appeared after `previous` (the visit before the one going on)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="network_visit",
        verbose_name=_("account"),
    )
    previous = models.DateTimeField(_("visit before"), null=True, blank=True)
    current = models.DateTimeField(_("last visit"))

    class Meta:
        verbose_name = _("last visit to the network")
        verbose_name_plural = _("last visits to the network")
        # Staff enter the area with this permission (and their second factor).
        permissions = [("use_network", _("Can use the members' network area"))]

    def __str__(self):
        return str(self.user)
