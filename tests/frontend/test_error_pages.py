"""A page that is not there (404) and an error of Cofio's own (500): plain, bilingual pages that tell a
visitor what to do and nothing about the archive's insides; JSON for API clients."""
import pytest
from django.template.loader import render_to_string
from django.test import Client

from .html import elements

WELSH_404 = "Ni allwn ddod o hyd i'r dudalen honno"
ENGLISH_404 = "We cannot find that page"
WELSH_500 = "Mae rhywbeth wedi mynd o’i le"
ENGLISH_500 = "Something went wrong"
INSIDES = ("Traceback", "URLconf", "urlpatterns", "api/v1/", "admin/", "DEBUG", "Using the", "Http404")


@pytest.mark.django_db
@pytest.mark.parametrize("language, heading, other", [("cy", WELSH_404, ENGLISH_404), ("en", ENGLISH_404, WELSH_404)])
def test_missing_page_is_a_404_in_the_visitors_language_with_search_and_home(client, settings, language, heading,
                                                                             other):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get("/items/999999/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert [h.text for h in elements(html, "h1")] == [heading] and other not in html
    assert elements(html, "form", action="/search/") and elements(html, "input", name="q")
    assert any(a.attrs.get("href") == "/" for a in elements(html, "a", class_="error-page__home"))
    assert elements(html, "form", action="/i18n/setlang/")  # the language switch, as on every page
    assert not [word for word in INSIDES if word in html]


@pytest.mark.django_db
def test_missing_item_page_says_nothing_of_why(client):
    response = client.get("/items/999999/")  # a view's own Http404 ("No Item matches…") gets the same page
    assert response.status_code == 404
    assert ENGLISH_404 in response.content.decode() and "matches" not in response.content.decode()


@pytest.mark.django_db
def test_api_paths_still_answer_json_404(client):
    for url in ("/api/v1/no-such-thing/", "/api/v1/items/999999/"):
        response = client.get(url, HTTP_ACCEPT="application/json")
        assert response.status_code == 404, url
        assert response["Content-Type"].startswith("application/json"), url
        assert "detail" in response.json(), url


def test_500_page_renders_with_no_context_and_no_database():
    # Django's server_error renders 500.html with an empty context: no request, no context processors. No
    # database access is allowed in this test (pytest-django refuses it), as when the database is down.
    html = render_to_string("500.html")
    assert WELSH_500 in html and ENGLISH_500 in html
    assert [s.attrs["lang"] for s in elements(html, "section")] == ["cy", "en"]
    assert elements(html, "link", rel="stylesheet", href="/static/frontend/cofio.css")
    assert not elements(html, "script") and "style=" not in html


@pytest.mark.urls("tests.frontend.error_urls")
def test_a_failing_page_answers_the_bilingual_500_without_a_traceback():
    client = Client(raise_request_exception=False)
    response = client.get("/test-fails/")
    assert response.status_code == 500
    html = response.content.decode()
    assert WELSH_500 in html and ENGLISH_500 in html
    assert "database is locked" not in html and "Traceback" not in html and "OperationalError" not in html


@pytest.mark.urls("tests.frontend.error_urls")
def test_a_failing_api_call_answers_json_500():
    client = Client(raise_request_exception=False)
    response = client.get("/api/v1/test-fails/")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert "detail" in response.json() and "database is locked" not in response.content.decode()
