"""`check FILE|-`: proofreads a text with every layer and prints the findings."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

# Building the parser imports none of what `check` needs: the handler does, when it runs.
if TYPE_CHECKING:
    from desktop.cli.context import CliContext
    from desktop.language.dictionaries import Dictionaries
    from desktop.language.finding import Finding
    from desktop.language.proofing import Proofreader


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds `check`."""
    from desktop.cli import add_json_flag

    check = subparsers.add_parser(
        "check", help="перевірити текст: орфографія, типографіка, стиль, чутлива інформація"
    )
    check.add_argument("file", metavar="FILE", help="текстовий файл UTF-8 або «-» для стандартного входу")
    check.add_argument("--no-suggestions", dest="suggestions", action="store_false",
                       help="не добирати варіантів виправлення слів (швидше)")
    add_json_flag(check)
    check.set_defaults(handler=_check)


def read_text(name: str) -> str:
    """The text of a file (UTF-8, with or without BOM) or of standard input for «-»."""
    from desktop.cli.context import read_text_arg

    return read_text_arg(
        name,
        missing="Файл не знайдено: {path}",
        unreadable="Не вдалося прочитати {path}: {reason}",
        not_utf8="Файл {path} не в кодуванні UTF-8.",
    )


def _proofreader(ctx: CliContext, dictionaries: Dictionaries | None = None) -> Proofreader:
    """The database's glossary, directory and (with --as) personal words; the defaults without a database.

    Without --as a SQLite database is read through sqlite3 alone (desktop.storage.light): no SQLAlchemy,
    which costs more than the check itself. Suggestions are added by proofread(), not by the checker.
    dictionaries: the ones still loading, which the light path's checker takes without waiting for them.
    """
    from desktop.language.proofing import DEFAULT_GLOSSARY, Proofreader
    from desktop.storage.light import read_proofing_words

    words = None if ctx.args.acting_login else read_proofing_words(ctx.args.database, DEFAULT_GLOSSARY)
    if words is not None:
        from desktop.language.security import load_security_terms

        terms = [*load_security_terms(), *words.security_extra] if words.security_extra else None
        return Proofreader(extra_words=words.accepted, security_terms=terms, dictionaries=dictionaries,
                           spelling_suggestions=False)
    return _proofreader_through_storage(ctx)


def _proofreader_through_storage(ctx: CliContext) -> Proofreader:
    """The ordinary path: the database opened (created, migrated, its glossary seeded) as by every command."""
    from sqlalchemy.exc import SQLAlchemyError

    from desktop.directory import glossary
    from desktop.errors import UserError
    from desktop.language.proofing import DEFAULT_GLOSSARY, Proofreader

    try:
        with ctx.session() as session:
            user = ctx.acting_user(session) if ctx.args.acting_login else None
            return glossary.build_proofreader(session, user, spelling_suggestions=False)
    except (SQLAlchemyError, UserError) as error:
        if ctx.args.acting_login:
            raise  # the user asked for their own dictionary: say why it cannot be had
        # Proofreading needs no database: the shipped glossary stands in for the department's.
        print(f"Увага: база даних недоступна, перевірка без глосарію відділу ({error}).", file=sys.stderr)
        return Proofreader(extra_words=DEFAULT_GLOSSARY, spelling_suggestions=False)


SWITCH_INTERVAL_S = 0.0005
# The spelling findings whose replacements are the checker's suggestions (the others carry their own).
SUGGESTED_RULES = frozenset({"unknown-word", "unknown-abbreviation", "unknown-english-word"})


def proofread(proofreader: Proofreader, text: str, suggestions: bool = True) -> list[Finding]:
    """Every finding of text; with suggestions, each distinct unknown word's, after the layers have run.

    The same findings as a checker made with spelling_suggestions=True would give (a test compares):
    a suggestion list costs a millisecond or two (desktop.language.suggester), so the words are
    suggested for one after the other on this thread, each once however often it occurs.
    """
    _while_the_dictionary_loads(proofreader, text)
    findings = proofreader.check(text)
    if not suggestions:
        return findings
    from dataclasses import replace

    speller = proofreader.spelling
    return [replace(f, suggestions=speller.suggest(text[f.start:f.end]))
            if f.kind == "spelling" and f.rule in SUGGESTED_RULES else f for f in findings]


PRIME_CHUNK = 64  # words read from the morphology between two looks at the dictionary's load


def _while_the_dictionary_loads(proofreader: Proofreader, text: str) -> None:
    """The morphology of text's words parsed (into the grammar layer's per-word cache) while hunspell's
    dictionary is still loading on its thread: the check would otherwise wait for it at the spelling
    layer, this thread idle. Stops as soon as the load is over; the check parses the rest itself."""
    dictionaries = proofreader.spelling.dictionaries
    if dictionaries.loaded():
        return
    from desktop.language.grammar_words import prime_features
    from desktop.language.words import tokenize

    words = list(dict.fromkeys(token[0] for token in tokenize(text)))
    for start in range(0, len(words), PRIME_CHUNK):
        if dictionaries.loaded():
            return
        prime_features(words[start:start + PRIME_CHUNK])  # one walk of the dictionary for the chunk


def _check(ctx: CliContext, args: argparse.Namespace) -> int:
    from desktop.language.dictionaries import load_dictionaries

    # The dictionary (its module is light: the load starts before the layers are imported) loads on a
    # thread of its own, in C with the GIL released: on a second core while this thread imports the
    # proofing layers, reads the database's words, loads the morphology, parses the words and runs the
    # layers before spelling, which asks hunspell only about the words pymorphy3's dictionary lacks.
    # The loader's own Python steps (importing enchant, making the broker) wait for this thread to hand
    # over the GIL: at most the switch interval each, 5 ms by default; a shorter one while it loads.
    interval = sys.getswitchinterval()
    sys.setswitchinterval(min(interval, SWITCH_INTERVAL_S))
    try:
        dictionaries = load_dictionaries(wait=False)
        from desktop.language.inflection import morph
        from desktop.language.proofing import report
        from desktop.language.report import finding_lines, summary

        text = read_text(args.file)
        morph()
        findings = proofread(_proofreader(ctx, dictionaries), text, args.suggestions)
    finally:
        sys.setswitchinterval(interval)
    lines = finding_lines(text, findings)
    ctx.emit(report(findings), "\n".join([*lines, summary(findings)]))
    return 1 if findings else 0
