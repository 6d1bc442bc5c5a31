"""Entry point: ``python3 -m jobs_local_runtime`` with JOBS_LOCAL_TASK naming the task file.

Exit status 0 means success. On failure the error (the traceback's last line) and the
traceback are written to the task's error file, so the engine does not have to guess them from
stderr; frames of this runtime are left out of the traceback the user sees.
"""
import importlib
import os
import re
import runpy
import sys
import traceback

from . import context, notebook
from .dbutils import NotebookExit

_HERE = os.path.dirname(os.path.abspath(__file__))


def run_python(task):
    sys.argv = [task["entry"]] + task.get("argv", [])
    sys.path[0] = os.path.dirname(task["entry"])
    runpy.run_path(task["entry"], run_name="__main__")


def run_wheel(task):
    from importlib import metadata  # noqa: PLC0415 - only wheels need it

    package, name = task["package_name"], task["entry_point"]
    sys.argv = [package] + task.get("argv", [])
    norm = lambda s: re.sub(r"[-_.]+", "-", s or "").lower()  # noqa: E731
    for paths in (task.get("wheels") or None, None):
        for dist in metadata.distributions(**({"path": paths} if paths else {})):
            if norm(dist.metadata["Name"]) == norm(package):
                for ep in dist.entry_points:
                    if ep.name == name:
                        ep.load()()
                        return
        if not task.get("wheels"):
            break
    # Databricks: without such an entry point, call package.entry_point() directly.
    module = importlib.import_module(package.replace("-", "_"))
    getattr(module, name)()


def report(task, exc):
    te = traceback.TracebackException.from_exception(exc)
    te.stack[:] = [f for f in te.stack if not f.filename.startswith(_HERE) and not f.filename.endswith("runpy.py")]
    trace = "".join(te.format())
    sys.stderr.write(trace)
    last = "".join(te.format_exception_only()).strip().splitlines()
    context.write_json(task["error_file"], {"error": last[-1] if last else type(exc).__name__, "trace": trace})


def main():
    task = context.task()
    if task is None:
        sys.stderr.write("JOBS_LOCAL_TASK is not set: this runtime is started by the jobs-as-code local engine\n")
        return 2
    try:
        kind = task["kind"]
        if kind == "python":
            run_python(task)
        elif kind == "wheel":
            run_wheel(task)
        else:
            notebook.run(task)
    except NotebookExit as e:
        context.write_json(task["exit_file"], {"value": e.value})
    except SystemExit as e:
        if e.code is None or e.code == 0:
            return 0
        message = "SystemExit: %s" % (e.code,)
        if not isinstance(e.code, int):
            sys.stderr.write("%s\n" % (e.code,))
        context.write_json(task["error_file"], {"error": message, "trace": message})
        return e.code if isinstance(e.code, int) else 1
    except BaseException as e:  # noqa: BLE001 - every failure of user code is reported, then fails the task
        report(task, e)
        return 1
    return 0


if __name__ == "__main__":
    sys.stdout.flush()
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # os._exit: user code may have left non-daemon threads running; the task is over.
    os._exit(code)
