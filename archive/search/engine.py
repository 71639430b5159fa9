"""The one module that talks to the search engine, and the only one that knows which engine it is.

elasticsearch-dsl builds every request body elsewhere; here they are sent through the official
client of the engine in use (``SEARCH_ENGINE``): the ``elasticsearch`` 8.x client for
Elasticsearch 8/9, ``opensearch-py`` for OpenSearch 2/3. Search responses come back as the
DSL's :class:`~elasticsearch_dsl.response.Response`. Any failure becomes
:class:`EngineUnavailable` (cannot reach it, or it is overloaded: try again later) or
:class:`EngineError` (it refused the request). The client makes no retries of its own: callers
(Celery tasks) decide when to try again.
"""
import json
import os
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager

from django.conf import settings
from elasticsearch_dsl import Search
from elasticsearch_dsl.response import Response

ENGINES = ("elasticsearch", "opensearch")
_clients: dict[tuple, "_Adapter"] = {}


class EngineError(Exception):
    """The engine refused a request (``status`` is its HTTP status, when there was one)."""

    def __init__(self, message: str, status: int | None = None, kind: str = ""):
        super().__init__(message)
        self.status, self.kind = status, kind


class EngineUnavailable(EngineError):
    """The engine could not be reached, timed out, or is overloaded: try again later."""


def search_enabled() -> bool:
    """Whether a search engine is configured (``SEARCH_URL``); without one, search is off."""
    return bool(settings.SEARCH_URL)


def alias() -> str:
    """The alias every search and update goes through: ``<SEARCH_INDEX_PREFIX>-items``."""
    return f"{settings.SEARCH_INDEX_PREFIX}-items"


def _status_error(message: str, status, kind: str = "") -> EngineError:
    status = status if isinstance(status, int) else None
    retry = status is None or status == 429 or status >= 500
    return (EngineUnavailable if retry else EngineError)(message, status, kind)


class _Adapter:
    """The few calls Cofio makes, on one client; subclasses speak each client's dialect.

    ``search``, ``bulk``, ``create``, ``delete``, ``aliases``, ``update_aliases``, ``put_settings``,
    ``refresh``, ``get``, ``scan`` and ``health`` map one to one onto the engine's REST calls and
    return its JSON; ``translate`` turns the client's exceptions into EngineError/EngineUnavailable.
    """

    def __init__(self, url: str, timeout: float):
        self.url, self.timeout = url, timeout

    def translate(self, exc: Exception) -> EngineError | None:
        raise NotImplementedError


class _OpenSearch(_Adapter):
    def __init__(self, url, timeout):
        super().__init__(url, timeout)
        from opensearchpy import OpenSearch, helpers

        self.helpers = helpers
        options = {"ca_certs": settings.SEARCH_CA_CERTS} if settings.SEARCH_CA_CERTS else {}
        self.client = OpenSearch(hosts=[url], timeout=timeout, max_retries=0, retry_on_timeout=False,
                                 pool_maxsize=8, **options)

    def translate(self, exc):
        from opensearchpy import exceptions as e

        if isinstance(exc, e.ConnectionError):  # includes ConnectionTimeout
            return EngineUnavailable(f"cannot reach the search engine: {exc}")
        if isinstance(exc, e.TransportError):
            return _status_error(f"search engine: {exc}", exc.status_code, str(exc.error))
        return None

    def search(self, index, body):
        return self.client.search(index=index, body=body)

    def bulk(self, payload: bytes, refresh, timeout, require_alias):
        return self.client.bulk(body=payload, params={"refresh": refresh, "require_alias": str(require_alias).lower(),
                                                      "request_timeout": timeout})

    def create(self, name, body):
        self.client.indices.create(index=name, body=body)

    def delete(self, names):
        self.client.indices.delete(index=",".join(names))

    def aliases(self, pattern):
        return self.client.indices.get_alias(index=pattern, params={"ignore_unavailable": "true"})

    def update_aliases(self, actions):
        self.client.indices.update_aliases(body={"actions": actions})

    def put_settings(self, name, index_settings, timeout):
        self.client.indices.put_settings(index=name, body={"index": index_settings},
                                         params={"request_timeout": timeout})

    def refresh(self, name, timeout):
        self.client.indices.refresh(index=name, params={"request_timeout": timeout})

    def get(self, index, doc_id):
        return self.client.get(index=index, id=doc_id)

    def scan(self, index, query):
        return self.helpers.scan(self.client, index=index, query=query, size=1000)

    def health(self):
        return self.client.info(), self.client.cluster.health()


class _Elasticsearch(_Adapter):
    def __init__(self, url, timeout):
        super().__init__(url, timeout)
        from elasticsearch import Elasticsearch, helpers

        self.helpers = helpers
        options = {"ca_certs": settings.SEARCH_CA_CERTS} if settings.SEARCH_CA_CERTS else {}
        if settings.SEARCH_API_KEY:
            options["api_key"] = settings.SEARCH_API_KEY
        self.client = Elasticsearch(hosts=[url], request_timeout=timeout, max_retries=0, retry_on_timeout=False,
                                    **options)

    def translate(self, exc):
        import elastic_transport
        from elasticsearch import ApiError

        if isinstance(exc, ApiError):
            return _status_error(f"search engine: {exc}", exc.meta.status, str(exc.error))
        if isinstance(exc, elastic_transport.TransportError):  # connection refused, timeouts, TLS
            return EngineUnavailable(f"cannot reach the search engine: {exc}")
        return None

    def search(self, index, body):
        return self.client.search(index=index, body=body).body

    def bulk(self, payload: bytes, refresh, timeout, require_alias):
        return self.client.options(request_timeout=timeout).bulk(
            operations=payload, refresh=refresh, require_alias=require_alias).body

    def create(self, name, body):
        self.client.indices.create(index=name, **body)

    def delete(self, names):
        self.client.indices.delete(index=list(names))

    def aliases(self, pattern):
        return self.client.indices.get_alias(index=pattern, ignore_unavailable=True).body

    def update_aliases(self, actions):
        self.client.indices.update_aliases(actions=actions)

    def put_settings(self, name, index_settings, timeout):
        self.client.options(request_timeout=timeout).indices.put_settings(index=name, settings=index_settings)

    def refresh(self, name, timeout):
        self.client.options(request_timeout=timeout).indices.refresh(index=name)

    def get(self, index, doc_id):
        return self.client.get(index=index, id=doc_id).body

    def scan(self, index, query):
        return self.helpers.scan(self.client, index=index, query=query, size=1000)

    def health(self):
        return self.client.info().body, self.client.cluster.health().body


def _adapter() -> _Adapter:
    if not settings.SEARCH_URL:
        raise EngineUnavailable("search is not configured (SEARCH_URL is empty)")
    engine = settings.SEARCH_ENGINE
    if engine not in ENGINES:
        raise EngineError(f"SEARCH_ENGINE must be one of {', '.join(ENGINES)}, not {engine!r}")
    key = (os.getpid(), engine, settings.SEARCH_URL, settings.SEARCH_TIMEOUT, settings.SEARCH_CA_CERTS,
           settings.SEARCH_API_KEY)
    if key not in _clients:
        cls = _Elasticsearch if engine == "elasticsearch" else _OpenSearch
        _clients[key] = cls(settings.SEARCH_URL, settings.SEARCH_TIMEOUT)
    return _clients[key]


@contextmanager
def _calling(adapter: _Adapter):
    try:
        yield
    except EngineError:
        raise
    except Exception as exc:
        error = adapter.translate(exc)
        if error is None:
            raise
        raise error from exc


def search(s: Search, index: str | None = None) -> Response:
    """Run the DSL search ``s`` on ``index`` (the alias by default); the DSL's Response."""
    return Response(s, search_body(s.to_dict(), index))


def search_body(body: dict, index: str | None = None) -> dict:
    """Send a search request body as it is; the engine's JSON answer."""
    adapter = _adapter()
    with _calling(adapter):
        return adapter.search(index or alias(), body)


_senders: dict[int, ThreadPoolExecutor] = {}  # process id → threads that wait for the engine (none survive a fork)


def search_sent(body: dict, index: str | None = None) -> Future:
    """Send a search request body now and return at once: the Future's ``result()`` is the engine's JSON answer
    (or raises EngineError), so the caller can do other work, such as asking the database, meanwhile."""
    adapter = _adapter()  # configuration errors are raised here, in the caller's thread
    pid = os.getpid()
    if pid not in _senders:
        _senders.clear()
        # Threads are started only as needed: one per search in flight in this process (one, with sync workers).
        _senders[pid] = ThreadPoolExecutor(max_workers=32, thread_name_prefix="search")

    taken = threading.Event()

    def send():
        taken.set()
        with _calling(adapter):
            return adapter.search(index or alias(), body)

    answer = _senders[pid].submit(send)
    taken.wait(timeout=1)  # the sender goes first: the request is on its way before the caller's own work starts
    return answer


def bulk(operations: list[tuple[dict, dict | None]], *, refresh: str | None = None,
         timeout: float | None = None, require_alias: bool = True) -> list[dict]:
    """Send ``(action, source)`` pairs in one bulk request; each action's result, in order.

    Updates go through the alias only (``require_alias``): never to an index the engine would
    create on the fly with guessed mappings. A rebuild loads its new index by name.
    """
    if not operations:
        return []
    lines = []
    for action, source in operations:
        lines.append(json.dumps(action, separators=(",", ":")))
        if source is not None:
            lines.append(json.dumps(source, separators=(",", ":"), ensure_ascii=False, default=str))
    payload = ("\n".join(lines) + "\n").encode()
    adapter = _adapter()
    with _calling(adapter):
        answer = adapter.bulk(payload, refresh or settings.SEARCH_SYNC_REFRESH, timeout or adapter.timeout,
                              require_alias)
    return [next(iter(item.values())) for item in answer["items"]]


def index_create(name: str, body: dict) -> None:
    """Create index ``name`` from a DSL ``Index.to_dict()`` body (settings, mappings, aliases)."""
    adapter = _adapter()
    with _calling(adapter):
        adapter.create(name, body)


def index_delete(*names: str) -> None:
    """Delete these indices."""
    if names:
        adapter = _adapter()
        with _calling(adapter):
            adapter.delete(names)


def indices(pattern: str) -> dict[str, set[str]]:
    """Indices matching ``pattern`` (a wildcard or an alias), each with its aliases."""
    adapter = _adapter()
    try:
        with _calling(adapter):
            answer = adapter.aliases(pattern)
    except EngineError as exc:
        if exc.status == 404:
            return {}
        raise
    return {name: set((info or {}).get("aliases", {})) for name, info in answer.items()}


def aliases_update(actions: list[dict]) -> None:
    """Apply alias actions (add, remove, remove_index) atomically."""
    adapter = _adapter()
    with _calling(adapter):
        adapter.update_aliases(actions)


def index_settings(name: str, index_settings: dict, *, timeout: float | None = None) -> None:
    """Change dynamic settings of an index (refresh interval, replicas…)."""
    adapter = _adapter()
    with _calling(adapter):
        adapter.put_settings(name, index_settings, timeout or adapter.timeout)


def index_refresh(name: str | None = None, *, timeout: float | None = None) -> None:
    """Make every write to ``name`` (the alias by default) visible to searches now.

    ``timeout``: seconds to wait (more than one search's after a rebuild's bulk load).
    """
    adapter = _adapter()
    with _calling(adapter):
        adapter.refresh(name or alias(), timeout or adapter.timeout)


def document(doc_id, index: str | None = None) -> dict | None:
    """The stored source of one document, or None when there is none."""
    adapter = _adapter()
    try:
        with _calling(adapter):
            answer = adapter.get(index or alias(), str(doc_id))
    except EngineError as exc:
        if exc.status == 404:
            return None
        raise
    return answer.get("_source") if answer.get("found") else None


def document_ids(index: str | None = None, kind: str = "item") -> set[int]:
    """The ids of every item (``kind="item"``) or story trail (``"trail"``) in ``index`` (the alias by default),
    read with a scroll."""
    adapter = _adapter()
    with _calling(adapter):
        found = {hit["_id"] for hit in adapter.scan(index or alias(), {"query": {"term": {"type": kind}},
                                                                      "_source": False})}
    return {int(doc_id.rpartition("-")[2]) for doc_id in found}


def engine_health() -> str:
    """A note for /healthz: the engine, its version and cluster status; raises when it cannot be reached."""
    adapter = _adapter()
    with _calling(adapter):
        info, health = adapter.health()
    version = info.get("version", {})
    name = version.get("distribution") or "elasticsearch"
    if health.get("status") == "red":
        raise EngineUnavailable(f"{name} {version.get('number')}: cluster status red")
    return f"{name} {version.get('number')}, cluster {health.get('status')}"
