"""The DOCX template: its parts built once (desktop.export.docx_base) and kept in the cache folder.

Building the base with python-docx costs an export process 150-200 ms (its import and the styles); the
parts are the same for every release, so they are written once into the cache folder under a key that
changes with whatever they are made of (the builder's code, the layout's figures, python-docx's own
template, the logo's bytes) and read back by every later export without importing python-docx.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.util
import os
import zipfile
from pathlib import Path

from desktop.export.docx_names import (
    CUSTOM_NS,
    HASH_PLACEHOLDER,
    HASH_PROPERTY,
    HYPERLINK_TYPE,
    LINK_STYLE,
    STYLE_NAMES,
    style_id,
)

__all__ = [
    "HASH_PLACEHOLDER", "HASH_PROPERTY", "HYPERLINK_TYPE", "LINK_STYLE", "STYLE_NAMES", "base_key",
    "read_custom_properties", "style_id", "template_parts",
]
CACHE_VERSION = "1"  # bump when the cached file's own layout changes
_HERE = Path(__file__).resolve().parent
# The sources the base is made of: a change in any gives a new key, so a stale copy is never read.
_SOURCES = ("docx_base.py", "docx_names.py", "layout.py")


@functools.cache
def _code_digest() -> bytes:
    digest = hashlib.sha256(CACHE_VERSION.encode())
    for name in _SOURCES:
        digest.update((_HERE / name).read_bytes())
    spec = importlib.util.find_spec("docx")  # locates python-docx without importing it
    if spec is not None and spec.origin:
        package = Path(spec.origin).parent
        for part in ("__init__.py", "templates/default.docx", "templates/default-styles.xml"):
            path = package / part
            if path.exists():
                digest.update(part.encode() + path.read_bytes())
    return digest.digest()


def base_key(logo: Path | None) -> str:
    """The cache key of the base with this logo: the builder's code, python-docx's template, the logo's bytes."""
    digest = hashlib.sha256(_code_digest())
    if logo is not None:
        digest.update(b"logo" + logo.read_bytes())
    return digest.hexdigest()[:24]


@functools.cache
def template_parts(logo: Path | None = None, logo_mtime: float = 0.0) -> tuple[tuple[str, bytes], ...]:
    """The package's parts with an empty body (but the logo), from the cache folder or built and cached.

    logo_mtime is part of the in-process key only: a logo replaced while the program runs is read again.
    """
    from desktop.paths import user_cache_dir

    cached: Path | None = None
    try:
        cached = user_cache_dir() / f"docx-base-{base_key(logo)}.zip"
        with zipfile.ZipFile(cached) as package:
            return tuple((info.filename, package.read(info)) for info in package.infolist())
    except (OSError, zipfile.BadZipFile, KeyError):
        pass  # not cached yet (or unreadable): built below
    from desktop.export.docx_base import build_parts

    parts = build_parts(logo)
    if cached is not None:
        _store(cached, parts)
    return parts


def _store(path: Path, parts: tuple[tuple[str, bytes], ...]) -> None:
    """Writes the parts atomically; a cache that cannot be written only costs the next export the build."""
    staging = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        with zipfile.ZipFile(staging, "w", zipfile.ZIP_STORED) as package:
            for name, data in parts:
                package.writestr(name, data)
        os.replace(staging, path)
    except OSError:
        with contextlib.suppress(OSError):
            staging.unlink()


def read_custom_properties(path: Path) -> dict[str, str]:
    """The custom properties of a DOCX (docProps/custom.xml), for tests and checks."""
    from lxml import etree

    with zipfile.ZipFile(path) as package:
        try:
            data = package.read("docProps/custom.xml")
        except KeyError:
            return {}
    root = etree.fromstring(data)
    return {prop.get("name"): "".join(prop.itertext()) for prop in root.findall(f"{{{CUSTOM_NS}}}property")}
