"""IIIF: Cofio's items in any IIIF viewer, and harvestable by other archives.

- ``presentation``: THE module that builds Presentation API 3 resources (manifests, collections,
  annotation pages, Content Search answers), only through iiif-prezi3 objects;
- ``sources``: what goes into a manifest, one function per choice (which descriptions, which region
  tags), so that moderation can later narrow them in one place each;
- ``links``: every public IIIF URL, from the request's host;
- ``image``: the Image API 3 level-0 service over the ingest pipeline's static tiles;
- ``collections``: paging the whole archive and each Cofio collection;
- ``content_search``: Content Search API 2.0 (through the search engine) and autocomplete;
- ``caching``: manifests cached per item version, with ETags; ``receivers`` keep the version honest;
- ``linked_data``: the item as schema.org JSON-LD (the manifest's ``seeAlso``).

Access is decided by :mod:`archive.access` only; the views (``api/views/iiif.py``) ask it.
"""
