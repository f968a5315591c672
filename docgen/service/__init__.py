"""The HTTP API and the web page of docgen (``docgen serve``): a thin shell over the library."""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
