"""One place that resolves the project's resources and the user's data folder."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import platformdirs

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# Package data: the same path from a checkout and from an installed wheel.
RESOURCES = Path(str(resources.files("desktop") / "resources"))
APP_NAME = "Visnyk"


def resource(*parts: str) -> Path:
    """A file or folder under resources/."""
    return RESOURCES.joinpath(*parts)


def user_data_dir() -> Path:
    """The user's data folder (VISNYK_DATA_DIR overrides it, for tests and portable installs)."""
    override = os.environ.get("VISNYK_DATA_DIR")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return private_folder(path)


def private_folder(path: Path) -> Path:
    """The folder, made if needed, readable by its owner alone (0700): it holds the database and its copies."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        try:
            if path.stat().st_mode & 0o077:
                os.chmod(path, 0o700)
        except OSError:
            pass  # a folder of someone else's (a shared VISNYK_DATA_DIR) stays as its owner set it
    return path


def private_file(path: Path) -> None:
    """The database and its copies are readable by their owner alone (0600), like the exports' folder."""
    if os.name != "posix":
        return
    try:
        if path.stat().st_mode & 0o077:
            os.chmod(path, 0o600)
    except OSError:
        pass  # not ours to change (a read-only or shared file): it opens as it is


def user_cache_dir() -> Path:
    """Where derived data that can be rebuilt at any time is kept (inside the data folder, so tests stay apart)."""
    path = user_data_dir() / "cache"
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_templates_dir() -> Path:
    """Where an office drops its own release templates."""
    path = user_data_dir() / "templates"
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_exports_dir() -> Path:
    """exports/ beside the project, the default output folder."""
    return PROJECT_ROOT / "exports"


def user_config_dir() -> Path:
    """The user's configuration folder (platformdirs), private to its owner: the audit key lives here."""
    return private_folder(Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)))
