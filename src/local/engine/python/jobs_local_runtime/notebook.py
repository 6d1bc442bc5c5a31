"""Runs a source notebook cell by cell in one namespace, as a notebook task would.

Formats: Python source (``# Databricks notebook source``, cells split by
``# COMMAND ----------``, magics as ``# MAGIC %…`` lines), SQL source (``--`` instead of ``#``)
and Jupyter ``.ipynb``. Magics: ``%python``, ``%sql`` (SQLite, see sql.py), ``%run`` (another
notebook, same namespace), ``%sh`` (bash), ``%md`` (skipped), ``%pip`` (skipped: nothing is
installed locally). Cells are compiled at their line in the source, so tracebacks point at it.
"""
import json
import linecache
import os
import posixpath

from .dbutils import dbutils
from .spark import display, displayHTML, spark

_STYLES = {
    "PYTHON": ("# Databricks notebook source", "# COMMAND ----------", "# MAGIC"),
    "SQL": ("-- Databricks notebook source", "-- COMMAND ----------", "-- MAGIC"),
}


def parse_source(text, language):
    """[(kind, code, first line)] for a source notebook; kind is a magic name or the language."""
    header, sep, magic = _STYLES[language]
    lines = text.splitlines()
    cells, start, current = [], 1, []
    for i, line in enumerate(lines, 1):
        if i == 1 and line.strip() == header:
            start = 2
            continue
        if line.strip() == sep:
            cells.append((start, current))
            start, current = i + 1, []
        else:
            current.append(line)
    cells.append((start, current))
    out = []
    title = ("# " if language == "PYTHON" else "-- ") + "DBTITLE"  # a cell's title line
    for first, body in cells:
        body = ["" if l.startswith(title) else l for l in body]
        code = [l for l in body if l.strip()]
        if code and all(l.startswith(magic) for l in code):
            body = [l[len(magic) + 1:] if l.startswith(magic + " ") else (l[len(magic):] if l.startswith(magic) else l) for l in body]
            out.append(_magic_cell(body, first))
        elif code:
            out.append(("python" if language == "PYTHON" else "sql", "\n".join(body), first))
    return out


def _magic_cell(body, first):
    for offset, line in enumerate(body):
        if line.strip():
            word, _, rest = line.strip().partition(" ")
            if not word.startswith("%"):
                return ("python", "\n".join(body), first)
            # The magic's own line becomes blank so the code keeps its line numbers.
            code = [""] * (offset + 1) + body[offset + 1:]
            if rest.strip():
                code[offset] = rest
            return (word[1:].lower(), "\n".join(code), first)
    return ("md", "", first)


def parse_ipynb(text):
    nb = json.loads(text)
    out = []
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        src = cell.get("source", "")
        src = "".join(src) if isinstance(src, list) else src
        lines = src.splitlines()
        if lines and lines[0].startswith("%"):
            out.append(_magic_cell(lines, 1))
        elif src.strip():
            out.append(("python", src, 1))
    return out


class NotebookRunner:
    def __init__(self, task):
        self.task = task
        self.namespace = {
            "__name__": "__main__", "dbutils": dbutils(), "spark": spark, "display": display,
            "displayHTML": displayHTML, "getArgument": dbutils().widgets.getArgument,
        }
        self.sql = None
        self.depth = 0

    def run(self, local_path, workspace_path, language):
        with open(local_path, encoding="utf-8") as f:
            text = f.read()
        if language == "IPYNB":
            cells = parse_ipynb(text)
        else:
            cells = parse_source(text, language)
        name = "<notebook %s>" % workspace_path
        linecache.cache[name] = (len(text), None, text.splitlines(True), name)
        for n, (kind, code, first) in enumerate(cells, 1):
            self.cell(kind, code, first, name, workspace_path, n)

    def cell(self, kind, code, first, name, workspace_path, n):
        where = "%s, cell %d" % (workspace_path, n)
        if kind == "python":
            exec(compile("\n" * (first - 1) + code, name, "exec"), self.namespace)  # noqa: S102 - running the user's notebook is the point
        elif kind == "sql":
            if self.sql is None:
                from .sql import SqlSession  # noqa: PLC0415 - sqlite3 loads only for SQL cells

                self.sql = SqlSession(self.task.get("sql_database"), dbutils().widgets.getAll())
            self.namespace["_sqldf"] = self.sql.run(code, where)
        elif kind == "run":
            self.run_other(code.strip(), workspace_path)
        elif kind == "sh":
            import subprocess  # noqa: PLC0415

            subprocess.run(["bash", "-c", code], check=True)
        elif kind in ("md", "md-sandbox"):
            return
        elif kind == "pip":
            print("jobs local: skipped %%pip in %s: the local workspace installs nothing; python3 uses what it already has" % where)
        else:
            raise NotImplementedError("%%%s cells cannot run in the local workspace (%s)" % (kind, where))

    def run_other(self, target, workspace_path):
        target = target.split()[0].strip("\"'")
        if not target.startswith("/"):
            target = posixpath.normpath(posixpath.join(posixpath.dirname(workspace_path), target))
        local = os.path.join(self.task["workspace_root"], target.lstrip("/"))
        if not os.path.exists(local):
            raise FileNotFoundError("%%run %s: no such notebook in the workspace" % target)
        self.depth += 1
        if self.depth > 20:
            raise RecursionError("%run nested more than 20 deep")
        self.run(local, target, _language_of(local))
        self.depth -= 1


def _language_of(path):
    with open(path, encoding="utf-8") as f:
        first = f.readline().strip()
    if first == _STYLES["SQL"][0]:
        return "SQL"
    if first.startswith("{"):
        return "IPYNB"
    return "PYTHON"


def run(task):
    NotebookRunner(task).run(task["entry"], task["workspace_path"], task.get("language", "PYTHON"))
