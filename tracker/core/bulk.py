"""Plain-row inserts for the hot paths of ingest and linking.

`bulk_create` builds a model instance for every row and compiles every value through the
field machinery; on the ingest path that was most of the time spent storing links, evidence
and their history. `rows_insert` takes plain values in column order and hands them to one
`executemany` per chunk. It sends no signals, calls no save() and returns no ids, so it is
for rows nothing else needs to hear about: evidence of a new link, history rows. `history_copy`
writes the django-simple-history rows of stored rows in one INSERT ... SELECT; `rows_update`
sets a few columns of many rows by primary key.
Values are Python values of the field's type; dates and datetimes are adapted for the
database as Django would, the rest (ints, strings, floats, booleans, None) go as they are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import islice
from typing import Any

from django.db import connection, models
from django.utils import timezone

CHUNK = 2000


def _adapter(field: models.Field) -> Callable[[Any], Any] | None:
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        return ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    if isinstance(field, models.DecimalField | models.JSONField | models.UUIDField):
        return lambda value: field.get_db_prep_save(value, connection)
    return None


def _filler(field: models.Field, now) -> tuple[bool, Any]:
    """The value a field left out of `columns` gets, if it can have one: its default ("" for
    text without one), None if nullable, now for auto_now(_add)."""
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return True, now
    value = field.get_default()  # the default, else "" for text, else None
    return value is not None or field.null, value


def rows_insert(
    model: type[models.Model],
    columns: Sequence[str],
    rows: Iterable[Sequence],
    *,
    ignore_conflicts: bool = False,
) -> int:
    """Insert `rows` (tuples of values for the fields named in `columns`); returns how many.

    Fields left out get their default (one value for all rows, so no callable defaults that
    must differ per row) or, for auto_now and auto_now_add, the time of the call. With
    `ignore_conflicts`, a row that would break a unique constraint is skipped (ON CONFLICT DO
    NOTHING, on SQLite and PostgreSQL alike) and the count is of the rows inserted."""
    meta = model._meta
    fields = [meta.get_field(name) for name in columns]
    given = {field.attname for field in fields}
    extra: list[Any] = []
    now = timezone.now()
    for field in meta.concrete_fields:
        if field.attname in given or field.primary_key:
            continue
        known, value = _filler(field, now)
        if known:
            fields.append(field)
            adapt = _adapter(field)
            extra.append(adapt(value) if adapt and value is not None else value)
    quote = connection.ops.quote_name
    # Names come from the model's own metadata, quoted; values go as parameters.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        quote(meta.db_table),
        ", ".join(quote(field.column) for field in fields),
        ", ".join(["%s"] * len(fields)),
    )
    conflict = " ON CONFLICT DO NOTHING" if ignore_conflicts else ""
    # Only the given columns are adapted row by row; the filled-in ones were adapted once.
    adapters = [(i, a) for i, a in enumerate(map(_adapter, fields[: len(columns)])) if a]
    tail = tuple(extra)
    count = 0
    it = iter(rows)
    with connection.cursor() as cursor:
        while chunk := list(islice(it, CHUNK)):
            if adapters:
                chunk = [_adapt(row, adapters) for row in chunk]
            if tail:
                chunk = [(*row, *tail) for row in chunk]
            _execute_rows(cursor, sql, chunk, conflict=conflict)
            # A chunk is one statement, so the driver's count is the chunk's (skipped rows
            # left out); without conflicts every row is inserted.
            count += cursor.rowcount if conflict else len(chunk)
    return count


def _execute_rows(cursor, sql: str, rows: list, *, conflict: str = "") -> None:
    """One INSERT per row with SQLite (in process, executemany is the fast way); with PostgreSQL,
    whose executemany makes a round trip per row, one multi-row INSERT per chunk. `conflict` is
    an ON CONFLICT clause for the end of the statement (or "")."""
    if connection.vendor == "postgresql":
        head, _, values = sql.rpartition(" VALUES ")
        _execute_values(cursor, f"{head} VALUES %s{conflict}", rows, template=values)
    else:
        cursor.executemany(f"{sql}{conflict}", rows)


def _execute_values(cursor, sql: str, rows: Sequence[Sequence], *, template: str) -> None:
    """PostgreSQL: `sql` with its one `VALUES %s` filled by rows of `template`, CHUNK rows per
    statement (psycopg2's execute_values on the driver's cursor; its errors raised as Django's)."""
    from psycopg2.extras import execute_values

    with connection.wrap_database_errors:
        execute_values(cursor.cursor, sql, rows, template=template, page_size=CHUNK)


def _adapt(row: Sequence, adapters: list[tuple[int, Callable[[Any], Any]]]) -> list:
    values = list(row)
    for i, adapt in adapters:
        if values[i] is not None:
            values[i] = adapt(values[i])
    return values


def history_copy(
    model: type[models.Model],
    ids: Sequence[int],
    *,
    history_type: str = "+",
    user_id: int | None = None,
) -> int:
    """The django-simple-history rows of the stored rows `ids` of `model`, copied from the table
    in one INSERT ... SELECT per chunk (no instances built on either side); returns how many."""
    history = model.history.model
    columns = [field.column for field in history.tracked_fields]
    quote = connection.ops.quote_name
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    extra = ["history_date", "history_type", "history_user_id", "history_change_reason"]
    count = 0
    with connection.cursor() as cursor:
        for start in range(0, len(ids), CHUNK):
            chunk = list(ids[start : start + CHUNK])
            # Names come from the models' metadata, quoted; values go as parameters.
            sql = "INSERT INTO {} ({}) SELECT {}, %s, %s, %s, %s FROM {} WHERE {} IN ({})".format(  # noqa: S608
                quote(history._meta.db_table),
                ", ".join(quote(c) for c in [*columns, *extra]),
                ", ".join(quote(c) for c in columns),
                quote(model._meta.db_table),
                quote(model._meta.pk.column),
                ", ".join(["%s"] * len(chunk)),
            )
            cursor.execute(sql, [now, history_type, user_id, "", *chunk])
            count += cursor.rowcount
    return count


def rows_update(
    model: type[models.Model], columns: Sequence[str], rows: Sequence[Sequence]
) -> None:
    """Set the fields named in `columns` on many rows: `rows` are (pk, *values), values as the
    driver takes them (ints, strings, bytes, None). No signals, no history, no auto_now.

    SQLite: one executemany (in process, the fast way). PostgreSQL: one UPDATE ... FROM (VALUES
    ...) per chunk, values cast to their column types (executemany would make a round trip per
    row; bulk_update's CASE WHEN expressions grow with the batch)."""
    if not rows:
        return
    meta = model._meta
    fields = [meta.get_field(name) for name in columns]
    quote = connection.ops.quote_name
    table, pk = quote(meta.db_table), quote(meta.pk.column)
    # Names come from the model's own metadata, quoted; values go as parameters.
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            names = [pk, *(quote(f.column) for f in fields)]
            sets = ", ".join(f"{name} = v.{name}" for name in names[1:])
            casts = ", ".join(f"%s::{f.db_type(connection)}" for f in [meta.pk, *fields])
            sql = (
                f"UPDATE {table} SET {sets} FROM (VALUES %s) AS v ({', '.join(names)}) "  # noqa: S608
                f"WHERE {table}.{pk} = v.{pk}"
            )
            _execute_values(cursor, sql, rows, template=f"({casts})")
        else:
            sets = ", ".join(f"{quote(f.column)} = %s" for f in fields)
            sql = f"UPDATE {table} SET {sets} WHERE {pk} = %s"  # noqa: S608
            cursor.executemany(sql, [(*row[1:], row[0]) for row in rows])
