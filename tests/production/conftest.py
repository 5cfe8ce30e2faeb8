import subprocess
import sys

import pytest

from tests.production.servers import ROOT, production_env


@pytest.fixture(scope="session")
def static_files():
    """Hashed static files, as `collectstatic` leaves them for gunicorn (once per run)."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
        cwd=ROOT,
        env=production_env(DATABASE_URL="sqlite:///:memory:", REDIS_URL="redis://127.0.0.1:1/0"),
        check=True,
    )
