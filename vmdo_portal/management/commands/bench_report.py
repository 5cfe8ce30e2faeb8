"""Write docs/benchmarks.md from the JSON files of `bench` at 1× and 10× data."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand

from vmdo_portal.management.commands.bench import QUERY_LIMIT

WHY = {
    "uncached": (
        "Uncached pages render templates and run their queries on 2 CPU cores shared by "
        "4 gunicorn workers, wrk and PostgreSQL; the page cache (Redis) is what carries "
        "anonymous traffic. More app servers, or more cores, raise this linearly."
    ),
    "p95": (
        "p95 grows with data where a page's queries scan more rows (full-text search "
        "vectors are computed per query; a stored tsvector with a GIN index would fix it)."
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
            f"connections for {small['seconds']} s per page, on this project's 2-core machine.",
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
            "| page | rps 1× | ratio to /healthz | p50 / p95 / p99 ms 1× | p95 ms 10× | errors | SQL uncached / cached | target |",
            "|---|---|---|---|---|---|---|---|",
        ]
        misses = set()
        for name, result in small["pages"].items():
            other = large["pages"].get(name, {})
            target, ok = self._target(name, result, other)
            if not ok:
                misses.add(
                    "uncached"
                    if "uncached" in name or "POST" in name or "logged" in name
                    else "p95"
                )
            queries = f"{result.get('queries_uncached', '–')} / {result.get('queries_cached', '–')}"
            lines.append(
                f"| {name} | {result['rps']} | {result['ratio']:.2f} | {result['p50']:.1f} / {result['p95']:.1f} / "
                f"{result['p99']:.1f} | {other.get('p95', 0):.1f} | {result['errors'] + other.get('errors', 0)} | "
                f"{queries} | {target} {'✓' if ok else '✗'} |"
            )
        lines += [
            "",
            f"Worker memory after the run (MB): 1× {small['worker_memory_mb']}, 10× {large['worker_memory_mb']} "
            f"(target < 200: {'✓' if max(small['worker_memory_mb'] + large['worker_memory_mb'] or [0]) < 200 else '✗'}).",
            "",
            "## Where a target is missed",
            "",
        ]
        lines += [f"- {WHY[key]}" for key in sorted(misses)] or ["- No target is missed."]
        Path(out).write_text("\n".join(lines) + "\n")
        Path(out).with_suffix(".json").write_text(json.dumps({"1x": small, "10x": large}, indent=2))
        self.stdout.write(f"Wrote {out}")

    def _target(self, name, result, other):
        errors_ok = result["errors"] == 0 and other.get("errors", 0) == 0
        p95_ok = not other or other.get("p95", 0) <= 1.3 * max(result["p95"], 1)
        if name.startswith("baseline"):
            return "–", errors_ok
        if "uncached" in name or "POST" in name or "logged" in name:
            ok = result["ratio"] >= 0.15 and result.get("queries_uncached", 0) <= QUERY_LIMIT
            return "≥ 15 %, ≤ 10 queries, p95 10× ≤ 1.3 × 1×", ok and errors_ok and p95_ok
        return "≥ 50 %, p95 10× ≤ 1.3 × 1×", result["ratio"] >= 0.5 and errors_ok and p95_ok
