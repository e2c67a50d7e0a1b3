"""The test suite writes only into temporary folders: never the home, XDG folders or the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# One module each for what writes files: the audit witness, QSettings and the GUI, exports, Hypothesis.
SAMPLE = ["tests/core/test_audit.py", "tests/ui/test_main_window.py", "tests/core/test_cli_export.py",
          "tests/core/test_document.py"]


def _checkout_state() -> list[str]:
    # Python's own bytecode caches aside: other test workers write them while this test runs.
    lines = subprocess.run(["git", "status", "--porcelain", "--ignored", "--untracked-files=all"], cwd=ROOT,
                           capture_output=True, text=True, check=True).stdout.splitlines()
    return [line for line in lines if "__pycache__" not in line]


def test_a_run_of_the_suite_leaves_home_xdg_and_checkout_untouched(tmp_path: Path) -> None:
    home = tmp_path / "home"
    scratch = tmp_path / "tmp"
    home.mkdir()
    scratch.mkdir()
    env = {key: value for key, value in os.environ.items() if not key.startswith(("XDG_", "VISNYK_"))}
    env.update(HOME=str(home), TMPDIR=str(scratch), XDG_DATA_HOME=str(home / ".local/share"),
               XDG_CONFIG_HOME=str(home / ".config"), XDG_CACHE_HOME=str(home / ".cache"),
               QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")
    before = _checkout_state()
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:xdist", *SAMPLE], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stdout[-2000:]
    assert sorted(str(p.relative_to(home)) for p in home.rglob("*")) == []
    assert _checkout_state() == before
