"""The members' network area: one module per part (library, offers, circulars, …)."""

from network.models.trainings import TrainingParticipation
from network.models.visits import LastVisit

__all__ = [
    "LastVisit",
    "TrainingParticipation",
]
