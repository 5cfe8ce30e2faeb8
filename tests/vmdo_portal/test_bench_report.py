"""docs/benchmarks.md from two runs: every target checked, every miss explained."""

import json

from django.core.management import call_command


def page(rps, p95, **extra):
    return {"rps": rps, "p50": p95 / 3, "p95": p95, "p99": p95 * 2, "errors": 0, **extra}


def run(scale, pages):
    baseline = pages["baseline (/healthz)"]["rps"]
    for result in pages.values():
        result["ratio"] = round(result["rps"] / baseline, 3)
    return {
        "scale": scale,
        "when": "2026-11-26T12:00:00+00:00",
        "seconds": 10,
        "connections": 16,
        "workers": 4,
        "pages": pages,
        "worker_memory_mb": [100.0, 120.0],
        "rows": {"associations": 200 * scale, "sites": 100 * scale, "events": 5000 * scale,
                 "bookings": 20000 * scale},
    }  # fmt: skip


def report(tmp_path, small, large) -> str:
    one, ten = tmp_path / "1.json", tmp_path / "10.json"
    one.write_text(json.dumps(small))
    ten.write_text(json.dumps(large))
    out = tmp_path / "benchmarks.md"
    call_command("bench_report", str(one), str(ten), out=str(out), stdout=None)
    assert json.loads(out.with_suffix(".json").read_text())["10x"] == large
    return out.read_text()


def row(markdown, name):
    return next(line for line in markdown.splitlines() if line.startswith(f"| {name} |"))


def test_met_and_missed_targets_are_marked_and_explained(tmp_path):
    timing = {"queries_uncached": 4, "queries_cached": 0, "ms_sql_uncached": 1.0}
    small = run(1, {
        "baseline (/healthz)": page(2000, 10),
        "home": page(1500, 20, **timing, ms_uncached=5.0, bytes=6000),
        "home (uncached)": page(400, 100, **timing, ms_uncached=5.0, bytes=6000),
        "iCal feed (uncached)": page(50, 400, **timing, ms_uncached=30.0, bytes=150_000),
        "event detail (uncached)": page(400, 100, **timing, ms_uncached=8.0, bytes=5000),
    })  # fmt: skip
    large = run(10, {
        "baseline (/healthz)": page(2000, 12),
        "home": page(1500, 21, **timing, ms_uncached=5.0, bytes=6000),
        "home (uncached)": page(400, 200, **timing, ms_uncached=5.2, bytes=6000),
        "iCal feed (uncached)": page(5, 4000, **timing, ms_uncached=300.0, bytes=1_500_000),
        "event detail (uncached)": page(300, 300, **timing, ms_uncached=24.0, bytes=5000),
    })  # fmt: skip
    markdown = report(tmp_path, small, large)
    assert "throughput ✓" in row(markdown, "home") and "p95 10× ≤ 1.3 × 1× ✓" in row(
        markdown, "home"
    )
    home = row(markdown, "home (uncached)")
    assert "throughput ✓" in home and "≤ 10 queries ✓" in home and "p95 10× ≤ 1.3 × 1× ✗" in home
    feed = row(markdown, "iCal feed (uncached)")
    assert "throughput ✗" in feed and "| 5.0 (1.0) / 5.2 (1.0) |" in home
    why = markdown.split("## Where a target is missed", 1)[1]
    assert "Throughput of uncached pages (iCal feed (uncached)): " in why
    assert "spends 30.0-30.0 ms in Django alone" in why
    assert "home (uncached): the page takes as long at 10× as at 1× in-process" in why
    assert "iCal feed (uncached): the feed holds every matching event" in why
    assert "(1464 KB against 146 KB)" in why
    assert "event detail (uncached): in-process 8.0 ms at 1× and 24.0 ms at 10×." in why
    assert "target < 200: ✓" in markdown


def test_a_run_without_misses_says_so(tmp_path):
    small = run(1, {"baseline (/healthz)": page(2000, 10), "home": page(1500, 20)})
    large = run(10, {"baseline (/healthz)": page(2000, 10), "home": page(1500, 21)})
    assert "- No target is missed." in report(tmp_path, small, large)
