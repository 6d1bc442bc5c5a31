"""The task description the engine passed, read once per process; the results file."""
import json
import os

_TASK = None


def task():
    """The task description, or None when not running under the local engine (a plain python3).

    Small descriptions come inline (JOBS_LOCAL_TASK_JSON: one file less per task), large ones
    as a file (JOBS_LOCAL_TASK).
    """
    global _TASK
    if _TASK is None:
        inline = os.environ.get("JOBS_LOCAL_TASK_JSON")
        if inline:
            _TASK = json.loads(inline)
            return _TASK
        path = os.environ.get("JOBS_LOCAL_TASK")
        if not path:
            return None
        with open(path, encoding="utf-8") as f:
            _TASK = json.load(f)
    return _TASK


def write_json(path, value):
    """Replaces a results file atomically, so the engine never reads half of one."""
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(value, f)
    os.replace(tmp, path)
