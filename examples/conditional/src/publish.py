# Databricks notebook source
# MAGIC %md
# MAGIC ## Publish
# MAGIC Orders and revenue per day, from whichever branch loaded them.

# COMMAND ----------

import json
import sqlite3
from pathlib import Path

dbutils.widgets.text("warehouse", ".warehouse")
HERE = Path(__file__).resolve().parent if "__file__" in globals() else Path.cwd()
setting = dbutils.widgets.get("warehouse")
folder = Path(setting) if Path(setting).is_absolute() else HERE / setting
db = sqlite3.connect(folder / "warehouse.db")

days = db.execute("SELECT order_date, COUNT(*), ROUND(SUM(amount), 2) FROM orders GROUP BY order_date ORDER BY order_date").fetchall()
for day, orders, revenue in days:
    print(f"{day}  {orders:>4} orders  {revenue:>10.2f}")
dbutils.notebook.exit(json.dumps({"days": len(days), "orders": sum(d[1] for d in days)}))
