"""SQL cells on SQLite: the local stand-in for Databricks SQL.

Python's built-in sqlite3 with one database file per local workspace (tables persist across
tasks and runs, like a metastore). Named parameter markers (``:name``) are bound from the
notebook's widgets (numeric strings as numbers). ``CREATE OR REPLACE TABLE/VIEW`` is rewritten to SQLite's drop-and-create;
everything else is SQLite's dialect, and errors say so.
"""
import re
import sqlite3

_REPLACE = re.compile(r"^\s*CREATE\s+OR\s+REPLACE\s+(TEMP\s+|TEMPORARY\s+)?(TABLE|VIEW)\s+([^\s(]+)", re.IGNORECASE)
_PARAM = re.compile(r"(?<![:\w]):([A-Za-z_][A-Za-z0-9_]*)")
_INT = re.compile(r"^[-+]?\d+$")
_FLOAT = re.compile(r"^[-+]?(\d+\.\d*|\.\d+|\d+)([eE][-+]?\d+)?$")
_MAX_ROWS = 1000


class LocalSqlError(Exception):
    pass


def statements(text):
    """Splits SQL text into complete statements."""
    out, buf = [], ""
    for line in text.splitlines(True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip().strip(";").strip():
                out.append(buf.strip())
            buf = ""
    if buf.strip().strip(";").strip():
        out.append(buf.strip())
    return out


def _translate(stmt):
    m = _REPLACE.match(stmt)
    if not m:
        return [stmt]
    kind, name = m.group(2).upper(), m.group(3)
    temp = "TEMP " if m.group(1) else ""
    return ["DROP %s IF EXISTS %s" % (kind, name), stmt[:m.start()] + "CREATE %s%s %s" % (temp, kind, name) + stmt[m.end():]]


class SqlSession:
    def __init__(self, database, widgets):
        self._db = sqlite3.connect(database or ":memory:", isolation_level=None)
        self._widgets = widgets
        self._announced = False

    def run(self, text, where):
        if not self._announced:
            print("-- jobs local: SQL runs on SQLite %s, the local stand-in for Databricks SQL" % sqlite3.sqlite_version)
            self._announced = True
        last = None
        for stmt in statements(text):
            for part in _translate(stmt):
                last = self._execute(part, where)
        return last

    def _execute(self, stmt, where):
        names = set(_PARAM.findall(stmt))
        params = {n: _typed(self._widgets.get(n)) for n in names if n in self._widgets}
        try:
            cur = self._db.execute(stmt, params)
        except sqlite3.Error as e:
            raise LocalSqlError("%s (local SQL engine: SQLite %s; in %s): %s" % (type(e).__name__, sqlite3.sqlite_version, where, e)) from None
        if cur.description:
            cols = [d[0] for d in cur.description]
            rows = cur.fetchmany(_MAX_ROWS + 1)
            _print_table(cols, rows[:_MAX_ROWS], len(rows) > _MAX_ROWS)
            return rows
        return None


def _typed(value):
    """Widgets are strings; numeric ones bind as numbers, as Databricks SQL would cast them
    (SQLite compares a number with text by type, never by value)."""
    if isinstance(value, str):
        if _INT.match(value):
            return int(value)
        if _FLOAT.match(value):
            return float(value)
    return value


def _print_table(cols, rows, more):
    cells = [[("NULL" if v is None else str(v)) for v in r] for r in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(cols)]
    line = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    print(line)
    print("|" + "|".join(" %s " % c.ljust(w) for c, w in zip(cols, widths)) + "|")
    print(line)
    for r in cells:
        print("|" + "|".join(" %s " % v.ljust(w) for v, w in zip(r, widths)) + "|")
    print(line)
    if more:
        print("(only the first %d rows shown)" % _MAX_ROWS)
