# Databricks notebook source
# MAGIC %md
# MAGIC ## Load one region
# MAGIC Runs once per region (the for-each input arrives as the `region` widget) and replaces that
# MAGIC region's rows in `sales`, so iterations can run in parallel and be retried safely.

# COMMAND ----------

import csv
import json
import sqlite3
import time
from pathlib import Path

dbutils.widgets.text("region", "EMEA")
dbutils.widgets.text("warehouse", ".warehouse")
region = dbutils.widgets.get("region")

HERE = Path(__file__).resolve().parent if "__file__" in globals() else Path.cwd()
setting = dbutils.widgets.get("warehouse")
folder = Path(setting) if Path(setting).is_absolute() else HERE / setting
folder.mkdir(parents=True, exist_ok=True)

with (HERE / "data" / "sales.csv").open(newline="") as f:
    rows = [(int(r["sale_id"]), r["region"], r["sale_date"], float(r["amount"])) for r in csv.DictReader(f) if r["region"] == region]

# Iterations run concurrently: wait for SQLite's write lock instead of failing on it.
db = sqlite3.connect(folder / "warehouse.db", timeout=30)
for attempt in range(5):
    try:
        with db:
            db.execute("CREATE TABLE IF NOT EXISTS sales (sale_id INTEGER PRIMARY KEY, region, sale_date, amount REAL)")
            db.execute("DELETE FROM sales WHERE region = ?", (region,))
            db.executemany("INSERT INTO sales VALUES (?, ?, ?, ?)", rows)
        break
    except sqlite3.OperationalError:
        time.sleep(0.2 * (attempt + 1))
else:
    raise RuntimeError(f"could not write region {region}: the warehouse stayed locked")

total = round(sum(r[3] for r in rows), 2)
print(f"{region}: {len(rows)} sales, {total:.2f}")
dbutils.notebook.exit(json.dumps({"region": region, "sales": len(rows), "amount": total}))
