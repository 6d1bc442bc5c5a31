"""``from databricks.sdk.runtime import dbutils, spark, display`` in the local workspace."""
from jobs_local_runtime.dbutils import dbutils as _dbutils
from jobs_local_runtime.spark import display, displayHTML, spark

dbutils = _dbutils()


def getArgument(name, defaultValue=None):
    return dbutils.widgets.getArgument(name, defaultValue)


__all__ = ["dbutils", "spark", "display", "displayHTML", "getArgument"]
