"""explain: what a learner review (the thirteenth) found. A negation that a pattern's gap
takes in negates the match; a long clause without a verb is a list however many stock
phrases lend it function words; a misconception is stated only by its subject, and an
idea that is negative by nature (`nothing runs on import`) counts. Answers are written as
learners write them."""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.bank import Bank
from grader.exercise import AnyExercise
from grader.grading import grade
from grader.kinds.explain import SENTENCES_HINT
from grader.submission import Submission
from grader.testing import FakeRunner
from grader.toolkit.prose import ListSignals, Prose
from grader.verdict import Status, Verdict

from .conftest import exercise

ROOT = Path(__file__).resolve().parents[2]
BANK = Bank.load(ROOT / "exercises")
LAZY = BANK.get("generators-explain-lazy")
MONITORING = BANK.get("mlops-explain-monitoring")
SPECIFIC = BANK.get("exceptions-explain-specific")
NAME_MAIN = BANK.get("modules-explain-name-main")


def graded(target: AnyExercise, answer: str) -> Verdict:
    return grade(target, Submission.from_text(answer, "answer.txt"), FakeRunner([]))


def _state(verdict: Verdict, concept: str) -> str:
    return next(c.message for c in verdict.checks if c.name == concept)


# -- a negation inside a pattern's gap -------------------------------------------------------

GAPPY = exercise(
    "explain",
    """\
    concepts:
      - name: data changes
        hint: "What happens to the inputs?"
        patterns: ["\\\\b(data|inputs?)( \\\\w+){0,6} (changes?|shifts?)\\\\b"]
      - name: memory
        hint: "What about memory?"
        patterns: ["\\\\b(not|never) (\\\\w+ ){0,4}?(memory|ram)\\\\b"]
    pass_fraction: 0.5
    min_words: 3
    """,
)


@pytest.mark.parametrize(
    "answer",
    [
        "In production the data does not change over time, so nothing has to be watched.",
        "The input data never really shifts once the model is live.",
        "Users send inputs that will not change much after launch.",
    ],
)
def test_a_negation_that_a_gap_takes_in_negates_the_match(answer: str) -> None:
    """'the data does not change' was credited as 'the data changes' (a learner review)."""
    assert _state(graded(GAPPY, answer), "data changes").startswith("mentioned only")


@pytest.mark.parametrize(
    "answer",
    [
        "In production the data changes over time and the model gets worse.",
        "The data slowly changes, and it does not look like the training set any more.",
        "A list would not fit in RAM, and the data changes every day anyway.",
    ],
)
def test_a_match_the_negation_does_not_reach_or_the_pattern_spells_still_counts(
    answer: str,
) -> None:
    verdict = graded(GAPPY, answer)
    assert _state(verdict, "data changes") == "covered"
    if "ram" in answer.casefold():
        assert _state(verdict, "memory") == "covered"  # the pattern's own `not`


def test_a_value_that_a_gap_takes_as_a_negation_is_negated() -> None:
    """`__name__ is not "__main__"` matched `__name__ is <a name>` with `not` as the name."""
    answer = (
        'When the file is run directly, __name__ is not "__main__", so main() does not run. '
        'When it is imported, __name__ is "__main__" and main() runs, which is why you can '
        "import it and reuse its functions."
    )
    verdict = graded(NAME_MAIN, answer)
    assert _state(verdict, "__name__ holds the module's name").startswith("mentioned only")
    assert verdict.score < 0.5
    assert verdict.hints[0].startswith("It is the other way round")


def test_the_data_said_not_to_change_covers_no_drift_on_the_monitoring_exercise() -> None:
    answer = (
        "Once a model is accurate on deployment day it does not need retraining, because the "
        "data does not change over time and the model cannot get worse. Monitoring is only "
        "useful to check the server is up, there is no drift to worry about."
    )
    verdict = graded(MONITORING, answer)
    assert verdict.score == 0 and not verdict.passed
    assert _state(verdict, "the data changes").startswith("mentioned only")


# -- lists of words that stock phrases lend function words ------------------------------------

VERBLESS_LISTS = [
    "Generator yield lazy memory one at a time 50 GB list RAM exhausted once only iterate next "
    "StopIteration no indexing on demand memory efficient.",
    "Generators lazy evaluation one value at a time on demand low memory usage no full list "
    "in RAM single pass only exhausted after use no random access.",
    "Yield keyword lazy iteration one line at a time memory efficient compared to list 50 GB "
    "file too big for RAM limitation single use only no len no indexing.",
]


@pytest.mark.parametrize("answer", VERBLESS_LISTS)
def test_a_verbless_list_with_stock_phrases_is_told_to_write_sentences(answer: str) -> None:
    """The first passed at 0.75, read as sentences with 29% function words."""
    verdict = graded(LAZY, answer)
    assert verdict.status is Status.WRONG_ANSWER and verdict.score == 0
    assert verdict.hints[0] == SENTENCES_HINT
    assert ListSignals.of(Prose(answer)).verbless_clause


@pytest.mark.parametrize(
    "answer",
    [
        "A generator yields one line at a time on demand so memory stays small and "
        "processing starts at once. Unlike a list it is exhausted after one pass and cannot "
        "be indexed.",
        "With yield each line comes one at a time on demand so the whole 50 GB file never "
        "sits in RAM. Limitation: a generator gets exhausted after a single pass.",
        "after deployment the real data starts to drift away from the training data and "
        "accuracy drops so the team watches metrics and retrains on fresh data",
    ],
)
def test_long_clauses_with_a_verb_are_sentences(answer: str) -> None:
    assert not ListSignals.of(Prose(answer)).list_like


# -- a misconception needs its subject ---------------------------------------------------------

LIST_CONTRASTS = [
    "A function that returns a list loads the whole file into memory before you get the first "
    "line, and 50 GB will not fit. A generator yields one line at a time, only when the loop "
    "asks for it, so memory stays small. Its state is paused between lines and resumes on "
    "next(). One limitation is that a generator can be iterated only once.",
    "Returning a list means the code loads the entire file into memory before the caller gets "
    "anything. With yield the lines come one at a time on demand, so memory use stays tiny. "
    "But a generator can only be consumed once and you cannot index it.",
    "Unlike a generator, a list version reads the whole file at once and puts all the lines "
    "into memory. The generator produces each line lazily, one at a time, so little memory is "
    "used, but it is exhausted after a single pass.",
]


@pytest.mark.parametrize("answer", LIST_CONTRASTS)
def test_describing_the_list_version_is_not_the_misconception(answer: str) -> None:
    """A review's right answer failed as 'memory stays small: stated wrongly'."""
    verdict = graded(LAZY, answer)
    assert verdict.passed, verdict.hints
    assert not any(c.message == "stated wrongly" for c in verdict.checks)


def test_a_list_contrast_without_a_limitation_is_told_only_of_the_limitation() -> None:
    answer = (
        "A list version must load all the lines into memory at once, and 50 GB does not fit "
        "in memory. A generator yields one line at a time, lazily, only when it is needed, so "
        "memory stays small and processing starts immediately without waiting for the whole "
        "file."
    )
    verdict = graded(LAZY, answer)
    assert not verdict.passed and _state(verdict, "memory stays small") == "covered"
    assert "single pass only" in verdict.message
    assert not any("holds only its current value" in h for h in verdict.hints)


@pytest.mark.parametrize(
    "answer",
    [
        "A generator is handy because it loads the whole file into memory once and then hands "
        "out the lines quickly. It is also simpler to write than a list. One limitation is "
        "that it can be used only once.",
        "Generators still read all the lines into memory, just like a list, but the syntax is "
        "nicer. A limitation is that a generator can only be looped over once.",
    ],
)
def test_a_generator_said_to_load_everything_is_the_misconception(answer: str) -> None:
    verdict = graded(LAZY, answer)
    assert _state(verdict, "memory stays small") == "stated wrongly"
    assert verdict.hints[0].startswith("A generator holds only its current value")


# -- ideas negative by nature, and negations said of the wrong subject --------------------------


@pytest.mark.parametrize(
    "answer",
    [
        'it\'s basically a guard. if i do python file.py the special variable is "__main__" '
        "and my main function gets called. but if some other program does import file, the "
        'name is just "file", so nothing runs on import and the other program just gets the '
        "functions and classes to use - e.g. my tests can import it without starting the "
        "whole program.",
        'The variable __name__ holds the module name when a file is imported, and "__main__" '
        "when it is run directly. Importing the file therefore runs nothing under the check, "
        "so other files and tests can import its functions without starting the program.",
    ],
)
def test_nothing_running_on_import_is_the_idea_not_its_negation(answer: str) -> None:
    verdict = graded(NAME_MAIN, answer)
    assert _state(verdict, "no side effects on import") == "covered"
    assert verdict.passed


@pytest.mark.parametrize(
    "answer",
    [
        "If you run the script directly, __name__ is the file name, so main() is not called "
        'and nothing happens. If another file imports it, __name__ becomes "__main__" and '
        "main() runs, so the importer can reuse the functions.",
        'When the file is imported, __name__ is "__main__", so main() runs in the importing '
        "program too; when the file is run directly, __name__ is the file name and main() is "
        "skipped. This is useful for sharing code.",
    ],
)
def test_what_does_not_run_when_run_directly_is_not_the_idea(answer: str) -> None:
    verdict = graded(NAME_MAIN, answer)
    assert _state(verdict, "no side effects on import") != "covered"
    assert not verdict.passed and verdict.hints[0].startswith("It is the other way round")


@pytest.mark.parametrize(
    "answer",
    [
        "Catching everything is actually fine, because a bare except does not hide any bugs "
        "and you can still see every error. finally does not always run; it is skipped when "
        "there is an exception, so it is not useful for cleanup.",
        "A bare except never hides real bugs, because Python still prints them somewhere, so "
        "catching everything is fine and simpler. The finally block only runs when an "
        "exception happened, to print the error.",
    ],
)
def test_a_bare_except_said_not_to_hide_bugs_is_the_misconception(answer: str) -> None:
    verdict = graded(SPECIFIC, answer)
    assert _state(verdict, "bugs get hidden") == "stated wrongly"
    assert verdict.hints[0].startswith("A bare except with pass also swallows")
    assert verdict.score == 0


@pytest.mark.parametrize(
    "answer",
    [
        "except: pass hides all problems - even ones you didn't anticipate, even Ctrl-C "
        "(KeyboardInterrupt) - so debugging becomes impossible because the error message is "
        "thrown away. If you name the exception you expect, e.g. except FileNotFoundError, you "
        "only deal with that case and real bugs still crash loudly. finally is code that "
        "always executes at the end of the try, error or no error, which is good for "
        "releasing resources like files or locks.",
        "You should catch only the specific exception you expect, like ValueError, so that "
        "other errors are not hidden and still propagate to the caller where someone sees "
        "them. finally always runs, error or not, so it is where you close files.",
    ],
)
def test_a_specific_except_that_lets_bugs_through_passes(answer: str) -> None:
    verdict = graded(SPECIFIC, answer)
    assert verdict.passed, verdict.hints
    assert _state(verdict, "bugs get hidden") == "covered"
