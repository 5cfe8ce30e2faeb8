"""Compile every template of the project, so a syntax error fails lint, not a visitor."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.template import TemplateSyntaxError
from django.template.loader import get_template

PROJECT_APPS = ["vmdo_portal", "members", "projects", "facilities", "events"]


class Command(BaseCommand):
    help = "Compile every template in templates/ and in the project's apps."

    def handle(self, *args, **options):
        base = Path(settings.BASE_DIR)
        roots = [base / "templates"] + [base / app / "templates" for app in PROJECT_APPS]
        failures, count = [], 0
        for root in roots:
            for path in sorted(root.rglob("*.html")) + sorted(root.rglob("*.txt")):
                name = path.relative_to(root).as_posix()
                try:
                    get_template(name)
                except TemplateSyntaxError as error:
                    failures.append(f"{path.relative_to(base)}: {error}")
                count += 1
        if failures:
            raise CommandError("Templates with errors:\n" + "\n".join(failures))
        self.stdout.write(f"{count} templates compile.")
