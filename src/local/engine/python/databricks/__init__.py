"""Namespace shim: lets ``databricks.sdk`` (the local stand-in) and other ``databricks.*``
distributions installed for this python3 be imported side by side."""
__path__ = __import__("pkgutil").extend_path(__path__, __name__)  # noqa: F821
