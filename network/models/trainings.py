from django.utils.translation import gettext_lazy as _

from events.models import Registration


class TrainingParticipation(Registration):
    """A registration for a training (an event for the member associations), as the back
    office lists them to take attendance (network.trainings.admin)."""

    class Meta:
        proxy = True
        verbose_name = _("participation in a training")
        verbose_name_plural = _("participation in trainings")
