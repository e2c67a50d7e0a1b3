"""Escaping text for XML markup, as `xml.sax.saxutils` does it, without that module's import of
`urllib.request` (and through it `http`, `email` …: ~35 ms of every export process)."""

from __future__ import annotations

from collections.abc import Mapping


def escape(data: str, entities: Mapping[str, str] | None = None) -> str:
    """&, < and > as entities, then each key of entities by its value (xml.sax.saxutils.escape)."""
    data = data.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
    for key, value in (entities or {}).items():
        data = data.replace(key, value)
    return data


def quoteattr(data: str, entities: Mapping[str, str] | None = None) -> str:
    """data escaped and quoted as an attribute value (xml.sax.saxutils.quoteattr)."""
    data = escape(data, {**(entities or {}), "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})
    if '"' in data:
        if "'" in data:
            return '"{}"'.format(data.replace('"', "&quot;"))
        return f"'{data}'"
    return f'"{data}"'
