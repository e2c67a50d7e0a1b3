"""Visnyk core: storage, accounts, directory, language, drafting, workflow, export. Never imports Qt."""

__version__ = "0.1.0"
