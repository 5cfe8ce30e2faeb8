"""The back office of the network area: one import per part."""

import network.offers.admin  # noqa: F401
