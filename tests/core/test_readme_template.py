"""The office template shown in the README loads and drafts a release, as the README promises."""

from __future__ import annotations

import re
from pathlib import Path

from desktop.drafting.templates import load_templates, render
from desktop.participants import list_resolver, make_participant

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_template_drops_into_the_user_folder_and_renders(tmp_path: Path) -> None:
    match = re.search(r"```toml\n# <user data folder>/templates/(\w+)\.toml\n(.*?)```", README.read_text("utf-8"), re.S)
    assert match, "the README shows an office template"
    (tmp_path / f"{match.group(1)}.toml").write_text(match.group(2), encoding="utf-8")
    templates, errors = load_templates([tmp_path])
    assert errors == []
    speaker = make_participant("Юрій", "Тарасюк", None, "masculine",
                               "начальник Коростенської районної військової адміністрації")
    result = render(templates["briefing"], {"speaker": "Юрій Тарасюк", "event_date": "2023-04-20",
                                            "place": "у Коростені", "topics": "Про опалювальний сезон."},
                    list_resolver([speaker]))
    assert result.document.blocks[0].text.startswith(
        "20 квітня 2023 року начальник Коростенської районної військової адміністрації Юрій Тарасюк провів брифінг"
    )
