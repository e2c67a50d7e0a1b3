"""The department glossary and personal dictionaries on SQLite and PostgreSQL, and the proofreader built on them."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop.directory import glossary, officials
from desktop.errors import PermissionDenied, UserError
from desktop.language.proofing import DEFAULT_GLOSSARY
from desktop.storage.engine import Database
from desktop.storage.models import AuditEntry, User

# A surname hunspell does not know, so that only the directory can make its forms correct.
OFFICIAL = {
    "surname": "Прищепюк", "given_name": "Остап", "patronymic": "Іванович", "gender": "ч",
    "position": "начальник Коростенської районної військової адміністрації",
    "organization": "Коростенська районна військова адміністрація",
}


def _spelling(database: Database, user: User | None, text: str) -> list[str]:
    with database.session() as session:
        attached = session.merge(user) if user is not None else None
        proofreader = glossary.build_proofreader(session, attached, spelling_suggestions=False)
    return [text[f.start:f.end] for f in proofreader.check(text) if f.kind == "spelling"]


def test_an_empty_glossary_is_seeded_with_the_usual_abbreviations(database: Database) -> None:
    with database.session() as session:
        words = glossary.glossary_words(session)
    assert {"ОВА", "ЗСУ", "ТЦК", "ЦНАП"} <= set(words)
    assert len(words) == len(set(DEFAULT_GLOSSARY))
    with database.session() as session:
        assert glossary.seed_glossary(session) == 0  # never twice


def test_an_author_cannot_add_to_the_department_glossary(database: Database, author: User) -> None:
    with database.session() as session, pytest.raises(PermissionDenied):
        glossary.add_glossary_word(session, session.merge(author), "ЖРВА")
    with database.session() as session:
        assert "ЖРВА" not in glossary.glossary_words(session)


def test_a_supervisor_adds_a_glossary_word_for_everyone_and_it_is_audited(
    database: Database, supervisor: User, author: User
) -> None:
    assert _spelling(database, author, "Засідання ЖРВА.") == ["ЖРВА"]
    with database.session() as session:
        glossary.add_glossary_word(session, session.merge(supervisor), " ЖРВА ")
    assert _spelling(database, author, "Засідання ЖРВА.") == []
    with database.session() as session:
        details = session.execute(
            select(AuditEntry.detail).where(AuditEntry.action == "glossary_word_added")
        ).scalars().all()
    assert details == ["ЖРВА"]


def test_a_personal_word_is_accepted_only_for_its_user(database: Database, author: User, supervisor: User) -> None:
    text = "Зустріч у Кропивнянці."
    with database.session() as session:
        glossary.add_personal_word(session, session.merge(author), "Кропивнянці")
        glossary.add_personal_word(session, session.merge(author), "Кропивнянці")  # twice is harmless
        assert glossary.personal_words(session, session.merge(author)) == ["Кропивнянці"]
    assert _spelling(database, author, text) == []
    assert _spelling(database, supervisor, text) == ["Кропивнянці"]


def test_every_case_form_of_a_directory_name_is_accepted(database: Database, admin: User) -> None:
    # no given name before them: a capitalised word after one is taken for a surname anyway
    text = "Подяку висловили Прищепюкові, а Прищепюка привітали."
    assert _spelling(database, None, text) == ["Прищепюкові", "Прищепюка"]
    with database.session() as session:
        officials.add_official(session, session.merge(admin), **OFFICIAL)
    assert _spelling(database, None, text) == []


@pytest.mark.parametrize("word", ["", "   ", "два слова, кома", "<script>", "1234"])
def test_what_is_not_a_word_is_refused(database: Database, author: User, word: str) -> None:
    with database.session() as session, pytest.raises(UserError):
        glossary.add_personal_word(session, session.merge(author), word)


def test_department_security_terms_are_added_to_the_shipped_list(database: Database, admin: User) -> None:
    from desktop import settings

    text = "Відвідали Кропивнянське водосховище."
    with database.session() as session:
        before = glossary.build_proofreader(session, None, spelling_suggestions=False).check(text)
        settings.set_value(session, session.merge(admin), "proofing.security_terms", "водосховище, дамба")
        after = glossary.build_proofreader(session, None, spelling_suggestions=False).check(text)
    assert not [f for f in before if f.kind == "security"]
    assert [text[f.start:f.end] for f in after if f.kind == "security"] == ["водосховище"]
