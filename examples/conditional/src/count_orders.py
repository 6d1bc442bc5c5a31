# Databricks notebook source
# MAGIC %md
# MAGIC ## Count orders
# MAGIC Counts the orders of `run_date` in the landing file and hands the number to the condition
# MAGIC task as the task value `order_count`.

# COMMAND ----------

import csv
import json
from pathlib import Path

dbutils.widgets.text("run_date", "2026-11-20")
run_date = dbutils.widgets.get("run_date")

HERE = Path(__file__).resolve().parent if "__file__" in globals() else Path.cwd()
with (HERE / "data" / "orders.csv").open(newline="") as f:
    order_count = sum(1 for row in csv.DictReader(f) if row["order_date"] == run_date)

print(f"{order_count} orders on {run_date}")
dbutils.jobs.taskValues.set(key="order_count", value=order_count)
dbutils.notebook.exit(json.dumps({"run_date": run_date, "order_count": order_count}))
