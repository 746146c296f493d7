"""How prose is read quickly: chunk by chunk, lists of words told from a signature, regexes
skipped when they cannot match, memos bounded. Each shortcut is checked against the plain,
word-by-word reading it replaces, on random text."""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from grader.bank import Bank
from grader.grading import grade
from grader.submission import Submission
from grader.testing import FakeRunner
from grader.toolkit import prose as prose_module
from grader.toolkit import terms as terms_module
from grader.toolkit.patterns import may_match, requirements
from grader.toolkit.prose import FUNCTION_WORDS, MEMO_SIZE, ListSignals, Prose, Token, lemma
from grader.toolkit.terms import FUZZY_STEM, SHORT_STEM, Stems

from .conftest import exercise

ROOT = Path(__file__).resolve().parents[2]
PIECES = [
    *"abcxyz019_'-.,!?;:()[]{}<>=+*/%&|^~@\n\t\u2022\u2019\u2018\u00b4`\u00df\u0130",
    *("  ", "n't", "'s", "...", "!=", "<=", "**", "//", "->"),
    *("not", "never", "no", "the", "of", "and", "or", "plus", "is", "loop", "values"),
]


def _random_text(rng: random.Random) -> str:
    return "".join(rng.choice(PIECES) + rng.choice(["", " ", " ", "\n"]) for _ in range(40))


def _scanned(text: str) -> tuple[list[tuple[str, str, bool, int]], int]:
    """The reading of the whole text at once: one regex scan, a clause ending at each
    stop that follows a token."""
    tokens: list[tuple[str, str, bool, int]] = []
    clause = 0
    for quote, plain in prose_module._QUOTES:
        text = text.replace(quote, plain)
    for match in prose_module._TOKEN.finditer(text.casefold()):
        if match.lastgroup == "stop":
            clause += 1 if tokens and tokens[-1][3] == clause else 0
        elif match.lastgroup == "symbol":
            tokens.append((match.group(), match.group(), True, clause))
        else:
            for part in prose_module._expand(match.group()):
                tokens.append((part, lemma(part), False, clause))
    return tokens, clause + 1


def test_reading_chunk_by_chunk_reads_as_one_scan_of_the_whole_text() -> None:
    rng = random.Random(11)
    for _ in range(400):
        text = _random_text(rng)
        prose = Prose(text)
        expected, clauses = _scanned(text)
        got = [(t.text, t.lemma, t.symbol, prose.clause_of(i)) for i, t in enumerate(prose.tokens)]
        assert got == expected, text
        assert prose.clauses == clauses, text
        assert prose.text == " ".join(t[0] for t in expected)
        starts = [0]
        for t in expected:
            starts.append(starts[-1] + len(t[0]) + 1)
        for offset in range(len(prose.text) + 2):
            plain = next(
                (i for i, t in enumerate(expected) if starts[i] + len(t[0]) > offset),
                max(len(expected) - 1, 0),
            )
            assert prose.token_at(offset) == plain, (text, offset)


def _signals_word_by_word(prose: Prose) -> ListSignals:
    """`ListSignals` counted word by word, as the module's docstring defines them."""
    words = [(t, prose.clause_of(i)) for i, t in enumerate(prose.tokens) if not t.symbol]
    count = len(words)
    if not count:
        return ListSignals(0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, False)
    items: list[list[str]] = [[]]
    runs = run = 0
    broken = 0
    clause_sizes: Counter[int] = Counter()
    clause_function: Counter[int] = Counter()
    for at, (word, clause) in enumerate(words):
        before = words[at - 1] if at else None
        if (before is not None and before[1] != clause) or word.text in ("and", "or", "plus"):
            items.append([])
        if word.text not in ("and", "or", "plus"):
            items[-1].append(word.text if word.function_word else "*")
        if word.function_word or (before is not None and before[1] != clause):
            runs += run if run >= ListSignals.LONG_RUN else 0
            run = 0
        run += 0 if word.function_word else 1
        bad = prose_module._BAD_AFTER.get(before[0].text, frozenset()) if before else frozenset()
        broken += before is not None and before[1] == clause and word.text in bad
        clause_sizes[clause] += 1
        clause_function[clause] += word.function_word
    runs += run if run >= ListSignals.LONG_RUN else 0
    items = [item for item in items if item]
    in_items = sum(len(item) for item in items)
    frames = [tuple(item) if set(item) != {"*"} else () for item in items if len(item) >= 2]
    seen = Counter(frames)
    function = sum(w.function_word for w, _ in words)
    bare = any(
        size >= ListSignals.LONG_CLAUSE and clause_function[c] < size / 4
        for c, size in clause_sizes.items()
    )
    verbless = _verbless_word_by_word(prose)
    return ListSignals(
        count,
        function / count,
        runs / count,
        sum(len(i) for i in items if len(i) <= 2) / in_items if len(items) >= 5 else 0.0,
        broken / max(count - 1, 1) if broken >= 3 else 0.0,
        sum(1 for f in frames if f and seen[f] >= 3) / len(frames) if len(frames) >= 4 else 0.0,
        len({w.text for w, _ in words}) / count if count >= ListSignals.LONG_ANSWER else 0.0,
        bare,
        verbless,
    )


def _verbless_word_by_word(prose: Prose) -> bool:
    """A clause of `LONG_CLAUSE` words, under `VERBLESS_SHARE` function words, with no
    finite word, no `-s` form past its first word and no `-ed` form 3 words after a
    determiner."""
    clauses: dict[int, list[Token]] = {}
    for i, token in enumerate(prose.tokens):
        clauses.setdefault(prose.clause_of(i), []).append(token)
    for tokens in clauses.values():
        words = [t for t in tokens if not t.symbol]
        size = len(words)
        if size < ListSignals.LONG_CLAUSE:
            continue
        if sum(t.function_word for t in words) >= size * ListSignals.VERBLESS_SHARE:
            continue
        if any(t.text in prose_module._FINITE for t in words):
            continue
        verb = False
        for at, t in enumerate(tokens):
            inflected = at and not t.function_word and t.text != t.lemma
            if inflected and t.text.endswith("s") and not t.text.endswith("ss"):
                verb = True
            determiner = any(
                b.text in prose_module._DETERMINERS for b in tokens[max(at - 3, 0) : at]
            )
            if inflected and t.text.endswith("ed") and determiner:
                verb = True
        if not verb:
            return True
    return False


def test_list_signals_read_from_the_signature_are_the_word_by_word_counts() -> None:
    rng = random.Random(5)
    vocabulary = [*sorted(FUNCTION_WORDS)[:60], "plus", "loop", "list", "value", "index", "+"]
    vocabulary += ["values", "loaded", "class", "the", "is"]
    for _ in range(600):
        words = [rng.choice(vocabulary) for _ in range(rng.randint(0, 120))]
        text = " ".join(w + rng.choice(["", "", "", ",", ".", "\n"]) for w in words)
        prose = Prose(text)
        assert ListSignals.of(prose) == _signals_word_by_word(prose), text


def test_a_verbless_clause_read_from_the_signature_is_the_word_by_word_one() -> None:
    rng = random.Random(7)
    vocabulary = ["loop", "list", "value", "ram", "lazy", "gb", "index", "a", "the", "at", "on"]
    vocabulary *= 3
    vocabulary += ["values", "loaded", "is", "it", "+", "one", "passed", "stays", "class"]
    verbless = 0
    for _ in range(600):
        words = [rng.choice(vocabulary) for _ in range(rng.randint(0, 40))]
        text = " ".join(w + rng.choice([""] * 12 + [",", "."]) for w in words)
        prose = Prose(text)
        signals = ListSignals.of(prose)
        assert signals == _signals_word_by_word(prose), text
        verbless += signals.verbless_clause
    assert verbless > 20


def _bank_patterns() -> list[re.Pattern[str]]:
    bank = Bank.load(ROOT / "exercises")
    found = []
    for target in bank.exercises.values():
        if target.kind.name != "explain":
            continue
        for concept in target.body.concepts:
            for terms in concept.terms:
                found += getattr(terms, "patterns", ())
        for misconception in target.body.misconceptions:
            found += misconception.patterns.patterns
    return found


def _answers() -> list[str]:
    answers = []
    for path in sorted((ROOT / "tests" / "data" / "corpus").glob("*.yaml")):
        answers += [entry["answer"] for entry in yaml.safe_load(path.read_text("utf-8"))]
    return answers


def test_a_pattern_is_skipped_only_on_text_where_it_cannot_match() -> None:
    patterns = _bank_patterns()
    texts = [Prose(answer).text for answer in _answers()]
    skipped = 0
    for pattern in patterns:
        # every text it matches, and the others: none it matches may be skipped
        for text in texts + [m.group() for t in texts if (m := pattern.search(t))]:
            if not may_match(pattern, text):
                skipped += 1
                assert pattern.search(text) is None, (pattern.pattern, text)
    assert skipped > len(texts)  # the shortcut is taken, not only safe


@pytest.mark.parametrize(
    ("pattern", "needs"),
    [
        (r"\bself (is|means) (the )?class\b", (("self ",), ("is", "means"), ("class",))),
        (r"generators? (use|need)s? more", (("generator",), ("use", "need"), (" more",))),
        (r"a|bcd", (("a", "bcd"),)),
        (r"(?i)None", ()),  # case-insensitive: nothing is assumed
        (r"x*", ()),
    ],
)
def test_what_every_match_of_a_pattern_holds(pattern: str, needs: object) -> None:
    assert requirements(re.compile(pattern)) == needs


def test_a_pattern_matches_whatever_the_case_of_the_answer_or_the_pattern() -> None:
    target = exercise(
        "explain",
        """\
        min_words: 3
        concepts:
          - {name: none, hint: h, patterns: ["returns None"]}
          - {name: loop, hint: h, patterns: ["for loop"]}
        """,
    )
    answer = "Without a return it RETURNS NONE, and a For Loop goes on."
    verdict = grade(target, Submission.from_text(answer, "a.txt"), FakeRunner([]))
    assert [c.passed for c in verdict.checks] == [True, True]


def test_hits_come_in_the_order_of_the_answer_each_word_under_its_first_stem() -> None:
    target = exercise(
        "explain",
        "concepts: [{name: c, hint: h, keywords: [iterat, loop, loops]}]\nmin_words: 1\n",
    )
    answer = "The loops go on: a loop is iterating, and loops end."
    evidence = target.kind.evidence(target, Submission.from_text(answer, "a.txt"))
    assert [line.strip() for line in evidence[2:]] == [
        "'loops' (term 'loop')",
        "'loop' (term 'loop')",
        "'iterating' (term 'iterat')",
        "'loops' (term 'loop')",
    ]


def test_the_memo_of_words_stays_bounded_however_many_distinct_words_come() -> None:
    Prose(" ".join(f"w{i}x" for i in range(MEMO_SIZE + 500)))
    assert prose_module._chunk.cache_info().currsize <= MEMO_SIZE
    assert prose_module.lemma.cache_info().currsize <= MEMO_SIZE


def _stems_word_by_word(stems: tuple[str, ...], prose: Prose) -> list[tuple[int, str]]:
    """Each word that a stem matches, under the first such stem: a long stem begins its
    text or lemma, a short one is either; typos matched by the library itself."""
    found = []
    for at, token in enumerate(prose.tokens):
        if token.symbol:
            continue
        for stem in stems:
            forms = (token.text, token.lemma)
            exact = (
                stem in forms
                if len(stem) <= SHORT_STEM
                else any(form.startswith(stem) for form in forms)
            )
            typo = len(stem) >= FUZZY_STEM and token.misspelt
            if exact or (typo and terms_module._typo_of.__wrapped__(stem, token.text)):
                found.append((at, stem))
                break
    return found


def test_stems_found_by_one_regex_are_the_word_by_word_matches() -> None:
    rng = random.Random(11)
    vocabulary = [*PIECES, "looping", "loops", "iterated", "iteration", "ran", "running"]
    vocabulary += ["monitering", "monitor", "int", "into", "interesting", "values", "+="]
    stem_choices = ["loop", "lo", "iter", "iterat", "run", "int", "monitor", "valu", "+=", "no"]
    matched = 0
    for _ in range(300):
        text = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 30)))
        stems = tuple(rng.sample(stem_choices, rng.randint(1, 5)))
        prose = Prose(text)
        found = [(hit.span.start, hit.term) for hit in Stems(stems).hits(prose)]
        assert found == _stems_word_by_word(stems, prose), (stems, text)
        matched += len(found)
    assert matched > 300  # the texts do hold what the stems match


def test_the_memo_of_typos_stays_bounded_however_many_misspellings_come() -> None:
    letters = "bcdfghjklmnpqrstvwxz"
    misspelt = (
        "monitor" + "".join(letters[(i // 20**k) % 20] for k in range(4))
        for i in range(MEMO_SIZE + 500)
    )
    terms_module._typo_of.cache_clear()
    list(Stems(("propagat",)).hits(Prose(" ".join(misspelt))))
    assert 0 < terms_module._typo_of.cache_info().currsize <= MEMO_SIZE
