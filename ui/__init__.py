"""The PySide6 application: windows, dialogs, the editor and Qt models over the core."""
