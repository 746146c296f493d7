"""The floor of explain grading (issue 11): instructions per answer of the cheapest design
that reads an answer as issue 11 asks, beside our grade and a baseline revision's, counted
by valgrind in one run on the same answers.

Usage: python benchmarks/explain_floor.py REVISION [--passes N]

The floor does only what no design meeting issue 11 can skip, each step with C-level
string and regex calls and no object per word:
- read: fold the case, split clauses at stops, find the words and symbols with one regex,
  look each word's lemma up in simplemma's English dictionary (a plain dict, `map`);
- the list-of-words rule: each word's letter, then the share of function words and the
  runs of content words, by regex;
- match: every keyword stem of the exercise in one regex, run over the words and over the
  lemmas; each synonym found with `str.find`; each pattern and misconception searched
  (skipped, as ours does, when a string it needs is missing);
- `+ verdict` also builds the verdict, one `Check` per concept, through `VerdictBuilder`.

It has no negation scopes, no typo tolerance, no clipping of long answers and no hint
choice, so it is below any real design. Needs `valgrind` on PATH.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from text_instructions import ROOT, baseline_tree, count, per_answer

FLOOR = r"""
import os, re, subprocess, sys, yaml
from itertools import repeat
from pathlib import Path
from grader.bank import Bank
from grader.toolkit.patterns import MAX_PATTERN_INPUT, may_match
from grader.toolkit.prose import FUNCTION_WORDS
from grader.toolkit.terms import Patterns, Phrases, Stems
from grader.toolkit.verdicts import VerdictBuilder
from grader.verdict import Check
from simplemma.strategies.dictionaries import DefaultDictionaryFactory

with_verdict, passes, corpus = sys.argv[1] == "verdict", int(sys.argv[2]), Path(sys.argv[3])
bank = Bank.load(Path("exercises"))
answers = []
for path in sorted(corpus.glob("*.yaml")):
    for entry in yaml.safe_load(path.read_text(encoding="utf-8")):
        exercise = bank.get(entry["exercise"])
        if exercise.kind.name == "explain":
            answers.append((exercise, entry["answer"]))

FORMS = DefaultDictionaryFactory().get_dictionary("en")
LEMMAS = {form.casefold(): base.casefold() for form, base in FORMS.items()}
LETTER = {word: "f" for word in FUNCTION_WORDS}
STOPS = re.compile(r"[.!?;:]+(?=\s|$)|[,()\[\]{}\n]")
TOKEN = re.compile(r"[a-z0-9_]+(?:['-][a-z0-9_]+)*|\*\*|//|==|!=|<=|>=|->|[-+*/%<>=&|^~@]")
CONTENT_RUN = re.compile("c{6,}")


def prepared(exercise):
    concepts = exercise.body.concepts
    terms = [t for c in concepts for t in c.terms]
    stems = sorted({s for t in terms if isinstance(t, Stems) for s in t.stems})
    alternatives = (f"{re.escape(s)}(?= )" if len(s) <= 3 else re.escape(s) for s in stems)
    phrases = [f" {p.casefold()} " for t in terms if isinstance(t, Phrases) for p in t.phrases]
    patterns = [p for t in terms if isinstance(t, Patterns) for p in t.patterns]
    patterns += [p for m in exercise.body.misconceptions for p in m.patterns.patterns]
    return re.compile(f" (?:{'|'.join(alternatives)})"), phrases, patterns


PREPARED = {exercise.id: prepared(exercise) for exercise, _ in answers}


def grade_floor(exercise, answer):
    text = answer.casefold()
    words, ends = [], []
    for clause in STOPS.split(text):
        found = TOKEN.findall(clause)
        if found:
            words += found
            ends.append(len(words))
    lemmas = list(map(LEMMAS.get, words, words))
    letters = "".join(map(LETTER.get, words, repeat("c")))
    signature = "|".join([letters[a:b] for a, b in zip((0, *ends), ends)])
    function_share = letters.count("f") / max(len(words), 1)
    runs = CONTENT_RUN.findall(signature)
    word_text, lemma_text = f" {' '.join(words)} ", f" {' '.join(lemmas)} "
    stems, phrases, patterns = PREPARED[exercise.id]
    hits = [m.start() for t in (word_text, lemma_text) for m in stems.finditer(t)]
    hits += [p for p in phrases if lemma_text.find(p) >= 0]
    hits += [
        p for p in patterns if may_match(p, word_text) and p.search(word_text, 0, MAX_PATTERN_INPUT)
    ]
    if with_verdict:
        builder = VerdictBuilder(exercise)
        each = exercise.points / len(exercise.body.concepts)
        for concept in exercise.body.concepts:
            found = Check.make(concept.name, bool(hits), points=each, max_points=each, message="")
            builder.add(found)
        builder.credit(len(hits) > 2, 1, pass_at=0.75)
        builder.verdict(f"{function_share} {len(runs)}")


for _ in range(2):
    for exercise, answer in answers:
        grade_floor(exercise, answer)
control = ["callgrind_control", "-i"]
subprocess.run([*control, "on", str(os.getpid())], capture_output=True, check=True)
for _ in range(passes):
    for exercise, answer in answers:
        grade_floor(exercise, answer)
subprocess.run([*control, "off", str(os.getpid())], capture_output=True, check=True)
print(len(answers) * passes)
"""


def floor(with_verdict: bool, passes: int) -> float:
    """Instructions per answer of the floor design, in this checkout."""
    corpus = str(ROOT / "tests" / "data" / "corpus")
    return per_answer(ROOT, FLOOR, "verdict" if with_verdict else "read", str(passes), corpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revision")
    parser.add_argument("--passes", type=int, default=2)
    options = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed")
    with baseline_tree(options.revision) as baseline:
        base = count(baseline, "explain", options.passes)
        rows = [
            (f"baseline {options.revision}: grade", base),
            ("floor: read, list rule, match", floor(False, options.passes)),
            ("floor + verdict", floor(True, options.passes)),
            ("ours: grade", count(ROOT, "explain", options.passes)),
        ]
    print(f"explain: instructions per answer, against {options.revision} (target 1.10x)")
    for label, figure in rows:
        print(f"  {label:<32} {figure:12,.0f}  {figure / base:6.2f}x")


if __name__ == "__main__":
    main()
