"""Back up the database (pg_dump, custom format) and the uploaded files into one folder."""

import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connection


def pg_environment() -> tuple[list[str], dict]:
    config = connection.settings_dict
    if connection.vendor != "postgresql":
        raise CommandError("Backups need PostgreSQL (DATABASE_URL=postgres://…).")
    args = [
        "-h",
        config["HOST"] or "127.0.0.1",
        "-p",
        str(config["PORT"] or 5432),
        "-U",
        config["USER"],
    ]
    env = {"PGPASSWORD": config["PASSWORD"] or "", "PATH": "/usr/bin:/bin:/usr/local/bin"}
    return args, env


def analyze_tables() -> None:
    """Refresh the planner's statistics after loading many rows at once.

    Bulk loads (pg_restore, the benchmark data) leave the tables without statistics until
    autovacuum comes round; until then PostgreSQL plans as if they were empty and picks
    full scans over the right index.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def copy_media(source_storage, target: Path) -> int:
    """Every uploaded file, from disk or object storage, into a folder."""
    count = 0
    stack = [""]
    while stack:
        folder = stack.pop()
        directories, files = source_storage.listdir(folder)
        stack += [f"{folder}{name}/" for name in directories]
        for name in files:
            path = target / folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            with source_storage.open(f"{folder}{name}", "rb") as source, path.open("wb") as out:
                shutil.copyfileobj(source, out)
            count += 1
    return count


class Command(BaseCommand):
    help = "Write a backup (database dump + uploaded files) into a new folder."

    def add_arguments(self, parser):
        parser.add_argument("--to", default=str(Path(settings.BASE_DIR) / "backups"))

    def handle(self, *args, to, **options):
        folder = Path(to) / datetime.now(tz=UTC).strftime("%Y%m%dT%H%M%SZ")
        folder.mkdir(parents=True)
        args_, env = pg_environment()
        subprocess.run(
            [
                "pg_dump",
                *args_,
                "-Fc",
                "--no-owner",
                "-f",
                str(folder / "database.dump"),
                connection.settings_dict["NAME"],
            ],
            env=env,
            check=True,
        )
        files = copy_media(default_storage, folder / "media")
        self.stdout.write(f"{folder}")
        self.stderr.write(f"Backup written: database and {files} files.")
