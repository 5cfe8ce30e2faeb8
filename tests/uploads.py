"""Helpers for tests of stored uploads."""

import re

TOKEN = re.compile(r"[0-9a-f]{32}")


def name_shape(name: str) -> str:
    """A stored name with its random part replaced: `documents/<random>.pdf`."""
    return TOKEN.sub("<random>", name)
