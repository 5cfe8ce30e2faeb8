"""Fail when the German catalog misses a string of the code, or has fuzzy entries.

It runs makemessages on a copy of the project, so the check sees the code as it is
now, without touching the working tree. Every catalog must also compile cleanly.
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

COMPLETE_LANGUAGES = ["de"]
SKIP = shutil.ignore_patterns(
    ".venv", ".git", ".tmp", "media", "staticfiles", "__pycache__", "*.mo"
)


def untranslated_or_fuzzy(po_file: Path) -> list[str]:
    problems = []
    for flag in ("--untranslated", "--only-fuzzy"):
        out = subprocess.run(
            ["msgattrib", flag, "--no-obsolete", "--no-wrap", str(po_file)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        problems += [
            f"{flag[2:]}: {line[6:]}"
            for line in out.splitlines()
            if line.startswith("msgid ") and line != 'msgid ""'
        ]
    return problems


class Command(BaseCommand):
    help = "Check that the translation catalogs are complete (German) and compile (all)."

    def handle(self, *args, **options):
        base = Path(settings.BASE_DIR)
        failures = []
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "project"
            shutil.copytree(base, copy, ignore=SKIP)
            for code in COMPLETE_LANGUAGES:
                subprocess.run(
                    [
                        sys.executable,
                        "manage.py",
                        "makemessages",
                        "-l",
                        code,
                        "--no-obsolete",
                        "--ignore=tests",
                        "-v",
                        "0",
                    ],
                    cwd=copy,
                    check=True,
                )
                po = copy / "locale" / code / "LC_MESSAGES" / "django.po"
                failures += [f"{code}: {p}" for p in untranslated_or_fuzzy(po)]
        for po in sorted(base.glob("locale/*/LC_MESSAGES/django.po")):
            result = subprocess.run(
                ["msgfmt", "--check", "-o", "/dev/null", str(po)], capture_output=True, text=True
            )
            if result.returncode:
                failures.append(f"{po}: {result.stderr.strip()}")
        if failures:
            raise CommandError(
                "Translation catalogs are incomplete (run 'make messages' and translate):\n"
                + "\n".join(failures)
            )
        self.stdout.write("Translation catalogs complete.")
