"""GET /healthz: 200 with every service up, 503 naming the one that is down."""
import pytest
from django.test import override_settings


@pytest.fixture
def client_(client, db):
    return client


def test_healthy_when_database_and_broker_answer(client_):
    response = client_.get("/healthz")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "ok" and body["down"] == []
    assert body["services"]["database"]["ok"] and body["services"]["broker"]["ok"]


@override_settings(CELERY_BROKER_URL="redis://127.0.0.1:1/0")  # nothing listens on port 1
def test_unavailable_naming_the_broker_when_it_does_not_answer(client_):
    response = client_.get("/healthz")
    assert response.status_code == 503
    assert response.json()["down"] == ["broker"]
    assert response.json()["services"]["broker"]["error"]


@override_settings(SEARCH_URL="http://127.0.0.1:1")
def test_unavailable_naming_the_search_engine_when_it_does_not_answer(client_):
    response = client_.get("/healthz")
    assert response.status_code == 503
    assert response.json()["down"] == ["search"]
