"""``spark`` and ``display`` for local code.

``spark`` is a stand-in that creates a local SparkSession on first use when pyspark is
installed for this python3, and otherwise fails with an error that names pyspark, instead of a
bare NameError. Importing pyspark is slow, so nothing happens until the code touches ``spark``.
"""
import os
import sys


class SparkUnavailable(RuntimeError):
    pass


class LocalSpark:
    _session = None

    def _get(self):
        if LocalSpark._session is None:
            try:
                from pyspark.sql import SparkSession  # noqa: PLC0415 - loaded only when used
            except ImportError:
                raise SparkUnavailable(
                    "spark is not available in the local workspace: pyspark is not installed for %s. "
                    "Install pyspark for that interpreter to run Spark code locally (jobs-as-code installs nothing)."
                    % sys.executable) from None
            builder = SparkSession.builder.master(os.environ.get("JOBS_LOCAL_SPARK_MASTER", "local[*]"))
            LocalSpark._session = builder.appName("jobs-as-code local task").getOrCreate()
        return LocalSpark._session

    def __getattr__(self, name):
        return getattr(self._get(), name)

    def __repr__(self):
        return "<spark (local; created on first use)>"


spark = LocalSpark()


def display(value, *args, **kwargs):
    """Prints what the notebook UI would render: DataFrames with show(), others as text."""
    show = getattr(value, "show", None)
    if callable(show) and type(value).__module__.startswith("pyspark"):
        show()
    elif hasattr(value, "to_string"):
        print(value.to_string())
    else:
        print(value)


def displayHTML(html):
    print(html)
