"""Commands for drafting: the list of templates and a new draft from a template and a fields file."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from desktop.cli.context import CliContext
from desktop.errors import UserError


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds `templates list` and `draft`."""
    from desktop.cli import add_json_flag

    templates = subparsers.add_parser("templates", help="шаблони релізів").add_subparsers(
        dest="templates_command", required=True
    )
    listing = templates.add_parser("list", help="список шаблонів")
    add_json_flag(listing)
    listing.set_defaults(handler=_templates_list)

    draft = subparsers.add_parser("draft", help="створити чернетку з шаблону")
    draft.add_argument("--template", required=True, metavar="KEY")
    draft.add_argument("--fields", required=True, metavar="FILE.json", help="значення полів шаблону (JSON)")
    add_json_flag(draft)
    draft.set_defaults(handler=_draft)


def template_to_json(template: Any) -> dict[str, Any]:
    """A template's key, name, description and fields as plain data."""
    return {
        "key": template.key,
        "name": template.name,
        "description": template.description,
        "headline_max": template.headline_max,
        "fields": [
            {"name": f.name, "label": f.label, "type": f.type, "required": f.required, "hint": f.hint}
            for f in template.fields
        ],
    }


def _templates_list(ctx: CliContext, args: argparse.Namespace) -> int:
    from desktop.drafting.templates import load_templates

    templates, errors = load_templates()
    data = {"templates": [template_to_json(t) for t in templates.values()], "errors": [str(e) for e in errors]}
    lines = [f"{t.key:<16} {t.name} — {t.description}" for t in templates.values()]
    lines.extend(f"Шаблон з помилкою: {e}" for e in errors)
    ctx.emit(data, "\n".join(lines))
    return 0


def _read_fields(path: str) -> dict[str, Any]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise UserError(f"Файл «{path}» не знайдено.") from None
    except OSError as error:
        raise UserError(f"Не вдалося прочитати «{path}»: {error.strerror or error}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UserError(f"Файл «{path}» не є коректним JSON у UTF-8: {error}") from None
    if not isinstance(data, dict):
        raise UserError(f"У файлі «{path}» має бути об'єкт JSON: {{\"назва_поля\": значення, …}}.")
    return data


def _draft(ctx: CliContext, args: argparse.Namespace) -> int:
    from desktop import releases
    from desktop.directory import resolve_participant
    from desktop.drafting.templates import load_templates, render
    from desktop.language.dates import parse_iso_date

    values = _read_fields(args.fields)
    templates, _errors = load_templates()
    template = templates.get(args.template)
    if template is None:
        raise UserError(f"Шаблону «{args.template}» немає. Доступні: {', '.join(templates)}.")
    with ctx.session() as session:
        user = ctx.acting_user(session)
        result = render(template, values, lambda ref: resolve_participant(session, ref))
        raw_date = result.facts.get("event_date")
        release = releases.create_release(
            session,
            user,
            result.document,
            [participant.to_json() for participant in result.participants],
            result.facts,
            template_key=template.key,
            event_date=parse_iso_date(raw_date) if raw_date else None,
            place=str(result.facts.get("place", "")),
        )
        session.flush()
        data = {"id": release.id, "title": release.title, "template": template.key, "version": release.version}
    ctx.emit(data, f"Створено чернетку №{data['id']}: {data['title']}")
    return 0
