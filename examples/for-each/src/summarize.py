# Databricks notebook source
# MAGIC %md
# MAGIC ## Summarize
# MAGIC Sales and amount per region, after every iteration has loaded its region.

# COMMAND ----------

import json
import sqlite3
from pathlib import Path

dbutils.widgets.text("warehouse", ".warehouse")
HERE = Path(__file__).resolve().parent if "__file__" in globals() else Path.cwd()
setting = dbutils.widgets.get("warehouse")
folder = Path(setting) if Path(setting).is_absolute() else HERE / setting
db = sqlite3.connect(folder / "warehouse.db")

rows = db.execute("SELECT region, COUNT(*), ROUND(SUM(amount), 2) FROM sales GROUP BY region ORDER BY region").fetchall()
for region, sales, amount in rows:
    print(f"{region:<6} {sales:>4} sales  {amount:>10.2f}")
dbutils.notebook.exit(json.dumps({"regions": len(rows), "sales": sum(r[1] for r in rows)}))
