"""The events log into DuckDB: plain and gzip-rotated files (events.log, events.log.1.gz)
read together and streamed, each line one JSON object as hosting/nginx.conf writes it,
{"t": time, "b": the beacon's body as a JSON string}. A line that is not that (binary
junk, JSON cut off, a megabyte-long line, wrong types, an unknown event) is skipped and
counted, never fatal. DuckDB reads newline-delimited JSON, plain or gzip, larger than
memory; the aggregation is SQL."""

from __future__ import annotations

from pathlib import Path

import duckdb

EVENTS = ("search", "click", "vote", "copy")
MAX_LINE = 1 << 20  # a longer line is junk: nginx writes at most a 2 KB body


def connect(work: Path) -> duckdb.DuckDBPyConnection:
    """A database file under `work`, so a large log spills to disk instead of memory."""
    con = duckdb.connect(str(work / "events.duckdb"))
    con.execute("SET memory_limit = '600MB'; SET threads = 2; SET preserve_insertion_order = false;")
    con.execute(f"SET temp_directory = '{work / 'spill'}'")
    return con


def load(con: duckdb.DuckDBPyConnection, logs: list[Path]) -> tuple[int, int]:
    """Fill table `events` (one row per usable event); (lines read, lines skipped)."""
    files = [str(path) for path in logs]
    con.execute(f"""
        CREATE OR REPLACE TABLE lines AS
        SELECT CASE WHEN json_type(json->'t') = 'VARCHAR' AND json_type(json->'b') = 'VARCHAR'
                         AND json_valid(json->>'b') THEN json->>'t' END AS t,
               CASE WHEN json_type(json->'t') = 'VARCHAR' AND json_type(json->'b') = 'VARCHAR'
                         AND json_valid(json->>'b') THEN (json->>'b')::JSON END AS b
        FROM read_json_objects(?, format = 'newline_delimited', ignore_errors = true,
                               maximum_object_size = {MAX_LINE})""", [files])
    con.execute(f"""
        CREATE OR REPLACE TABLE events AS
        SELECT try_cast(t AS TIMESTAMPTZ) AS logged,
               left(t, 10) AS day,  -- the date as the server's clock wrote it
               b->>'s' AS visit,
               try_cast(b->>'n' AS BIGINT) AS seq,
               b->>'e' AS kind,
               CASE WHEN json_type(b->'q') = 'VARCHAR' THEN b->>'q' END AS query,
               try_cast(b->>'r' AS INTEGER) AS results,
               try_cast(b->>'none' AS BOOLEAN) AS nothing,
               CASE WHEN json_type(b->'id') IN ('VARCHAR', 'BIGINT', 'UBIGINT') THEN b->>'id' END AS issue,
               try_cast(b->>'rank' AS INTEGER) AS rank,
               try_cast(b->>'helpful' AS BOOLEAN) AS helpful,
               b->>'what' AS what,
               CASE WHEN json_type(b->'p') = 'VARCHAR' THEN b->>'p' END AS product  -- a help center's product page
        FROM lines
        WHERE b IS NOT NULL AND json_type(b) = 'OBJECT' AND try_cast(t AS TIMESTAMPTZ) IS NOT NULL
          AND json_type(b->'s') = 'VARCHAR' AND (b->>'e') IN {EVENTS}""")
    read = con.execute("SELECT count(*) FROM lines").fetchone()[0]
    usable = con.execute("SELECT count(*) FROM events").fetchone()[0]
    con.execute("DROP TABLE lines")
    return read, read - usable
