"""Search: what visitors may see, indexed in Elasticsearch or OpenSearch and kept in step with the database.

- ``registry``: every indexed field and every facet, declared once;
- ``documents``: which items are indexed and the document made for each;
- ``engine``: the one module that talks to the engine (and knows which one it is);
- ``query``/``results``/``selectors``: searches, facets, suggestions, "more like this";
- ``indexing``/``receivers``/``tasks``: the outbox, updates through Celery, and rebuilds.

Only public, ready items are indexed (``items_visible_to(AnonymousUser())``): search is the
public catalogue for everyone, members and curators included; members-only and private items
are found through the item lists, not here. Published story trails share the index
(``type: "trail"``, documents ``trail-<id>``) as a visitor is shown them; drafts never do.
"""
