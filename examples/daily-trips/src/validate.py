# Databricks notebook source
# MAGIC %md
# MAGIC ## Validate
# MAGIC Counts the rows of `source_table` and fails with a clear message when there are fewer than
# MAGIC `min_rows`. Passes `status` and `row_count` to later tasks as task values, and exits with a
# MAGIC small JSON status.

# COMMAND ----------

import csv
import json
import sqlite3
from pathlib import Path

dbutils.widgets.text("source_table", "samples.nyctaxi.trips")
dbutils.widgets.text("min_rows", "100")
dbutils.widgets.text("warehouse", ".warehouse")
source_table = dbutils.widgets.get("source_table")
min_rows = int(dbutils.widgets.get("min_rows"))

# COMMAND ----------

# This notebook's folder (src/): data ships beside the code, and relative warehouse paths start
# here. A notebook has no __file__ on Databricks, where its folder is the working directory.
HERE = Path(__file__).resolve().parent if "__file__" in globals() else Path.cwd()


def open_warehouse(setting: str) -> sqlite3.Connection:
    folder = Path(setting) if Path(setting).is_absolute() else HERE / setting
    folder.mkdir(parents=True, exist_ok=True)
    return sqlite3.connect(folder / "warehouse.db")


db = open_warehouse(dbutils.widgets.get("warehouse"))
exists = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (source_table,)).fetchone()
if not exists:
    # First run: load the sample shipped with the example (data/<table>.csv).
    sample = HERE / "data" / f"{source_table}.csv"
    if not sample.exists():
        raise FileNotFoundError(f"table {source_table} does not exist and there is no sample at {sample}")
    with sample.open(newline="") as f:
        rows = list(csv.reader(f))
    header, data = rows[0], rows[1:]
    db.execute(f'CREATE TABLE "{source_table}" ({", ".join(header)})')
    db.executemany(f'INSERT INTO "{source_table}" VALUES ({", ".join("?" for _ in header)})', data)
    db.commit()
    print(f"loaded {len(data)} rows into {source_table} from {sample.name}")

# COMMAND ----------

row_count = db.execute(f'SELECT COUNT(*) FROM "{source_table}"').fetchone()[0]
print(f"{source_table}: {row_count} rows (minimum {min_rows})")
if row_count < min_rows:
    raise ValueError(f"{source_table} has {row_count} rows, fewer than min_rows={min_rows}")

status = {"status": "ok", "source_table": source_table, "row_count": row_count}
dbutils.jobs.taskValues.set(key="status", value="ok")
dbutils.jobs.taskValues.set(key="row_count", value=row_count)
dbutils.notebook.exit(json.dumps(status))
