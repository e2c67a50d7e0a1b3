"""Searching the officials directory: an in-memory index, substring matching and typo tolerance."""

from __future__ import annotations

import re
import threading
import uuid
import weakref
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy import Engine, func, inspect, select
from sqlalchemy.orm import Session, defer
from sqlalchemy.orm.util import identity_key

from desktop.storage.models import Official, Setting

_OTHER_APOSTROPHES = ("’", "ʼ", "‘", "`", "´", "ʹ")
# Everything but letters, digits, apostrophes and hyphens separates words for searching.
_SEPARATORS = re.compile(r"[^\w'-]+")
# A word shorter than this is matched only as a substring: one typo in three letters is noise.
FUZZY_MIN_LENGTH = 4
FUZZY_CUTOFF = 75.0
# Comparing with word beginnings only from five letters: «олег» must not find «олевського».
FUZZY_PREFIX_MIN_LENGTH = 5
# Near misses are looked for only when the plain matches are fewer than this.
FUZZY_BELOW = 5
# An internal settings row (not in the settings registry) that changes with every directory write.
CHANGE_TOKEN_KEY = "_directory_change_token"


def fold(text: str) -> str:
    """Lower-cased, apostrophes unified, punctuation turned to spaces: how searching compares text."""
    text = (text or "").lower()
    for sign in _OTHER_APOSTROPHES:
        if sign in text:
            text = text.replace(sign, "'")
    return " ".join(_SEPARATORS.sub(" ", text.replace("_", " ")).split())


def official_search_text(
    surname: str, given_name: str, patronymic: str, position: str, short_position: str, organization: str
) -> str:
    """The folded text an official is found by; the name comes first, for prefix ranking."""
    return fold(" ".join((surname, given_name, patronymic, position, short_position, organization)))


@dataclass
class _Entry:
    official_id: int
    name: str  # folded surname, given name and patronymic
    active: bool


@dataclass
class DirectoryIndex:
    """Every official's words held in memory, reloaded when the table changes.

    Entries are numbered in directory order (precedence, then name), so among equally good
    matches the smaller number wins. Matching goes word → vocabulary → entries with set
    operations, so a query costs about the number of matching words, not the number of officials.
    """

    signature: tuple[Any, ...] = ()
    entries: list[_Entry] = field(default_factory=list)
    vocabulary: list[str] = field(default_factory=list)
    postings: list[list[int]] = field(default_factory=list)
    name_postings: list[list[int]] = field(default_factory=list)
    active: set[int] = field(default_factory=set)
    tokens: list[frozenset[str]] = field(default_factory=list)
    _blob: str = ""
    _starts: list[int] = field(default_factory=list)
    _prefixes: dict[int, list[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session, signature: tuple[Any, ...] = ()) -> DirectoryIndex:
        """Reads the id, search text and name of every official (one query)."""
        index = cls(signature=signature)
        rows = session.execute(
            select(Official.id, Official.search_text, Official.surname, Official.given_name,
                   Official.patronymic, Official.active, Official.precedence)
        ).all()
        named = sorted(((precedence, fold(f"{surname} {given} {patronymic}"), official_id, text, active)
                        for official_id, text, surname, given, patronymic, active, precedence in rows))
        numbers: dict[str, int] = {}
        postings: list[list[int]] = []
        name_postings: list[list[int]] = []
        for number, (_precedence, name, official_id, text, active) in enumerate(named):
            index.entries.append(_Entry(official_id, name, bool(active)))
            if active:
                index.active.add(number)
            name_tokens = set(name.split())
            tokens = set((text or "").split()) | name_tokens
            index.tokens.append(frozenset(tokens))
            for token in tokens:
                position = numbers.get(token)
                if position is None:
                    position = numbers[token] = len(postings)
                    postings.append([])
                    name_postings.append([])
                postings[position].append(number)
                if token in name_tokens:
                    name_postings[position].append(number)
        index.vocabulary = list(numbers)
        index.postings, index.name_postings = postings, name_postings
        index._blob = "\n" + "\n".join(index.vocabulary) + "\n"
        offset, starts = 1, []
        for token in index.vocabulary:
            starts.append(offset)
            offset += len(token) + 1
        index._starts = starts
        return index

    def _tokens_containing(self, word: str) -> tuple[set[int], set[int]]:
        """Vocabulary positions of the words that contain the query word, and of those starting with it."""
        containing: set[int] = set()
        starting: set[int] = set()
        starts, blob = self._starts, self._blob
        for match in re.finditer(re.escape(word), blob):
            position = bisect_right(starts, match.start()) - 1
            containing.add(position)
            if starts[position] == match.start():
                starting.add(position)
        return containing, starting

    def _union(self, lists: list[list[int]], positions: set[int]) -> set[int]:
        result: set[int] = set()
        for position in positions:
            result.update(lists[position])
        return result

    def _prefix_list(self, length: int) -> list[str]:
        # Typos inside a typed prefix («Тарсю» for Тарасюк) are found by comparing with word beginnings.
        if length not in self._prefixes:
            self._prefixes[length] = [token[:length] for token in self.vocabulary]
        return self._prefixes[length]

    def _near_tokens(self, word: str) -> tuple[set[int], set[int]]:
        """Vocabulary positions of words a mistyped query word nearly equals: (close, very close)."""
        close: set[int] = set()
        very_close: set[int] = set()
        lists = [self.vocabulary]
        if len(word) >= FUZZY_PREFIX_MIN_LENGTH:
            lists += [self._prefix_list(len(word)), self._prefix_list(len(word) + 1)]
        for choices in lists:
            for _choice, score, position in process.extract(
                word, choices, scorer=fuzz.ratio, limit=None, score_cutoff=FUZZY_CUTOFF
            ):
                close.add(position)
                if score >= 88:
                    very_close.add(position)
        return close, very_close

    def search(self, text: str, limit: int = 20, include_inactive: bool = False) -> list[int]:
        """Official ids best first: every query word must match, exactly or (failing that) nearly."""
        words = sorted(set(fold(text).split()), key=len, reverse=True)
        if not words or limit <= 0:
            return []
        allowed = set(range(len(self.entries))) if include_inactive else self.active
        exact: list[tuple[set[int], set[int], set[int]]] = []
        candidates = allowed
        for word in words:
            containing, starting = self._tokens_containing(word)
            hits = self._union(self.postings, containing)
            exact.append((hits, self._union(self.postings, starting), self._union(self.name_postings, starting)))
            candidates = candidates & hits
        best = candidates
        for _hits, _starts_word, starts_name in exact:
            best = best & starts_name
        if len(best) >= limit:
            # Every word begins a name part here: the highest score possible, so no need to score
            # the thousands of other hits a short prefix («о», «на») brings.
            return [self.entries[number].official_id for number in sorted(best)[:limit]]
        scores: Counter[int] = Counter()
        for hits, starts_word, starts_name in exact:
            # a plain hit counts 3, the beginning of a word 4, the beginning of a name part 5
            for _ in range(3):
                scores.update(hits & candidates)
            scores.update(starts_word & candidates)
            scores.update(starts_name & candidates)
        if len(candidates) < min(limit, FUZZY_BELOW):
            self._add_near_misses(words, exact, allowed, candidates, scores)
        ranked = sorted(sorted(scores), key=scores.__getitem__, reverse=True)[:limit]
        return [self.entries[number].official_id for number in ranked]

    def _add_near_misses(self, words: list[str], exact: list[tuple[set[int], set[int], set[int]]],
                         allowed: set[int], found: set[int], scores: Counter[int]) -> None:
        # Few plain hits: each word may instead be a near miss of a word of the entry (1 or 2 points,
        # always below an entry that matches every word exactly). The rarest word goes first and
        # the others only filter what it found, so a common word never expands into thousands.
        order = sorted(range(len(words)), key=lambda i: len(exact[i][0]))
        near: dict[int, tuple[frozenset[str], frozenset[str]]] = {}
        pool: set[int] | None = None
        for i in order:
            word, hits = words[i], exact[i][0]
            if len(word) >= FUZZY_MIN_LENGTH:
                close, very_close = self._near_tokens(word)
            else:
                close, very_close = set(), set()
            near[i] = (frozenset(self.vocabulary[p] for p in close),
                       frozenset(self.vocabulary[p] for p in very_close))
            if pool is None:
                pool = (hits | self._union(self.postings, close)) & allowed
            else:
                tokens, close_words = self.tokens, near[i][0]
                pool = {n for n in pool if n in hits or not close_words.isdisjoint(tokens[n])}
            if not pool:
                return
        for number in (pool or set()) - found:
            score = 0
            for i, (hits, starts_word, starts_name) in enumerate(exact):
                if number in hits:
                    score += 3 + (number in starts_word) + (number in starts_name)
                else:
                    score += 1 + (not near[i][1].isdisjoint(self.tokens[number]))
            scores[number] = score


# One index per database engine. It is invalidated by one mechanism: the directory's change token
# (and the newest id), which every directory write changes and every lookup compares, so this
# workstation's edits and other workstations' alike show at the next search.
_indexes: weakref.WeakKeyDictionary[Engine, DirectoryIndex] = weakref.WeakKeyDictionary()
_indexes_lock = threading.Lock()


def _signature(session: Session) -> tuple[Any, ...]:
    # Both are index lookups, in one round trip: counting or scanning updated_at over 10,000 rows
    # would cost more than the search itself. Every directory write changes the token; a row added
    # behind the directory's back still changes the newest id.
    newest = select(func.max(Official.id)).scalar_subquery()
    token = select(Setting.value).where(Setting.key == CHANGE_TOKEN_KEY).scalar_subquery()
    return tuple(session.execute(select(newest, token)).one())


def mark_directory_changed(session: Session) -> None:
    """Tells every workstation's search index that the officials have changed."""
    token = session.get(Setting, CHANGE_TOKEN_KEY)
    if token is None:
        session.add(Setting(key=CHANGE_TOKEN_KEY, value=uuid.uuid4().hex))
    else:
        token.value = uuid.uuid4().hex
    session.flush()


def directory_index(session: Session) -> DirectoryIndex:
    """The index of the session's database, reloaded only when the officials table has changed."""
    bind = session.get_bind()
    engine = bind if isinstance(bind, Engine) else bind.engine
    with _indexes_lock:
        index = _indexes.get(engine)
    signature = _signature(session)
    if index is None or index.signature != signature:
        index = DirectoryIndex.load(session, signature)
        with _indexes_lock:
            _indexes[engine] = index
    return index


def search_officials(
    session: Session, text: str, limit: int = 20, include_inactive: bool = False
) -> list[Official]:
    """Officials matching every word of the text (any order, any field, typos tolerated), best first."""
    ids = directory_index(session).search(text, limit, include_inactive)
    if not ids:
        return []
    # Type-ahead asks for the same people keystroke after keystroke: loaded ones are reused.
    by_id: dict[int, Official] = {}
    for official_id in ids:
        known = session.identity_map.get(identity_key(Official, official_id))
        if known is not None and not inspect(known).expired_attributes:
            by_id[official_id] = known
    missing = [i for i in ids if i not in by_id]
    if missing:
        # The case forms are not shown in a result list; they load when a participant is made.
        query = select(Official).where(Official.id.in_(missing)).options(
            defer(Official.forms_json), defer(Official.overrides_json), defer(Official.search_text))
        by_id.update((o.id, o) for o in session.execute(query).scalars())
    return [by_id[i] for i in ids if i in by_id]
