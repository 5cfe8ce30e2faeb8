"""Restore a backup made by `manage.py backup` into an empty database and the file storage."""

import subprocess
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from vmdo_portal.management.commands.backup import analyze_tables, pg_environment


class Command(BaseCommand):
    help = "Restore database and uploaded files from a backup folder (the database must be empty)."

    def add_arguments(self, parser):
        parser.add_argument("folder")

    def handle(self, *args, folder, **options):
        folder = Path(folder)
        dump = folder / "database.dump"
        if not dump.exists():
            raise CommandError(f"{dump} does not exist.")
        if connection.introspection.table_names():
            raise CommandError("The database is not empty: restore into a new, empty database.")
        args_, env = pg_environment()
        subprocess.run(
            ["pg_restore", *args_, "--no-owner", "-d", connection.settings_dict["NAME"], str(dump)],
            env=env,
            check=True,
        )
        analyze_tables()
        media = folder / "media"
        count = 0
        for path in sorted(media.rglob("*")) if media.exists() else []:
            if path.is_file():
                name = path.relative_to(media).as_posix()
                with path.open("rb") as handle:
                    if default_storage.exists(name):
                        default_storage.delete(name)
                    default_storage.save(name, File(handle))
                count += 1
        self.stdout.write(f"Restored the database and {count} files.")
