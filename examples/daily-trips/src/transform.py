# Databricks notebook source
# MAGIC %md
# MAGIC ## Transform
# MAGIC Adds `trip_duration_minutes`, `cost_per_mile` and `processing_date` to every trip and writes
# MAGIC `trips_transformed`. Reads validate's row count through task values when it ran before
# MAGIC (run alone, the notebook uses the debug value instead).

# COMMAND ----------

import datetime
import json
import sqlite3
from pathlib import Path

dbutils.widgets.text("source_table", "samples.nyctaxi.trips")
dbutils.widgets.text("run_date", "")
dbutils.widgets.text("warehouse", ".warehouse")
source_table = dbutils.widgets.get("source_table")
run_date = dbutils.widgets.get("run_date") or datetime.date.today().isoformat()

validated = dbutils.jobs.taskValues.get(taskKey="validate", key="row_count", default=-1, debugValue=-1)
print(f"validate reported {validated} rows" if validated >= 0 else "validate did not run before this task")

# COMMAND ----------

HERE = Path(__file__).resolve().parent if "__file__" in globals() else Path.cwd()


def open_warehouse(setting: str) -> sqlite3.Connection:
    folder = Path(setting) if Path(setting).is_absolute() else HERE / setting
    folder.mkdir(parents=True, exist_ok=True)
    return sqlite3.connect(folder / "warehouse.db")


def minutes_between(pickup: str, dropoff: str) -> float:
    fmt = "%Y-%m-%d %H:%M:%S"
    delta = datetime.datetime.strptime(dropoff, fmt) - datetime.datetime.strptime(pickup, fmt)
    return round(delta.total_seconds() / 60, 2)


db = open_warehouse(dbutils.widgets.get("warehouse"))
trips = db.execute(
    f'SELECT tpep_pickup_datetime, tpep_dropoff_datetime, trip_distance, fare_amount, pickup_zip, dropoff_zip FROM "{source_table}"'
).fetchall()
rows = []
for pickup, dropoff, distance, fare, pickup_zip, dropoff_zip in trips:
    distance, fare = float(distance), float(fare)
    cost_per_mile = round(fare / distance, 2) if distance > 0 else 0.0
    rows.append((pickup, dropoff, distance, fare, pickup_zip, dropoff_zip, minutes_between(pickup, dropoff), cost_per_mile, run_date))

db.execute("DROP TABLE IF EXISTS trips_transformed")
db.execute(
    "CREATE TABLE trips_transformed (tpep_pickup_datetime, tpep_dropoff_datetime, trip_distance REAL, fare_amount REAL,"
    " pickup_zip, dropoff_zip, trip_duration_minutes REAL, cost_per_mile REAL, processing_date)"
)
db.executemany("INSERT INTO trips_transformed VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
db.commit()
print(f"trips_transformed: {len(rows)} rows for {run_date}")

dbutils.jobs.taskValues.set(key="rows_transformed", value=len(rows))
dbutils.notebook.exit(json.dumps({"rows_transformed": len(rows), "processing_date": run_date}))
