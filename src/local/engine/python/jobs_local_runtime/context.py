"""The task file the engine wrote, read once per process."""
import json
import os

_TASK = None


def task():
    """The task description, or None when not running under the local engine (a plain python3)."""
    global _TASK
    if _TASK is None:
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
