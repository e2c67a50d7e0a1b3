"""Visnyk: python run.py [command] — no command opens the GUI."""

from __future__ import annotations

import sys
import time

# Taken before any import so start-up can be measured from the very beginning.
STARTED_AT = time.time()

if __name__ == "__main__":
    from ui.shell.launcher import main

    sys.exit(main(started_at=STARTED_AT))
