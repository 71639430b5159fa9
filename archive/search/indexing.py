"""Keeping the index in step with the database: the outbox, index updates and full rebuilds.

A change is recorded in the outbox (:class:`~archive.search.models.IndexState`) inside the
transaction that makes it, and an update is queued through Celery once that transaction commits.
The update writes each document with the item's outbox version (external versioning), so
updates may run in any order, twice, or during a rebuild, and the newest always wins. When the
engine is down the task retries, and the outbox keeps every change until one lands.
"""
import logging
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.db.models.functions import Now
from django.utils import timezone

from . import engine
from .documents import (
    documents_for, ids_condition, index_definition, items_to_index, trail_document_id, trail_documents_for,
    trails_to_index,
)
from .models import IndexState, TrailIndexState

log = logging.getLogger(__name__)
CHUNK = 500  # items per index update
OK_STATUSES = {200, 201, 404, 409}  # written, deleted, already absent, or a newer version is already there
LOAD_TIMEOUT = 120  # seconds for a rebuild's bulk requests and its first refresh


def _outbox_record(model, column: str, ids: list[int]) -> None:
    """Bump the outbox version of these rows of ``model`` (keyed by ``column``) and mark them pending."""
    table = connection.ops.quote_name(model._meta.db_table)
    now = timezone.now()
    with connection.cursor() as cursor:  # an upsert (PostgreSQL and SQLite speak the same dialect here)
        for start in range(0, len(ids), 5000):  # well below PostgreSQL's 65,535 parameters
            chunk = ids[start:start + 5000]
            cursor.execute(
                f"INSERT INTO {table} ({column}, version, pending, changed_at, attempts, last_error) VALUES "
                + ", ".join(["(%s, 1, %s, %s, 0, '')"] * len(chunk))
                + f" ON CONFLICT ({column}) DO UPDATE SET version = {table}.version + 1, pending = %s,"
                " changed_at = excluded.changed_at",
                [value for pk in chunk for value in (pk, True, now)] + [True])


def changes_record(item_ids) -> None:
    """Record that these items changed (in the current transaction) and queue their index update after commit."""
    ids = sorted({int(pk) for pk in item_ids if pk})
    if not ids or not engine.search_enabled():
        return
    _outbox_record(IndexState, "item_id", ids)
    transaction.on_commit(lambda: updates_enqueue(ids))


def trail_changes_record(trail_ids) -> None:
    """Record that these story trails changed (in the current transaction); queue their index update after commit."""
    ids = sorted({int(pk) for pk in trail_ids if pk})
    if not ids or not engine.search_enabled():
        return
    _outbox_record(TrailIndexState, "trail_id", ids)
    transaction.on_commit(lambda: trail_updates_enqueue(ids))


def _enqueue(task, ids, kind: str) -> None:
    """Queue ``task`` for ``ids`` in chunks; if the broker cannot take them, the outbox drain will."""
    ids = list(ids)
    for start in range(0, len(ids), CHUNK):
        try:
            task.delay(ids[start:start + CHUNK])
        except Exception as exc:  # the change is safe in the outbox: never fail the user's request for this
            log.warning("could not queue a search update for %d %s(s) (%r); the outbox drain will", len(ids), kind,
                        exc)


def trail_updates_enqueue(trail_ids) -> None:
    """Queue index updates for these trails; if the broker cannot take them, the outbox drain will."""
    from .tasks import sync_trails

    _enqueue(sync_trails, trail_ids, "trail")


def updates_enqueue(item_ids) -> None:
    """Queue index updates for these items; if the broker cannot take them, the outbox drain will."""
    from .tasks import sync_items

    _enqueue(sync_items, item_ids, "item")


def index_ensure() -> str:
    """Make sure the alias exists (creating an empty index behind it if not); return the alias."""
    name = engine.alias()
    if engine.indices(name):
        return name
    index = _new_index_name()
    body = index_definition(index).to_dict()
    body["aliases"] = {name: {"is_write_index": True}}
    try:
        engine.index_create(index, body)
    except engine.EngineUnavailable:
        raise
    except engine.EngineError:  # another process made it first
        if not engine.indices(name):
            raise
    return name


def items_sync(item_ids, *, only_pending: bool = True) -> int:
    """Bring the index up to date for these items: write each visible one's document, delete the rest.

    Idempotent. With ``only_pending``, items whose latest change is already indexed are skipped.
    Returns how many items were written or deleted; raises EngineUnavailable/EngineError (and
    counts the attempt in the outbox) when the engine did not take them.
    """
    ids = sorted({int(pk) for pk in item_ids})
    if not engine.search_enabled():
        return 0
    states = IndexState.objects.filter(item_id__in=ids)
    if only_pending:
        states = states.filter(pending=True)
    versions = dict(states.values_list("item_id", "version"))  # read before the items: never label old data new
    if only_pending:
        ids = sorted(versions)  # the same read: one query, and the ids and versions cannot disagree
    if not ids:
        return 0
    documents = documents_for(ids)
    target = engine.alias()
    operations = []
    for pk in ids:
        meta = {"_index": target, "_id": str(pk), "version": versions.get(pk, 0), "version_type": "external_gte"}
        operations.append(({"index": meta}, documents[pk]) if pk in documents else ({"delete": meta}, None))
    try:
        results = engine.bulk(operations)
        if any(r.get("status") == 404 and "index_not_found" in str(r.get("error")) for r in results):
            index_ensure()
            results = engine.bulk(operations)
    except engine.EngineError as exc:
        _attempt_failed(ids, str(exc))
        raise
    failed = {pk: r.get("error") for pk, r in zip(ids, results) if r.get("status") not in OK_STATUSES}
    _mark_indexed({pk: versions.get(pk, 0) for pk in ids if pk not in failed}, removed=set(ids) - set(documents))
    if failed:
        _attempt_failed(failed, str(next(iter(failed.values()))))
        raise engine.EngineError(f"the engine refused {len(failed)} update(s): {next(iter(failed.values()))}")
    return len(ids)


def trails_sync(trail_ids, *, only_pending: bool = True) -> int:
    """Bring the index up to date for these story trails: write each published one's document, delete the rest.

    Like :func:`items_sync` (idempotent, external versions from the trails' outbox); how many were written or
    deleted.
    """
    ids = sorted({int(pk) for pk in trail_ids})
    if not engine.search_enabled() or not ids:
        return 0
    states = TrailIndexState.objects.filter(trail_id__in=ids)
    if only_pending:
        states = states.filter(pending=True)
    versions = dict(states.values_list("trail_id", "version"))  # read before the trails: never label old data new
    if only_pending:
        ids = sorted(versions)
    if not ids:
        return 0
    documents = trail_documents_for(ids)
    target = engine.alias()
    operations = []
    for pk in ids:
        meta = {"_index": target, "_id": trail_document_id(pk), "version": versions.get(pk, 0),
                "version_type": "external_gte"}
        operations.append(({"index": meta}, documents[pk]) if pk in documents else ({"delete": meta}, None))
    try:
        results = engine.bulk(operations)
        if any(r.get("status") == 404 and "index_not_found" in str(r.get("error")) for r in results):
            index_ensure()
            results = engine.bulk(operations)
    except engine.EngineError as exc:
        TrailIndexState.objects.filter(trail_id__in=ids, pending=True).update(
            attempts=F("attempts") + 1, last_error=str(exc)[:1000])
        raise
    failed = {pk: r.get("error") for pk, r in zip(ids, results) if r.get("status") not in OK_STATUSES}
    _mark_indexed({pk: versions.get(pk, 0) for pk in ids if pk not in failed}, removed=set(ids) - set(documents),
                  model=TrailIndexState, column="trail_id")
    if failed:
        TrailIndexState.objects.filter(trail_id__in=list(failed), pending=True).update(
            attempts=F("attempts") + 1, last_error=str(next(iter(failed.values())))[:1000])
        raise engine.EngineError(f"the engine refused {len(failed)} trail update(s): {next(iter(failed.values()))}")
    return len(ids)


def _mark_indexed(versions: dict[int, int], removed: set[int], model=IndexState, column: str = "item_id") -> None:
    """Clear ``pending`` for items whose indexed version is still their latest one; note when the ``removed`` ones
    left the index. Times are the database's clock, which searches compare them with."""
    items = list(versions.items())
    for start in range(0, len(items), 200):
        written, gone = Q(), Q()
        for pk, version in items[start:start + 200]:
            if pk in removed:
                gone |= Q(**{column: pk, "version": version})
            else:
                written |= Q(**{column: pk, "version": version})
        for condition, removed_at in ((written, None), (gone, Now())):
            if condition:
                model.objects.filter(condition).update(pending=False, synced_at=Now(), removed_at=removed_at,
                                                            attempts=0, last_error="")


def _attempt_failed(ids, error: str) -> None:
    IndexState.objects.filter(item_id__in=list(ids), pending=True).update(
        attempts=F("attempts") + 1, last_error=error[:1000])


def outbox_drain(limit: int = 20_000) -> int:
    """Index every change still waiting in the outbox (oldest first), items and story trails; how many items and
    trails were updated."""
    if not engine.search_enabled():
        return 0
    ids = list(IndexState.objects.filter(pending=True).order_by("changed_at")
               .values_list("item_id", flat=True)[:limit])
    done, failure = 0, None
    try:
        for start in range(0, len(ids), CHUNK):
            done += items_sync(ids[start:start + CHUNK])
    except engine.EngineError as exc:  # the trails are still tried (and their attempts counted); then it is raised
        failure = exc
    trail_ids = list(TrailIndexState.objects.filter(pending=True).order_by("changed_at")
                     .values_list("trail_id", flat=True)[:limit])
    for start in range(0, len(trail_ids), CHUNK):
        done += trails_sync(trail_ids[start:start + CHUNK])
    if failure is not None:
        raise failure
    return done


# --- Full rebuild -----------------------------------------------------------------------------


@dataclass
class RebuildReport:
    """What a rebuild did and how long it took."""

    index: str
    documents: int = 0  # items and story trails
    trails: int = 0  # of which story trails
    loading_seconds: float = 0.0  # reading, building and bulk-indexing every document
    seconds: float = 0.0  # the whole rebuild, from creating the index to removing the old one
    caught_up: int = 0  # items changed during the rebuild, indexed again afterwards
    removed: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        """Documents per second while loading."""
        return self.documents / self.loading_seconds if self.loading_seconds else 0.0


def _new_index_name() -> str:
    return f"{engine.alias()}-{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:6]}"


def index_rebuild(*, chunk_size: int = 1000, threads: int = 2, progress=None) -> RebuildReport:
    """Build a fresh index of every item and story trail to index, then swap the alias to it; searches answer
    throughout.

    Changes made meanwhile are written to the old index (through the alias) and, after the swap,
    indexed again into the new one. ``progress(done)`` is called after each chunk.
    """
    started, clock = timezone.now(), time.monotonic()
    report = RebuildReport(_new_index_name())
    body = index_definition(report.index).to_dict()
    body["settings"].update({"refresh_interval": "-1", "number_of_replicas": 0})  # fast loading
    engine.index_create(report.index, body)
    try:
        report.documents = _load(report.index, chunk_size, threads, progress)
        report.trails = _load_trails(report.index, chunk_size)
        report.documents += report.trails
        report.loading_seconds = time.monotonic() - clock
        # After a bulk load with refreshing off, the first refresh writes every segment: give it time.
        engine.index_settings(report.index, {"refresh_interval": settings.SEARCH_REFRESH_INTERVAL,
                                             "number_of_replicas": settings.SEARCH_REPLICAS}, timeout=LOAD_TIMEOUT)
        engine.index_refresh(report.index, timeout=LOAD_TIMEOUT)
        old = sorted(engine.indices(engine.alias()))
        actions = [{"remove_index": {"index": name}} if name == engine.alias()  # an index squatting on the name
                   else {"remove": {"index": name, "alias": engine.alias()}} for name in old]
        # What changed while loading went to the old index, and the new one may hold it as it was when read:
        # pending again, such items stay out of searches (unless public) until indexed again below.
        _changed_since(started).update(pending=True)
        _changed_since(started, TrailIndexState).update(pending=True)
        engine.aliases_update(actions + [{"add": {"index": report.index, "alias": engine.alias(),
                                                  "is_write_index": True}}])
    except BaseException:
        try:
            engine.index_delete(report.index)
        except engine.EngineError:
            log.warning("could not delete the half-built index %s", report.index)
        raise
    _changed_since(started).update(pending=True)  # those indexed (into the old index) just before the swap
    _changed_since(started, TrailIndexState).update(pending=True)
    ids = list(IndexState.objects.filter(pending=True).values_list("item_id", flat=True))
    for start in range(0, len(ids), CHUNK):
        report.caught_up += items_sync(ids[start:start + CHUNK])
    trail_ids = list(TrailIndexState.objects.filter(pending=True).values_list("trail_id", flat=True))
    for start in range(0, len(trail_ids), CHUNK):
        report.caught_up += trails_sync(trail_ids[start:start + CHUNK])
    report.removed = [name for name in old if name != engine.alias()]
    engine.index_delete(*report.removed)
    report.seconds = time.monotonic() - clock
    return report


def _changed_since(started, model=IndexState):
    """Outbox rows (of items, or of trails) indexed since ``started`` (ten seconds' leeway for the clocks) and not
    pending."""
    return model.objects.filter(pending=False, synced_at__gte=started - timedelta(seconds=10))


def _load(index: str, chunk_size: int, threads: int, progress) -> int:
    """Bulk-index every item to index into ``index``: the database is read here while threads send."""
    done, last, pending = 0, 0, []

    def send(operations):
        results = engine.bulk(operations, refresh="false", timeout=LOAD_TIMEOUT, require_alias=False)
        errors = [r.get("error") for r in results if r.get("status") not in OK_STATUSES]
        if errors:
            raise engine.EngineError(f"{len(errors)} document(s) refused while rebuilding: {errors[0]}")

    with ThreadPoolExecutor(max_workers=threads) as pool:
        while True:
            chunk = list(items_to_index().filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:chunk_size])
            if not chunk:
                break
            last = chunk[-1]
            versions = dict(IndexState.objects.filter(ids_condition(chunk)).values_list("item_id", "version"))
            documents = documents_for(chunk)
            operations = [({"index": {"_index": index, "_id": str(pk), "version": versions.get(pk, 0),
                                      "version_type": "external_gte"}}, doc) for pk, doc in documents.items()]
            pending.append(pool.submit(send, operations))
            while len(pending) > threads:  # keep memory bounded: at most a few chunks in flight
                pending.pop(0).result()
            done += len(operations)
            if progress:
                progress(done)
        for future in pending:
            future.result()
    return done


def _load_trails(index: str, chunk_size: int) -> int:
    """Bulk-index every published story trail into ``index`` (few, beside the items); how many."""
    done, last = 0, 0
    while True:
        chunk = list(trails_to_index().filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:chunk_size])
        if not chunk:
            return done
        last = chunk[-1]
        versions = dict(TrailIndexState.objects.filter(trail_id__in=chunk).values_list("trail_id", "version"))
        operations = [({"index": {"_index": index, "_id": trail_document_id(pk), "version": versions.get(pk, 0),
                                  "version_type": "external_gte"}}, doc)
                      for pk, doc in trail_documents_for(chunk).items()]
        results = engine.bulk(operations, refresh="false", timeout=LOAD_TIMEOUT, require_alias=False)
        errors = [r.get("error") for r in results if r.get("status") not in OK_STATUSES]
        if errors:
            raise engine.EngineError(f"{len(errors)} trail document(s) refused while rebuilding: {errors[0]}")
        done += len(operations)
