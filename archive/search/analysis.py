"""How Welsh and English text is analysed: built-in Lucene parts only, so any engine has them.

- ``FOLDED`` (every text field): words lowercased, the English possessive removed
  ("Troedrhiwfuwch's" → "troedrhiwfuwch") and accents folded ("ŵ ŷ â ô" → "w y a o"), so that
  Welsh typed without its circumflexes still matches. Typos are forgiven at query time
  (fuzziness), which also catches many Welsh mutations ("gapel" ~ "capel", "Nhroedrhiwfuwch").
- ``ENGLISH`` (``.stem`` subfields): as FOLDED, then English stop words and a light stemmer
  ("miners" → "miner"). Lucene has no Welsh stemmer; Welsh text is folded but not stemmed.
- ``PREFIX`` (``.prefix`` subfields, suggestions as you type): FOLDED words cut into their
  beginnings ("tro", "troe", …) when indexed; searched with FOLDED.
"""
from elasticsearch_dsl import Text, analyzer, token_filter

POSSESSIVE = token_filter("cofio_possessive", "stemmer", language="possessive_english")
ENGLISH_STEM = token_filter("cofio_english_stem", "stemmer", language="light_english")
ENGLISH_STOP = token_filter("cofio_english_stop", "stop", stopwords="_english_")
PREFIXES = token_filter("cofio_prefixes", "edge_ngram", min_gram=1, max_gram=20)

FOLDED = analyzer("cofio_folded", tokenizer="standard", filter=["lowercase", POSSESSIVE, "asciifolding"])
ENGLISH = analyzer("cofio_english", tokenizer="standard",
                   filter=["lowercase", POSSESSIVE, "asciifolding", ENGLISH_STOP, ENGLISH_STEM])
PREFIX = analyzer("cofio_prefix", tokenizer="standard", filter=["lowercase", POSSESSIVE, "asciifolding", PREFIXES])


def folded_text(*, stem: bool = False, prefix: bool = False, copy_to: str | None = None) -> Text:
    """A text field analysed with FOLDED, with ``.stem`` (English) and ``.prefix`` subfields when asked."""
    fields = {}
    if stem:
        fields["stem"] = Text(analyzer=ENGLISH)
    if prefix:
        fields["prefix"] = Text(analyzer=PREFIX, search_analyzer=FOLDED)
    options = {"copy_to": copy_to} if copy_to else {}
    return Text(analyzer=FOLDED, **({"fields": fields} if fields else {}), **options)
