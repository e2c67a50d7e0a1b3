"""The bench measures whole processes honestly: a slower command gives a bigger figure, a missing peer no figure."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from desktop.bench import export as export_bench
from desktop.bench import processes, suite


def _sleeping(seconds: float) -> list[str]:
    return [sys.executable, "-c", f"import time; time.sleep({seconds})"]


def test_a_process_figure_grows_with_the_process(tmp_path: Path) -> None:
    env = processes.private_environment(tmp_path)
    figures = processes.interleaved_medians({
        "quick": lambda: processes.process_ms(_sleeping(0), env),
        "slow": lambda: processes.process_ms(_sleeping(0.4), env),
    }, runs=2)
    assert figures["slow"] - figures["quick"] >= 350


def test_a_failing_process_gives_no_figure(tmp_path: Path) -> None:
    env = processes.private_environment(tmp_path)
    with pytest.raises(processes.BenchFailed):
        processes.process_ms([sys.executable, "-c", "raise SystemExit(3)"], env)
    assert processes.process_ms([sys.executable, "-c", "raise SystemExit(1)"], env, ok_codes=(0, 1)) > 0


def test_subprocesses_get_private_folders_and_no_outside_database(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("VISNYK_DATABASE_URL", "postgresql://elsewhere/db")
    env = processes.private_environment(tmp_path / "bench", VISNYK_PASSWORD="x")
    for name in processes.PRIVATE_VARIABLES:
        assert Path(env[name]).is_relative_to(tmp_path / "bench") and Path(env[name]).is_dir(), name
    assert "VISNYK_DATABASE_URL" not in env and env["VISNYK_PASSWORD"] == "x"
    assert Path(env["PYTHONPYCACHEPREFIX"]).is_relative_to(tmp_path / "bench")


def test_the_bench_process_itself_writes_into_private_folders_only(tmp_path: Path) -> None:
    real = {name: os.environ.get(name) for name in processes.PRIVATE_VARIABLES}
    with processes.private_folders(tmp_path) as env:
        from desktop.paths import user_data_dir

        assert user_data_dir().is_relative_to(tmp_path)
        assert os.environ["HOME"] == env["HOME"] != real["HOME"]
    assert {name: os.environ.get(name) for name in processes.PRIVATE_VARIABLES} == real


def test_import_time_is_read_from_the_process_and_follows_what_it_imports(tmp_path: Path) -> None:
    env = processes.private_environment(tmp_path)
    light, _ = processes.import_ms([sys.executable, "-c", "pass"], env)
    heavy, heaviest = processes.import_ms([sys.executable, "-c", "import sqlalchemy.orm"], env)
    assert heavy > light > 0
    assert heaviest[0][0] == "sqlalchemy"


def test_importtime_output_is_summed_by_own_time():
    text = (
        "import time: self [us] | cumulative | imported package\n"
        "import time:      1000 |       1000 |     reportlab.lib\n"
        "import time:      2000 |       3000 |   reportlab\n"
        "import time:       500 |       3500 | desktop.export.pdf\n"
    )
    total, heaviest = processes.parse_importtime(text)
    assert total == 3.5
    assert heaviest == [("reportlab", 3.0), ("desktop", 0.5)]


def test_without_libreoffice_there_is_no_peer_figure_and_no_ratio(monkeypatch) -> None:
    monkeypatch.setattr(export_bench, "soffice_path", lambda: None)
    calls: list[list[str]] = []

    def fake_process(command, env, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(list(command))
        if "docx" in command:
            out = Path(command[command.index("--out") + 1])
            out.mkdir(parents=True, exist_ok=True)
            (out / "release.docx").write_bytes(b"PK")
        return 123.0

    monkeypatch.setattr(export_bench, "process_ms", fake_process)
    monkeypatch.setattr(export_bench, "import_ms", lambda *args, **kwargs: (50.0, [("sqlalchemy", 30.0)]))
    figures = export_bench.process_figures(quick=True)
    assert figures["libreoffice_process_ms"] is None
    assert figures["cli_export_pdf_vs_libreoffice"] is None and figures["cli_export_docx_vs_libreoffice"] is None
    assert figures["cli_export_pdf_ms"] == 123.0
    assert not any("soffice" in command[0] for command in calls)


def test_the_ratio_is_the_figure_over_its_peer_in_the_same_run(monkeypatch) -> None:
    monkeypatch.setattr(export_bench, "soffice_path", lambda: "/usr/bin/soffice")
    timings = {"pdf": 300.0, "docx": 200.0, "soffice": 1000.0}

    def fake_process(command, env, **kwargs):  # type: ignore[no-untyped-def]
        if "docx" in command and "--out" in command:
            out = Path(command[command.index("--out") + 1])
            out.mkdir(parents=True, exist_ok=True)
            (out / "release.docx").write_bytes(b"PK")
        key = "soffice" if command[0].endswith("soffice") else command[command.index("--format") + 1]
        return timings[key]

    monkeypatch.setattr(export_bench, "process_ms", fake_process)
    monkeypatch.setattr(export_bench, "import_ms", lambda *args, **kwargs: (50.0, []))
    figures = export_bench.process_figures(quick=True)
    assert figures["cli_export_pdf_vs_libreoffice"] == 0.3
    assert figures["cli_export_docx_vs_libreoffice"] == 0.2
    timings["pdf"] = 600.0
    assert export_bench.process_figures(quick=True)["cli_export_pdf_vs_libreoffice"] == 0.6


def test_a_start_up_marker_without_rows_is_refused():
    with pytest.raises(processes.BenchFailed):
        suite.startup_marker("VISNYK_STARTUP 10.0 10.5 0.3 120000 0\n")
    with pytest.raises(processes.BenchFailed):
        suite.startup_marker("nothing here\n")
    assert suite.startup_marker("x\nVISNYK_STARTUP 10.0 10.5 0.3 120000 4\n") == (10.0, 10.5, 120000, 4)


def test_the_gui_start_up_is_measured_to_a_filled_list() -> None:
    """The real GUI, offscreen, logged in by --as: the list-ready figure comes after the paint."""
    figures = suite.measure_startup(runs=1, with_long_release=False)
    assert 0 < figures["startup_ms"] < figures["startup_list_ready_ms"]
    assert figures["rss_mb"] > 0
