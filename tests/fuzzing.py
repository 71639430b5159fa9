"""What the property-based tests ran: counted here, printed at the end of the session (tests/conftest.py).

Each fuzzing test adds how many operations (or forms, or routes) it covered and how many generated
requests it sent, so the figure quoted in the README can be read off any ``make test`` run.
"""
import time
from collections import defaultdict
from contextlib import contextmanager

from hypothesis import HealthCheck, Phase, settings

# Reproducible and bounded: the same examples on every run (derandomize), no example database,
# no shrinking (a failure is reported as found: the request and the answer are printed in full).
FUZZ_SETTINGS = dict(derandomize=True, database=None, deadline=None, phases=[Phase.explicit, Phase.generate],
                     suppress_health_check=list(HealthCheck), print_blob=False)

RUNS: dict[str, dict] = defaultdict(lambda: {"targets": set(), "cases": 0, "seconds": 0.0})


def fuzz_settings(max_examples: int) -> settings:
    """Hypothesis settings for one fuzzed target: ``max_examples`` reproducible examples, no shrinking."""
    return settings(max_examples=max_examples, **FUZZ_SETTINGS)


@contextmanager
def counted(suite: str, target: str):
    """Time a block that fuzzes ``target``; yield a function to call once per request sent."""
    run = RUNS[suite]
    run["targets"].add(target)
    start = time.monotonic()

    def one_more(n: int = 1) -> None:
        run["cases"] += n

    try:
        yield one_more
    finally:
        run["seconds"] += time.monotonic() - start


def summary_lines() -> list[str]:
    """One line per suite that ran: targets, generated requests and time taken."""
    return [f"{suite}: {run['cases']} generated requests to {len(run['targets'])} targets in {run['seconds']:.0f} s"
            for suite, run in sorted(RUNS.items())]


def picture_records(item):
    """An asset for ``item`` (a 1200×800 JPEG, as ingest records it) with its thumbnail and web copy rows.

    Only the rows: the fuzzed views read them and never the files.
    """
    from archive.models import Asset, Derivative

    sha = f"{item.pk:064x}"
    asset = Asset.objects.create(item=item, original=f"originals/{sha[:2]}/{sha[2:4]}/{sha}", sha256=sha,
                                 original_filename="llun.jpg", size_bytes=10, media_type="image/jpeg",
                                 width=1200, height=800)
    for kind, width, height in (("thumbnail", 300, 200), ("web", 1200, 800)):
        Derivative.objects.create(asset=asset, kind=kind, path=f"derivatives/{item.pk}/{asset.pk}/{kind}.jpg",
                                  media_type="image/jpeg", width=width, height=height)
    return asset
