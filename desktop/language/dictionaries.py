"""The shipped hunspell dictionaries through pyenchant: loaded once per process, on a thread of their own.

Kept apart from desktop.language.spelling, with light imports, so that a process (the `check` command)
can start the load (~0.4 s in C) before it imports the proofing layers and the morphology.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from desktop.language.derived import derived_folder
from desktop.paths import resource, user_cache_dir

DICTIONARY_DIR = resource("dictionaries")
UKRAINIAN = "uk_UA"
ENGLISH = "en_US"

_loading = threading.RLock()  # one Dictionaries per folder, however many threads ask at once
_brokers = threading.RLock()  # libenchant crashes when two threads create brokers (or load) at once


class Dictionaries:
    """The shipped hunspell dictionaries, loaded once and shared by checkers (enchant calls are serialised).

    The Ukrainian dictionary loads on a thread of its own (~0.4 s in C, the GIL released) from the moment
    the object is made: whoever first asks it waits for what is left of the load, and a caller that has
    other work first (imports, the morphology, the layers before spelling) does not wait at all.
    """

    def __init__(self, directory: Path = DICTIONARY_DIR, cache: Path | None = None) -> None:
        directory = Path(directory)
        aff = directory / "hunspell" / f"{UKRAINIAN}.aff"
        if not aff.exists():
            raise FileNotFoundError(f"Немає українського словника: {aff}")
        self.directory = directory
        # cache: where the fast-suggesting copy of the dictionaries is derived (desktop.language.derived);
        # without one, or when it cannot be written, the shipped files are loaded as they are.
        self.loaded_from = _fast_suggesting(directory, cache) if cache is not None else directory
        self._english_shipped = (directory / "hunspell" / f"{ENGLISH}.dic").exists()
        self._english: Any = None
        self._ukrainian: Any = None
        self._broker: Any = None
        self._failure: BaseException | None = None
        self.lock = threading.Lock()
        self._loader = threading.Thread(target=self._load, name="hunspell-uk", daemon=True)
        self._loader.start()

    def _load(self) -> None:
        try:
            with _brokers:
                # libenchant reads ENCHANT_CONFIG_DIR when a broker is made, so setting it here works even if
                # enchant was imported earlier; our folder is searched before the system's hunspell folders.
                os.environ["ENCHANT_CONFIG_DIR"] = str(self.loaded_from)
                import enchant

                self._broker = enchant.Broker()
                self._broker.set_ordering("*", "hunspell")
                self._ukrainian = self._broker.request_dict(UKRAINIAN)
        except BaseException as error:  # noqa: BLE001  (raised again in the thread that asks)
            self._failure = error

    def loaded(self) -> bool:
        """Whether the Ukrainian dictionary's load is over (a check would not wait for it)."""
        return self._ukrainian is not None or not self._loader.is_alive()

    def wait(self) -> None:
        """Until the Ukrainian dictionary is loaded (raises what stopped the load, if anything did)."""
        if self._ukrainian is None:
            self._loader.join()
            if self._failure is not None:
                raise self._failure

    @property
    def ukrainian(self) -> Any:
        """The Ukrainian dictionary (an enchant Dict), waiting for its load."""
        self.wait()
        return self._ukrainian

    @property
    def english(self) -> Any:
        """The English dictionary, loaded when a Latin word is first judged (most releases have none)."""
        if self._english is None and self._english_shipped:
            self.wait()
            with _brokers:
                if self._english is None:
                    self._english = self._broker.request_dict(ENGLISH)
        return self._english

    def check(self, word: str, english: bool = False) -> bool:
        """Whether the Ukrainian (or English) dictionary accepts word."""
        dictionary = self.english if english else self.ukrainian
        if dictionary is None:
            return True  # no English dictionary shipped: Latin words are not judged
        with self.lock:
            return dictionary.check(word)

    def check_many(self, words: Iterable[str], english: bool = False) -> dict[str, bool]:
        """The verdict on each of words, in one turn of the lock (a new text's words come in one batch)."""
        dictionary = self.english if english else self.ukrainian
        if dictionary is None:
            return dict.fromkeys(words, True)
        check = dictionary.check
        with self.lock:
            return {word: check(word) for word in words}

    def suggest(self, word: str, english: bool = False) -> list[str]:
        """The dictionary's own suggestions for word, in its order."""
        dictionary = self.english if english else self.ukrainian
        if dictionary is None:
            return []
        with self.lock:
            return dictionary.suggest(word)


def load_dictionaries(directory: str = str(DICTIONARY_DIR), cache: str | None = None,
                      wait: bool = True) -> Dictionaries:
    """The dictionaries in directory, loaded once per process (they take a third of a second and 40 MB).

    cache: the folder for the fast-suggesting copy; by default the user's cache folder. wait=False
    returns at once, the load going on on its thread until a check or a suggestion needs it.
    """
    with _loading:
        dictionaries = _load_dictionaries(directory, cache if cache is not None else str(user_cache_dir()))
    if wait:
        dictionaries.wait()
    return dictionaries


@lru_cache(maxsize=4)
def _load_dictionaries(directory: str, cache: str) -> Dictionaries:
    return Dictionaries(Path(directory), Path(cache))


def _fast_suggesting(directory: Path, cache: Path) -> Path:
    try:
        return derived_folder(directory, cache)
    except OSError:
        return directory  # a read-only cache costs slow suggestions, never the check
