"""Ukrainian names of states and inboxes, shared by the CLI and the GUI."""

from __future__ import annotations

STATUS_LABELS = {
    "draft": "Чернетка",
    "in_review": "На погодженні",
    "returned": "Повернуто",
    "approved": "Погоджено",
    "archived": "В архіві",
}

INBOX_LABELS = {
    "my_drafts": "Мої чернетки",
    "returned": "Повернуті мені",
    "awaiting": "Очікують мого погодження",
    "approved": "Погоджені (до оприлюднення)",
    "exported": "Оприлюднені",
    "all": "Усі релізи",
    "archived": "Архів",
}
