"""The engine module: both official clients, and what their failures become."""
import pytest
from elasticsearch_dsl import Search
from elasticsearch_dsl.response import Response

from archive.search import engine
from tests.search.conftest import index_pending


@pytest.mark.parametrize("kind", engine.ENGINES)
def test_an_engine_that_cannot_be_reached_is_unavailable_for_either_client(settings, kind):
    settings.SEARCH_ENGINE, settings.SEARCH_URL = kind, "http://127.0.0.1:1"
    with pytest.raises(engine.EngineUnavailable, match="cannot reach the search engine"):
        engine.search_body({"query": {"match_all": {}}})


def test_the_elasticsearch_client_refuses_an_opensearch_node(settings):
    settings.SEARCH_ENGINE = "elasticsearch"  # the node the tests run is OpenSearch
    with pytest.raises(engine.EngineError):
        engine.engine_health()


def test_an_unknown_engine_is_named(settings):
    settings.SEARCH_ENGINE = "solr"
    with pytest.raises(engine.EngineError, match="SEARCH_ENGINE must be one of elasticsearch, opensearch"):
        engine.search_body({})


def test_searches_come_back_as_the_dsl_s_response(db, search_index):
    response = engine.search(Search().extra(track_total_hits=True)[:0])
    assert isinstance(response, Response) and response.hits.total.value == 0


def test_a_refused_request_is_an_error_not_an_outage(db, search_index):
    with pytest.raises(engine.EngineError) as refused:
        engine.search_body({"query": {"no_such_query": {}}})
    assert refused.value.status == 400 and not isinstance(refused.value, engine.EngineUnavailable)


def test_a_search_sent_ahead_answers_later_as_the_same_search_would(db, search_index, settings, make_item):
    make_item("Côr meibion")
    index_pending()
    body = {"query": {"match": {"all_text": "côr"}}, "track_total_hits": True}
    answer = engine.search_sent(body)
    assert answer.result(timeout=30)["hits"]["total"]["value"] == 1
    assert engine.search_body(body)["hits"]["total"]["value"] == 1
    with pytest.raises(engine.EngineError) as refused:  # the engine's refusal comes out of result(), translated
        engine.search_sent({"query": {"no_such_query": {}}}).result(timeout=30)
    assert refused.value.status == 400 and not isinstance(refused.value, engine.EngineUnavailable)
    settings.SEARCH_URL = "http://127.0.0.1:1"
    with pytest.raises(engine.EngineUnavailable):
        engine.search_sent(body).result(timeout=30)
