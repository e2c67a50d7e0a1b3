"""Bench figures of the release lists: first page and full-text search over 100,000 releases."""

from __future__ import annotations

import hashlib
import itertools
import json
import random
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from desktop.bench.suite import median_ms
from desktop.document import Block, Document
from desktop.releases.listing import list_releases
from desktop.releases.revisions import search_text_of
from desktop.storage.engine import Database
from desktop.storage.models import User

FULL_SIZE = 100_000
QUICK_SIZE = 20_000

_PLACES = (
    "Коростені",
    "Малині",
    "Олевську",
    "Лугинах",
    "Народичах",
    "Овручі",
    "Ушомирі",
    "Чоповичах",
    "Іршанську",
    "Хорошеві",
    "Житомирі",
    "Києві",
)
_PLACE_ADJECTIVES = (
    "Коростенської",
    "Малинської",
    "Олевської",
    "Лугинської",
    "Народицької",
    "Овруцької",
    "Ушомирської",
    "Чоповицької",
    "Іршанської",
    "Хорошівської",
)
_EVENTS = (
    "відбулася нарада з питань",
    "провели робочу зустріч щодо",
    "обговорили стан",
    "підбили підсумки роботи з питань",
    "розглянули пропозиції щодо",
    "затвердили план заходів щодо",
)
_TOPICS = (
    "відновлення критичної інфраструктури",
    "підготовки до опалювального сезону",
    "гуманітарної допомоги внутрішньо переміщеним особам",
    "ремонту доріг місцевого значення",
    "соціального захисту родин захисників",
    "організації освітнього процесу",
    "забезпечення громад генераторами",
    "медичного обслуговування сільського населення",
    "розвитку місцевого самоврядування",
    "енергозбереження в закладах освіти",
)
_OFFICIALS = (
    "начальник районної військової адміністрації Юрій Тарасюк",
    "заступник начальника районної військової адміністрації Сергій Кириченко",
    "заступниця голови районної ради Олена Харченко",
    "голови територіальних громад району",
    "керівники структурних підрозділів",
    "представники благодійних фондів",
)
_SENTENCES = (
    "Учасники наголосили на важливості злагодженої співпраці органів влади та громад.",
    "За результатами зустрічі ухвалено низку рішень і визначено відповідальних виконавців.",
    "Окрему увагу приділили потребам ветеранів і членів їхніх родин.",
    "Громади отримали генератори, будівельні матеріали та засоби першої допомоги.",
    "Робота триватиме відповідно до затвердженого плану та в тісній взаємодії з громадськістю.",
    "Було поінформовано про хід виконання регіональних програм у поточному році.",
    "Сторони домовилися провести наступну зустріч після завершення першого етапу робіт.",
    "Фахівці відповіли на запитання мешканців і зібрали пропозиції для подальшого опрацювання.",
    "Партнери з міжнародних організацій передали обладнання для лікарні та шкіл.",
    "Підписано меморандум про співпрацю між районною військовою адміністрацією та громадами.",
)
_STATUSES = ("draft",) * 3 + ("in_review", "returned") + ("approved",) * 3 + ("archived",)


def _release_text(rng: random.Random) -> tuple[str, Document]:
    place = rng.choice(_PLACES)
    topic = rng.choice(_TOPICS)
    title = f"У {place} {rng.choice(_EVENTS)} {topic}"
    lead = (
        f"{rng.randint(1, 28)} числа у {place} {rng.choice(_EVENTS)} {topic}, участь у якій взяли "
        f"{rng.choice(_OFFICIALS)} та {rng.choice(_OFFICIALS)} {rng.choice(_PLACE_ADJECTIVES)} громади."
    )
    body = " ".join(rng.sample(_SENTENCES, 6))
    closing = f"Також обговорили питання {rng.choice(_TOPICS)} та {rng.choice(_TOPICS)}."
    document = Document(
        title,
        (Block.plain("lead", lead), Block.plain("paragraph", body), Block.plain("paragraph", closing)),
    )
    return title, document


def _fast_json(data: Any) -> str:
    # The generated text is already NFC, so plain sorted JSON equals the canonical form, many times faster.
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _release_rows(count: int, user_id: int, seed: int) -> Iterator[tuple[Any, ...]]:
    rng = random.Random(seed)
    start = datetime(2024, 1, 1, tzinfo=UTC)
    for index in range(count):
        title, document = _release_text(rng)
        data = document.to_json_data()
        document_json = _fast_json(data)
        payload = _fast_json({"document": data, "facts": {}, "participants": []})
        moment = (start + timedelta(minutes=index * 7 + rng.randint(0, 6))).replace(tzinfo=None)
        yield (
            "event_report",
            title,
            rng.choice(_STATUSES),
            user_id,
            moment.strftime("%Y-%m-%d %H:%M:%S.%f"),
            moment.strftime("%Y-%m-%d %H:%M:%S.%f"),
            (moment.date() - timedelta(days=rng.randint(0, 3))).isoformat(),
            document_json,
            hashlib.sha256(payload.encode("utf-8")).hexdigest(),
            search_text_of(document),
        )


def build_bench_database(url: str, count: int, seed: int = 4163) -> int:
    """Fills a fresh SQLite database with count realistic releases; returns the id of a user who sees all."""
    Database(url).dispose()  # the schema, by the real migrations
    path = make_url(url).database
    connection = sqlite3.connect(str(path))
    try:
        # A throw-away file: no journal and no fsync while loading, the index rebuilt once at the end.
        connection.execute("PRAGMA journal_mode=OFF")
        connection.execute("PRAGMA synchronous=OFF")
        triggers = connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'releases'"
        ).fetchall()
        for name, _sql in triggers:
            connection.execute(f'DROP TRIGGER "{name}"')
        cursor = connection.execute(
            "INSERT INTO users (login, full_name, position, password_hash, roles, active, failed_logins, "
            "created_at) VALUES ('bench', 'Олена Харченко', '', '-', 'admin supervisor author exporter', 1, 0, "
            "'2024-01-01 00:00:00')"
        )
        user_id = int(cursor.lastrowid or 0)
        connection.executemany(
            "INSERT INTO releases (template_key, title, status, author_id, created_at, updated_at, event_date, "
            "document_json, content_hash, search_text, place, participants_json, facts_json, version, "
            "approved_hash, self_approved, status_before_archive) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', '[]', '{}', 1, '', 0, '')",
            _release_rows(count, user_id, seed),
        )
        connection.execute("INSERT INTO releases_fts(releases_fts) VALUES ('rebuild')")
        for _name, sql in triggers:
            connection.execute(sql)
        connection.commit()
        connection.execute("PRAGMA journal_mode=WAL")
        return user_id
    finally:
        connection.close()


def bench_figures(quick: bool = False) -> dict[str, Any]:
    """release_list_first_page_ms and release_search_ms, medians, on a temporary SQLite database."""
    count = QUICK_SIZE if quick else FULL_SIZE
    searches = (
        "гуманітарн допомог",
        "коростен",
        "опалювальн сезон",
        "ремонт доріг",
        "Тарасюк меморандум",
    )
    with tempfile.TemporaryDirectory(prefix="visnyk-bench-releases-") as folder:
        url = f"sqlite:///{Path(folder) / 'releases.sqlite3'}"
        started = time.perf_counter()
        user_id = build_bench_database(url, count)
        build_seconds = time.perf_counter() - started
        database = Database(url)
        try:
            with database.session() as session:
                user = session.get(User, user_id)
                assert user is not None

                def first_page() -> None:
                    list_releases(session, user, "all", limit=100)

                search_index = itertools.count()

                def search() -> None:
                    list_releases(session, user, "all", search=searches[next(search_index) % len(searches)])

                # The first call of each warms the page cache and SQLAlchemy's statement cache.
                first_page_ms = median_ms(first_page, 15 if quick else 41, digits=2)
                search_ms = median_ms(search, 15 if quick else 41, digits=2)
        finally:
            database.dispose()
    return {
        "release_list_first_page_ms": first_page_ms,
        "release_search_ms": search_ms,
        "release_bench_releases": count,
        "release_bench_build_s": round(build_seconds, 1),
    }
