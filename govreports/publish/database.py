"""The whole dataset as one SQLite database (made with sqlite-utils), for Datasette or any SQLite tool:
a table per table of the data package, with its primary and foreign keys, full-text indexes on the
quotes, and an `about` table saying what the dataset is, its licence and how to cite it."""
from __future__ import annotations

from pathlib import Path

import sqlite_utils

COLUMN_TYPES = {"integer": int, "number": float, "boolean": int, "string": str}
# Trigram full-text indexes find any string of three or more characters: Chinese has no spaces
# between words, which the default tokenizer needs.
FULL_TEXT = {"observations": ["quote"], "glossary_definitions": ["quote"]}


def write(path: Path, package: dict, rows: dict[str, list[list]], about: list[tuple[str, str]]) -> None:
    path.unlink(missing_ok=True)
    db = sqlite_utils.Database(str(path))
    for resource in _referenced_first(package["resources"]):
        schema = resource["schema"]
        names = [f["name"] for f in schema["fields"]]
        keys = [(fk["fields"], fk["reference"]["resource"], fk["reference"]["fields"]) for fk in schema.get("foreignKeys", [])]
        table = db[resource["name"]]
        table.create({f["name"]: COLUMN_TYPES[f["type"]] for f in schema["fields"]}, pk=schema.get("primaryKey"), foreign_keys=keys)
        # The rows as they are (numbers, text, booleans): sqlite-utils' insert_all looks at every value
        # in Python to see whether it needs converting, which took most of the time.
        with db.conn:
            db.conn.executemany(f"INSERT INTO [{resource['name']}] ({', '.join(f'[{n}]' for n in names)}) VALUES ({', '.join('?' * len(names))})",
                                rows[resource["name"]])
    db.index_foreign_keys()
    for name, columns in FULL_TEXT.items():
        db[name].enable_fts(columns, tokenize="trigram")
    db["about"].insert_all(({"key": key, "value": value} for key, value in about), pk="key")
    db.vacuum()
    db.close()


def _referenced_first(resources: list[dict]) -> list[dict]:
    """The tables in an order that creates each one after the tables its foreign keys name."""
    done: list[dict] = []
    waiting = list(resources)
    while waiting:
        names = {r["name"] for r in done}
        ready = [r for r in waiting if all(fk["reference"]["resource"] in names | {r["name"]} for fk in r["schema"].get("foreignKeys", []))]
        if not ready:
            raise ValueError("the data package's foreign keys form a cycle")
        done += ready
        waiting = [r for r in waiting if r not in ready]
    return done
