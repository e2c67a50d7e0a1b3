"""The directory search benchmark: 10,000 generated officials, a few hundred varied queries."""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from desktop.directory.exchange import new_official_row
from desktop.directory.officials import complete_forms, match_key
from desktop.directory.search import search_officials
from desktop.storage.engine import Database
from desktop.storage.models import Official, utcnow


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


SURNAMES = _words(
    "Тарасюк Кириченко Харченко Бойко Коваленко Бондаренко Ткаченко Кравченко Олійник Шевченко Мельник "
    "Поліщук Савчук Лисенко Руденко Мороз Гнатюк Марченко Павленко Романюк Кравець Левченко Довженко "
    "Гончаренко Мазур Карпенко Ярошенко Литвиненко Семенюк Приходько Сидоренко Захарченко Дячук Панченко "
    "Собко Рибак Лук'яненко Ковальчук Тимошенко Андрієнко Білоус Вдовиченко Гуменюк Демченко Єременко "
    "Жук Зінченко Іваненко Калиниченко Лагода Мартинюк Назаренко Остапчук Петренко Радченко Соловйов "
    "Тищенко Удовенко Федорчук Хоменко Цимбалюк Чорновол Шаповал Щербак Юрченко Яковенко В'юник Зуб "
    "Білик Гордієнко Коломієць Кузьмич Нечипорук Осадчий Пилипенко Рудницький Стасюк Терещук Швець"
)
SUFFIXES = ("", "", "", "ук", "енко", "ич", "ець", "ак")
MALE = _words("Юрій Сергій Олександр Андрій Василь Віктор Володимир Дмитро Іван Ігор Микола Михайло Олег "
        "Петро Роман Тарас Богдан Валерій Григорій Євген Леонід Максим Ярослав Анатолій")
FEMALE = _words("Олена Наталія Ірина Тетяна Оксана Людмила Світлана Марія Валентина Галина Юлія Катерина "
          "Ольга Інна Лариса Алла Вікторія Надія Ганна Зоя")
FATHERS = _words("Петр Іван Михайл Василь Олександр Миколай Сергій Володимир Андрій Григорій")
RAIONS = _words("Коростенськ Житомирськ Бердичівськ Звягельськ")
HROMADAS = _words("Коростенськ Малинськ Олевськ Овруцьк Народицьк Лугинськ Ушомирськ Хорошівськ Чоповицьк "
            "Іршанськ Базарськ Гладковицьк Словечанськ Білокоровицьк Потіївськ Радомишльськ")
POSITIONS = (
    "начальник {raion}ої районної військової адміністрації",
    "заступник начальника {raion}ої районної військової адміністрації",
    "перший заступник начальника {raion}ої районної військової адміністрації",
    "голова {raion}ої районної ради",
    "заступник голови {raion}ої районної ради",
    "{hromada}ий міський голова",
    "{hromada}ий сільський голова",
    "секретар {hromada}ої міської ради",
    "староста {hromada}ого старостинського округу",
    "начальник відділу освіти {hromada}ої міської ради",
    "директор {hromada}ого ліцею № 2",
    "головний лікар {hromada}ої центральної лікарні",
    "начальник відділу інформаційної діяльності та комунікацій з громадськістю",
    "керівник апарату {raion}ої районної військової адміністрації",
    "начальник управління соціального захисту населення",
)
FEMININE_TITLES = {"начальник": "начальниця", "заступник": "заступниця", "перший": "перша",
                   "директор": "директорка", "секретар": "секретарка", "керівник": "керівниця"}


def _position(rng: random.Random, feminine: bool) -> tuple[str, str]:
    template = rng.choice(POSITIONS)
    raion, hromada = rng.choice(RAIONS), rng.choice(HROMADAS)
    text = template.format(raion=raion, hromada=hromada)
    if feminine:
        words = text.split(" ")
        for index in range(min(2, len(words))):
            words[index] = FEMININE_TITLES.get(words[index], words[index])
        text = " ".join(words)
    if "{hromada}" in template:
        organization = f"{hromada}а міська рада"
    elif "ради" in template:
        organization = f"{raion}а районна рада"
    else:
        organization = f"{raion}а районна військова адміністрація"
    return text, organization


def generate_officials(count: int, seed: int = 2023) -> list[dict[str, Any]]:
    """Plausible officials with distinct names; the same seed gives the same people."""
    rng = random.Random(seed)
    people: list[dict[str, Any]] = []
    keys: set[str] = set()
    while len(people) < count:
        feminine = rng.random() < 0.45
        given = rng.choice(FEMALE if feminine else MALE)
        surname = rng.choice(SURNAMES) + rng.choice(SUFFIXES)
        if surname.endswith(("ий", "ій")) and feminine:
            surname = surname[:-2] + "а"
        father = rng.choice(FATHERS)
        patronymic = father + ("івна" if feminine else "ович")
        position, organization = _position(rng, feminine)
        key = match_key(surname, given, patronymic, organization)
        if key in keys:
            continue
        keys.add(key)
        people.append({
            "surname": surname, "given_name": given, "patronymic": patronymic,
            "gender": "feminine" if feminine else "masculine", "position": position,
            "short_position": "", "organization": organization, "precedence": rng.randint(1, 500),
            "phone": f"+380 4{rng.randint(10, 99)} {rng.randint(100, 999)}-{rng.randint(10, 99)}-"
                     f"{rng.randint(10, 99)}",
            "email": f"user{len(people)}@{rng.choice(('gov.ua', 'rada.gov.ua', 'ukr.net'))}",
        })
    return people


def seed_officials(database: Database, people: list[dict[str, Any]]) -> None:
    """Writes generated officials straight into the table (no case forms: searching does not need them)."""
    now = utcnow()
    rows = [
        new_official_row(person, match_key(person["surname"], person["given_name"], person["patronymic"],
                                           person["organization"]), now)
        for person in people
    ]
    with database.session() as session:
        session.execute(insert(Official), rows)


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 5:
        return word
    index = rng.randrange(1, len(word) - 1)
    kind = rng.choice(("drop", "swap", "replace"))
    if kind == "drop":
        return word[:index] + word[index + 1:]
    if kind == "swap":
        return word[:index] + word[index + 1] + word[index] + word[index + 2:]
    return word[:index] + rng.choice("аеиоуі") + word[index + 1:]


def sample_queries(people: list[dict[str, Any]], count: int, seed: int = 7) -> list[str]:
    """Prefixes, several words in any order, mistyped surnames, apostrophe variants, positions."""
    rng = random.Random(seed)
    queries: list[str] = []
    while len(queries) < count:
        person = rng.choice(people)
        kind = len(queries) % 6
        if kind == 0:
            queries.append(person["surname"][: rng.randint(3, 6)])
        elif kind == 1:
            queries.append(f"{person['given_name']} {person['surname'][:5]}")
        elif kind == 2:
            queries.append(f"{person['surname'].lower()} {person['position'].split()[0]}")
        elif kind == 3:
            queries.append(_typo(rng, person["surname"]))
        elif kind == 4:
            queries.append(person["surname"].replace("'", "’") if "'" in person["surname"] else
                           f"{person['organization'].split()[0][:7]} {person['given_name'][:3]}")
        else:
            queries.append(f"{_typo(rng, person['surname'])} {person['given_name']}")
    return queries


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def bench_figures(quick: bool = False) -> dict[str, float]:
    """{"directory_search_p95_ms": …} over 10,000 officials in a temporary SQLite database."""
    people = generate_officials(10_000)
    queries = sample_queries(people, 100 if quick else 400)
    with tempfile.TemporaryDirectory(prefix="visnyk-bench-") as folder:
        database = Database(f"sqlite:///{Path(folder) / 'bench.sqlite3'}")
        try:
            seed_officials(database, people)
            timings: list[float] = []
            cpu_timings: list[float] = []
            with database.session() as session:
                load_started = time.perf_counter()
                search_officials(session, "прогрів")  # the index is built once per database
                load_ms = (time.perf_counter() - load_started) * 1000
                for query in queries:
                    started, cpu_started = time.perf_counter(), time.process_time()
                    search_officials(session, query)
                    timings.append((time.perf_counter() - started) * 1000)
                    cpu_timings.append((time.process_time() - cpu_started) * 1000)
            # What an import of the 10,000 then costs on top: every name and position in every case.
            with database.session() as session:
                forms_started = time.perf_counter()
                complete_forms(session)
                forms_s = time.perf_counter() - forms_started
        finally:
            database.dispose()
    return {
        "directory_search_p95_ms": round(_p95(timings), 2),
        # the same searches in CPU time: tells a slow machine from a busy one
        "directory_search_p95_cpu_ms": round(_p95(cpu_timings), 2),
        "directory_search_median_ms": round(statistics.median(timings), 2),
        "directory_index_load_ms": round(load_ms, 1),
        "directory_forms_10k_s": round(forms_s, 1),
    }


if __name__ == "__main__":
    import json

    print(json.dumps(bench_figures(), ensure_ascii=False))
