"""Shared steps of the network area's browser journeys (tests/e2e/test_network*.py)."""

from tests.e2e.test_facilities import sign_in
from tests.e2e.test_widths import measure

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def read_on(visitor, path, *, viewport=PHONE):
    """Open `path` at this size: axe-core clean (Visitor.goto), nothing wider than the
    screen and every control reachable (tests/e2e/test_widths.measure)."""
    visitor.page.set_viewport_size(viewport)
    response = visitor.goto(path)
    assert response.status == 200, f"{path}: {response.status}"
    failures = []
    measure(visitor.page, failures, path)
    assert failures == []
    return response


__all__ = ["DESKTOP", "PHONE", "read_on", "sign_in"]
