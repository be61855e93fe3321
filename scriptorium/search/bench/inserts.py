"""Fast bulk inserts for the benchmark corpus: COPY on PostgreSQL, ``executemany`` on SQLite.

Rows are plain tuples of the columns named; every other column of the table gets its model default (so a column
another feature adds later with a default does not break the generator). No model instances, no signals.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.db import connection, models
from django.utils import timezone


class TableWriter:
    """Writes rows of ``fields`` (model field names, in this order) into ``model``'s table."""

    def __init__(self, model: type[models.Model], fields: Sequence[str]) -> None:
        opts = model._meta
        self.table = opts.db_table
        given = [opts.get_field(name) for name in fields]
        now = timezone.now()
        extra = []
        extra_values = []
        for field in opts.concrete_fields:
            if field in given or (field.primary_key and isinstance(field, models.AutoField)):
                continue
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                value = now if isinstance(field, models.DateTimeField) else now.date()
            else:
                value = field.get_default()
            extra.append(field)
            extra_values.append(field.get_db_prep_save(value, connection))
        self.columns = [f.column for f in given + extra]
        self.extra = tuple(extra_values)

    def write(self, rows: Sequence[tuple]) -> None:
        if not rows:
            return
        quote = connection.ops.quote_name
        columns = ", ".join(quote(c) for c in self.columns)
        extra = self.extra
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {quote(self.table)} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row + extra)
            else:
                marks = ", ".join(["%s"] * len(self.columns))
                sql = f"INSERT INTO {quote(self.table)} ({columns}) VALUES ({marks})"  # noqa: S608 - names from the models
                cursor.executemany(sql, [row + extra for row in rows])


def adapt_date(value: datetime.date | None) -> object:
    return connection.ops.adapt_datefield_value(value)


def adapt_datetime(value: datetime.datetime | None) -> object:
    return connection.ops.adapt_datetimefield_value(value)


def reset_sequences(models_: Sequence[type[models.Model]]) -> None:
    """After inserting explicit ids (PostgreSQL): move the id sequences past them."""
    from django.core.management.color import no_style

    statements = connection.ops.sequence_reset_sql(no_style(), list(models_))
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def analyze() -> None:
    """Refresh the planner's statistics, as autovacuum (PostgreSQL) or ``PRAGMA optimize`` (SQLite) would."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
