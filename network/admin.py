"""The network area in the back office: one import per part."""

from network.library import admin as library_admin  # noqa: F401
