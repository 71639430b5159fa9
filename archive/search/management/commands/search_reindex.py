"""``manage.py search_reindex``: build a fresh search index and swap the alias to it."""
from django.core.management.base import BaseCommand, CommandError

from archive.search import engine
from archive.search.indexing import index_rebuild


class Command(BaseCommand):
    """Rebuild the search index from the database; searches keep answering from the old index meanwhile."""

    help = ("Build a fresh search index of every public item and published story trail and swap the alias to it "
            "(no downtime).")

    def add_arguments(self, parser):
        """--chunk-size and --threads tune the bulk loading."""
        parser.add_argument("--chunk-size", type=int, default=1000, help="items per bulk request (default 1000)")
        parser.add_argument("--threads", type=int, default=2, help="bulk requests in flight (default 2)")

    def handle(self, *args, chunk_size, threads, verbosity, **options):
        """Rebuild and report what was done."""
        if not engine.search_enabled():
            raise CommandError("Search is not configured: set SEARCH_URL (and SEARCH_ENGINE).")

        def progress(done):
            if verbosity > 1 and done % (chunk_size * 10) == 0:
                self.stdout.write(f"  {done} documents")

        try:
            report = index_rebuild(chunk_size=chunk_size, threads=threads, progress=progress)
        except engine.EngineError as exc:
            raise CommandError(f"The rebuild failed; the old index still answers searches: {exc}") from exc
        self.stdout.write(self.style.SUCCESS(
            f"Indexed {report.documents - report.trails} items and {report.trails} story trails into {report.index} "
            f"in {report.seconds:.1f} s "
            f"({report.rate:,.0f} documents/s while loading); {engine.alias()} now points to it; "
            f"{report.caught_up} item(s) changed meanwhile were indexed again; removed {report.removed or 'nothing'}."))
