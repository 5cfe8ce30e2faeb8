"""The network area's back office: one import per part."""

import network.circulars.admin  # noqa: F401
