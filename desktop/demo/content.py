"""The demo's officials and releases: the reference release's people and a release in each state."""

from __future__ import annotations

from typing import Any

from desktop.accounts import find_user
from desktop.directory import groups
from desktop.directory import officials as directory
from desktop.drafting.templates import load_templates
from desktop.releases import revisions
from desktop.storage.engine import Database
from desktop.workflow import transitions

DEMO_OFFICIALS: tuple[dict[str, Any], ...] = (
    {"surname": "Тарасюк", "given_name": "Юрій", "gender": "masculine", "precedence": 10,
     "position": "начальник Коростенської районної військової адміністрації",
     "short_position": "начальник Коростенської РВА", "organization": "Коростенська районна військова адміністрація"},
    {"surname": "Кириченко", "given_name": "Сергій", "gender": "masculine", "precedence": 20,
     "position": "заступник начальника Коростенської районної військової адміністрації",
     "short_position": "заступник начальника Коростенської РВА",
     "organization": "Коростенська районна військова адміністрація"},
    {"surname": "Харченко", "given_name": "Олена", "gender": "feminine", "precedence": 30,
     "position": "заступниця голови Коростенської районної ради",
     "short_position": "заступниця голови райради", "organization": "Коростенська районна рада"},
    {"surname": "Бойко", "given_name": "Наталія", "patronymic": "Василівна", "gender": "feminine", "precedence": 40,
     "position": "начальниця управління соціального захисту населення",
     "short_position": "начальниця УСЗН", "organization": "Коростенська районна військова адміністрація"},
    {"surname": "Мельничук", "given_name": "Василь", "patronymic": "Петрович", "gender": "masculine",
     "precedence": 50, "position": "директор Коростенського районного центру соціальних служб",
     "short_position": "директор центру соцслужб", "organization": "Коростенський районний центр соціальних служб"},
)
DEMO_GROUP = "голови територіальних громад Коростенського району"

_SUMMIT = {
    "event_name": "Міжнародний Саміт Міст та Регіонів України «Партнерство заради Перемоги»",
    "significance": "Важливою подією України",
    "event_date": "2023-04-20",
    "place": "у Києві",
    "framework": "в межах Конгресу місцевих та регіональних влад при Президентові України",
    "participants": ["Юрій Тарасюк", "Сергій Кириченко", "Олена Харченко",
                     {"text": DEMO_GROUP, "plural": True}],
    "guests": ["члени Конгресу місцевих та регіональних влад", "представники уряду й парламенту",
               "начальники ОВА", "міські голови", "іноземні гості"],
    "topics": ["гуманітарні виклики", "етапи деокупації, відновлення та розвитку українських територій"],
    "agreements": 11,
}
_MEETING = {
    "meeting_name": "нарада з керівниками структурних підрозділів",
    "headline": "Підготовка до опалювального сезону: нарада в районній військовій адміністрації",
    "chair": "Юрій Тарасюк",
    "event_date": "2023-05-03",
    "place": "у Коростенській районній військовій адміністрації",
    "participants": ["Наталія Бойко", "Василь Мельничук"],
    "topics": ["підготовки закладів освіти до опалювального сезону",
               "забезпечення внутрішньо переміщених осіб житлом"],
    "decisions": ["До 15 травня подати перелік закладів, що потребують ремонту котелень.",
                  "Оновити реєстр місць тимчасового проживання."],
}


def fill_demo_content(database: Database) -> None:
    """Officials, a group and releases in each state, made through the same core functions as real work."""
    with database.session() as session:
        admin = find_user(session, "admin")
        author = find_user(session, "olena")
        supervisor = find_user(session, "petro")
        assert admin and author and supervisor, "fill_demo creates the users first"
        for values in DEMO_OFFICIALS:
            directory.add_official(session, admin, **values)
        groups.add_group(session, admin, DEMO_GROUP, precedence=100)
        session.flush()
        templates, _errors = load_templates()

        def draft(key: str, values: dict[str, Any]) -> int:
            return revisions.create_from_template(session, author, templates[key], values).id

        approved = draft("event_report", _SUMMIT)
        transitions.submit(session, author, approved)
        transitions.approve(session, supervisor, approved, comment="Погоджено.")

        in_review = draft("meeting", _MEETING)
        transitions.submit(session, author, in_review)

        returned = draft("announcement", _announcement())
        transitions.submit(session, author, returned)
        transitions.return_release(session, supervisor, returned, "Уточніть час початку і контактний телефон.")

        draft("aid_delivery", _aid())
        archived = draft("statement", _statement())
        transitions.archive(session, author, archived)


def _announcement() -> dict[str, Any]:
    return {
        "event_name": "Прийом громадян з особистих питань",
        "headline": "Начальник Коростенської РВА проведе прийом громадян",
        "event_date": "2023-05-12",
        "start_time": "10:00",
        "place": "у Коростенській районній військовій адміністрації",
        "participants": ["Юрій Тарасюк"],
        "details": "Попередній запис за телефоном (04142) 5-11-11.",
    }


def _aid() -> dict[str, Any]:
    return {
        "headline": "Громади району отримали гуманітарну допомогу від Червоного Хреста",
        "event_date": "2023-05-08",
        "place": "у Коростені",
        "aid": "200 продуктових наборів і 150 гігієнічних наборів",
        "donor": "Товариства Червоного Хреста України",
        "purpose": "для внутрішньо переміщених осіб",
        "recipients": ["Наталія Бойко"],
        "contents": ["продуктові набори", "гігієнічні набори", "ковдри"],
        "thanks": "Дякуємо благодійникам за підтримку громад району",
    }


def _statement() -> dict[str, Any]:
    return {
        "headline": "Заява щодо графіків відключення електроенергії",
        "speaker": "Юрій Тарасюк",
        "event_date": "2023-04-28",
        "about": "ситуації з енергопостачанням у районі",
        "statement": "Графіки відключень оприлюднюють щодня на сайті адміністрації.",
    }
