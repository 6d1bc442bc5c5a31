"""Entry point: ``python3 -m jobs_local_runtime`` (the task description in JOBS_LOCAL_TASK_JSON
or the file JOBS_LOCAL_TASK).

Exit status 0 means success. The result file gets what the engine cannot see from outside:
task values, the notebook's exit value, and on failure the error (the traceback's last line)
and the traceback, with this runtime's own frames left out. Modules are imported only when
needed: every task pays for this file's imports.
"""
import os
import sys

from . import context
from .dbutils import NotebookExit, values_set

_HERE = os.path.dirname(os.path.abspath(__file__))


def run_python(task):
    import runpy  # noqa: PLC0415

    sys.argv = [task["entry"]] + task.get("argv", [])
    sys.path[0] = os.path.dirname(task["entry"])
    runpy.run_path(task["entry"], run_name="__main__")


def run_wheel(task):
    import importlib  # noqa: PLC0415 - only wheels need these
    import re  # noqa: PLC0415
    from importlib import metadata  # noqa: PLC0415

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


def report(exc):
    import traceback  # noqa: PLC0415 - only failures need it

    te = traceback.TracebackException.from_exception(exc)
    te.stack[:] = [f for f in te.stack if not f.filename.startswith(_HERE) and not f.filename.endswith("runpy.py")]
    trace = "".join(te.format())
    sys.stderr.write(trace)
    last = "".join(te.format_exception_only()).strip().splitlines()
    return {"error": last[-1] if last else type(exc).__name__, "trace": trace}


def run(task):
    """Runs the task; returns (exit status, what goes in the result file)."""
    kind = task["kind"]
    try:
        if kind == "python":
            run_python(task)
        elif kind == "wheel":
            run_wheel(task)
        else:
            from . import notebook  # noqa: PLC0415

            notebook.run(task)
    except NotebookExit as e:
        return 0, {"exit": e.value}
    except SystemExit as e:
        if e.code is None or e.code == 0:
            return 0, {}
        message = "SystemExit: %s" % (e.code,)
        if not isinstance(e.code, int):
            sys.stderr.write("%s\n" % (e.code,))
        return (e.code if isinstance(e.code, int) else 1), {"error": {"error": message, "trace": message}}
    except BaseException as e:  # noqa: BLE001 - every failure of user code is reported, then fails the task
        return 1, {"error": report(e)}
    return 0, {}


def main():
    task = context.task()
    if task is None:
        sys.stderr.write("JOBS_LOCAL_TASK is not set: this runtime is started by the jobs-as-code local engine\n")
        return 2
    os.chdir(task["cwd"])
    code, result = run(task)
    values = values_set()
    if values:
        result["values"] = values
    if result:
        context.write_json(task["result_file"], result)
    return code


if __name__ == "__main__":
    sys.stdout.flush()
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # os._exit: user code may have left non-daemon threads running; the task is over.
    os._exit(code)
