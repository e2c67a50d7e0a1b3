"""Release templates: TOML files with a field list and a Jinja2 body that yields document blocks."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import jinja2.meta
import jinja2.nodes

from desktop.document import BLOCK_KINDS, Block, Document
from desktop.drafting.filters import as_list, make_environment, upper_first
from desktop.errors import UserError
from desktop.language.dates import parse_iso_date
from desktop.participants import Participant, Resolver, make_group

FIELD_TYPES = ("text", "long_text", "date", "place", "participants", "participant", "number", "list")
_PARTICIPANT_TYPES = ("participants", "participant")
_BLOCK_LINE = re.compile(r"^(" + "|".join(BLOCK_KINDS) + r"):\s?(.*)$")
_TOML_LINE = re.compile(r"at line (\d+)")
# The shipped templates are under 5 KB; a file far larger is a mistake or an attack, not a release.
MAX_TEMPLATE_BYTES = 256 * 1024


@dataclass(frozen=True)
class TemplateField:
    """One field of a template's form."""

    name: str
    label: str
    type: str = "text"
    required: bool = False
    hint: str = ""


@dataclass(frozen=True)
class TemplateError:
    """A template file that could not be loaded: where and why (in Ukrainian)."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(frozen=True)
class Template:
    """A loaded, validated template."""

    key: str
    name: str
    description: str
    fields: tuple[TemplateField, ...]
    path: Path
    title_template: jinja2.Template = field(repr=False, compare=False)
    body_template: jinja2.Template = field(repr=False, compare=False)
    headline_max: int = 100
    order: int = 100

    def get_field(self, name: str) -> TemplateField:
        """The field called name (KeyError when there is none)."""
        for item in self.fields:
            if item.name == name:
                return item
        raise KeyError(name)


@dataclass
class DraftResult:
    """What a template gives: the text, the participants snapshot and the event facts."""

    document: Document
    participants: list[Participant]
    facts: dict[str, Any]


_ENV = make_environment()


def _line_of(text: str, pattern: str, default: int = 1) -> int:
    match = re.search(pattern, text, flags=re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else default


def _source_start(text: str, key: str) -> int:
    """The file line on which the value of a multi-line string key begins."""
    match = re.search(rf"^\s*{key}\s*=\s*('''|\"\"\"|'|\")(\n?)", text, flags=re.MULTILINE)
    if not match:
        return 1
    line = text.count("\n", 0, match.start()) + 1
    return line + 1 if match.group(2) else line


def _parse_fields(raw: Any, text: str, path: Path) -> tuple[list[TemplateField], list[TemplateError]]:
    fields: list[TemplateField] = []
    errors: list[TemplateError] = []
    if not isinstance(raw, list) or not raw:
        return [], [TemplateError(path, _line_of(text, r"^\[\[fields\]\]"), "Немає списку полів [[fields]]")]
    seen: set[str] = set()
    for item in raw:
        if not isinstance(item, dict):
            errors.append(TemplateError(path, _line_of(text, r"^\s*fields"), "Кожне поле має бути таблицею [[fields]]"))
            continue
        name = str(item.get("name", ""))
        line = _line_of(
            text, rf"^\s*name\s*=\s*[\"']{re.escape(name)}[\"']", _line_of(text, r"^\[\[fields\]\]")
        )
        if not name.isidentifier():
            errors.append(
                TemplateError(path, line, f"Назва поля «{name}» має бути латинським ідентифікатором")
            )
            continue
        if name in seen:
            errors.append(TemplateError(path, line, f"Поле «{name}» оголошено двічі"))
            continue
        seen.add(name)
        kind = str(item.get("type", "text"))
        if kind not in FIELD_TYPES:
            line = _line_of(text, rf"^\s*type\s*=\s*[\"']{re.escape(kind)}[\"']", line)
            errors.append(
                TemplateError(
                    path, line, f"Поле «{name}»: невідомий тип «{kind}» (можливі: {', '.join(FIELD_TYPES)})"
                )
            )
            continue
        fields.append(
            TemplateField(
                name,
                str(item.get("label") or name),
                kind,
                bool(item.get("required", False)),
                str(item.get("hint", "")),
            )
        )
    return fields, errors


def _internal_names(tree: jinja2.nodes.Template) -> list[tuple[int, str]]:
    """Attributes a template names that start with «_» (``x.__class__``, ``x["__globals__"]``), with lines.

    The sandbox refuses them anyway when the template is filled; refusing the file at load tells the
    office which template it is before anyone drafts from it.
    """
    found = [(node.lineno, node.attr) for node in tree.find_all(jinja2.nodes.Getattr) if node.attr.startswith("_")]
    for node in tree.find_all(jinja2.nodes.Getitem):
        if isinstance(node.arg, jinja2.nodes.Const) and str(node.arg.value).startswith("_"):
            found.append((node.lineno, str(node.arg.value)))
    return sorted(found)


def _compile(
    source: str, start: int, names: set[str], path: Path
) -> tuple[jinja2.Template | None, list[TemplateError]]:
    try:
        tree = _ENV.parse(source)
        template = _ENV.from_string(tree)  # the tree parsed above, not the source again
    except jinja2.TemplateSyntaxError as exc:
        return None, [
            TemplateError(path, start + (exc.lineno or 1) - 1, f"Помилка в тексті шаблону: {exc.message}")
        ]
    internal = _internal_names(tree)
    if internal:
        names_used = ", ".join(f"«{name}»" for name in dict.fromkeys(name for _line, name in internal))
        return None, [TemplateError(path, start + internal[0][0] - 1,
                                    f"Шаблон звертається до внутрішніх частин програми ({names_used}), це заборонено")]
    errors = []
    for unknown in sorted(jinja2.meta.find_undeclared_variables(tree) - names):
        offset = _line_of(source, rf"\b{re.escape(unknown)}\b")
        errors.append(TemplateError(path, start + offset - 1, f"Невідоме поле «{unknown}» у тексті шаблону"))
    return template, errors


def load_template(path: Path) -> tuple[Template | None, list[TemplateError]]:
    """One template file, or the reasons it was refused."""
    try:
        size = path.stat().st_size
        if size > MAX_TEMPLATE_BYTES:
            return None, [TemplateError(path, 1, f"Файл шаблону завеликий ({size // 1024} КБ, можна до "
                                                 f"{MAX_TEMPLATE_BYTES // 1024} КБ)")]
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None, [TemplateError(path, 1, "Файл шаблону має бути в кодуванні UTF-8")]
    except OSError as exc:
        return None, [TemplateError(path, 1, f"Не вдалося прочитати файл: {exc.strerror or exc}")]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_LINE.search(str(exc))
        return None, [
            TemplateError(path, int(match.group(1)) if match else 1, f"Помилка синтаксису TOML: {exc}")
        ]
    errors: list[TemplateError] = []
    for key in ("name", "title", "body"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            errors.append(TemplateError(path, 1, f"Немає обов'язкового ключа «{key}»"))
    fields, field_errors = _parse_fields(data.get("fields"), text, path)
    errors.extend(field_errors)
    if errors:
        return None, errors
    names = {f.name for f in fields}
    title, title_errors = _compile(data["title"], _source_start(text, "title"), names, path)
    body, body_errors = _compile(data["body"], _source_start(text, "body"), names, path)
    errors = title_errors + body_errors
    headline_max = data.get("headline_max", 100)
    if not isinstance(headline_max, int) or isinstance(headline_max, bool) or not 0 < headline_max <= 1000:
        errors.append(TemplateError(path, _line_of(text, r"^\s*headline_max"),
                                    "headline_max має бути цілим числом від 1 до 1000"))
    order = data.get("order", 100)
    if not isinstance(order, int) or isinstance(order, bool) or not -10_000 <= order <= 10_000:
        errors.append(TemplateError(path, _line_of(text, r"^\s*order"),
                                    "order має бути цілим числом від -10000 до 10000"))
    if not isinstance(data.get("description", ""), str):
        errors.append(TemplateError(path, _line_of(text, r"^\s*description"), "description має бути текстом"))
    if errors or title is None or body is None:
        return None, errors
    return Template(
        key=path.stem,
        name=data["name"],
        description=str(data.get("description", "")),
        fields=tuple(fields),
        path=path,
        title_template=title,
        body_template=body,
        headline_max=headline_max,
        order=order,
    ), []


def default_template_dirs() -> list[Path]:
    """The shipped templates, then the office's own (which override by file name)."""
    from desktop.paths import resource, user_templates_dir

    return [resource("templates"), user_templates_dir()]


def load_templates(dirs: Sequence[Path] | None = None) -> tuple[dict[str, Template], list[TemplateError]]:
    """Every *.toml template in the folders; a broken one is reported and the rest still load."""
    templates: dict[str, Template] = {}
    errors: list[TemplateError] = []
    for folder in default_template_dirs() if dirs is None else dirs:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                template, problems = load_template(path)
            except (ValueError, TypeError, AttributeError, RecursionError) as exc:
                # Whatever else a hand-written file holds, it must not keep the other templates from loading.
                template, problems = None, [TemplateError(path, 1, f"Шаблон не вдалося прочитати: {exc}")]
            errors.extend(problems)
            if template is not None:
                templates[template.key] = template
    ordered = sorted(templates.values(), key=lambda t: (t.order, t.key))
    return {t.key: t for t in ordered}, errors


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, (str, list, tuple, dict)) and not value)


def _participant(value: Any, resolve: Resolver, label: str) -> Participant:
    if isinstance(value, Participant):
        return value
    if isinstance(value, Mapping):
        if value.get("text"):
            return make_group(str(value["text"]), bool(value.get("plural", True)))
        if "id" in value:
            return resolve(value["id"])
        raise UserError(f"Поле «{label}»: учасника треба вказати ім'ям, номером у довіднику або текстом")
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return resolve(value.strip() if isinstance(value, str) else value)
    raise UserError(f"Поле «{label}»: незрозуміле значення учасника «{value}»")


def _convert(spec: TemplateField, value: Any, resolve: Resolver) -> Any:
    label = spec.label
    if spec.type == "date":
        try:
            return parse_iso_date(value)
        except (TypeError, ValueError):
            raise UserError(f"Поле «{label}»: дата має бути у форматі РРРР-ММ-ДД, а не «{value}»") from None
    if spec.type == "number":
        if isinstance(value, bool):
            raise UserError(f"Поле «{label}»: потрібне число, а не «{value}»")
        if isinstance(value, (int, float)):
            return value
        try:
            number = float(str(value).strip().replace(" ", "").replace(",", "."))
        except ValueError:
            raise UserError(f"Поле «{label}»: потрібне число, а не «{value}»") from None
        return int(number) if number.is_integer() else number
    if spec.type == "list":
        items = str(value).splitlines() if isinstance(value, str) else as_list(value)
        return [str(item).strip() for item in items if str(item).strip()]
    if spec.type == "participants":
        return [_participant(item, resolve, label) for item in as_list(value)]
    if spec.type == "participant":
        items = as_list(value)
        if len(items) != 1:
            raise UserError(f"Поле «{label}»: потрібен один учасник")
        return _participant(items[0], resolve, label)
    if not isinstance(value, (str, int, float)):
        raise UserError(f"Поле «{label}»: потрібен текст")
    return " ".join(str(value).split()) if spec.type != "long_text" else str(value).strip()


def _empty_value(kind: str) -> Any:
    """What an optional field left empty gives the template: a falsy value of the field's kind."""
    if kind in ("list", "participants"):
        return []
    return None if kind in ("date", "number", "participant") else ""


def prepare_fields(template: Template, values: Mapping[str, Any], resolve: Resolver) -> dict[str, Any]:
    """The form's values checked and converted; raises UserError naming the field."""
    from desktop.drafting.field_limits import check_fields

    check_fields({f.name: (f.type, f.label) for f in template.fields}, values)
    unknown = sorted(set(values) - {f.name for f in template.fields})
    if unknown:
        raise UserError(f"Шаблон «{template.name}» не має поля «{unknown[0]}»")
    context: dict[str, Any] = {}
    for spec in template.fields:
        value = values.get(spec.name)
        if _empty(value):
            if spec.required:
                raise UserError(f"Заповніть поле «{spec.label}»")
            context[spec.name] = _empty_value(spec.type)
            continue
        context[spec.name] = _convert(spec, value, resolve)
    return context


def _tidy(text: str) -> str:
    """Spacing left by empty optional parts: doubled spaces and a space before punctuation."""
    text = " ".join(text.split())
    return re.sub(r"\s+([,.;:!?])", r"\1", text)


def _blocks(rendered: str, template: Template) -> list[Block]:
    blocks: list[tuple[str, str]] = []
    for line in rendered.splitlines():
        if not line.strip():
            continue
        match = _BLOCK_LINE.match(line.strip())
        if match:
            blocks.append((match.group(1), match.group(2)))
        elif blocks:
            # a long sentence may be wrapped in the template: the line continues the block
            kind, text = blocks[-1]
            blocks[-1] = (kind, f"{text} {line.strip()}")
        else:
            raise UserError(f"Шаблон «{template.name}»: рядок тексту без виду абзацу: «{line.strip()[:40]}»")
    result = []
    for kind, text in blocks:
        text = _tidy(text)
        if text and kind != "list_item":
            # a block may open with a participant's position («начальник …»): a sentence starts capitalised
            text = upper_first(text)
        if text:
            result.append(Block.plain(kind, text))
    return result


def _facts(template: Template, context: Mapping[str, Any]) -> dict[str, Any]:
    facts: dict[str, Any] = {"template": template.key}
    for spec in template.fields:
        value = context[spec.name]
        if spec.type in _PARTICIPANT_TYPES or _empty(value):
            continue
        facts[spec.name] = value.isoformat() if isinstance(value, dt.date) else value
    return facts


def render(template: Template, values: Mapping[str, Any], resolve: Resolver) -> DraftResult:
    """A draft from a template and the form's values; participants come through resolve."""
    context = prepare_fields(template, values, resolve)
    try:
        title = upper_first(_tidy(template.title_template.render(context)))
        body = template.body_template.render(context)
    except jinja2.exceptions.SecurityError as exc:
        raise UserError(f"Шаблон «{template.name}» звертається до внутрішніх частин програми; "
                        "його не заповнено (перевірте файл шаблону).") from exc
    except (jinja2.TemplateError, ValueError, TypeError) as exc:
        raise UserError(f"Шаблон «{template.name}» не вдалося заповнити: {exc}") from exc
    participants: list[Participant] = []
    for spec in template.fields:
        if spec.type in _PARTICIPANT_TYPES:
            for participant in as_list(context[spec.name]):
                if participant not in participants:
                    participants.append(participant)
    return DraftResult(
        Document(title, tuple(_blocks(body, template))), participants, _facts(template, context)
    )
