"""Runs one source notebook (or Python file) of an example the way a job task would, with a
minimal stand-in for dbutils: widgets from a JSON object of parameters, task values kept in a
JSON file shared by the tasks of one "run", and dbutils.notebook.exit printed as the result.

Only for tests of the examples' code before (and independently of) the embedded engine:

    python3 run_notebook.py NOTEBOOK TASK_KEY PARAMS_JSON VALUES_FILE [ARG...]
"""
import json
import runpy
import sys
from pathlib import Path

notebook, task_key, params_json, values_file, *argv = sys.argv[1:]
params = json.loads(params_json)
values_path = Path(values_file)
values = json.loads(values_path.read_text()) if values_path.exists() else {}


class NotebookExit(Exception):
    pass


class Widgets:
    def __init__(self):
        self.defaults = {}

    def _define(self, name, default="", *_args, **_kwargs):
        self.defaults[name] = default

    text = dropdown = combobox = multiselect = _define

    def get(self, name):
        if name in params:
            return params[name]
        if name in self.defaults:
            return self.defaults[name]
        raise ValueError(f"No input widget named {name} is defined")


class TaskValues:
    def set(self, key, value):
        values.setdefault(task_key, {})[key] = value
        values_path.write_text(json.dumps(values))

    def get(self, taskKey, key, default=None, debugValue=None):
        return values.get(taskKey, {}).get(key, default)


class Jobs:
    taskValues = TaskValues()


class Notebook:
    def exit(self, value):
        raise NotebookExit(value)


class DBUtils:
    widgets = Widgets()
    jobs = Jobs()
    notebook = Notebook()


sys.argv = [notebook, *argv]
sys.path.insert(0, str(Path(notebook).resolve().parent))
try:
    runpy.run_path(notebook, init_globals={"dbutils": DBUtils()}, run_name="__main__")
except NotebookExit as e:
    print(f"exit value: {e.args[0]}")
