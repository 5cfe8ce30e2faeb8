"""The network area's back office: one import per part."""

import network.trainings.admin  # noqa: F401
