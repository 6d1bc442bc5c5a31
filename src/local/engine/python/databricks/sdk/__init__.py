"""Local stand-in for the ``databricks.sdk`` package, so ``from databricks.sdk.runtime import
dbutils`` works in tasks the jobs-as-code local workspace runs. If the real databricks-sdk is
installed too, its modules stay importable: this package's path is extended to it and its own
``__init__`` is executed here (so ``WorkspaceClient`` and friends still import).
"""
import os as _os
import pkgutil as _pkgutil

__path__ = _pkgutil.extend_path(__path__, __name__)  # noqa: F821 - set by the import system

for _dir in __path__[1:]:
    _init = _os.path.join(_dir, "__init__.py")
    if _os.path.exists(_init):
        try:
            with open(_init, encoding="utf-8") as _f:
                exec(compile(_f.read(), _init, "exec"), globals())  # noqa: S102
        except Exception:  # noqa: BLE001 - the real SDK failing to import must not break dbutils
            pass
        break
