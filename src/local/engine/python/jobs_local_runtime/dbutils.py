"""A small ``dbutils`` for code run by the local workspace.

Implemented: widgets (text, dropdown, combobox, multiselect, get, getAll, getArgument, remove,
removeAll), jobs.taskValues (set, get with default and debugValue; 48 KiB per value),
notebook.exit, secrets (get, getBytes, list, listScopes) from the data dir's secrets.json.
Everything else raises a clear NotImplementedError instead of pretending to work.
"""
import json

from . import context

TASK_VALUE_LIMIT = 48 * 1024


class InputWidgetNotDefined(Exception):
    """As Databricks names it: a widget was read that the job did not pass and no code defined."""


InputWidgetNotDefined.__module__ = "com.databricks.dbutils_v1"


class NotebookExit(BaseException):
    """Raised by dbutils.notebook.exit; a BaseException so ``except Exception`` does not stop it."""

    def __init__(self, value):
        super().__init__(value)
        self.value = value


class _Unavailable:
    def __init__(self, path):
        self._path = path

    def __getattr__(self, name):
        raise NotImplementedError(
            "dbutils.%s.%s is not available in the local workspace (jobs-as-code implements "
            "widgets, jobs.taskValues, notebook.exit and secrets)" % (self._path, name))


class Widgets:
    def __init__(self, params):
        self._params = dict(params or {})
        self._defaults = {}

    def _define(self, name, default_value, choices=None, must_choose=False):
        if must_choose and choices is not None and default_value not in choices:
            raise ValueError("Default value %r is not one of the choices %r of widget %s" % (default_value, list(choices), name))
        self._defaults[name] = default_value

    def text(self, name, defaultValue="", label=None):
        self._define(name, defaultValue)

    def dropdown(self, name, defaultValue, choices, label=None):
        self._define(name, defaultValue, choices, must_choose=True)

    def combobox(self, name, defaultValue, choices, label=None):
        self._define(name, defaultValue, choices)

    def multiselect(self, name, defaultValue, choices, label=None):
        self._define(name, defaultValue, choices, must_choose=True)

    def get(self, name):
        if name in self._params:
            return self._params[name]
        if name in self._defaults:
            return self._defaults[name]
        raise InputWidgetNotDefined("No input widget named %s is defined" % name)

    def getArgument(self, name, defaultValue=None):
        try:
            return self.get(name)
        except InputWidgetNotDefined:
            return defaultValue

    def getAll(self):
        out = dict(self._defaults)
        out.update(self._params)
        return out

    def remove(self, name):
        self._defaults.pop(name, None)

    def removeAll(self):
        self._defaults.clear()


class TaskValues:
    def __init__(self, task):
        self._task = task
        self._mine = {}

    def mine(self):
        """The values this task set (reported with the task's result)."""
        return dict(self._mine)

    def set(self, key, value):
        text = json.dumps(value)
        if len(text.encode("utf-8")) > TASK_VALUE_LIMIT:
            raise ValueError("Task value %s is %d bytes as JSON; the limit is 48 KiB" % (key, len(text.encode("utf-8"))))
        self._mine[key] = value
        if self._task is not None:
            # Written at once too, so values set before a timeout or a kill are not lost.
            context.write_json(self._task["values_file"], self._mine)

    def get(self, taskKey, key, default=None, debugValue=None):
        if self._task is None:
            # Outside a job run Databricks returns debugValue, and refuses without one.
            if debugValue is None:
                raise TypeError("Must pass debugValue when calling get outside of a job context. debugValue cannot be None.")
            return debugValue
        if taskKey == self._task.get("task_key") and key in self._mine:
            return self._mine[key]
        values = self._task.get("task_values", {}).get(taskKey, {})
        if key in values:
            return values[key]
        if default is not None:
            return default
        raise ValueError("Could not find task value %s for task %s in this run (was it set by an upstream task?)" % (key, taskKey))


class Jobs:
    def __init__(self, task):
        self.taskValues = TaskValues(task)


class Notebook:
    def exit(self, value):
        raise NotebookExit(value if isinstance(value, str) else str(value))

    def run(self, path, timeout_seconds=0, arguments=None):
        raise NotImplementedError("dbutils.notebook.run is not available in the local workspace; use %run or a run_job_task")


class SecretMetadata:
    def __init__(self, key):
        self.key = key

    def __repr__(self):
        return "SecretMetadata(key='%s')" % self.key


class SecretScope:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return "SecretScope(name='%s')" % self.name


class Secrets:
    """Secrets from ``secrets.json`` in the data dir: ``{"scope": {"key": "value"}}``."""

    def __init__(self, path):
        self._path = path

    def _scopes(self):
        if not self._path:
            return {}
        try:
            with open(self._path, encoding="utf-8") as f:
                return json.load(f)
        except FileNotFoundError:
            return {}

    def get(self, scope, key):
        value = self._scopes().get(scope, {}).get(key)
        if value is None:
            raise ValueError("Secret does not exist with scope: %s and key: %s (local secrets live in %s)" % (scope, key, self._path or "secrets.json in the data dir"))
        return value

    def getBytes(self, scope, key):
        return self.get(scope, key).encode("utf-8")

    def list(self, scope):
        scopes = self._scopes()
        if scope not in scopes:
            raise ValueError("Scope %s does not exist" % scope)
        return [SecretMetadata(k) for k in scopes[scope]]

    def listScopes(self):
        return [SecretScope(s) for s in self._scopes()]


class DBUtils:
    def __init__(self, task=None):
        task = task if task is not None else context.task()
        self.widgets = Widgets((task or {}).get("widgets"))
        self.jobs = Jobs(task)
        self.notebook = Notebook()
        self.secrets = Secrets((task or {}).get("secrets_file"))
        self.fs = _Unavailable("fs")
        self.library = _Unavailable("library")
        self.credentials = _Unavailable("credentials")
        self.data = _Unavailable("data")

    def help(self):
        print("dbutils in the jobs-as-code local workspace: widgets, jobs.taskValues, notebook.exit, secrets")

    def __repr__(self):
        return "<dbutils (jobs-as-code local workspace)>"


_DBUTILS = None


def values_set():
    """Task values set in this process (empty if dbutils was never used)."""
    return _DBUTILS.jobs.taskValues.mine() if _DBUTILS is not None else {}


def dbutils():
    """The process's one dbutils (notebooks and `databricks.sdk.runtime` share it)."""
    global _DBUTILS
    if _DBUTILS is None:
        _DBUTILS = DBUtils()
    return _DBUTILS
