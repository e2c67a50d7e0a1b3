"""`proof-eval`: measures the proofreader on the labelled real releases and on LanguageTool's examples."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.context import CliContext
from desktop.errors import UserError
from desktop.language.evaluation import detail_lines, score_corpus, score_table
from desktop.language.evaluation_corpus import (
    CORPUS_DIR,
    LANGUAGETOOL_EXAMPLES,
    CorpusError,
    load_languagetool_examples,
    load_releases,
)
from desktop.language.proofing import DEFAULT_GLOSSARY, Proofreader


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds proof-eval."""
    from desktop.cli import add_json_flag

    evaluate = subparsers.add_parser(
        "proof-eval", help="виміряти перевірку тексту на розмічених релізах і прикладах LanguageTool"
    )
    evaluate.add_argument("--corpus", metavar="FOLDER", type=Path, default=CORPUS_DIR,
                          help="тека з розміченими релізами (NAME.txt і NAME.tsv)")
    evaluate.add_argument("--examples", metavar="FILE.tsv", type=Path, default=LANGUAGETOOL_EXAMPLES,
                          help="приклади правил LanguageTool (TSV)")
    evaluate.add_argument("--only", choices=("releases", "languagetool"), help="лише один корпус")
    evaluate.add_argument("--details", action="store_true", help="показати пропущені помилки й хибні тривоги")
    add_json_flag(evaluate)
    evaluate.set_defaults(handler=_evaluate)


def _evaluate(ctx: CliContext, args: argparse.Namespace) -> int:
    try:
        corpora = []
        if args.only != "languagetool":
            corpora.append((load_releases(args.corpus), True))
        if args.only != "releases":
            # Spelling suggestions cost hunspell ~0.4 s a word and no example label is judged by them.
            corpora.append((load_languagetool_examples(args.examples), False))
    except CorpusError as error:
        raise UserError(str(error)) from error
    scores = []
    for corpus, suggestions in corpora:
        proofreader = Proofreader(extra_words=DEFAULT_GLOSSARY, spelling_suggestions=suggestions)
        scores.append(score_corpus(corpus, proofreader.check))
    text = []
    for score in scores:
        text.append(score_table(score))
        if args.details:
            text.extend(detail_lines(score))
        text.append("")
    ctx.emit({score.corpus: score.to_json(details=args.details) for score in scores}, "\n".join(text).rstrip())
    return 0
