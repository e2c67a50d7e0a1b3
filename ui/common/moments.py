"""Moments and dates as a Ukrainian office writes them, for every list and panel."""

from __future__ import annotations

from datetime import UTC, date, datetime


def format_moment(moment: datetime | None) -> str:
    """Local time, as a Ukrainian office writes it: 20.04.2023 14:05."""
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%d.%m.%Y %H:%M")


def format_date(day: date | None) -> str:
    return day.strftime("%d.%m.%Y") if day else ""

