"""Create an empty database for a benchmark on the same PostgreSQL server; print its URL."""

import psycopg
from django.core.management.base import BaseCommand
from django.db import connection


class Command(BaseCommand):
    help = "Drop and create a benchmark database next to DATABASE_URL's; prints the new URL."

    def add_arguments(self, parser):
        parser.add_argument("name")

    def handle(self, *args, name, **options):
        config = connection.settings_dict
        server = f"postgres://{config['USER']}"
        if config["PASSWORD"]:
            server += f":{config['PASSWORD']}"
        server += f"@{config['HOST'] or '127.0.0.1'}:{config['PORT'] or 5432}"
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{name}"')
        self.stdout.write(f"{server}/{name}")
