"""PySide6's import hook must not keep the source of every imported module in memory."""

from __future__ import annotations

import linecache
import sys

import pytest

from ui.common import source_cache


@pytest.fixture()
def feature(monkeypatch: pytest.MonkeyPatch):
    import shiboken6  # noqa: F401

    module = sys.modules["shibokensupport.feature"]
    monkeypatch.setattr(module, source_cache._HELPER, getattr(module, source_cache._HELPER))  # restored after
    return module


def _import_fresh(tmp_path, monkeypatch, name: str, text: str):
    (tmp_path / f"{name}.py").write_text(text, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, name, raising=False)
    # an import statement, as the program's own: shiboken6's hook replaces __import__, not importlib
    exec(f"import {name}", namespace := {})
    return namespace[name]


def test_imports_after_pyside_leave_no_source_in_memory(feature, tmp_path, monkeypatch) -> None:
    assert source_cache.keep_sources_out_of_memory()
    module = _import_fresh(tmp_path, monkeypatch, "visnyk_plain_module", "VALUE = 1\n" * 2000)
    assert module.VALUE == 1
    assert module.__file__ not in linecache.cache


def test_pyside_still_tells_which_modules_use_it(feature, tmp_path, monkeypatch) -> None:
    # 0: a module that may switch PySide6 features; -1: a module PySide6 ignores (as shiboken6 itself decides)
    source_cache.keep_sources_out_of_memory()
    _import_fresh(tmp_path, monkeypatch, "visnyk_qt_module", "from PySide6 import QtCore\n")
    _import_fresh(tmp_path, monkeypatch, "visnyk_other_module", "import json\n")
    assert feature.pyside_feature_dict["visnyk_qt_module"] == 0
    assert feature.pyside_feature_dict["visnyk_other_module"] == -1

