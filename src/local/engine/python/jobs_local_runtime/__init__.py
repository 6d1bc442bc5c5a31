"""The local workspace's Python runtime: runs one task attempt for the jobs-as-code engine.

The engine writes a task file (JSON, path in JOBS_LOCAL_TASK) and starts
``python3 -m jobs_local_runtime <task file>``; this package reads it, prepares ``dbutils``
(widgets, task values, notebook exit, secrets), runs the script, wheel entry point or notebook,
and leaves its results in files the engine reads back (task values, the notebook's exit value,
the error). Nothing here calls the workspace's HTTP API: files and environment only.
"""
