"""Export figures for `run.py bench`: DOCX, PDF and signed PDF of a warm two-page release, and LibreOffice."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

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


def libreoffice_convert_ms(docx_path: Path, workdir: Path, runs: int) -> float | None:
    """LibreOffice converting the DOCX to PDF headless (the peer), or None without soffice."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    profile = (workdir / "lo-profile").as_uri()
    command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
               "--outdir", str(workdir / "lo"), str(docx_path)]

    def convert() -> None:
        subprocess.run(command, capture_output=True, timeout=180, check=True)

    try:
        return median_ms(convert, runs)
    except (OSError, subprocess.SubprocessError):
        return None


def bench_figures(quick: bool = False) -> dict[str, float | None]:
    """Median milliseconds of each export of a warm two-page release, and LibreOffice's conversion."""
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
        figures: dict[str, float | None] = {
            "export_docx_ms": median_ms(lambda: render_docx(document, meta), runs),
            "export_pdf_ms": median_ms(lambda: render_pdf(document, meta), runs),
            "export_signed_pdf_ms": median_ms(lambda: render_signed_pdf(document, meta, signer), runs),
        }
        _, layout_result = render_pdf(document, meta)
        figures["export_pdf_pages"] = layout_result.pages
        docx_path = workdir / "bench.docx"
        docx_path.write_bytes(render_docx(document, meta))
        figures["libreoffice_convert_ms"] = libreoffice_convert_ms(docx_path, workdir, 1 if quick else 3)
    return figures
