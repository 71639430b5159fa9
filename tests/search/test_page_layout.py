"""The search page's layout for a phone: the words and a "Filter" button first, the results straight after,
the order and the facets behind "Filter" (a <details>, which opens without JavaScript); every choice stays a
field of the one GET form, so the address keeps it. The browser test measures where the first result starts."""
import pytest

from tests.frontend.html import elements
from tests.search.conftest import index_pending

pytestmark = pytest.mark.usefixtures("search_index")


def _filter(html) -> str:
    """The HTML inside the page's "Filter" disclosure."""
    start = html.index('<details class="search__filter">')
    return html[start:html.index("</details>", start)]


@pytest.mark.parametrize("language, button, chosen", [("en", "Filter", "(1 chosen)"), ("cy", "Hidlo",
                                                                                         "(1 wedi'u dewis)")])
def test_the_facets_and_order_wait_behind_filter_and_the_results_follow(client, make_item, vocabulary, language,
                                                                         button, chosen):
    item = make_item("The chapel choir", place=vocabulary["troed"])
    make_item("The chapel outing", place=vocabulary["rhymni"])
    index_pending()
    html = client.get("/search/", {"q": "chapel", "place": vocabulary["troed"].pk},
                      HTTP_ACCEPT_LANGUAGE=language).content.decode()
    [summary] = elements(html, "summary", class_="search__filter-button")
    assert " ".join(summary.text.split()) == f"{button} {chosen}"
    inside = _filter(html)
    assert 'name="sort"' in inside and 'class="facet"' in inside and 'type="submit"' in inside
    assert f'name="place" value="{vocabulary["troed"].pk}" checked' in inside  # the choice, kept by the form
    assert 'class="cards"' not in inside and f'href="/items/{item.pk}/"' not in inside
    # Before the results: the heading, the words and their button, then Filter; nothing else tall.
    before = html[html.index("<main"):html.index('<ul class="cards">')]
    assert before.count('<input type="search"') == 1 and before.count("<select") == 1  # the select: in Filter
    assert html.index('name="q" id="search-q"') < html.index('<details class="search__filter">') < \
        html.index('<ul class="cards">')
    [form] = elements(html, "form", class_="form search")
    assert (form.attrs["method"], form.attrs["action"]) == ("get", "/search/")


def test_filter_without_choices_says_only_filter(client, make_item):
    make_item("The chapel choir")
    index_pending()
    html = client.get("/search/", {"q": "chapel"}).content.decode()
    [summary] = elements(html, "summary", class_="search__filter-button")
    assert summary.text.strip() == "Filter"
