"""Write docs/benchmarks.md from the JSON files of `bench` at 1× and 10× data."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand

from vmdo_portal.management.commands.bench import QUERY_LIMIT

# Why a target is missed, by target; filled in with the run's figures.
WHY = {
    "ratio": (
        "Throughput of uncached pages ({pages}): an uncached request spends {low}-{high} ms "
        "in Django alone (column 'in-process', measured one at a time, SQL included), "
        "mostly rendering templates: the filter forms with their choice lists and the "
        "result cards; /healthz needs well under 1 ms. On this machine's 2 cores, shared by "
        "wrk, 4 workers and PostgreSQL, 15 % of /healthz's rate leaves about {budget:.1f} ms "
        "per request. Anonymous visitors are served from the page cache (the cached rows), "
        "and more app servers multiply the uncached rate; per server, what would close the "
        "gap is caching the rendered filter forms per language and selection, or rendering "
        "the busiest templates with Jinja2."
    ),
    "queries": "Query count over 10 ({pages}): see the SQL column.",
    "errors": "Errors ({pages}): see the errors column.",
}
# Why a page's p95 grows with the data, where it does.
GROWS = {
    "iCal feed": (
        "the feed holds every matching event of the next half-year, ten times as many at 10× "
        "({size_10} KB against {size_1} KB): serialising them is linear in their number; "
        "subscribers of a busy calendar would use a filtered feed (by association, project, "
        "category or language)"
    ),
    "sites open now": (
        "'open now' is decided for every active site (ten times as many at 10×), in SQL for "
        "their weekly hours; only the page shown is loaded"
    ),
    "events filtered": (
        "the list counts all matching upcoming events for '… events' and the page count "
        "(ten times as many at 10×); the page itself is read off an index"
    ),
}


class Command(BaseCommand):
    help = "Combine bench results at two scales into docs/benchmarks.md and docs/benchmarks.json."

    def add_arguments(self, parser):
        parser.add_argument("one")
        parser.add_argument("ten")
        parser.add_argument("--out", default="docs/benchmarks.md")

    def handle(self, *args, one, ten, out, **options):
        small, large = json.loads(Path(one).read_text()), json.loads(Path(ten).read_text())
        lines = [
            "# Benchmarks",
            "",
            f"Measured {small['when']} (1×) and {large['when']} (10×) with `make bench`: gunicorn "
            f"with {small['workers']} workers, Redis, PostgreSQL, wrk with {small['connections']} "
            f"connections for {small['seconds']} s per page after 2 s unmeasured, on this "
            "project's 2-core machine (wrk, gunicorn and PostgreSQL share the two cores). The "
            "database is vacuumed and analysed first. Cached rows are anonymous requests served "
            "from the page cache; uncached rows add a new query string to every request. "
            "'in-process' is one uncached request at a time in the benchmark's own process, "
            "without load (its SQL share in brackets): the page's own cost, free of the noise "
            "of a loaded machine.",
            "",
            "| data | associations | sites | events | bookings |",
            "|---|---|---|---|---|",
        ]
        for label, run in (("1×", small), ("10×", large)):
            rows = run["rows"]
            lines.append(
                f"| {label} | {rows['associations']} | {rows['sites']} | {rows['events']} | {rows['bookings']} |"
            )
        lines += [
            "",
            "| page | rps 1× | ratio to /healthz | p50 / p95 / p99 ms 1× | p95 ms 10× | errors | "
            "SQL uncached / cached | in-process ms 1× / 10× (SQL) | targets |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        misses = {}
        for name, result in small["pages"].items():
            other = large["pages"].get(name, {})
            checks = self._targets(name, result, other)
            for target, ok in checks.items():
                if not ok:
                    misses.setdefault(target, []).append(name)
            queries = f"{result.get('queries_uncached', '–')} / {result.get('queries_cached', '–')}"
            lines.append(
                f"| {name} | {result['rps']} | {result['ratio']:.2f} | {result['p50']:.1f} / {result['p95']:.1f} / "
                f"{result['p99']:.1f} | {other.get('p95', 0):.1f} | {result['errors'] + other.get('errors', 0)} | "
                f"{queries} | {self._in_process(result, other)} | "
                + (
                    ", ".join(f"{LABELS[t]} {'✓' if ok else '✗'}" for t, ok in checks.items())
                    or "–"
                )
                + " |"
            )
        lines += [
            "",
            f"Worker memory after the run (MB): 1× {small['worker_memory_mb']}, 10× {large['worker_memory_mb']} "
            f"(target < 200: {'✓' if max(small['worker_memory_mb'] + large['worker_memory_mb'] or [0]) < 200 else '✗'}).",
            "",
            "## Where a target is missed",
            "",
        ]
        lines += self._why(misses, small, large) or ["- No target is missed."]
        Path(out).write_text("\n".join(lines) + "\n")
        Path(out).with_suffix(".json").write_text(json.dumps({"1x": small, "10x": large}, indent=2))
        self.stdout.write(f"Wrote {out}")

    @staticmethod
    def _in_process(result, other) -> str:
        if "ms_uncached" not in result:
            return "–"
        return (
            f"{result['ms_uncached']} ({result['ms_sql_uncached']}) / "
            f"{other.get('ms_uncached', 0)} ({other.get('ms_sql_uncached', 0)})"
        )

    def _targets(self, name, result, other) -> dict:
        """Each target that applies to a page, and whether this run meets it."""
        checks = {"errors": result["errors"] == 0 and other.get("errors", 0) == 0}
        if name.startswith("baseline"):
            return checks
        uncached = "uncached" in name or "POST" in name or "logged" in name
        checks["ratio"] = result["ratio"] >= (0.15 if uncached else 0.5)
        if uncached:
            checks["queries"] = result.get("queries_uncached", 0) <= QUERY_LIMIT
        checks["p95"] = not other or other.get("p95", 0) <= 1.3 * max(result["p95"], 1)
        return checks

    def _why(self, misses, small, large) -> list[str]:
        lines = []
        for target in ("errors", "queries", "ratio"):
            pages = misses.get(target, [])
            if not pages:
                continue
            spent = [small["pages"][name].get("ms_uncached", 0) for name in pages]
            baseline = small["pages"]["baseline (/healthz)"]["rps"]
            lines.append(
                "- "
                + WHY[target].format(
                    pages=", ".join(pages),
                    low=min(spent),
                    high=max(spent),
                    budget=2 * 1000 / (0.15 * baseline) if baseline else 0,
                )
            )
        grown = misses.get("p95", [])
        if grown:
            lines.append(
                "- p95 at 10× over 1.3 × p95 at 1× ("
                + ", ".join(grown)
                + "): compare the in-process column, which has no load and no neighbours."
            )
            for name in grown:
                base = name.removesuffix(" (uncached)")
                if base in GROWS:
                    sizes = {
                        "size_1": small["pages"][name].get("bytes", 0) // 1024,
                        "size_10": large["pages"][name].get("bytes", 0) // 1024,
                    }
                    lines.append(f"  - {name}: {GROWS[base].format(**sizes)}.")
                elif large["pages"][name].get("ms_uncached", 0) <= 1.3 * max(
                    small["pages"][name].get("ms_uncached", 0), 1
                ):
                    lines.append(
                        f"  - {name}: the page takes as long at 10× as at 1× in-process; the "
                        "difference under load is the machine (wrk, 4 workers and PostgreSQL "
                        "on 2 cores), not the data."
                    )
                else:
                    lines.append(
                        f"  - {name}: in-process {small['pages'][name].get('ms_uncached', 0)} ms "
                        f"at 1× and {large['pages'][name].get('ms_uncached', 0)} ms at 10×."
                    )
        return lines


LABELS = {
    "errors": "no errors",
    "ratio": "throughput",
    "queries": "≤ 10 queries",
    "p95": "p95 10× ≤ 1.3 × 1×",
}
