"""Queries about one item, compiled by Django once and then only run, for what manifests are built from.

Every manifest built asks the same queries with another item's id, and compiling them cost Django
several times more than PostgreSQL took to answer. :class:`ItemQuery` keeps the compiled SQL;
:func:`rows_together` runs several in one round trip where the database can.
"""
import threading
from typing import Callable

from django.db import connections
from django.db.models import QuerySet


class ItemQuery:
    """A query about one item whose SQL depends on nothing but the item's id, compiled by Django once (per
    process, thread and database) and then run again for each item; rows are converted exactly as Django
    converts them.

    The query is compiled twice with two different ids as a check: anything else that differs between
    the two (the time, say) is refused, not frozen. (Compiling uses Django's SQL compiler directly,
    ``as_sql()`` and ``results_iter()``; tests/iiif/test_sources.py checks the rows against the ORM's.)
    """

    MARKERS = (-7_340_000_001, -7_340_000_002)  # ids no row has: where each compilation put the item's id

    def __init__(self, make: Callable[[int], QuerySet]):
        self.make = make
        self.local = threading.local()

    def _compile(self):
        compiled = []
        for marker in self.MARKERS:
            queryset = self.make(marker)
            compiler = queryset.query.get_compiler(queryset.db)
            sql, params = compiler.as_sql()
            compiled.append((compiler, sql, list(params), [n for n, value in enumerate(params) if value == marker]))
        (compiler, sql, params, places), (_, other_sql, other_params, other_places) = compiled
        unchanged = [value for n, value in enumerate(params) if n not in places]
        if (not places or places != other_places or sql != other_sql
                or unchanged != [value for n, value in enumerate(other_params) if n not in places]):
            raise ValueError("this query depends on more than the item's id; it cannot be compiled once")
        return compiler, sql, params, places

    def compiled(self):
        """(compiler, SQL, parameters, where the item's id goes), compiled for this thread's connection."""
        compiled = getattr(self.local, "compiled", None)
        if compiled is None or compiled[0].connection is not connections[compiled[0].using]:
            compiled = self.local.compiled = self._compile()
        return compiled

    def statement(self, item_id: int) -> tuple[str, list]:
        """The SQL and parameters that read this query's rows for item ``item_id``."""
        _, sql, params, places = self.compiled()
        return sql, [item_id if n in places else value for n, value in enumerate(params)]

    def converted(self, rows: list[tuple]) -> list[tuple]:
        """Rows as the database gave them, converted as Django converts them (as ``values_list()`` gives them)."""
        return list(self.compiled()[0].results_iter(results=[rows], tuple_expected=True))

    def rows(self, item_id: int) -> list[tuple]:
        """The query's rows for item ``item_id``, as ``values_list()`` would give them."""
        sql, params = self.statement(item_id)
        with self.compiled()[0].connection.cursor() as cursor:
            cursor.execute(sql, params)
            return self.converted(cursor.fetchall())


def _together(connection) -> bool:
    """Whether several statements can go in one round trip: on PostgreSQL with psycopg's client-side binding
    (Django's default), which sends them as one simple query and returns one result set each."""
    return connection.vendor == "postgresql" and not connection.settings_dict["OPTIONS"].get("server_side_binding")


def rows_together(queries: list[ItemQuery], item_id: int) -> list[list[tuple]]:
    """Each query's rows for item ``item_id``: in one round trip where the database allows it, else one by one."""
    connection = queries[0].compiled()[0].connection
    if not _together(connection):
        return [query.rows(item_id) for query in queries]
    statements = [query.statement(item_id) for query in queries]
    results = []
    with connection.cursor() as cursor:
        cursor.execute("; ".join(sql for sql, _ in statements), [value for _, params in statements for value in params])
        for number, query in enumerate(queries):
            if number and not cursor.nextset():
                raise RuntimeError("the database returned fewer result sets than statements sent")
            results.append(query.converted(cursor.fetchall()))
    return results


