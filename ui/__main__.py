"""`python -m ui`: the same as run.py, for an installed wheel (the bench starts the GUI this way)."""

from __future__ import annotations

import sys
import time

STARTED_AT = time.time()

if __name__ == "__main__":
    from ui.shell.launcher import main

    sys.exit(main(started_at=STARTED_AT))
