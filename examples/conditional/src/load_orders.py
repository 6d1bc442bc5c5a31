# Databricks notebook source
# MAGIC %md
# MAGIC ## Load orders
# MAGIC `mode=full` rebuilds `orders` from every landed order; `mode=incremental` replaces only the
# MAGIC orders of `run_date`. Either way the table ends up the same: the job is idempotent.

# COMMAND ----------

import csv
import json
import sqlite3
from pathlib import Path

dbutils.widgets.text("mode", "incremental")
dbutils.widgets.text("run_date", "2026-11-20")
dbutils.widgets.text("warehouse", ".warehouse")
mode = dbutils.widgets.get("mode")
run_date = dbutils.widgets.get("run_date")

HERE = Path(__file__).resolve().parent if "__file__" in globals() else Path.cwd()
setting = dbutils.widgets.get("warehouse")
folder = Path(setting) if Path(setting).is_absolute() else HERE / setting
folder.mkdir(parents=True, exist_ok=True)
db = sqlite3.connect(folder / "warehouse.db")
db.execute("CREATE TABLE IF NOT EXISTS orders (order_id INTEGER PRIMARY KEY, order_date, customer_id INTEGER, amount REAL)")

# COMMAND ----------

with (HERE / "data" / "orders.csv").open(newline="") as f:
    landed = [r for r in csv.DictReader(f) if mode == "full" or r["order_date"] == run_date]
if mode == "full":
    db.execute("DELETE FROM orders")
else:
    db.execute("DELETE FROM orders WHERE order_date = ?", (run_date,))
db.executemany(
    "INSERT INTO orders VALUES (?, ?, ?, ?)",
    [(int(r["order_id"]), r["order_date"], int(r["customer_id"]), float(r["amount"])) for r in landed],
)
db.commit()
print(f"{mode} load: {len(landed)} orders written")
dbutils.notebook.exit(json.dumps({"mode": mode, "orders_loaded": len(landed)}))
