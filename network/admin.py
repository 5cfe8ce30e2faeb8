"""The network area in the back office: one import per part."""

import network.circulars.admin
import network.contacts.admin
import network.library.admin
import network.offers.admin
import network.trainings.admin  # noqa: F401
