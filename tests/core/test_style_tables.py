"""Style tables II: context conditions, calques, paronyms, the 2019 orthography and renamed places,
each found in several inflected forms with the correction in the same form, quiet on correct use."""

from __future__ import annotations

import csv

import pytest

from desktop.language.context import parse_context
from desktop.language.orthography import SPELLING_2019_FILE, OrthographyChecker, default_orthography_checker
from desktop.language.places import RENAMED_PLACES_FILE, default_renamed_places_checker, load_renamed_places
from desktop.language.proofing import DEFAULT_GLOSSARY, Proofreader
from desktop.language.spelling import SpellChecker
from desktop.language.style import LANGUAGETOOL_RULES_FILE, default_style_checker, load_style_rules
from desktop.language.words import tokenize


def _found(checker, text: str) -> list[tuple[str, tuple[str, ...]]]:
    tokens = tokenize(text)
    return [(text[f.start:f.end], f.suggestions) for f in checker.findings(text, tokens, [t[0].lower() for t in tokens])]


@pytest.fixture(scope="module")
def style():
    return lambda text: _found(default_style_checker(), text)


@pytest.fixture(scope="module")
def orthography():
    return lambda text: _found(default_orthography_checker(), text)


@pytest.fixture(scope="module")
def places():
    return lambda text: _found(default_renamed_places_checker(), text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Він виступив в якості голови комісії.", [("в якості", ("як",))]),
    ("Її запросили в якості почесного гостя.", [("в якості", ("як",))]),
    ("У якості доказу додали акт.", [("У якості", ("Як",))]),
])
def test_v_yakosti_meaning_as_is_flagged(style, text, expected) -> None:
    assert style(text) == expected


@pytest.mark.parametrize("text", [
    "Покупці зацікавлені в якості продукції.", "Зміни в якості освіти помітні.", "Ми бачимо різницю у якості послуг.",
])
def test_v_yakosti_of_quality_stays_quiet(style, text) -> None:
    assert style(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("В ході наради обговорили бюджет.", [("В ході", ("Під час",))]),
    ("у ході засідання", [("у ході", ("під час",))]),
    ("Розглянули ряд питань.", [("ряд", ("низку",))]),  # the object of a verb: accusative
    ("Ряд питань розглянули.", [("Ряд", ("Низка",))]),
    ("Головою дано ряд відповідних доручень.", [("Головою дано", ("Голова дав",)), ("ряд", ("низку",))]),
    ("у ряді заходів", [("ряді", ("низці",))]),
    ("цілий ряд проблем", [("цілий ряд", ("ціла низка",))]),
    ("Вчора пройшло засідання.", [("пройшло засідання", ("відбулося засідання",))]),
    ("Нарада пройшла в залі.", [("Нарада пройшла", ("Нарада відбулася",))]),
    ("Завтра пройде зустріч.", [("пройде зустріч", ("відбудеться зустріч",))]),
    ("Вони приймали участь у форумі.", [("приймали участь", ("брали участь",))]),
    ("з міроприємствами", [("міроприємствами", ("заходами",))]),
    ("прийнято рішення", [("прийнято рішення", ("ухвалено рішення",))]),
    ("Депутати прийняли рішення", [("прийняли рішення", ("ухвалили рішення",))]),
    ("для покращення якості", [("покращення", ("поліпшення",))]),
    ("йшла мова про бюджет", [("йшла мова", ("ішлося",))]),
    ("розглянули наступні питання: бюджет", [("наступні питання", ("такі питання",))]),
    ("зазначив наступне: ми", [("наступне", ("таке",))]),
    ("заходів, направлених на підтримку", [("направлених на", ("спрямованих на",))]),
    ("щодо даного заходу", [("даного заходу", ("цього заходу",))]),
    ("включено ряд важливих для життя району питань", [("ряд", ("низку",))]),
    ("рішень, направлених на якісну організацію", [("направлених на", ("спрямованих на",))]),
    ("прийняти зміни до бюджету", [("прийняти зміни до", ("внести зміни до",))]),
    ("прийнято низку рішень", [("прийнято низку рішень", ("ухвалено низку рішень",))]),
    ("дане питання", [("дане питання", ("це питання",))]),
])
def test_calques_are_found_with_the_correction_in_their_form(style, text, expected) -> None:
    assert style(text) == expected


@pytest.mark.parametrize("text", [
    "Під час наради обговорили низку питань.", "Глядачі сіли в першому ряду.", "Лікарі пройшли навчання.",
    "Засідання відбулося вчора.", "Ряд будинків уздовж вулиці відремонтували.",
    "наступні питання бюджету", "Наступне засідання відбудеться", "Їх направлені на фронт.",
    "дані опитування свідчать", "Дані свідчать про зростання.", "ряд нових будинків", "у першому ряду для гостей",
    "документи направлені на розгляд",
])
def test_correct_phrases_stay_quiet(style, text) -> None:
    assert style(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("в умовах військового стану", [("військового стану", ("воєнного стану",))]),
    ("Військовий стан продовжено.", [("Військовий стан", ("Воєнний стан",))]),
    ("до воєнної частини", [("воєнної частини", ("військової частини",))]),
    ("районна воєнна адміністрація", [("воєнна адміністрація", ("військова адміністрація",))]),
    ("ефектне використання коштів", [("ефектне використання", ("ефективне використання",))]),
    ("ефективний вигляд", [("ефективний вигляд", ("ефектний вигляд",))]),
    ("за участі представництв громадськості", [("представництв громадськості", ("представників громадськості",))]),
])
def test_paronyms_used_for_each_other_are_found(style, text, expected) -> None:
    assert style(text) == expected


@pytest.mark.parametrize("text", [
    "в умовах воєнного стану", "командир військової частини", "Коростенська районна військова адміністрація",
    "ефективне використання коштів", "ефектний виступ", "забезпечити представництво громадськості в раді",
    "представництво ЄС в Україні",
])
def test_paronyms_in_their_own_sense_stay_quiet(style, text) -> None:
    assert style(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("проект рішення", [("проект", ("проєкт",))]),
    ("до проекту", [("проекту", ("проєкту",))]),
    ("Проектів три", [("Проектів", ("Проєктів",))]),
    ("розгляд законопроекту", [("законопроекту", ("законопроєкту",))]),
    ("проектування і проекція", [("проектування", ("проєктування",)), ("проекція", ("проєкція",))]),
    ("віце-прем'єр-міністра", [("віце-прем'єр-міністра", ("віцепрем'єр-міністра",))]),
    ("з Віце-прем’єром", [("Віце-прем’єром", ("Віцепрем’єром",))]),
    ("екс-голова ради", [("екс-голова", ("ексголова",))]),
    ("священика й священиками", [("священика", ("священника",)), ("священиками", ("священниками",))]),
    ("за півгодини", [("півгодини", ("пів години",))]),
    ("майже півроку", [("півроку", ("пів року",))]),
    ("пів-Києва", [("пів-Києва", ("пів Києва",))]),
])
def test_2019_orthography_is_found_in_every_form(orthography, text, expected) -> None:
    assert orthography(text) == expected


@pytest.mark.parametrize("text", [
    "проєкт рішення", "віцепрем'єр-міністр", "екс-Югославія", "священний обов'язок", "пів години",
    "на півночі області", "Кримського півострова", "вийшли до півфіналу", "півтора року", "абажур",
])
def test_2019_spellings_and_words_of_their_own_stay_quiet(orthography, text) -> None:
    assert orthography(text) == []


def _languagetool_2019_pairs() -> dict[str, set[str]]:
    pairs: dict[str, set[str]] = {}
    for line in SPELLING_2019_FILE.read_text(encoding="utf-8").splitlines():
        old, _, new = line.partition("=")
        if line.startswith("#") or not new or not old[:1].islower() or old == new or "проект" in new:
            continue
        pairs.setdefault(old, set()).add(new.split("|")[0])
    return pairs


def test_every_common_word_of_languagetools_2019_list_gets_its_new_spelling(orthography) -> None:
    pairs = _languagetool_2019_pairs()
    assert len(pairs) > 250
    wrong = {old: orthography(old) for old, new in pairs.items()
             if not (len(orthography(old)) == 1 and orthography(old)[0][1][0] in new)}
    assert wrong == {}


def test_names_of_the_2019_list_are_not_respelt() -> None:
    # «Беккер», «Бережной» are people's names: written as their bearers write them
    assert _found(OrthographyChecker(), "Пан Бережной і пані Беккер") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Делегація з Кіровограда прибула.", [("Кіровограда", ("Кропивницького",))]),
    ("Кіровоградом", [("Кіровоградом", ("Кропивницьким",))]),
    ("У Новомосковську відкрили ЦНАП.", [("Новомосковську", ("Самарі",))]),
    ("Жителі Червонограда", [("Червонограда", ("Шептицького",))]),
    ("громади Красноградського району", [("Красноградського", ("Берестинського",))]),
    ("громади Новоград-Волинського району", [("Новоград-Волинського", ("Звягельського",))]),
    ("з Комсомольська", [("Комсомольська", ("Горішніх Плавнів", "Німецької Мокрої"))]),
    ("мешканці Новгородки", [("Новгородки", ("Кам’янця",))]),  # with the typographic apostrophe
])
def test_renamed_places_are_given_their_current_name_in_the_same_form(places, text, expected) -> None:
    assert places(text) == expected


@pytest.mark.parametrize("text", [
    "Дніпропетровська обласна рада ухвалила рішення.",  # the oblast keeps its name
    "Кропивницький (колишній Кіровоград) прийняв форум.",  # history told on purpose
    "Нарада відбудеться у середу.",  # «Середа» was a village, «середа» is a weekday
    "Село Красне Житомирської області.",  # villages named Красне exist today
    "у Кропивницькому та Бахмуті",
    "Дорожнім службам доручено прибрати сніг.",  # «Дорожне» was a village
    "Дякуємо родині Гончарів.",  # «Гончари» was a village, «Гончарів» is a family name
])
def test_current_names_and_explained_old_ones_stay_quiet(places, text) -> None:
    assert places(text) == []


def test_renamed_places_table_is_confirmed_and_short_per_row() -> None:
    rows = load_renamed_places()
    assert RENAMED_PLACES_FILE.exists() and len(rows) > 200
    assert all(1 <= len(row.current) <= 3 and row.old not in row.current for row in rows)
    olds = {row.old for row in rows}
    assert {"Кіровоград", "Новомосковськ", "Червоноград", "Красноград"} <= olds  # 2016 and 2024
    assert not {"Красне", "Дружба", "Середа", "Первомайський"} & olds


def test_every_rule_explains_itself_in_ukrainian_and_its_correction_is_spelt_right() -> None:
    rules = load_style_rules() + load_style_rules(LANGUAGETOOL_RULES_FILE)
    assert all(rule.explanation and any("а" <= ch <= "я" or ch in "іїєґ" for ch in rule.explanation) for rule in rules)
    speller = SpellChecker()
    assert [rule.correction for rule in load_style_rules(LANGUAGETOOL_RULES_FILE)
            if speller.findings(rule.correction)] == []


def test_languagetool_selection_is_found_in_its_forms(style) -> None:
    assert style("енергозберігаючих технологій, контролюючі органи") == [
        ("енергозберігаючих", ("енергоощадних",)), ("контролюючі", ("контрольні",))]


def test_a_malformed_context_condition_is_refused_in_ukrainian() -> None:
    with pytest.raises(ValueError, match="Незрозуміла умова контексту"):
        parse_context("after=голова")


def test_applying_every_fix_yields_no_new_finding() -> None:
    text = ("В ході наради розглянули ряд питань щодо проекту. Вчора пройшло засідання з питань військового стану, "
            "на якому віце-прем’єр-міністр виступив в якості доповідача. Делегація з Кіровограда та Червонограда "
            "за півгодини обговорила ефектне використання коштів воєнної частини, а священика запросили "
            "на міроприємство.")
    proofreader = Proofreader(extra_words=DEFAULT_GLOSSARY, spelling_suggestions=False)
    before = proofreader.check(text)
    fixes = sorted((f for f in before if f.kind == "style" and f.suggestions), key=lambda f: f.start, reverse=True)
    assert len(fixes) == 14
    fixed = text
    for finding in fixes:
        fixed = fixed[:finding.start] + finding.suggestions[0] + fixed[finding.end:]
    assert [(f.rule, fixed[f.start:f.end]) for f in proofreader.check(fixed)] == []


def test_the_shipped_tables_parse() -> None:
    with open(LANGUAGETOOL_RULES_FILE, encoding="utf-8", newline="") as handle:
        assert {"phrase", "correction", "explanation"} <= set(csv.DictReader(handle).fieldnames or ())


def test_a_current_place_name_the_dictionary_lacks_is_no_misspelling() -> None:
    proofreader = Proofreader(extra_words=DEFAULT_GLOSSARY, spelling_suggestions=False)
    text = "Голова Звягельської районної ради відвідав Берестинську громаду."
    assert [f.rule for f in proofreader.check(text)] == []


def test_a_word_with_two_2019_changes_gets_both_in_one_fix(orthography) -> None:
    assert orthography("міні-проектів") == [("міні-проектів", ("мініпроєктів",))]
