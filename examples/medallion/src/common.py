"""Shared helpers for the medallion tasks: arguments, the SQLite "catalog", and logging.

The course runs these steps with Spark on Delta tables. Here each layer is a table in a SQLite
database named after the catalog, so the pipeline runs anywhere Python does: on the embedded
workspace, on a laptop, or as a plain Python task on Databricks.
"""
import argparse
import os
import sqlite3
from pathlib import Path

# The code folder (src/): the raw data ships in src/data, and relative paths start here.
CODE_DIR = Path(__file__).resolve().parent


def parse_args(*extra: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("--catalog", required=True)
    parser.add_argument("--warehouse", default=os.environ.get("MEDALLION_WAREHOUSE", ".warehouse"))
    for name in extra:
        parser.add_argument(name, required=True)
    return parser.parse_args()


def connect(catalog: str, warehouse: str) -> sqlite3.Connection:
    """Opens the catalog's database in the warehouse folder (relative: to the code folder).

    Every task of a run must open the same file, whatever directory the runner starts it in, so
    the folder is never taken from the working directory.
    """
    folder = Path(warehouse)
    if not folder.is_absolute():
        folder = CODE_DIR / folder
    folder.mkdir(parents=True, exist_ok=True)
    return sqlite3.connect(folder / f"{catalog}.db")


def source_dir(path: str) -> Path:
    """Relative source paths are relative to the bundle (synced next to the code)."""
    p = Path(path)
    return p if p.is_absolute() else CODE_DIR / p


def replace_table(db: sqlite3.Connection, name: str, columns: list[str], rows: list[tuple]) -> None:
    db.execute(f"DROP TABLE IF EXISTS {name}")
    db.execute(f"CREATE TABLE {name} ({', '.join(columns)})")
    db.executemany(f"INSERT INTO {name} VALUES ({', '.join('?' for _ in columns)})", rows)
    db.commit()
    print(f"{name}: {len(rows)} rows")
