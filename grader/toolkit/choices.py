"""Options to choose from (multiple-choice, and find-the-error in its option form): reading
them, reading a learner's choice, grading it, and locking the correct letters."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import cache
from typing import Any

from grader.digests import salted
from grader.exercise import AnyExercise, Reveal
from grader.spec.reader import SpecReader
from grader.toolkit.expected import Expected, Plain
from grader.toolkit.verdicts import VerdictBuilder
from grader.verdict import ANSWER_LABEL, Check, Verdict

__all__ = [
    "LABELS",
    "OPTION_SCHEMA",
    "Option",
    "correct_answer",
    "grade_choice",
    "letters",
    "lock_options",
    "parse_choice",
    "parse_options",
    "reveal_options",
    "unclear_choice",
    "verdict_word",
]

LABELS = string.ascii_uppercase


@dataclass(frozen=True)
class Option:
    label: str
    text: str
    correct: bool
    feedback: str | None = None


OPTION_SCHEMA: dict[str, Any] = {
    "type": "array",
    "minItems": 2,
    "maxItems": 26,
    "items": {
        "type": "object",
        "properties": {
            "text": {"type": "string", "minLength": 1},
            "correct": {"type": "boolean", "default": False},
            "feedback": {"type": "string", "minLength": 1, "description": "The mistake behind it."},
        },
        "required": ["text"],
        "additionalProperties": False,
    },
}


def parse_options(spec: SpecReader, key: str = "options") -> tuple[Option, ...]:
    """Options with labels; every wrong option must say which mistake it stands for."""
    items = spec.data[key]
    options = tuple(
        Option(LABELS[i], item["text"], bool(item.get("correct", False)), item.get("feedback"))
        for i, item in enumerate(items)
    )
    _check_texts(spec, key, options)
    if spec.locked:
        return options
    if not any(o.correct for o in options):
        spec.problem((key,), "no option is marked `correct: true`")
    elif len(options) > 1 and all(o.correct for o in options):
        spec.problem(
            (key,),
            "every option is marked `correct: true`, so any answer is right; "
            "add wrong options that stand for common mistakes",
        )
    for index, option in enumerate(options):
        if not option.correct and not option.feedback:
            spec.problem((key, index), "a wrong option needs `feedback`: the mistake behind it")
    return options


def correct_answer(spec: SpecReader, options: tuple[Option, ...]) -> Expected[frozenset[str]]:
    """The correct letters: from the `correct` flags, or (locked) `answer_sha256.answer`."""
    if not spec.locked:
        return Plain(frozenset(o.label for o in options if o.correct))
    digest = spec.data.get("answer_sha256", {}).get("answer")
    if digest is None:
        spec.problem(("answer_sha256",), "a locked exercise needs answer_sha256.answer")
        digest = ""
    return spec.salted(("answer_sha256", "answer"), digest, _letters_form)


def _letters_form(labels: frozenset[str]) -> tuple[str]:
    return (letters(labels),)


def _check_texts(spec: SpecReader, key: str, options: tuple[Option, ...]) -> None:
    seen: dict[str, int] = {}
    for index, option in enumerate(options):
        folded = _fold(option.text, case=True)
        if folded in seen:
            spec.problem((key, index, "text"), f"same text as option {LABELS[seen[folded]]}")
        seen.setdefault(folded, index)
        named = _as_letters(option.text, options)
        if named is not None and named != {option.label}:
            spec.problem(
                (key, index, "text"),
                f"reads as the letters {letters(named)}: a learner answering "
                f"{letters(named)} would get this option; reword it",
            )


def letters(labels: frozenset[str]) -> str:
    return "".join(sorted(labels))


def lock_options(data: dict[str, Any], salt: str, key: str = "options") -> list[str]:
    """Replace `correct` flags (and `answer`) by a digest of the correct letters."""
    options = [dict(item) for item in data[key]]
    correct = frozenset(LABELS[i] for i, item in enumerate(options) if item.pop("correct", False))
    data[key] = options
    data.pop("answer", None)
    data["answer_sha256"] = {"answer": salted(salt, letters(correct))}
    data["multiple"] = len(correct) > 1
    warnings = []
    silent = [LABELS[i] for i, item in enumerate(options) if "feedback" not in item]
    if silent:
        warnings.append(
            f"options {', '.join(silent)} have no feedback, which points at the correct "
            "ones; give every option feedback"
        )
    for index, item in enumerate(options):
        verdict = verdict_word(item.get("feedback", ""))
        if verdict is not None:
            warnings.append(
                f"{key}[{index}].feedback says '{verdict}', which tells a reader of the "
                f"locked bank whether option {LABELS[index]} is correct; explain without "
                "judging"
            )
    return warnings


_VERDICT = re.compile(
    r"^\W*(yes|no|nope|correct|incorrect|right|wrong|exactly|indeed|true|false|"
    r"not quite|well done|good)\s*[:,.!;—–-]"
    r"|\b((?:that|this|it)(?:'s| is) (?:not )?(?:correct|incorrect|right|wrong))\b",
    re.IGNORECASE,
)


def verdict_word(feedback: str) -> str | None:
    """The word that judges an option in its feedback ("Yes: ...", "... is correct")."""
    found = _VERDICT.search(feedback)
    return None if found is None else (found.group(1) or found.group(2))


def _fold(text: str, *, case: bool = False) -> str:
    """Whitespace collapsed and a final full stop dropped; case folded unless `case`."""
    folded = " ".join(text.split()).strip(" .")
    return folded if case else folded.casefold()


_PREFIX = re.compile(
    r"^\s*(?:(?:i(?:'d|\s+would)?\s+(?:think|believe|guess|say|choose|pick|select|go\s+with)"
    r"|my\s+(?:answer|choice|pick)\s+is|probably|definitely)\s+(?:that\s+)?)?"
    r"(?:(?:it|that|this)(?:'s|\s+is|\s+must\s+be|\s+should\s+be|\s+would\s+be)\s+)?"
    r"(?:(?:the\s+)?(?:(?:correct|right)\s+)?(?:answers?|options?|choices?)(?:\s+(?:is|are))?)?"
    r"\s*[:\-]?\s*"
    r"(?:both\s+(?=\(?[a-z]\)?\s*(?:,|&|\band\b))|(?:only|just)\s+(?=\(?(?-i:[A-Z])\)?(?![\w'])))?",
    re.IGNORECASE,
)
"""What may come before the answer proper: `I think it is`, `It's`, `The answer is`,
`Option`, `My choice is`, `Both` (before letters), `Only` (before a capital)... (`the`
only with answer, option or choice: option texts begin with it)."""
_SEPARATED = re.compile(
    r"^\(?([a-z])\)?(?:(?:\s*(?:[,;/&+]|\band\b)\s*|\s+)\(?([a-z])\)?){0,25}\.?$",
    re.IGNORECASE,
)
_LABELLED = re.compile(r"^\(?([A-Za-z])\s*(?:[).:]|\s-\s?)\s*(.+)$|^([A-Z])\s+(.+)$")
"""`B) text`, `(b) text`, `B. text`, `B: text`, `B - text`, `B text` (a capital)."""
_SAYS = (
    r"\s+(?=(?:is|are|was|were|isn't|aren't|wasn't|weren't|would|should|must|can|could"
    r"|will|won't|do|does|don't|doesn't|seems?|looks?|works?|gives?|makes?)\b)"
)
"""Where a verb starts a statement about the letters before it: `B is correct`."""
_BUT_NOT = r"\s+(?:and|but)\s+(?=not\b)"
"""`B but not C`, `B and not C`: the `not C` is a reason, which rules C out."""
_DENIES = re.compile(
    r"(?:is|are|was|were)(?:n't\b|\s+not\b|\s+(?:\w+\s+)?(?:wrong|false|incorrect|invalid|untrue)\b)"
    r"|(?:do|does|would|should|can|could|will|must)(?:n't|\s+not)\b|won't\b|can't\b",
    re.IGNORECASE,
)
"""What the letters' statement says when it rules them out: `B is wrong`, `C isn't`."""
_AFFIRMING = (
    r"(?:is|was|seems|looks)\s+(?:(?:also|definitely|clearly|surely|the)\s+)*"
    r"(?:correct|right|true|valid|best|answer)\b"
)
"""What a single letter's statement says when it chooses it: `B is true`, `B is the right one`."""
_JUSTIFIED = re.compile(
    r"^\(?([A-Za-z])\)?\s*[.,;:!)]?\s*(?:because|since|as|cause|bc)\b\s*(.*)$"
    r"|^\(?([A-Za-z])\)?(?:\s*(?:[,;]|\s[—–-]|[—–]|\s(?=\())"
    rf"|\s+(?={_AFFIRMING}|{_DENIES.pattern})|{_BUT_NOT})\s*(.*)$",
    re.IGNORECASE | re.DOTALL,
)
"""A letter and why: `B because it returns None`, `b, since ...`, `C - sort() returns None`,
`B is right`, `B is wrong`, `B but not C` (a letter said to be anything else is no choice)."""
_LETTERS_JUSTIFIED = re.compile(
    r"^((?:(?:\([a-z]\)|[a-z]\)?)(?:\s*(?:[,/&]|\band\b)\s*|\s+)){1,25}(?:\([a-z]\)|[a-z]\)?))"
    r"(?:\s*(?::|;|\(|\s[-\u2013\u2014]|[\u2013\u2014])|,(?=\s*not\b)"
    rf"|\s*[.!]\s+|{_SAYS}|{_BUT_NOT}|\s+(?=both\b|only\b)"
    r"|\s*,?\s+(?=(?:and\s+)?(?:nothing|none|no\s+others?)\b)"
    r"|\s*[.,;:!)]?\s*(?:because|since|as|cause|bc)\b)\s*(.*)$",
    re.IGNORECASE | re.DOTALL,
)
"""Letters and why, or what is said of them: `A and B, since str() falls back to
__repr__`, `B, C. A is a tuple`, `B and C are true`, `B, C and nothing else`."""
_LIST = r"\(?[A-Z]\)?(?:\s*(?:,|\bor\b|\band\b|\bnor\b)\s*\(?[A-Z]\)?){0,25}"
"""Capital letters in a list (`C, D or E`), at most as many as there are labels."""
_REFUSED = re.compile(
    r"^(?:i(?:\s+(?:would|will|do|did)\s+not|\s+(?:wouldn't|won't|don't|didn't)|'d\s+not)"
    r"\s+(?:pick|choose|select|go\s+with|say|take)"
    r"|(?:(?:definitely|certainly|surely|probably|just)\s+)?not)\s+"
    r"(\(?[a-z]\)?(?:\s*(?:,|/|&|\bor\b|\band\b|\bnor\b)\s*(?:not\s+)?\(?[a-z]\)?){0,25})(?![\w'])"
    r"(?=\s*(?:$|[,;.!?)]|[-\u2013\u2014]|(?:but|because|since|as|it|i)\b))(.*)$",
    re.IGNORECASE | re.DOTALL,
)
"""Options an answer rules out, first: `Not A, not C`, `I would not pick B`, `not B, it's C`."""
_NEXT_CLAUSE = re.compile(r"[,;.!?]\s*(?:but\s+|so\s+|and\s+)?|\s+but\s+|\s[-\u2013\u2014]\s*")
"""Where the clause after options ruled out begins (`not A, it's B`, `B is wrong but C`)."""
_REASON_ADDS = re.compile(
    r"\b(?i:or|and|also|plus)\s+(?:maybe\s+|perhaps\s+|possibly\s+)?\(?([A-Z])\)?(?![\w'])"
    r"|\b([A-Z])\s+(?i:is|are)\s+(?i:also\s+)?(?i:correct|right|true)\b"
)
"""A reason that adds an option (`... and C`, `C is also correct`); `not D` is no other
reading."""
_NEGATED_LETTERS = re.compile(rf"\b(?i:not)\s+{_LIST}|\b{_LIST}\s+(?i:{_DENIES.pattern})")
"""`not C or D`, `C and D are wrong`: options the reason rules out, which add no reading."""
_ANSWER_AT_END = re.compile(
    r"(?:^|[.,;]\s*)(?:so\s+|thus\s+|therefore\s+)?(?:the\s+)?answer\s+is\s+\(?([A-Za-z])\)?\.?\s*$",
    re.IGNORECASE,
)
"""A reason first, the letter last: `... gives back None, so the answer is B`."""
_PUNCTUATION = re.compile(r"[^\w\s]")
MAX_LETTERS_LINE = 200
"""Characters of a line read as letters (`A, C`); longer lines are read as text only."""
FUZZY_TEXT = 90
"""How close (rapidfuzz's ratio, 0-100) a retyped option text must be to count as it."""


class _Contradiction(Exception):
    """An answer that names one option by its letter and another by its text."""

    def __init__(self, letter: str, quoted: str) -> None:
        super().__init__(letter, quoted)
        self.letter, self.quoted = letter, quoted


class _RuledOut(Exception):
    """A line that only rules options out (`B is wrong`, `I would not pick B`)."""

    def __init__(self, labels: frozenset[str]) -> None:
        super().__init__(labels)
        self.labels = labels


def unclear_choice(answer: str, options: tuple[Option, ...]) -> str:
    """Why an answer that `parse_choice` cannot read names no option."""
    last = LABELS[len(options) - 1]
    ruled_out: set[str] = set()
    for line in answer.splitlines() or [answer]:
        try:
            _parse_line(line, options)
        except _Contradiction as clash:
            return (
                f"Your answer gives the letter {clash.letter} but the text of option "
                f"{clash.quoted}; give the letter of the option you mean."
            )
        except _RuledOut as out:
            ruled_out |= out.labels
            continue
        if (two_ways := _OFFERS_ANOTHER.search(line) or _NAMES_ANOTHER.search(line)) is not None:
            return (
                f"Your answer can be read two ways ('{two_ways[0].strip()}'): give a definite "
                "answer, the letters of the options you choose, such as 'B' or 'A, C'."
            )
    if ruled_out:
        return (
            f"Your answer says which option{'s' if len(ruled_out) > 1 else ''} you rule out "
            f"({', '.join(sorted(ruled_out))}), not which you choose: give the letter of "
            "each option you choose."
        )
    beyond = [c for c in re.findall(r"\b([A-Za-z])\b", answer) if c.upper() > last]
    if beyond and len(answer.split()) <= 3:  # `E` or `F)` where the options end at D
        return f"Options run from A to {last}."
    return (
        f"Your answer names no option: give the letter of an option (A to {last}), or copy "
        "its text as it is written."
    )


def parse_choice(answer: str, options: tuple[Option, ...]) -> frozenset[str] | None:
    """The labels chosen; None when the answer names no option, or is ambiguous.

    Each line may be letters (`B`, `b)`, `(b)`, `Option B`, `A, C`, `A and C`, `AC`, compact
    letters in capitals only so that a word is never read as letters), an option's text (as
    written, with other punctuation or case, the first half of it, or retyped with a slip),
    or a letter followed by its option's text (`B) 8, then None...`), or letters followed by
    why or by what is said of them (`B and C are true`, `B, C. A is wrong`). A letter whose
    text is another option's is a contradiction, and names nothing; a line that only rules
    options out (`B is wrong`, `I would not pick B`) chooses nothing.
    """
    lines = [_unmarked(line) for line in answer.splitlines() if line.strip()] or [answer]
    chosen: set[str] = set()
    labels = {o.label for o in options}
    try:
        for number, line in enumerate(lines):
            if (
                number
                and chosen
                and line.lstrip()[:1] in _REASON_STARTS
                and _REASON_LINE.match(line)
            ):
                if _adds_another(line, chosen, labels):
                    return None
                continue  # `(A would be sorted() instead)`: why, under the answer
            try:
                found = _parse_line(line, options)
            except _RuledOut:
                continue  # `A is wrong`, beside the line that chooses
            if found is None:
                return None
            chosen |= found
    except _Contradiction:
        return None
    return frozenset(chosen) or None


_EMPHASIS = re.compile(r"(\*\*|\*)(?=\S)(.+?)(?<=\S)\1")
"""`**C**`, `*C*` (not `__x__`, a dunder's name)."""
_REASON_LINE = re.compile(
    r"^\s*(?:\(.*\)\s*\.?|(?:because|since|as|reason|why)\b.*)$", re.IGNORECASE | re.DOTALL
)
"""A line that only says why: `(A would be sorted() instead)`, `because ...`."""
_REASON_STARTS = frozenset("(bBsSaArRwW")


def _unmarked(line: str) -> str:
    """The line without Markdown emphasis (`**C**`, `*C*`), as typed at a prompt."""
    return _EMPHASIS.sub(r"\2", line) if "*" in line else line


def _parse_line(line: str, options: tuple[Option, ...]) -> frozenset[str] | None:
    """One line's choice. An option's text, written out, is read first (a text may begin
    like a label: `A list holding one zero`); then a label and what follows it, so that a
    letter with another option's text is a contradiction and never that text; then texts
    found only by their first half or a slip."""
    letters_named = _as_letters(line, options)  # no option text reads as letters
    if letters_named is not None:
        return letters_named
    text = _PREFIX.sub("", line.strip(), count=1)
    for candidate in dict.fromkeys((line, text)):
        exact = _by_whole_text(candidate, options)
        if exact is not None:
            return frozenset({exact})
    refused = _REFUSED.match(text)
    if refused is not None:
        return _rule_out(_letters_in(refused.group(1)), refused.group(2), options)
    labelled = _labelled(text, options)
    if labelled is not None:
        return labelled
    at_end = _ANSWER_AT_END.search(text)
    if at_end is not None and at_end.group(1).upper() in {o.label for o in options}:
        return frozenset({at_end.group(1).upper()})
    several_justified = _LETTERS_JUSTIFIED.match(text)
    if several_justified is not None:
        return _letters_and_reason(several_justified, options)
    justified = _JUSTIFIED.match(text)
    if justified is not None:
        return _letter_and_reason(justified, options)
    explained = _text_with_reason(text, options)
    if explained is not None:
        return frozenset({explained})
    several = _several_texts(text, options)
    if several is not None:
        return several
    for candidate in dict.fromkeys((line, text)):
        loose = _loose(candidate)
        texts = _texts(options)
        found = _by_prefix(loose, texts) or _by_likeness(loose, texts)
        if found is not None:
            return frozenset({found})
    return None


_REASON_MARK = re.compile(r",?\s+(?:because|since|as|so)\b|\s+[-\u2013\u2014]\s+|\s*\(|[:;]\s")
"""Where a reason may begin after an option's text written out."""


def _text_with_reason(text: str, options: tuple[Option, ...]) -> str | None:
    """The option whose whole text `text` begins with, before a reason (`None, because
    sort() returns None`): the longest such beginning that is one option's text."""
    for mark in reversed(list(_REASON_MARK.finditer(text))):
        found = _by_whole_text(text[: mark.start()], options)
        if found is not None:
            return found
    return None


def _labelled(text: str, options: tuple[Option, ...]) -> frozenset[str] | None:
    """`B) text`, `B. text`, `B text`: the letter, when the text agrees with it (a letter
    with another option's text raises `_Contradiction`); None when it does not read so."""
    labelled = _LABELLED.match(text)
    if labelled is None:
        return None
    punctuated = labelled.group(1) is not None
    letter, rest = labelled.group(1) or labelled.group(3), labelled.group(2) or labelled.group(4)
    option = next((o for o in options if o.label == letter.upper()), None)
    if option is None or _NAMES_ANOTHER.search(rest) or _JUSTIFIED.match(text):
        return None
    quoted = _by_text(rest, options)
    if quoted is not None and quoted != option.label:
        raise _Contradiction(option.label, quoted)
    consistent = quoted == option.label or _loose(option.text).startswith(_loose(rest))
    if consistent or _AFFIRMS.fullmatch(rest.strip()) or punctuated:
        return frozenset({option.label})
    return None


def _letter_and_reason(
    justified: re.Match[str], options: tuple[Option, ...]
) -> frozenset[str] | None:
    """A letter followed by a reason: the letter, unless the reason adds another option
    (`B because B or C`; `B, not C` is B) or is another option's text."""
    letter = (justified.group(1) or justified.group(3)).upper()
    reason = justified.group(2) if justified.group(1) else justified.group(4)
    labels = {o.label for o in options}
    if letter not in labels:
        return None
    if _DENIES.match(reason):
        return _rule_out(frozenset({letter}), reason, options)
    if _adds_another(reason, {letter}, labels):
        return None
    quoted = _by_whole_text(reason, options)
    if quoted is not None and quoted != letter:
        raise _Contradiction(letter, quoted)
    return frozenset({letter})


def _letters_and_reason(
    justified: re.Match[str], options: tuple[Option, ...]
) -> frozenset[str] | None:
    """Letters followed by a reason: the letters, unless the reason adds another option."""
    labels = {o.label for o in options}
    chosen = _letters_in(justified.group(1))
    if not chosen <= labels:
        return None
    if _DENIES.match(justified.group(2)):
        return _rule_out(chosen, justified.group(2), options)
    if _adds_another(justified.group(2), chosen, labels):
        return None
    return chosen


def _letters_in(listed: str) -> frozenset[str]:
    """The labels in a list of letters (`B, C`, `(a) and (b)`, `A, not C`)."""
    found = re.findall(r"(?<![\w'])[a-z](?![\w'])", listed, re.IGNORECASE)
    return frozenset(letter.upper() for letter in found)


def _rule_out(ruled: frozenset[str], rest: str, options: tuple[Option, ...]) -> frozenset[str]:
    """The choice of a clause after options ruled out (`not A, it's B`, `B is wrong, C is
    right`); with none, raises `_RuledOut`: ruling out is no choice."""
    if not ruled <= {o.label for o in options}:
        raise _RuledOut(frozenset())
    after = _NEXT_CLAUSE.search(rest)
    if after is not None and rest[after.end() :].strip():
        found = _parse_line(rest[after.end() :], options)
        if found and not found & ruled:
            return found
    raise _RuledOut(ruled)


def _adds_another(reason: str, chosen: set[str] | frozenset[str], labels: set[str]) -> bool:
    """Whether a reason names one more option as chosen (`... and C`, `or C`), which makes
    the answer read two ways; an `a` in its words, or `not D`, does not."""
    kept = _NEGATED_LETTERS.sub("", reason)
    added = (found.group(1) or found.group(2) for found in _REASON_ADDS.finditer(kept))
    return any(label in labels - chosen for label in added)


def _several_texts(line: str, options: tuple[Option, ...]) -> frozenset[str] | None:
    """`0, "", []`: option texts, each written out exactly, between commas or `and`s."""
    parts = [p for p in re.split(r"\s*(?:,|;|\band\b)\s*", line) if p]
    if len(parts) < 2:
        return None
    texts = _texts(options)
    found = []
    for part in parts:
        matched = [t.label for t in texts if part in (t.exact, t.folded)]
        if len(matched) != 1:
            return None
        found.append(matched[0])
    return frozenset(found) if len(set(found)) == len(found) else None


_NAMES_ANOTHER = re.compile(r"\b(?:or|and|not)\b\s*\(?[A-Za-z]\b(?![\w'])", re.IGNORECASE)
"""`B or C`, `B and not C`: more than one reading."""
_OFFERS_ANOTHER = re.compile(
    r"\b(?:or|also|plus)\s+(?:maybe\s+|perhaps\s+|possibly\s+)?\(?[A-Z]\)?(?![\w'])", re.IGNORECASE
)
"""`or maybe E`: the words that make an answer read two ways, quoted first."""
_AFFIRMS = re.compile(r"(?:is|are)\s+(?:correct|right|the\s+answer)\.?", re.IGNORECASE)


@dataclass(frozen=True)
class _Texts:
    """An option's text as written, case-folded and without punctuation (`loose`)."""

    label: str
    exact: str
    folded: str
    loose: str


@cache
def _texts(options: tuple[Option, ...]) -> tuple[_Texts, ...]:
    return tuple(
        _Texts(o.label, _fold(o.text, case=True), _fold(o.text), _loose(o.text)) for o in options
    )


def _by_text(text: str, options: tuple[Option, ...]) -> str | None:
    """The label of the one option that `text` writes out, or None."""
    exact = _by_whole_text(text, options)
    if exact is not None:
        return exact
    texts = _texts(options)
    loose = _loose(text)
    return _by_prefix(loose, texts) or _by_likeness(loose, texts)


def _by_whole_text(text: str, options: tuple[Option, ...]) -> str | None:
    """The label of the one option whose whole text `text` is: as written, case-folded or
    without punctuation (the closest reading that tells one option decides)."""
    texts = _texts(options)
    readings = (_fold(text, case=True), _fold(text), _loose(text))
    for field, reading in zip(("exact", "folded", "loose"), readings, strict=True):
        matched = [t.label for t in texts if getattr(t, field) == reading]
        if len(matched) == 1:
            return matched[0]
        if matched:
            return None  # two options read the same this way: a closer reading decides
    return None


def _loose(text: str) -> str:
    return " ".join(_PUNCTUATION.sub(" ", _fold(text)).split())


def _by_prefix(start: str, texts: tuple[_Texts, ...]) -> str | None:
    """The one option whose text begins with `start`: at least half of it, or three words."""
    if not start:
        return None
    matched = [
        t.label
        for t in texts
        if t.loose.startswith(start) and (2 * len(start) >= len(t.loose) or len(start.split()) >= 3)
    ]
    return matched[0] if len(matched) == 1 else None


def _by_likeness(loose: str, texts: tuple[_Texts, ...]) -> str | None:
    """The option a retyped text stands for, when it is long enough to tell and one option
    is clearly closer than every other."""
    if len(loose.split()) < 4:
        return None
    from rapidfuzz import fuzz  # lazy: only retyped texts need it

    scores = sorted(((fuzz.ratio(loose, t.loose), t.label) for t in texts), reverse=True)
    best, label = scores[0]
    runner_up = scores[1][0] if len(scores) > 1 else 0.0
    return label if best >= FUZZY_TEXT and best - runner_up >= 10 else None


def _as_letters(answer: str, options: tuple[Option, ...]) -> frozenset[str] | None:
    """The labels an answer names as letters, or None when it is not letters."""
    text = _PREFIX.sub("", answer.strip(), count=1).strip()
    if len(text) > MAX_LETTERS_LINE:
        return None  # letters are short; a long line would only make the regex backtrack
    if _SEPARATED.fullmatch(text):
        found = re.findall(r"\b[a-z]\b|(?<=\()[a-z](?=\))", text, flags=re.IGNORECASE)
    elif re.fullmatch(r"[A-Z]{2,26}\.?", text):
        found = list(text.rstrip("."))
    else:
        return None
    chosen = frozenset(letter.upper() for letter in found)
    if len(chosen) != len(found) or not chosen <= {o.label for o in options}:
        return None
    return chosen


def grade_choice(
    exercise: AnyExercise,
    options: tuple[Option, ...],
    correct: Expected[frozenset[str]],
    answer: str,
) -> Verdict:
    """Grade the options a learner chose. With the correct letters known, each chosen
    option is a check and a partial answer earns partial credit; locked, only the whole
    answer can be checked."""
    builder = VerdictBuilder(exercise)
    chosen = parse_choice(answer, options)
    if chosen is None:
        last = LABELS[len(options) - 1]
        builder.fail()
        builder.hint(unclear_choice(answer, options))
        return builder.verdict(f"Answer with the letter of an option (A-{last}) or its text.")
    if not isinstance(correct, Plain):
        return _grade_whole(builder, options, correct, chosen)
    known = correct.answer
    # One check per chosen option only: listing unchosen correct options would give them away.
    for option in options:
        if option.label in chosen:
            builder.add(_option_check(option))
    wrong = [o for o in options if o.label in chosen and not o.correct]
    right = len(chosen & known) - len(wrong)
    builder.credit(max(0, right), len(known))
    missing = len(known - chosen)
    if missing and not wrong:
        builder.hint(f"{missing} more option{'s are' if missing > 1 else ' is'} also correct.")
    if chosen == known:
        return builder.verdict("Correct.")
    picked = ", ".join(sorted(chosen))
    if len(known) == 1:
        return builder.verdict(f"Not quite: {picked} is not the correct answer.")
    return builder.verdict(f"Not quite: {picked} is not the complete, correct set of answers.")


def _grade_whole(
    builder: VerdictBuilder,
    options: tuple[Option, ...],
    correct: Expected[frozenset[str]],
    chosen: frozenset[str],
) -> Verdict:
    """Locked: the whole answer is right or wrong; the chosen options' feedback is shown."""
    points = builder.exercise.points
    if correct.matches(chosen):
        builder.add(
            Check.make(
                "answer",
                True,
                actual=letters(chosen),
                actual_label=ANSWER_LABEL,
                points=points,
                max_points=points,
            )
        )
        return builder.verdict("Correct.")
    picked = ", ".join(sorted(chosen))
    builder.add(
        Check.make(
            "answer",
            False,
            actual=picked,
            actual_label=ANSWER_LABEL,
            message="not the correct answer",
            max_points=points,
        )
    )
    builder.hint(*(o.feedback for o in options if o.label in chosen))
    return builder.verdict(f"Not quite: {picked} is not the correct answer.")


def _option_check(option: Option) -> Check:
    """The check for a chosen option."""
    if option.correct:
        return Check.make(f"option {option.label}", True, message="correct")
    message = f"{option.label} is not correct"
    return Check.make(f"option {option.label}", False, message=message, hint=option.feedback)


def reveal_options(options: tuple[Option, ...], correct: Expected[frozenset[str]]) -> Reveal:
    """The correct option(s) and the mistake behind each wrong one; nothing when locked."""
    if not isinstance(correct, Plain):
        return Reveal()
    right = [f"{o.label}. {o.text}" for o in options if o.label in correct.answer]
    wrong = tuple(
        f"{o.label}. {o.text}: {o.feedback}" for o in options if o.feedback and not o.correct
    )
    return Reveal(answer="\n".join(right), mistakes=wrong)
