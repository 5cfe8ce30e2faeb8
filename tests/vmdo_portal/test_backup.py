"""make backup / make restore: a backup restored into an empty database is the same data."""

import io
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def snapshot(dbname: str) -> dict:
    config = connection.settings_dict
    with psycopg.connect(
        host=config["HOST"] or "127.0.0.1",
        port=config["PORT"] or 5432,
        user=config["USER"],
        dbname=dbname,
    ) as db:
        tables = [
            row[0]
            for row in db.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        result = {}
        for table in tables:
            count = db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]  # noqa: S608 - names from the catalog
            sample = db.execute(f'SELECT * FROM "{table}" ORDER BY 1 LIMIT 3').fetchall()  # noqa: S608
            result[table] = (count, [tuple(str(value) for value in row) for row in sample])
        return result


def test_backup_restores_every_table_and_the_uploaded_files(settings, tmp_path):
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", stdout=io.StringIO())
    logo = settings.MEDIA_ROOT / "associations" / "logos" / "demo.png"
    logo.parent.mkdir(parents=True)
    logo.write_bytes(b"\x89PNG demo")
    # The demo's own uploads (the network library's files) and the logo.
    files = sorted(path for path in settings.MEDIA_ROOT.rglob("*") if path.is_file())
    assert len(files) == 3
    out = io.StringIO()
    call_command("backup", to=str(tmp_path / "backups"), stdout=out, stderr=io.StringIO())
    folder = out.getvalue().strip()
    source = snapshot(connection.settings_dict["NAME"])

    target = f"{connection.settings_dict['NAME']}_restore"
    config = connection.settings_dict
    admin_url = (
        f"postgres://{config['USER']}@{config['HOST'] or '127.0.0.1'}:{config['PORT'] or 5432}"
    )
    with psycopg.connect(f"{admin_url}/postgres", autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{target}"')
        db.execute(f'CREATE DATABASE "{target}"')
    try:
        env = {
            **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
            "DEBUG": "1",
            "DATABASE_URL": f"{admin_url}/{target}",
            "MEDIA_ROOT": str(tmp_path / "restored-media"),
        }

        def restore():
            return subprocess.run(
                [sys.executable, "manage.py", "restore", folder],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
            )

        result = restore()
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "Restored the database and 3 files."
        restored = snapshot(target)
        assert restored.keys() == source.keys()
        assert restored == source
        with psycopg.connect(f"{admin_url}/{target}") as db:
            # pg_restore leaves no column statistics for the planner; restore runs ANALYZE.
            analysed = db.execute(
                "SELECT count(*) FROM pg_stats WHERE tablename = 'events_event'"
            ).fetchone()[0]
        assert analysed > 0
        assert (
            tmp_path / "restored-media" / "associations" / "logos" / "demo.png"
        ).read_bytes() == b"\x89PNG demo"
        for path in files:
            copy = tmp_path / "restored-media" / path.relative_to(settings.MEDIA_ROOT)
            assert copy.read_bytes() == path.read_bytes()
        again = restore()
        assert again.returncode == 1
        assert "The database is not empty" in again.stderr
    finally:
        with psycopg.connect(f"{admin_url}/postgres", autocommit=True) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
        from tests.conftest import restore_reference_data

        restore_reference_data()
