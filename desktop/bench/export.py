"""Export figures for `run.py bench`: DOCX, PDF and signed PDF of a warm two-page release, and LibreOffice."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.bench.processes import (
    BenchFailed,
    import_ms,
    interleaved_medians,
    private_environment,
    process_ms,
    python_command,
    ratio,
)
from desktop.bench.suite import median_ms
from desktop.document import Block, Document, Run
from desktop.export.layout import OFFICE, ReleaseMeta, Visa

_PARAGRAPHS = (
    "Сьогодні, 20 квітня 2023 року, у Коростені відбулася нарада щодо відновлення "
    "об’єктів критичної інфраструктури громад району, пошкоджених унаслідок російських атак. "
    "Участь у ній взяли начальник районної військової адміністрації Ю. Тарасюк, його заступники, "
    "голови територіальних громад, керівники комунальних підприємств і представники міжнародних "
    "гуманітарних організацій.",
    "Учасники обговорили стан ремонту котелень, водогонів і мереж вуличного освітлення, а також "
    "графік робіт на травень — червень. За словами начальника адміністрації, пріоритетом "
    "залишаються школи, лікарні та пункти незламності, які мають працювати за будь-яких умов.",
    "«Ми маємо підготуватися до наступного опалювального сезону заздалегідь. Кожна громада "
    "отримає чіткий перелік завдань і строків, а хід робіт ми перевірятимемо щотижня», — "
    "наголосив Юрій Тарасюк.",
    "Представники громад поінформували про залучені кошти: понад 12 млн грн надійшло з "
    "державного фонду регіонального розвитку, ще близько 8 млн грн — від міжнародних партнерів. "
    "Частину техніки й матеріалів передали міста-побратими з Польщі, Литви та Німеччини.",
    "Окремо йшлося про підтримку внутрішньо переміщених осіб: облаштування модульних "
    "містечок, працевлаштування та психологічну допомогу. У районі вже працюють 14 центрів "
    "надання адміністративних послуг, де можна оформити допомогу на проживання.",
    "Наприкінці наради учасники погодили план заходів на наступний квартал і домовилися "
    "про спільну інформаційну кампанію, щоб мешканці знали, куди звертатися по допомогу. "
    "Наступна зустріч відбудеться в травні у Малині.",
)


def bench_document() -> Document:
    """A two-page release in the house layout, written for the bench."""
    blocks = [Block("lead", (Run(_PARAGRAPHS[0]),))]
    for index, text in enumerate(_PARAGRAPHS[1:] * 2):
        if index == 5:
            blocks.append(Block.plain("subheading", "Підтримка переселенців"))
        kind = "quote" if text.startswith("«") else "paragraph"
        blocks.append(Block(kind, (Run(text, bold=index == 0),)))
    blocks.append(Block.plain("list_item", "ремонт котелень і водогонів;"))
    blocks.append(Block.plain("list_item", "облаштування модульних містечок."))
    return Document("Громади Коростенщини готуються до відновлення інфраструктури", tuple(blocks))


def bench_meta() -> ReleaseMeta:
    """The department's signature and a date line, as settings would give them."""
    return ReleaseMeta(
        organisation="Коростенська районна військова адміністрація",
        department="Відділ інформаційної діяльності та комунікацій з громадськістю",
        signature_lines=(
            "Відділ інформаційної діяльності та комунікацій з громадськістю",
            "Коростенської районної військової адміністрації",
        ),
        date_line="20 квітня 2023 року, м. Коростень",
        visa=Visa("заступник начальника", "Сергій КИРИЧЕНКО", "20.04.2023"),
        copy=OFFICE,
        content_hash="0" * 64,
    )


def soffice_path() -> str | None:
    """LibreOffice's soffice on this machine, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def _approved_demo_release(folder: Path) -> tuple[str, str, int, str]:
    """A demo database in `folder`: its URL, the demo password, an approved release and an exporter's login."""
    from sqlalchemy import select

    from desktop.bench.suite import _prepare_demo_database
    from desktop.demo.seed import DEMO_USERS
    from desktop.storage.engine import Database
    from desktop.storage.models import Release

    url, password = _prepare_demo_database(folder)
    database = Database(url)
    with database.session() as session:
        release_id = session.scalars(select(Release.id).where(Release.status == "approved")).first()
    database.dispose()
    if release_id is None:
        raise BenchFailed("the demo has no approved release to export")
    exporter = next(login for login, _name, _position, roles in DEMO_USERS if "exporter" in roles)
    return url, password, release_id, exporter


def process_figures(quick: bool = False) -> dict[str, Any]:
    """`run.py export` of an unsigned PDF and a DOCX as whole processes, beside LibreOffice in the same run.

    LibreOffice converts the very DOCX Visnyk exports, with a warm profile of its own; each figure is the
    median of fresh processes taking turns. Without soffice its figure and the ratios are None.
    The demo database is a SQLite file and the exporter's login a plain success, so these processes take
    the path a user meets for an unsigned export: desktop.export.light, without SQLAlchemy.
    """
    soffice = soffice_path()
    runs = 3 if quick else 7
    with tempfile.TemporaryDirectory(prefix="visnyk-bench-") as name:
        folder = Path(name)
        url, password, release_id, exporter = _approved_demo_release(folder)
        env = private_environment(folder, VISNYK_PASSWORD=password)
        out = folder / "out"

        def export(fmt: str) -> list[str]:
            return python_command("--database", url, "--as", exporter, "export", str(release_id),
                                  "--format", fmt, "--out", str(out), "--overwrite")

        process_ms(export("docx"), env)
        docx = next(out.glob("*.docx"))
        actions: dict[str, Callable[[], float]] = {
            "cli_export_pdf_ms": lambda: process_ms(export("pdf"), env),
            "cli_export_docx_ms": lambda: process_ms(export("docx"), env),
        }
        if soffice is not None:
            command = [soffice, f"-env:UserInstallation={(folder / 'lo-profile').as_uri()}", "--headless",
                       "--convert-to", "pdf", "--outdir", str(folder / "lo"), str(docx)]
            actions["libreoffice_process_ms"] = lambda: process_ms(command, env)
        figures: dict[str, Any] = {"libreoffice_process_ms": None, **interleaved_medians(actions, runs)}
        peer = figures["libreoffice_process_ms"]
        figures["cli_export_pdf_vs_libreoffice"] = ratio(figures["cli_export_pdf_ms"], peer)
        figures["cli_export_docx_vs_libreoffice"] = ratio(figures["cli_export_docx_ms"], peer)
        for fmt in ("pdf", "docx"):
            total, heaviest = import_ms(export(fmt), env)
            figures[f"imports_export_{fmt}_ms"] = total
            figures[f"imports_export_{fmt}_heaviest"] = heaviest
        # `check` exits 1 when it finds something: that is its answer, not a failure.
        text = folder / "release.txt"
        text.write_text(bench_document().plain_text(), encoding="utf-8")
        total, heaviest = import_ms(python_command("--database", url, "check", str(text)), env, ok_codes=(0, 1))
        figures["imports_check_ms"], figures["imports_check_heaviest"] = total, heaviest
    return figures


def bench_figures(quick: bool = False) -> dict[str, Any]:
    """Median milliseconds of each export of a warm two-page release, then the whole-process figures."""
    from desktop.export.docx import render_docx
    from desktop.export.pdf import render_pdf
    from desktop.export.signing import load_signer, render_signed_pdf
    from desktop.export.testcert import make_test_certificate

    document, meta = bench_document(), bench_meta()
    runs = 3 if quick else 9
    with tempfile.TemporaryDirectory(prefix="visnyk-bench-") as folder:
        workdir = Path(folder)
        certificate = make_test_certificate(workdir / "bench.p12", "bench")
        signer = load_signer(certificate, "bench")
        # The first call of each warms fonts, styles, dictionaries and the DOCX template.
        figures: dict[str, Any] = {
            "export_docx_ms": median_ms(lambda: render_docx(document, meta), runs),
            "export_pdf_ms": median_ms(lambda: render_pdf(document, meta), runs),
            "export_signed_pdf_ms": median_ms(lambda: render_signed_pdf(document, meta, signer), runs),
        }
        _, layout_result = render_pdf(document, meta)
        figures["export_pdf_pages"] = layout_result.pages
    figures.update(process_figures(quick))
    # The warm figures' peer is the same LibreOffice process (it has no warm mode to compare with).
    figures["libreoffice_convert_ms"] = figures["libreoffice_process_ms"]
    return figures
