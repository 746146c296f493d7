"""explain grading that a teacher would sign: lists of words, negation, misconceptions,
operators, short stems, typos, lemmas, min_words, locked banks, validate's warnings and
the instructor's view of the matches. Answers are written as learners write them."""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from grader.bank import Bank
from grader.digests import salted
from grader.exercise import AnyExercise
from grader.grading import grade
from grader.kinds.explain import SENTENCES_HINT
from grader.spec.loader import parse_exercise
from grader.submission import Submission
from grader.testing import FakeRunner
from grader.toolkit.prose import Prose
from grader.toolkit.terms import _stem_forms, _typo_of, stem_digests
from grader.validation import advice
from grader.verdict import Status, Verdict

from .conftest import exercise

ROOT = Path(__file__).resolve().parents[2]
SALT = "0123456789abcdef0123456789abcdef"
BANK = Bank.load(ROOT / "exercises")
EXPLAIN_IDS = sorted(e.id for e in BANK.exercises.values() if e.kind.name == "explain")


def graded(target: AnyExercise, answer: str) -> Verdict:
    return grade(target, Submission.from_text(answer, "answer.txt"), FakeRunner([]))


# -- sentences, not lists ------------------------------------------------------------------

GENERIC_150 = (
    "automation automate pipeline ci cd continuous integration delivery deployment deploy "
    "monitor monitoring observe alert drift metric dashboard threshold logging logs version "
    "versioning git registry track tracking lineage reproducible retrain refresh update "
    "model data test testing validate check review shared common platform standard process "
    "memory ram space lazy lazily demand request pause resume suspend remember continue "
    "once exhaust consume restart index yield generator iterate sequence collection list "
    "range item element each condition true until boolean unknown advance beforehand "
    "infinite forever endless hang break caller store variable reuse display screen show "
    "output console stop exit leave finish none return print specific valueerror keyerror "
    "typeerror particular hide hidden silent mask swallow bug debug propagate reraise "
    "bubble cleanup clean always close release instance object blueprint template create "
    "construct initialise new setup set itself current attribute field property state "
    "filename module name direct script execute command side automatic unwanted accident "
    "reuse test library share degrade decay worse decline drop stale rollback roll canary "
    "redeploy switch previous"
)


@pytest.mark.parametrize("exercise_id", EXPLAIN_IDS)
def test_a_list_of_150_generic_words_earns_nothing_on_any_bundled_exercise(
    exercise_id: str,
) -> None:
    verdict = graded(BANK.get(exercise_id), GENERIC_150)
    assert verdict.status is Status.WRONG_ANSWER and verdict.score == 0
    assert verdict.hints[0] == SENTENCES_HINT
    assert not any(check.passed for check in verdict.checks)


STUFFING = {
    "commas": "automation, monitoring, versioning, retraining, pipelines, drift, alerts, "
    "tracking, lineage, refresh, tests, deployment, registry",
    "bullets": "- automation\n- monitoring\n- versioning\n- retraining\n- drift alerts\n"
    "- pipelines\n- tracking\n- lineage\n- refresh",
    "and-chain": "It is about automation and monitoring and versioning and retraining and "
    "pipelines and drift and alerts and tracking and lineage and refresh",
    "the-list": "the automation, the monitoring, the versioning, the retraining, the "
    "pipeline, the drift, the alerts, the tracking",
    "template": "Automation is important. Monitoring is important. Versioning is important. "
    "Retraining is important. Pipelines are important. Drift is important.",
    "common-words": "the be to of and a in that have it for not on with he as you do at this "
    "but his by from they we say her she or an will my one all would there their what so up "
    "out if about who get which go me when make can like time no just him know take people "
    "into year your good some could them see other than then now look only come its over "
    "think also back after use two how our work first well way even new want because any "
    "these give day most us automation monitoring versioning retraining",
}


@pytest.mark.parametrize("form", sorted(STUFFING))
def test_keyword_stuffing_in_other_shapes_is_told_to_write_sentences(form: str) -> None:
    verdict = graded(BANK.get("mlops-explain-production"), STUFFING[form])
    assert verdict.status is Status.WRONG_ANSWER and verdict.score == 0
    assert verdict.hints[0] == SENTENCES_HINT


HONEST_SHORT = [
    "MLOps uses CI/CD pipelines to automate testing and deployment. Monitoring catches data "
    "drift, data and code are versioned, and the model is retrained when it gets worse.",
    "pipelines automate deploying the model, we monitor it for drift, we version the data "
    "and retrain when accuracy drops",
    "Automation (CI/CD) ships models, monitoring and alerts watch them, versioning tracks "
    "data and code, and retraining keeps them fresh.",
]


@pytest.mark.parametrize("answer", HONEST_SHORT)
def test_honest_terse_answers_pass_and_their_content_words_alone_do_not(answer: str) -> None:
    target = BANK.get("mlops-explain-production")
    verdict = graded(target, answer)
    assert verdict.status is Status.PASSED, verdict.hints
    stuffed = " ".join(w for w in answer.replace(",", " ").split() if w.casefold() not in FILLER)
    listed = graded(target, stuffed)
    assert listed.score == 0 and listed.hints[0] == SENTENCES_HINT, stuffed


FILLER = {"the", "and", "we", "it", "is", "are", "of", "to", "when", "them", "gets", "uses"}


# -- negation --------------------------------------------------------------------------------

RETURN_VS_PRINT = BANK.get("functions-explain-return-vs-print")


@pytest.mark.parametrize(
    "answer",
    [
        "return does not hand back a value to the caller, and print doesn't show anything on "
        "the screen. return never stops the function and a function cannot give None.",
        "return doesnt give the value back to the caller. print does not display it on the "
        "screen. return does not exit the function. It never returns None.",
    ],
)
def test_a_negated_answer_covers_nothing(answer: str) -> None:
    verdict = graded(RETURN_VS_PRINT, answer)
    assert verdict.score == 0 and verdict.status is Status.WRONG_ANSWER
    assert "You mention this idea only to say what does not happen" in verdict.hints[0]


def test_negation_stops_at_the_clause_and_at_the_next_verb() -> None:
    answer = (
        "print does not give anything back, it only displays the value on the screen. "
        "A function that does not return anything gives back None. return sends the value "
        "back to the caller and it stops the function."
    )
    verdict = graded(RETURN_VS_PRINT, answer)
    assert verdict.passed and verdict.score == 1
    negated = answer.replace("it only displays", "nor displays").replace(
        "and it stops", "but it never stops"
    )
    assert _covered(RETURN_VS_PRINT, negated) == {
        "return hands back a value",
        "no return gives None",
    }


def _negated_words(text: str) -> set[str]:
    prose = Prose(text)
    return {t.text for i, t in enumerate(prose.tokens) if prose.negated(i) is not None}


@pytest.mark.parametrize(
    ("text", "denied"),
    [
        ("Retraining is never needed since the model stays accurate.", "retraining"),
        ("In practice retraining is not really necessary.", "retraining"),
        ("Retraining is unnecessary once the model is deployed.", "retraining"),
        ("Data drift never happens to a good model.", "drift"),
        ("There is no need to retrain the model.", "retrain"),
    ],
)
def test_a_predicate_that_denies_its_subject_negates_the_subject(text: str, denied: str) -> None:
    """A learner review: 'retraining is never needed' was credited as retraining."""
    assert denied in _negated_words(text)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Retraining is needed when the accuracy drops.", "retraining"),
        ("Retraining is not optional once the data drifts.", "retraining"),
        ("Attributes are not shared between the objects.", "attributes"),
        ("Unnecessary retraining wastes compute.", "retraining"),
    ],
)
def test_other_predicates_leave_their_subject_alone(text: str, kept: str) -> None:
    assert kept not in _negated_words(text)


@pytest.mark.parametrize(
    "text",
    [
        "A generator uses almost no memory, whatever the size of the file.",
        "It needs nearly no memory since it holds one line at a time.",
        "The loop takes little or no memory.",
    ],
)
def test_no_as_an_amount_negates_nothing(text: str) -> None:
    """An instructor review: 'uses almost no memory' was read as denying memory."""
    assert "memory" not in _negated_words(text)
    plain_no = re.sub(r"\b(?:almost|nearly|little or) no\b", "no", text)
    assert "memory" in _negated_words(plain_no)


def test_a_term_ending_on_its_verb_is_negated_by_a_negation_right_after_it() -> None:
    """'self is not the instance' matched the term `self is` (a learner review)."""
    target = BANK.get("classes-explain-self")
    wrong = (
        "In a class Car each object is built from the blueprint. self is not the instance, "
        "it is just a convention, and every object keeps its own attributes."
    )
    assert "self is the object itself" not in _covered(target, wrong)
    right = wrong.replace("self is not the instance", "self is the instance itself")
    assert "self is the object itself" in _covered(target, right)


def test_a_synonym_that_carries_its_own_negation_still_counts() -> None:
    target = BANK.get("modules-explain-name-main")
    answer = (
        "__name__ holds the module's name. When the file is imported the code under the check "
        "does not run, so there are no side effects; it only runs when you execute the file "
        "directly, and other files can reuse and test its functions."
    )
    verdict = graded(target, answer)
    assert verdict.passed
    unsure = answer.replace(
        "does not run, so there are no side effects; it only runs",
        "does not avoid side effects; it runs",
    )
    assert "no side effects on import" not in _covered(target, unsure)


# -- stated misconceptions ------------------------------------------------------------------

SELF = BANK.get("classes-explain-self")


@pytest.mark.parametrize(
    "wrong",
    ["self means the class itself", "self refers to the class", "self is just the class"],
)
def test_self_stated_as_the_class_is_never_covered_and_gets_the_misconception_hint(
    wrong: str,
) -> None:
    answer = (
        f"A class is a blueprint for objects. __init__ runs when you create an object. {wrong}, "
        "and the attributes store the data of the object."
    )
    verdict = graded(SELF, answer)
    check = next(c for c in verdict.checks if c.name == "self is the object itself")
    assert not check.passed and check.message == "stated wrongly"
    assert verdict.hints[0].startswith("self is not the class")
    assert verdict.status is Status.WRONG_ANSWER
    denied = answer.replace(
        wrong, f"it is wrong to think that {wrong.replace('self ', 'self never ')}"
    )
    denied += " self refers to the current object."
    assert graded(SELF, denied).passed, denied


def test_misconceptions_must_name_a_concept() -> None:
    from grader.errors import SpecError

    with pytest.raises(SpecError) as raised:
        exercise(
            "explain",
            "concepts: [{name: n, hint: h, keywords: [word]}]\n"
            "misconceptions: [{concept: nope, patterns: [x], hint: h}]\n",
        )
    assert "misconceptions[0].concept: no concept is named 'nope'" in raised.value.format()


# -- operators, short stems, lemmas, typos --------------------------------------------------

RECURSION = exercise(
    "explain",
    """\
    concepts:
      - name: base case
        hint: When does the recursion stop?
        synonyms: ["n <= 1"]
      - name: integers
        hint: What kind of number is n?
        keywords: [int]
      - name: monitoring
        hint: What is watched?
        keywords: [monitor]
      - name: handing back
        hint: Where does the value go?
        synonyms: ["gives back"]
    pass_fraction: 0.25
    min_words: 3
    """,
)


def _covered(target: AnyExercise, answer: str) -> set[str]:
    """The concepts the verdict shows as covered."""
    return {c.name for c in graded(target, answer).checks if c.passed}


def _judged(concept: str, answers: dict[str, bool]) -> dict[str, bool]:
    return {answer: concept in _covered(RECURSION, answer) for answer in answers}


def test_operators_survive_normalisation() -> None:
    expected = {
        "It stops when n <= 1 is true.": True,
        "It stops once n<=1 holds.": True,
        "It calls itself with n + 1 each time.": False,
        "It stops when n < 1.": False,
    }
    assert _judged("base case", expected) == expected


def test_a_three_letter_stem_matches_whole_words_only() -> None:
    expected = {
        "We go into the loop, which is interesting.": False,
        "n is an int, so ints add up.": True,
    }
    assert _judged("integers", expected) == expected


def test_a_long_stem_forgives_one_slip_in_a_misspelt_word() -> None:
    expected = {
        "The team is monitering the model every day.": True,
        "The team monitered it closely.": True,
        "The team is mentoring new staff.": False,
    }
    assert _judged("monitoring", expected) == expected


def test_synonyms_match_on_lemmas() -> None:
    assert "handing back" in _covered(RECURSION, "The function gave back the total.")


def test_a_known_word_is_never_taken_for_a_typo() -> None:
    caller = exercise("explain", "concepts: [{name: c, hint: h, keywords: [caller]}]\n")
    assert _covered(caller, "The function is called twice.") == set()
    assert _covered(caller, "The value goes to the calller.") == {"c"}


def test_typo_digests_accept_exactly_the_pairs_that_rapidfuzz_accepts() -> None:
    rng = random.Random(7)
    letters = "abcde"
    for _ in range(3000):
        stem = "".join(rng.choice(letters) for _ in range(rng.randint(5, 7)))
        word = "".join(rng.choice(letters) for _ in range(rng.randint(6, 9)))
        token = Prose(word).tokens[0]
        plain = _typo_of(stem, word)
        digests = {d for d in stem_digests("s", stem) if d != salted("s", stem)}
        locked = any(salted("s", form) in digests for form in _stem_forms(token))
        assert plain == locked, (stem, word)


# -- min_words -------------------------------------------------------------------------------


def test_an_answer_under_min_words_scores_nothing_in_the_gradebook() -> None:
    answer = "return gives back a value, print shows it, return stops, default None."
    verdict = graded(RETURN_VS_PRINT, answer)
    assert verdict.status is Status.WRONG_ANSWER and verdict.score == 0
    assert "Write at least 15 words" in verdict.message
    assert verdict.hints[0].startswith("Your answer has 12 words")
    assert all(c.points == 0 for c in verdict.checks)


# -- what learners see -----------------------------------------------------------------------


def test_learners_see_the_concepts_they_covered_and_the_hints_of_those_they_missed() -> None:
    answer = (
        "return gives the value back to the caller so it can be stored in a variable, while "
        "print only shows it on the screen for the person running the program. Using return "
        "does not stop the function."
    )
    verdict = graded(RETURN_VS_PRINT, answer)
    shown = {c.name: (c.passed, c.message) for c in verdict.checks}
    assert shown == {
        "return hands back a value": (True, "covered"),
        "print only displays": (True, "covered"),
        "return ends the function": (False, "mentioned only in a negation ('not')"),
        "no return gives None": (False, "not covered yet"),
    }
    assert verdict.hints[:2] == (
        "You mention this idea only to say what does not happen ('not'). "
        "What happens to the lines after it in the function?",
        "What does a function give back when it never hands anything back?",
    )


def test_show_tells_the_learner_min_words() -> None:
    notes = RETURN_VS_PRINT.kind.present(RETURN_VS_PRINT).notes
    assert any("at least 15 words" in note for note in notes)


# -- locked banks grade the same ------------------------------------------------------------


def _locked(target: AnyExercise) -> AnyExercise:
    data, _ = target.kind.lock(target, dict(target.raw.data), SALT, FakeRunner([]))
    data["lock"] = {"salt": SALT}
    return parse_exercise(yaml.safe_dump(data, sort_keys=False), target.file)


def _corpus() -> list[dict[str, Any]]:
    entries = yaml.safe_load((ROOT / "tests/data/corpus/explain.yaml").read_text())
    return [*entries, *({"exercise": i, "answer": GENERIC_150} for i in EXPLAIN_IDS)]


def test_a_locked_explain_exercise_grades_every_answer_as_the_plain_one() -> None:
    locked = {i: _locked(BANK.get(i)) for i in EXPLAIN_IDS}
    for target in locked.values():
        concepts = target.raw.data["concepts"]
        assert all("keywords" not in c and "synonyms" not in c for c in concepts)
    for entry in _corpus():
        plain, sealed = BANK.get(entry["exercise"]), locked[entry["exercise"]]
        one, two = graded(plain, entry["answer"]), graded(sealed, entry["answer"])
        where = (entry["exercise"], entry["answer"][:40])
        assert two.status is Status(entry.get("status", "wrong_answer")), where
        assert two.passed or any(entry.get("hint", SENTENCES_HINT) in h for h in two.hints), where
        assert (one.status, one.score, one.hints) == (two.status, two.score, two.hints), where
        assert [c.passed for c in one.checks] == [c.passed for c in two.checks], where


# -- validate warns; check shows the matches ------------------------------------------------


def test_validate_warns_about_short_stems_and_terms_shared_between_concepts() -> None:
    target = exercise(
        "explain",
        """\
        concepts:
          - {name: types, hint: What kind of number?, keywords: [int]}
          - {name: loops, hint: What repeats?, synonyms: ["for each"]}
          - {name: items, hint: What is visited?, synonyms: ["for each", "item"]}
        """,
    )
    found = [p.message for p in advice(target)]
    # a short stem matches whole words only: the warning names the words it misses
    assert any("'int' is short, so it matches whole words only" in m for m in found), found
    assert any("not into" in m for m in found), found
    assert any(
        "'for each' is also a synonym of concept 'loops' (as matched)" in m for m in found
    ), found


def test_validate_warns_about_terms_that_are_function_words() -> None:
    """An instructor review's wrong answer passed on `once`, `same` and `none` alone."""
    target = exercise(
        "explain",
        """\
        concepts:
          - {name: evaluated once, hint: When is the default made?, keywords: [once, evaluat]}
          - {name: shared list, hint: Which list?, synonyms: ["same", "same list"]}
        """,
    )
    found = [p.message for p in advice(target)]
    assert any("'once' is a function word" in m for m in found), found
    assert any("'same' is a function word" in m for m in found), found
    assert not any("'same list'" in m or "'evaluat'" in m for m in found), found


def test_the_bundled_bank_draws_no_warning() -> None:
    assert [str(w) for e in BANK.exercises.values() for w in advice(e)] == []


def test_check_explain_matches_shows_the_words_behind_each_concept(tmp_path: Path) -> None:
    from .test_cli import grader

    answer = tmp_path / "a.txt"
    answer.write_text(
        "return does not stop the function. print only displays the value on the screen, "
        "and return sends it back to the caller, who can store it; without return you get None."
    )
    bank = str(ROOT / "exercises")
    result = grader(
        "check",
        "functions-explain-return-vs-print",
        str(answer),
        "--explain-matches",
        "--exercises",
        bank,
    )
    out = result.stdout
    assert "How the answer was read (for instructors):" in out
    assert "'caller' (term 'caller')" in out
    assert "'stop' (term 'stop', negated by 'not')" in out
    locked = tmp_path / "locked"
    key = tmp_path / "key.json"
    lock = grader("lock", "--exercises", bank, "--out", str(locked), "--key", str(key))
    assert lock.returncode == 0, lock.stderr
    refused = grader(
        "check",
        "functions-explain-return-vs-print",
        str(answer),
        "--explain-matches",
        "--exercises",
        str(locked),
    )
    assert refused.returncode == 2 and "locked" in refused.stderr
