# Databricks notebook source
# MAGIC %md
# MAGIC ## Report
# MAGIC Totals over `trips_transformed`: trips, revenue, average fare and distance, maximum fare,
# MAGIC printed as a framed daily report. Returns trips and revenue.

# COMMAND ----------

import datetime
import json
import sqlite3
from pathlib import Path

dbutils.widgets.text("warehouse", ".warehouse")

HERE = Path(__file__).resolve().parent if "__file__" in globals() else Path.cwd()


def open_warehouse(setting: str) -> sqlite3.Connection:
    folder = Path(setting) if Path(setting).is_absolute() else HERE / setting
    folder.mkdir(parents=True, exist_ok=True)
    return sqlite3.connect(folder / "warehouse.db")


db = open_warehouse(dbutils.widgets.get("warehouse"))
trips, revenue, avg_fare, avg_distance, max_fare = db.execute(
    "SELECT COUNT(*), ROUND(SUM(fare_amount), 2), ROUND(AVG(fare_amount), 2), ROUND(AVG(trip_distance), 2), MAX(fare_amount)"
    " FROM trips_transformed"
).fetchone()

# COMMAND ----------

lines = [
    "DAILY REPORT",
    f"generated at {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M:%S} UTC",
    "",
    f"total trips      {trips:>10}",
    f"total revenue    {revenue:>10.2f}",
    f"average fare     {avg_fare:>10.2f}",
    f"average distance {avg_distance:>10.2f}",
    f"maximum fare     {max_fare:>10.2f}",
]
width = max(len(line) for line in lines)
print("+" + "-" * (width + 2) + "+")
for line in lines:
    print(f"| {line:<{width}} |")
print("+" + "-" * (width + 2) + "+")

dbutils.jobs.taskValues.set(key="trips", value=trips)
dbutils.jobs.taskValues.set(key="revenue", value=revenue)
dbutils.notebook.exit(json.dumps({"trips": trips, "revenue": revenue}))
