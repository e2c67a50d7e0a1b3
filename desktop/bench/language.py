"""Timing the proofing core: a cold 10,000-word check, a warm paragraph re-check, hunspell as the peer."""

from __future__ import annotations

import random
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from desktop.bench import proofing_process
from desktop.bench.processes import private_folders
from desktop.language.inflection import morph
from desktop.language.phrases import normal_key
from desktop.language.proofing import DEFAULT_GLOSSARY, Proofreader
from desktop.language.spelling import DICTIONARY_DIR, UKRAINIAN, Dictionaries, load_dictionaries
from desktop.language.words import tokenize

# Release-style paragraphs (the reference release's register: meetings, aid, repairs, budgets), with the
# dates, numbers, quotes, dashes and abbreviations a real release has, so every rule has work to do.
SOURCE_PARAGRAPHS = """\
Начальник обласної військової адміністрації провів нараду з керівниками районних військових адміністрацій щодо підготовки до опалювального сезону. Учасники наради обговорили стан ремонту котелень, закупівлю палива та резервних джерел живлення для закладів освіти й охорони здоров’я. Окрему увагу приділили громадам, що приймають внутрішньо переміщених осіб. Відповідальним службам доручено до кінця місяця подати уточнені графіки робіт і звіти про використання коштів.
У громадах району тривають роботи з відновлення пошкоджених житлових будинків. За програмою компенсації власники отримали понад двісті сертифікатів на придбання будівельних матеріалів. Фахівці центру надання адміністративних послуг щодня консультують мешканців, допомагають заповнити заяви та перевіряють документи. Місцева влада дякує міжнародним партнерам і волонтерам, які долучилися до розбору завалів і надали техніку.
Заступник начальника районної військової адміністрації зустрівся з представниками ветеранських організацій. Сторони обговорили питання працевлаштування учасників бойових дій, психологічної підтримки їхніх родин і доступу до реабілітаційних послуг. Було вирішено створити у кожній громаді простір для ветеранів, де вони зможуть отримати консультації юристів, психологів і фахівців із перекваліфікації. Відповідні пропозиції підготують до наступного засідання координаційної ради.
У районному центрі відбувся форум молоді, присвячений розвитку громадянського суспільства. Понад сто учасників із різних громад презентували власні проєкти у сферах освіти, культури, екології та цифрових технологій. Кращі ініціативи отримають фінансування з обласного бюджету та грантових програм. Організатори наголосили, що саме молодь має стати рушієм відбудови, а її голос повинен звучати під час ухвалення рішень.
Медичні заклади області отримали нове обладнання від міжнародних благодійних фондів. Серед переданого — апарати штучної вентиляції легень, ультразвукові сканери, генератори та набори для надання екстреної допомоги. Директор департаменту охорони здоров’я подякував донорам і зазначив, що техніку розподілили з урахуванням потреб прифронтових громад. Лікарі вже пройшли навчання з її використання.
Сільськогосподарські підприємства району завершили збирання ранніх зернових культур. Попри складні погодні умови та брак працівників, аграрії зібрали врожай вчасно. Голова громади відзначив внесок фермерів у продовольчу безпеку держави та закликав їх брати участь у програмах державної підтримки. Найближчим часом для господарств проведуть семінар щодо отримання пільгових кредитів і компенсацій за придбану техніку.
Триває ремонт автомобільних доріг місцевого значення. Підрядники відновлюють покриття, облаштовують узбіччя та тротуари, встановлюють нові дорожні знаки. Роботи фінансують коштом місцевих бюджетів і державного фонду. Контроль за якістю здійснюють фахівці технічного нагляду, а мешканці можуть повідомити про недоліки через електронну систему звернень. Завершити ремонт планують до початку навчального року.
Управління соціального захисту населення нагадує про порядок призначення допомоги на проживання внутрішньо переміщеним особам. Для цього необхідно звернутися до центру надання адміністративних послуг або подати заяву онлайн. Виплати здійснюють щомісяця, а розмір допомоги залежить від віку та стану здоров’я отримувача. Додаткову інформацію можна отримати за телефоном гарячої лінії.
В обласному краєзнавчому музеї відкрилася виставка, присвячена історії краю та видатним землякам. Відвідувачі можуть побачити рідкісні документи, світлини, вишиванки й предмети побуту минулого століття. Працівники музею підготували екскурсії для школярів і студентів, а також цикл лекцій про традиції регіону. Вхід для ветеранів, їхніх родин і внутрішньо переміщених осіб безкоштовний.
Спортсмени області здобули дванадцять медалей на чемпіонаті України з легкої атлетики. Найкращий результат показали юніори, які встановили два нові рекорди. Тренери зазначили, що попри обмеження воєнного часу вихованці не припиняли тренувань і гідно представили свій край. Переможців привітали керівники області та вручили їм грамоти та подарунки.
Рятувальники разом із представниками громад провели навчання з цивільного захисту для працівників підприємств і закладів освіти. Учасники відпрацювали порядок дій під час надзвичайних ситуацій, навчилися користуватися вогнегасниками та надавати домедичну допомогу. Фахівці нагадали про важливість дотримання правил безпеки та закликали мешканців не торкатися підозрілих предметів і повідомляти про них за номером екстреної служби.
Депутати обласної ради ухвалили зміни до бюджету на поточний рік. Додаткові кошти спрямують на підтримку закладів освіти, закупівлю шкільних автобусів, оснащення укриттів і програми для ветеранів. Голова бюджетної комісії зазначив, що всі видатки погоджено з фінансовим управлінням, а звіт про їх використання оприлюднять на офіційному вебсайті. Депутати також затвердили програму розвитку туризму на наступні три роки.
20 квітня 2023 року у Києві відбувся Міжнародний саміт міст і регіонів «Партнерство заради перемоги». Участь у ньому взяли начальник районної військової адміністрації, його заступник та голови 12 територіальних громад. До заходу долучилися понад 120 очільників громад і регіонів із різних країн-партнерів України. Учасники підписали 11 угод про співпрацю.
Упродовж 2023–2024 років громада отримала 15 генераторів, 3 шкільні автобуси та 250 тонн будівельних матеріалів. На ремонт 42 будинків спрямовано 18,5 мільйона гривень. Роботи тривають на вулицях Шевченка, Грушевського та Соборній — їх завершать до 1 вересня. Мешканці, які мають запитання, можуть звернутися до ЦНАП з понеділка по п’ятницю з 8:00 до 17:00.
Депутати підтримали звернення ОВА щодо програми «Теплий дім» і виділили на неї 2,3 мільйона гривень. За словами голови бюджетної комісії, у 2024 році програмою скористаються понад 300 родин ВПО. Наступне засідання виконавчого комітету відбудеться 15 травня о 10:00 у залі засідань міської ради на вулиці Соборній, 12. Запрошуємо до участі представників ЗМІ та громадських організацій.
"""

TARGET_WORDS = 10_000
PARAGRAPH_WORDS = 200
# Share of words swapped for another form of the same word: brings the 10,000-word text to the
# 2,000-3,000 distinct forms that a month of a real office's releases has.
REINFLECT_SHARE = 0.35


def _accepted_forms(word: str, dictionaries) -> list[str]:
    """Other forms of word that the dictionary accepts, so the text stays free of misspellings."""
    forms: set[str] = set()
    for parse in morph().parse(normal_key(word))[:1]:
        forms.update(form.word for form in parse.lexeme)
    forms.discard(normal_key(word))
    return sorted(f for f in forms if "'" not in f and dictionaries.check(f))


def benchmark_text(words: int = TARGET_WORDS, seed: int = 2023, dictionaries: Dictionaries | None = None) -> str:
    """A release-style text of about `words` words: the paragraphs' sentences, shuffled, some words re-inflected."""
    rng = random.Random(seed)
    dictionaries = dictionaries or load_dictionaries()
    sentences = [s.strip() + "." for p in SOURCE_PARAGRAPHS.splitlines() for s in p.split(". ") if s.strip()]
    sentences = [s.replace("..", ".") for s in sentences]
    alternatives: dict[str, list[str]] = {}
    out: list[str] = []
    count = 0
    while count < words:
        sentence = rng.choice(sentences)
        pieces = []
        for token in sentence.split(" "):
            core = token.strip(".,«»")
            if core.isalpha() and core.islower() and len(core) > 3 and rng.random() < REINFLECT_SHARE:
                if core not in alternatives:
                    alternatives[core] = _accepted_forms(core, dictionaries)
                if alternatives[core]:
                    token = token.replace(core, rng.choice(alternatives[core]))
            pieces.append(token)
        out.append(" ".join(pieces))
        count += len(pieces)
        if len(out) % 6 == 0:
            out[-1] += "\n"  # a paragraph every six sentences, as in a release
    return " ".join(out).replace("\n ", "\n")


def _median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 3)


def bench_figures(quick: bool = False) -> dict[str, float]:
    """Median milliseconds: proof_10k_words_ms (every word cache empty, dictionaries loaded), paragraph_recheck_ms (warm), hunspell_10k_words_ms,
    and the whole-process and suggestion figures of desktop.bench.proofing_process; temporary folders only.

    Also proof_10k_words_warm_ms (all caches warm) and distinct_words, which explain the cold figure.
    """
    with tempfile.TemporaryDirectory(prefix="visnyk-bench-language-") as folder, private_folders(Path(folder)):
        text, typos = proofing_process.proofing_text(benchmark_text())
        figures = _in_process_figures(quick, text)
        figures.update(proofing_process.bench_figures(text, typos, quick))
    return figures


def _in_process_figures(quick: bool, text: str) -> dict[str, float]:
    # as in the editor: the glossary is always there, suggestions are asked when a menu opens
    proofreader = Proofreader(extra_words=DEFAULT_GLOSSARY, spelling_suggestions=False)
    proofreader.check("Прогрів.")  # loads the dictionaries and builds the style and security tables
    repeats = 3 if quick else 9
    cold = []
    cold_cpu = []
    for _ in range(repeats):
        proofreader.clear_caches()  # every layer's per-word caches (desktop.language.word_cache) too
        started, cpu_started = time.perf_counter(), time.process_time()
        proofreader.check(text)
        cold.append(time.perf_counter() - started)
        cold_cpu.append(time.process_time() - cpu_started)

    warm_full = []
    for _ in range(repeats):
        started = time.perf_counter()
        proofreader.check(text)
        warm_full.append(time.perf_counter() - started)

    tokens = tokenize(text)
    paragraph = text[tokens[0][1]:tokens[PARAGRAPH_WORDS - 1][2]]
    proofreader.check_paragraph(paragraph)
    warm = []
    for _ in range(repeats * 10):
        started = time.perf_counter()
        proofreader.check_paragraph(paragraph)
        warm.append(time.perf_counter() - started)

    figures = {
        "proof_10k_words_ms": _median_ms(cold),
        # the same in CPU time: on a machine busy with other work the wall-clock figure grows, this one not
        "proof_10k_words_cpu_ms": _median_ms(cold_cpu),
        "paragraph_recheck_ms": _median_ms(warm),
        # the same 10,000 words with every word cache warm: the rest of the cold figure is the morphology
        # of the text's distinct words (desktop.language.analysis) and the layers' verdicts on them
        "proof_10k_words_warm_ms": _median_ms(warm_full),
        "distinct_words": float(len({token[0] for token in tokens})),
    }
    hunspell = shutil.which("hunspell")
    if hunspell:
        dictionary = str(DICTIONARY_DIR / "hunspell" / UKRAINIAN)
        peer = []
        for _ in range(repeats):
            started = time.perf_counter()
            subprocess.run([hunspell, "-d", dictionary, "-l"], input=text.encode(), capture_output=True, check=True)
            peer.append(time.perf_counter() - started)
        figures["hunspell_10k_words_ms"] = _median_ms(peer)
    return figures


if __name__ == "__main__":
    for name, value in bench_figures().items():
        print(f"{name}: {value}")
