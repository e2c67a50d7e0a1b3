"""The department glossary and each user's personal dictionary, and the proofreader built on them."""

from __future__ import annotations

import re

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop import settings
from desktop.accounts import require_role
from desktop.directory.officials import directory_words
from desktop.errors import UserError
from desktop.language.proofing import DEFAULT_GLOSSARY, Proofreader
from desktop.language.security import load_security_terms
from desktop.storage import audit
from desktop.storage.models import GlossaryWord, PersonalWord, User

GLOSSARY_ROLES = ("supervisor", "admin")
MAX_WORD_LENGTH = 100  # the column's width
# A dictionary entry is a word or a short abbreviation phrase («ТЦК та СП»): letters, digits, ’ ' - and spaces.
_ENTRY = re.compile(r"^[\w’ʼ'\-]+(?: [\w’ʼ'\-]+){0,3}$")


def clean_word(word: str) -> str:
    """The entry as stored: trimmed, single spaces; refused when it is not a word."""
    entry = " ".join(str(word).split())
    if not entry:
        raise UserError("Вкажіть слово.")
    if len(entry) > MAX_WORD_LENGTH:
        raise UserError(f"Слово довше за {MAX_WORD_LENGTH} символів.")
    if not _ENTRY.match(entry) or not any(ch.isalpha() for ch in entry):
        raise UserError(f"«{entry}» не схоже на слово: лише літери, цифри, апостроф і дефіс.")
    return entry


def seed_glossary(session: Session) -> int:
    """Fills an empty department glossary with the usual abbreviations; returns how many were added."""
    if session.execute(select(func.count()).select_from(GlossaryWord)).scalar_one():
        return 0
    try:
        # Two workstations may seed the same fresh database at once: the loser simply finds it seeded.
        with session.begin_nested():
            session.add_all(GlossaryWord(word=word) for word in dict.fromkeys(DEFAULT_GLOSSARY))
            session.flush()
    except IntegrityError:
        return 0
    return len(set(DEFAULT_GLOSSARY))


def glossary_words(session: Session) -> list[str]:
    """The department glossary (seeded on first use), sorted."""
    seed_glossary(session)
    return sorted(session.execute(select(GlossaryWord.word)).scalars())


def add_glossary_word(session: Session, actor: User, word: str) -> str:
    """Adds a word the whole department accepts; only a supervisor or an administrator may."""
    require_role(actor, *GLOSSARY_ROLES)
    entry = clean_word(word)
    seed_glossary(session)
    exists = session.execute(select(GlossaryWord.id).where(GlossaryWord.word == entry)).first()
    if exists is None:
        session.add(GlossaryWord(word=entry, added_by=actor.id))
        session.flush()
        audit.append(session, actor, "glossary_word_added", detail=entry)
    return entry


def personal_words(session: Session, user: User) -> list[str]:
    """The user's own dictionary, sorted."""
    rows = session.execute(select(PersonalWord.word).where(PersonalWord.user_id == user.id))
    return sorted(rows.scalars())


def add_personal_word(session: Session, user: User, word: str) -> str:
    """Adds a word the user accepts as correct in their own texts."""
    entry = clean_word(word)
    exists = session.execute(
        select(PersonalWord.id).where(PersonalWord.user_id == user.id, PersonalWord.word == entry)
    ).first()
    if exists is None:
        session.add(PersonalWord(user_id=user.id, word=entry))
        session.flush()
    return entry


def security_terms(session: Session) -> list[str] | None:
    """The shipped sensitive words plus the department's own (None: only the shipped list)."""
    extra = [term.strip() for term in re.split(r"[,\n;]", settings.get(session, "proofing.security_terms"))]
    extra = [term for term in extra if term]
    return load_security_terms() + extra if extra else None


def accepted_words(session: Session, user: User | None) -> set[str]:
    """Every word the spelling layer accepts beyond the dictionary, for this user."""
    words = set(glossary_words(session)) | directory_words(session)
    if user is not None:
        words.update(personal_words(session, user))
    return words


def build_proofreader(session: Session, user: User | None, *, spelling_suggestions: bool = True) -> Proofreader:
    """A proofreader with the glossary, the directory's names in every case, the user's words and security terms."""
    return Proofreader(
        extra_words=accepted_words(session, user),
        security_terms=security_terms(session),
        spelling_suggestions=spelling_suggestions,
    )
