# Databricks notebook source
# MAGIC %md
# MAGIC ## List regions
# MAGIC The distinct regions of the sales file, as a JSON list in the task value `regions`: the
# MAGIC for-each task iterates over it.

# COMMAND ----------

import csv
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent if "__file__" in globals() else Path.cwd()
with (HERE / "data" / "sales.csv").open(newline="") as f:
    regions = sorted({row["region"] for row in csv.DictReader(f)})

print(f"regions: {', '.join(regions)}")
dbutils.jobs.taskValues.set(key="regions", value=regions)
dbutils.notebook.exit(json.dumps(regions))
