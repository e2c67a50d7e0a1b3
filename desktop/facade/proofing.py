"""The part of the GUI's facade that proofreads text."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from desktop.facade.base import FacadeBase

if TYPE_CHECKING:
    from desktop.language.proofing import Finding, Proofreader
    from desktop.storage.engine import Database
    from desktop.storage.models import User

# The glossary and the proofing layers are imported when first used, not when a workspace is made:
# the GUI's list is filled before any of them is needed.


class ProofingFacade(FacadeBase):
    """The proofreader with the department's glossary and the user's dictionary."""

    def __init__(self, database: Database, user: User) -> None:
        super().__init__(database, user)
        self._proofreader_cache: Proofreader | None = None
        self._proofreader_lock = threading.Lock()

    def proofreader(self) -> Proofreader:
        """This workspace's proofreader, built once (dictionaries, glossary, directory, personal words).

        Spelling suggestions are left to the caller (`proofreader().spelling.suggest(word)`): hunspell
        takes a good part of a second per misspelt word, too slow for underlining as one types.
        """
        with self._proofreader_lock:
            if self._proofreader_cache is None:
                from desktop.directory import glossary

                with self.database.session() as session:
                    self._proofreader_cache = glossary.build_proofreader(
                        session, self._attached(session), spelling_suggestions=False
                    )
            return self._proofreader_cache

    def reload_proofreader(self) -> Proofreader:
        """Builds the proofreader anew (after the directory or the settings changed)."""
        self.forget_proofreader()
        return self.proofreader()

    def forget_proofreader(self) -> None:
        """The next proofreader() is built anew: editors opened from now on see the directory's new words."""
        with self._proofreader_lock:
            self._proofreader_cache = None

    def check_text(self, text: str) -> list[Finding]:
        """Every finding of text, spelling findings without suggestions (see proofreader())."""
        return self.proofreader().check(text)

    def suggest(self, word: str) -> tuple[str, ...]:
        """Spelling replacements for word, best first (slow the first time: call it off the GUI thread)."""
        memo: dict[str, tuple[str, ...]] = self.__dict__.setdefault("_suggestion_memo", {})
        if word not in memo:
            memo[word] = self.proofreader().spelling.suggest(word)
        return memo[word]

    def known_suggestions(self, word: str) -> tuple[str, ...] | None:
        """The suggestions for word if already worked out, else None (the caller then asks suggest off-thread)."""
        return self.__dict__.get("_suggestion_memo", {}).get(word)

    def glossary_words(self) -> list[str]:
        from desktop.directory import glossary

        with self.database.session() as session:
            return glossary.glossary_words(session)

    def personal_words(self) -> list[str]:
        from desktop.directory import glossary

        with self.database.session() as session:
            return glossary.personal_words(session, self._attached(session))

    def add_personal_word(self, word: str) -> str:
        """Stores word in the user's dictionary and accepts it from now on."""
        from desktop.directory import glossary

        with self.database.session() as session:
            entry = glossary.add_personal_word(session, self._attached(session), word)
        self._accept(entry)
        return entry

    def add_glossary_word(self, word: str) -> str:
        """Stores word in the department glossary (supervisor or admin) and accepts it from now on."""
        from desktop.directory import glossary

        with self.database.session() as session:
            entry = glossary.add_glossary_word(session, self._attached(session), word)
        self._accept(entry)
        return entry

    def can_edit_glossary(self) -> bool:
        from desktop.directory import glossary

        return bool(self.user.role_set.intersection(glossary.GLOSSARY_ROLES))

    def _accept(self, word: str) -> None:
        # The cached checker learns the word in place: rebuilding would reread the whole directory.
        if self._proofreader_cache is not None:
            self._proofreader_cache.add_words([word])
        self.__dict__.pop("_suggestion_memo", None)  # the new word may now be a better suggestion
