"""Office templates are untrusted files: sandboxed, each loaded and reported on its own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.drafting.templates import MAX_TEMPLATE_BYTES, load_templates, render
from desktop.errors import UserError
from desktop.participants import list_resolver
from desktop.paths import resource, user_templates_dir

KINDS = {"event_report", "meeting", "working_visit", "aid_delivery", "announcement", "statement", "blank"}


def _template(body: str, extra: str = "") -> str:
    return f"""name = "Ворожий"
{extra}
title = "{{{{ headline }}}}"
body = '''
paragraph: {body}
'''

[[fields]]
name = "headline"
label = "Заголовок"
"""


def _hostile(tmp_path: Path) -> Path:
    """A file a template's shell command would create, were it ever run."""
    return tmp_path / "pwned"


@pytest.fixture
def hostile_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    marker = _hostile(tmp_path)
    files = {
        "mro.toml": _template("{{ headline.__class__.__mro__[1].__subclasses__() }}"),
        "globals.toml": _template(f"{{{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}}}"),
        "item.toml": _template("{{ headline['__class__'] }}"),
        "order.toml": _template("{{ headline }}", 'order = "abc"'),
        "bad_toml.toml": 'name = "x"\ntitle = \n',
        "bad_jinja.toml": _template("{% if headline %}без кінця"),
        "fields.toml": 'name = "x"\ntitle = "t"\nbody = "b"\nfields = ["a"]\n',
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_hostile_and_broken_templates_are_each_reported_and_the_others_load(hostile_folder, tmp_path):
    templates, errors = load_templates([resource("templates"), hostile_folder])
    assert set(templates) == KINDS  # every shipped template still loads
    failed = {error.path.name for error in errors}
    assert failed == {"mro.toml", "globals.toml", "item.toml", "order.toml", "bad_toml.toml", "bad_jinja.toml",
                      "fields.toml"}
    by_file = {error.path.name: error for error in errors}
    assert "__class__" in by_file["mro.toml"].message and by_file["mro.toml"].line == 5
    assert "__init__" in by_file["globals.toml"].message
    assert "order" in by_file["order.toml"].message and by_file["order.toml"].line == 2
    assert all("Traceback" not in str(error) for error in errors)
    assert not _hostile(tmp_path).exists()


def test_the_sandbox_refuses_internals_reached_through_a_filter(tmp_path):
    """What the load-time check cannot see (a name built at run time) the sandbox refuses when filling."""
    marker = _hostile(tmp_path)
    folder = tmp_path / "templates"
    folder.mkdir()
    body = ("{{ (cycler|attr('_' ~ '_init_' ~ '_')|attr('__glo' ~ 'bals__'))['os'].popen('touch "
            f"{marker}').read() }}}}")
    (folder / "sneaky.toml").write_text(_template(body), encoding="utf-8")
    templates, errors = load_templates([folder])
    template = templates.get("sneaky")
    if template is None:  # refused at load: just as good, as long as the file is named
        assert errors and errors[0].path.name == "sneaky.toml"
    else:
        with pytest.raises(UserError, match="Ворожий"):
            render(template, {"headline": "Заголовок"}, list_resolver([]))
    assert not marker.exists()


def test_an_oversized_template_is_refused_without_reading_it(tmp_path):
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "huge.toml").write_text(_template("x" * (MAX_TEMPLATE_BYTES + 10)), encoding="utf-8")
    (folder / "blank.toml").write_text((resource("templates") / "blank.toml").read_text("utf-8"), "utf-8")
    templates, errors = load_templates([folder])
    assert set(templates) == {"blank"}
    assert len(errors) == 1 and "завеликий" in errors[0].message


def test_templates_list_names_the_broken_file_and_the_reason(capsys):
    (user_templates_dir() / "order.toml").write_text(_template("{{ headline }}", 'order = "abc"'), "utf-8")
    (user_templates_dir() / "evil.toml").write_text(_template("{{ headline.__class__ }}"), "utf-8")
    assert main(["templates", "list", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {template["key"] for template in data["templates"]} >= KINDS
    assert any("order.toml:2:" in error and "order" in error for error in data["errors"])
    assert any("evil.toml:5:" in error and "__class__" in error for error in data["errors"])
    assert main(["templates", "list"]) == 0
    text = capsys.readouterr().out
    assert "Шаблон з помилкою:" in text and "evil.toml" in text


def test_a_name_built_at_render_time_to_reach_internals_is_one_ukrainian_line(tmp_path: Path) -> None:
    from desktop.drafting.templates import load_template

    source = resource("templates", "blank.toml").read_text(encoding="utf-8")
    text = source.replace('{{ "lead" if loop.first else "paragraph" }}: {{ part }}',
                          "paragraph: {{ headline|attr('\\x5f\\x5fclass\\x5f\\x5f') }}")
    assert text != source
    path = tmp_path / "sly.toml"
    path.write_text(text, encoding="utf-8")
    template, errors = load_template(path)
    assert template is not None and errors == []  # nothing to see before it runs
    with pytest.raises(UserError, match="звертається до внутрішніх частин програми") as caught:
        render(template, {"headline": "Тест", "lead_text": "Текст."}, list_resolver([]))
    assert "__class__" not in str(caught.value) and "unsafe" not in str(caught.value)
