"""Commands for drafting: the list of templates and a new draft from a template and a fields file."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli.context import CliContext, read_text_arg
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
    from desktop.drafting.field_limits import parse_fields_json

    not_json = "Файл «{path}» не є коректним JSON у UTF-8: {reason}"
    return parse_fields_json(read_text_arg(path, not_utf8=not_json), path)


def _draft(ctx: CliContext, args: argparse.Namespace) -> int:
    from desktop.drafting.templates import load_templates
    from desktop.releases import revisions

    values = _read_fields(args.fields)
    templates, _errors = load_templates()
    template = templates.get(args.template)
    if template is None:
        raise UserError(f"Шаблону «{args.template}» немає. Доступні: {', '.join(templates)}.")
    with ctx.session() as session:
        user = ctx.acting_user(session)
        release = revisions.create_from_template(session, user, template, values)
        session.flush()
        data = {"id": release.id, "title": release.title, "template": template.key, "version": release.version}
    ctx.emit(data, f"Створено чернетку №{data['id']}: {data['title']}")
    return 0
