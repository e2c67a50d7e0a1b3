"""Euphony (Правопис 2019, §23–25): у/в, і/й, з/із/зі in the clear cases, each with its one fix."""

from __future__ import annotations

import pytest

from desktop.language.euphony import find_euphony, sentence_start_form
from desktop.language.proofing import DEFAULT_GLOSSARY, Proofreader, apply_fix


def found(text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(f.rule, text[f.start:f.end], f.suggestions) for f in find_euphony(text)]


@pytest.mark.parametrize(("text", "rule", "word", "fix"), [
    ("Нарада відбулася в вівторок.", "euphony-u-before-v", "в", "у"),
    ("Делегація побувала в Львові.", "euphony-u-before-v", "в", "у"),
    ("Виступ в формі діалогу.", "euphony-u-before-v", "в", "у"),
    ("Голова побував в місті.", "euphony-u-between-consonants", "в", "у"),
    ("В Києві відбувся форум.", "euphony-u-after-pause", "В", "У"),
    ("Прийшла осінь, в садах тихо.", "euphony-u-after-pause", "в", "у"),
    ("Вона живе у Одесі.", "euphony-v-between-vowels", "у", "в"),
    ("У Україні тепло.", "euphony-v-sentence-start", "У", "В"),
    ("Прийшли Іван й Петро.", "euphony-i-between-consonants", "й", "і"),
    ("Засідання завершилось, й депутати розійшлися.", "euphony-i-after-pause", "й", "і"),
    ("Й далі працюємо.", "euphony-i-after-pause", "Й", "І"),
    ("Прийшли сестра й Юлія.", "euphony-i-before-iotated", "й", "і"),
    ("Марія і Олена привітали гостей.", "euphony-y-between-vowels", "і", "й"),
    ("Зустріч разом з співробітниками.", "euphony-zi-before-cluster", "з", "зі"),
    ("Діти повернулися з школи.", "euphony-zi-before-cluster", "з", "зі"),
    ("Разом з сином ветерана.", "euphony-iz-before-sibilant", "з", "із"),
    ("Поговорили зі усіма учасниками.", "euphony-z-before-vowel", "зі", "з"),
    ("Провели нараду із Офісом Президента.", "euphony-z-before-vowel", "із", "з"),
    ("Із Київщини прибули рятувальники.", "euphony-z-sentence-start", "Із", "З"),
    ("Із її приходом усе змінилося.", "euphony-z-sentence-start", "Із", "З"),
    ("в вівторок.", "euphony-u-before-v", "в", "у"),  # a list item keeps its small letter
    ("Заходи:\nв Києві відбулася нарада", "euphony-u-after-pause", "в", "у"),
    ("20.07.2023\n\nІз Київщини прибули рятувальники.", "euphony-z-sentence-start", "Із", "З"),
    ("Наради з органами влади\n\nВ перший день тижня", "euphony-u-after-pause", "В", "У"),
    ("Роботи тривають\nв кожній громаді.", "euphony-u-between-consonants", "в", "у"),  # a hard wrap
    ("На засіданні і депутати погодились.", "euphony-y-after-vowel", "і", "й"),
    ("Визначили функції і повноваження.", "euphony-y-after-vowel", "і", "й"),
    ("Вручили грамоти і премії.", "euphony-y-after-vowel", "і", "й"),
    ("Після ознайомлення із підготовчими матеріалами.", "euphony-z-after-vowel", "із", "з"),
    ("Привітали облдержадміністрації із прийдешнім святом.", "euphony-z-after-vowel", "із", "з"),
    ("Привітали колег із святом.", "euphony-zi-before-cluster", "із", "зі"),
    ("Бере книжку із стола.", "euphony-zi-before-cluster", "із", "зі"),
])
def test_a_clear_case_is_flagged_with_its_fix(text: str, rule: str, word: str, fix: str) -> None:
    assert found(text) == [(rule, word, (fix,))]


@pytest.mark.parametrize("text", [
    "Нарада відбулася у вівторок.",
    "Делегація побувала у Львові.",
    "Голова побував у місті.",
    "У Києві відбувся форум.",
    "В Україні тепло.",
    "Вона живе в Одесі.",
    "перебував в Ужгороді",  # в after в before a vowel
    "20 квітня 2023 року у Києві",  # after a vowel before a consonant usage allows both
    "Прийшли Іван і Петро.",
    "Марія й Олена привітали гостей.",
    "Прийшли сестра і Юлія.",
    "брат і сестра",
    "Зустріч разом зі співробітниками.",
    "у зв’язку з цим",  # з before ц is usual
    "Разом із сином ветерана.",
    "зі мною",
    "В. Зеленський виступив.",  # an initial
    "вул. В’ячеслава Чорновола",
    "І етап конкурсу завершено.",  # a Roman numeral
    "Представник ОВА в місті.",  # an abbreviation before
    "Звернення в ЦНАП прийняли.",  # an abbreviation after
    "У 2023 в громаді",  # a number
    "Реєстрація в «Дії» триває.",  # a quote
    "Працює в IT-секторі.",  # a Latin word
    "Освітлення на вул. Молодіжній в с. Селещина.",  # an abbreviation after
    "Із сином прийшов.",  # із before a sibilant
    "Роботи тривають\nу кожній громаді.",  # a hard-wrapped line is not a new sentence
    "У одного з нас.",  # У before a vowel other than у opens a sentence as usage has it
    "Розглянули утримання і поточний ремонт.",  # і after а, о, у, е, я: usage allows both
    "Сісти і їхати.",  # і before ї
    "Працівники Департаменту освіти і науки.",  # a body's name keeps its registered form
    "Родина із шести осіб.",  # із after a vowel before a sibilant
    "Висновок із цього.",
    "Один із 7 районів.",  # a number: its sound is not judged
    "Прибули з сином і дочкою.",
    "Підсумки у І півріччі.",  # a Roman numeral
    "Заслухали звіти громади і визначили завдання.",  # a new clause: a pause before і
    "Ставали сильніші і сильніші.",  # a repetition
])
def test_correct_or_unclear_cases_stay_quiet(text: str) -> None:
    assert found(text) == []


def test_a_lowercase_sentence_start_is_given_the_euphonic_capital() -> None:
    assert sentence_start_form("в", "Києві") == "У"
    assert sentence_start_form("в", "Одесі") == "В"
    assert sentence_start_form("у", "Україні") == "В"
    assert sentence_start_form("у", "Одесі") == "У"  # «У одного з …»: usual before other vowels
    assert sentence_start_form("й", "далі") == "І"


@pytest.fixture(scope="module")
def proofreader() -> Proofreader:
    return Proofreader(extra_words=DEFAULT_GLOSSARY, spelling_suggestions=False)


@pytest.mark.parametrize("text", [
    "Нарада відбулася в вівторок у Львові.",
    "Брат працює в місті. В Києві тепло, в садах тихо.",
    "Вона живе у Одесі, а Марія і Олена у Ужгороді.",
    "Прийшли Іван й Петро, сестра й Юлія. Й далі працюємо.",
    "Разом з співробітниками з сином зі усіма.",
    "Засідання завершилось. в Києві тепло.",
    "На засіданні і депутати, і гості привітали колег із святом після ознайомлення із планами.",
])
def test_each_fix_leaves_no_euphony_or_capitalisation_finding(proofreader, text: str) -> None:
    findings = [f for f in proofreader.check(text) if f.kind in ("euphony", "capitalisation")]
    assert findings
    for finding in sorted(findings, key=lambda f: f.start, reverse=True):
        text = apply_fix(text, finding)
    assert [f for f in proofreader.check(text) if f.kind in ("euphony", "capitalisation")] == []


def test_the_proofreader_reports_euphony_as_its_own_kind(proofreader) -> None:
    findings = proofreader.check("Нарада відбулася в вівторок.")
    assert [(f.kind, f.rule, f.suggestions) for f in findings] == [("euphony", "euphony-u-before-v", ("у",))]
    assert findings[0].message.endswith("(Правопис, §23).")
