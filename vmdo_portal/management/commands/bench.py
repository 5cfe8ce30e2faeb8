"""Measure the production profile under load (gunicorn, 4 workers, Redis) with wrk.

Run it against a dedicated database filled by `seed_demo --no-logins --scale N`
(`make bench` does all of it). For every page: requests per second, p50/p95/p99, errors,
SQL queries per request (uncached and from the page cache), each page's throughput
relative to /healthz measured in the same run, and the workers' memory afterwards.
"""

import importlib
import json as jsonlib
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import Event
from facilities.models import Room
from members.models import Association, Membership
from projects.models import Site
from vmdo_portal.models import User
from vmdo_portal.page_cache import content_changed

LUA = Path(__file__).resolve().parents[2] / "bench.lua"
QUERY_LIMIT = 10
# Query budgets for bench-smoke: a page that needs more than this has regressed.
# (The booking request's first request in a process also reads the audit log's content
# type once; ContentType's cache serves every later one.)
# Signed-in pages ask once more than anonymous ones: whether the header links to the
# members' network area (network.context_processors).
QUERY_BUDGET = {"dashboard (logged in)": 11, "booking request POST": 14}
TIMED_REQUESTS = 5
WARM_UP_SECONDS = 2


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Command(BaseCommand):
    help = "Benchmark the production profile with wrk; writes a JSON file and prints a table."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1)
        parser.add_argument("--seconds", type=int, default=10)
        parser.add_argument("--connections", type=int, default=16)
        parser.add_argument("--workers", type=int, default=4)
        parser.add_argument("--json", default="")
        parser.add_argument(
            "--smoke", action="store_true", help="Fail on any error or a query count over budget."
        )

    def handle(self, *args, scale, seconds, connections, workers, json, smoke=False, **options):
        if not shutil.which("wrk"):
            raise CommandError("wrk is missing: apt-get install wrk")
        if not settings.REDIS_URL or connection.vendor != "postgresql":
            raise CommandError(
                "The benchmark needs PostgreSQL and REDIS_URL (the production profile)."
            )
        with connection.cursor() as cursor:
            # As a database in use would be: vacuumed and analysed, with no autovacuum of
            # the freshly loaded rows competing for the CPU during the measurement.
            cursor.execute("VACUUM (ANALYZE)")
        pages, member = self._pages()
        queries = {name: self._queries(spec, member) for name, spec in pages.items()}
        results = self._load(pages, member, seconds, connections, workers)
        baseline = results["baseline (/healthz)"]["rps"]
        for name, result in results.items():
            result["ratio"] = round(result["rps"] / baseline, 3) if baseline else 0
            result.update(queries.get(name.removesuffix(" (uncached)"), {}))
        report = {
            "scale": scale,
            "when": timezone.now().isoformat(timespec="seconds"),
            "seconds": seconds,
            "connections": connections,
            "workers": workers,
            "pages": results,
            "worker_memory_mb": self._memory,
            "rows": {
                "associations": Association.objects.count(),
                "sites": Site.objects.count(),
                "events": Event.objects.count(),
            },
        }
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM facilities_booking")
            report["rows"]["bookings"] = cursor.fetchone()[0]
        if json:
            Path(json).write_text(jsonlib.dumps(report, indent=2))
        for name, result in results.items():
            queries = f"{result.get('queries_uncached', '-')}/{result.get('queries_cached', '-')}"
            self.stdout.write(
                f"{name:40} {result['rps']:9.1f} rps  p95 {result['p95']:7.1f} ms"
                f"  errors {result['errors']}  ratio {result['ratio']:.2f}  queries {queries}"
            )
        if smoke:
            problems = [
                f"{name}: {result['errors']} errors"
                for name, result in results.items()
                if result["errors"]
            ] + [
                f"{name}: {result['queries_uncached']} queries (budget {QUERY_BUDGET.get(name, QUERY_LIMIT)})"
                for name, result in results.items()
                if result.get("queries_uncached", 0) > QUERY_BUDGET.get(name, QUERY_LIMIT)
            ]
            if problems:
                raise CommandError("bench-smoke failed:\n" + "\n".join(problems))
            self.stdout.write("bench-smoke: no errors, every page within its query budget.")

    # --- what is measured ------------------------------------------------------------

    def _pages(self):
        association = Association.objects.public().order_by("pk").first()
        event = (
            Event.objects.public().filter(status=Event.Status.PUBLISHED).order_by("start").first()
        )
        room = Room.objects.filter(bookable=True).order_by("pk").first()
        if not (association and event and room):
            raise CommandError("No data: run seed_demo --no-logins --scale N first.")
        member = self._member(association)
        token = secrets.token_hex(16)
        monday = timezone.localdate() + timezone.timedelta(days=7 - timezone.localdate().weekday())
        booking_body = (
            f"csrfmiddlewaretoken={token}&room={room.slug}&title=Probe&attendees=5&first_date={monday}"
            "&start_time=18%3A00&end_time=19%3A00&frequency=once&interval_weeks=1&check=1"
        )
        return (
            {
                "baseline (/healthz)": {"path": "/healthz"},
                "home": {"path": "/de/"},
                "directory": {"path": "/de/vereine/"},
                "directory searched": {"path": "/de/vereine/?q=Verein"},
                "directory filtered": {"path": "/de/vereine/?language=ar&district=eving"},
                "association profile": {"path": association.get_absolute_url()},
                "projects": {"path": "/de/projekte/"},
                "sites open now": {"path": "/de/standorte/?open_now=on"},
                "events filtered": {"path": "/de/veranstaltungen/?language=ar&free=on"},
                "event detail": {"path": event.get_absolute_url()},
                "iCal feed": {"path": "/de/veranstaltungen/feed.ics?language=de"},
                "room week view": {"path": room.get_absolute_url()},
                "dashboard (logged in)": {
                    "path": f"/de/mein-verein/{association.slug}/",
                    "session": True,
                },
                "booking request POST": {
                    "path": f"/de/mein-verein/{association.slug}/buchungen/neu/",
                    "session": True,
                    "body": booking_body,
                    "csrf": token,
                },
            },
            member,
        )

    def _member(self, association):
        user, _created = User.objects.get_or_create(
            email="bench@demo.vmdo.invalid", defaults={"name": "Bench"}
        )
        Membership.objects.get_or_create(
            user=user, association=association, defaults={"role": "admin"}
        )
        # The servers' own session engine (cached_db with Redis: the row must exist too).
        session = importlib.import_module(settings.SESSION_ENGINE).SessionStore()
        session["_auth_user_id"] = str(user.pk)
        session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
        session["_auth_user_hash"] = user.get_session_auth_hash()
        session.create()
        return {"user": user, "session": session.session_key}

    def _queries(self, spec, member) -> dict:
        """SQL queries per request, in this process: uncached, then from the page cache;
        and the time an uncached request takes here, alone, with its share in SQL."""
        client = Client(SERVER_NAME="127.0.0.1")
        if spec.get("session"):
            client.force_login(member["user"])
        sql = [0.0]

        def timed(execute, *args):
            started = time.perf_counter()
            try:
                return execute(*args)
            finally:
                sql[0] += time.perf_counter() - started

        def request():
            if spec.get("body"):
                return client.post(
                    spec["path"], spec["body"], content_type="application/x-www-form-urlencoded"
                )
            return client.get(spec["path"])

        counts = []
        for attempt in (1, 2):
            if attempt == 1:
                content_changed()  # drop cached pages (not the sessions in the same Redis)
            with CaptureQueriesContext(connection) as captured:
                request()
            counts.append(len(captured))
        total = 0.0
        with connection.execute_wrapper(timed):
            for _attempt in range(TIMED_REQUESTS):
                content_changed()
                started = time.perf_counter()
                response = request()
                total += time.perf_counter() - started
        return {
            "queries_uncached": counts[0],
            "queries_cached": counts[1],
            "ms_uncached": round(total / TIMED_REQUESTS * 1000, 1),
            "ms_sql_uncached": round(sql[0] / TIMED_REQUESTS * 1000, 1),
            "bytes": len(response.content),
        }

    def _load(self, pages, member, seconds, connections, workers) -> dict:
        port = free_port()
        env = {
            **os.environ,
            "DEBUG": "0",
            # The same key as this process: the session made here must be valid there.
            "SECRET_KEY": settings.SECRET_KEY,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SITE_URL": "http://127.0.0.1",
            "EMAIL_URL": "console:",
            "SECURE_SSL_REDIRECT": "0",
            "SESSION_COOKIE_SECURE": "0",
            "CSRF_COOKIE_SECURE": "0",
            "DB_POOL": "1",
            "WEB_CONCURRENCY": str(workers),
            "BIND": f"127.0.0.1:{port}",
            "LOG_LEVEL": "WARNING",
        }
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
            env=env,
            check=True,
            cwd=settings.BASE_DIR,
        )
        gunicorn = str(Path(sys.executable).parent / "gunicorn")
        server = subprocess.Popen(
            [gunicorn, "-c", "python:vmdo_portal.gunicorn", "vmdo_portal.wsgi"],
            env=env,
            cwd=settings.BASE_DIR,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    urllib.request.urlopen(f"{base}/healthz", timeout=2)  # noqa: S310
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise CommandError("gunicorn did not start") from None
                    time.sleep(0.3)
            self._check(base, pages, member)
            results = {}
            for name, spec in pages.items():
                for cached in (
                    (True, False)
                    if not spec.get("session") and name != "baseline (/healthz)"
                    else (True,)
                ):
                    label = name if cached else f"{name} (uncached)"
                    if seconds >= WARM_UP_SECONDS * 2:
                        # Unmeasured: caches, connections and whatever the previous page
                        # left running settle before the measurement starts.
                        self._wrk(base, spec, member, WARM_UP_SECONDS, connections, not cached)
                    results[label] = self._wrk(
                        base, spec, member, seconds, connections, bust=not cached
                    )
            self._memory = self._worker_memory(server.pid)
            return results
        finally:
            server.terminate()
            server.wait(timeout=30)

    def _check(self, base, pages, member):
        """Every page answers 200 before it is measured (no redirect to the login)."""
        import http.client

        for name, spec in pages.items():
            cookies = []
            if spec.get("session"):
                cookies.append(f"sessionid={member['session']}")
            if spec.get("csrf"):
                cookies.append(f"csrftoken={spec['csrf']}")
            headers = {"Cookie": "; ".join(cookies)} if cookies else {}
            if spec.get("body"):
                headers["Content-Type"] = "application/x-www-form-urlencoded"
            request = http.client.HTTPConnection(base.split("//")[1], timeout=30)
            request.request(
                "POST" if spec.get("body") else "GET",
                spec["path"],
                body=spec.get("body"),
                headers=headers,
            )
            status = request.getresponse().status
            request.close()
            if status != 200:
                raise CommandError(f"{name}: {spec['path']} answered {status}, not 200")

    def _wrk(self, base, spec, member, seconds, connections, bust) -> dict:
        command = [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(LUA),
        ]
        cookies = []
        if spec.get("session"):
            cookies.append(f"sessionid={member['session']}")
        if spec.get("csrf"):
            cookies.append(f"csrftoken={spec['csrf']}")
            command += ["-H", "Content-Type: application/x-www-form-urlencoded"]
        if cookies:
            command += ["-H", f"Cookie: {'; '.join(cookies)}"]
        env = {**os.environ, "BENCH_BUST": "1" if bust else "0"}
        if spec.get("body"):
            env["BENCH_BODY"] = spec["body"]
        output = subprocess.run(
            [*command, base + spec["path"]], env=env, capture_output=True, text=True, check=True
        ).stdout
        data = jsonlib.loads(re.search(r"BENCH (\{.*\})", output).group(1))
        data["rps"] = round(data["requests"] / data["seconds"], 1) if data["seconds"] else 0
        return data

    def _worker_memory(self, master_pid) -> list[float]:
        memory = []
        for status in Path("/proc").glob("[0-9]*/status"):
            try:
                text = status.read_text()
            except OSError:
                continue
            if re.search(rf"^PPid:\s+{master_pid}$", text, re.M):
                rss = re.search(r"^VmRSS:\s+(\d+) kB", text, re.M)
                if rss:
                    memory.append(round(int(rss.group(1)) / 1024, 1))
        return sorted(memory)
