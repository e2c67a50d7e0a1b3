"""The GUI's start: logging in and filling the release list loads neither the proofing layers nor the glossary."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from desktop.storage.engine import Database
from tests.workflow_support import PASSWORD, make_staff, release_in_state

ROOT = Path(__file__).resolve().parents[2]


def test_a_logged_in_workspace_with_its_list_imports_no_proofing(sqlite_database: Database):
    staff = make_staff(sqlite_database)
    release_in_state(sqlite_database, staff, "draft")
    script = (
        "import os, sys\n"
        "from desktop import workspace\n"
        f"database = workspace.open_database({sqlite_database.url!r})\n"
        "ws = workspace.log_in(database, 'author', os.environ['VISNYK_PASSWORD'])\n"
        "rows = ws.releases.list_releases()\n"
        "ws.releases.inbox_counts(); ws.releases.change_marker()\n"
        "assert rows, 'the list is empty'\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120,
                            check=False, env=dict(os.environ, VISNYK_PASSWORD=PASSWORD))
    assert result.returncode == 0, result.stderr[-2000:]
    loaded = set(result.stdout.split())
    assert "desktop.facade.proofing" in loaded
    assert not loaded & {"desktop.language.proofing", "desktop.language.spelling", "desktop.directory.glossary",
                         "enchant", "pymorphy3", "rapidfuzz", "reportlab", "docx", "pyhanko"}
