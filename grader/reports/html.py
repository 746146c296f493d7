"""report.html: one self-contained page (inline CSS and SVG, no script, no external URL).

It shows the batch in numbers, the learners' total scores as a histogram, each exercise's
pass rate and statuses, the most common mistakes by exercise, and a table of learners. The
learner table is spooled to a temporary file while the results stream by, and the page is
written on close, when the numbers at its top are known."""

from __future__ import annotations

import html
import io
import math
import shutil
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from typing import TextIO

from grader.reports.common import number, printable
from grader.reports.items import LOW_DISCRIMINATION, MIN_LEARNERS, ItemAnalysis, ItemStats
from grader.reports.model import ExerciseInfo, Result, Summary, best_by_exercise, by_learner
from grader.verdict import Status

FILENAME = "report.html"
BUCKETS = (*(f"{low}–{low + 9}" for low in range(0, 100, 10)), "100")
"""Histogram bars: learners' totals as a percentage of the maximum, 100 on its own."""
TOP = 5
"""How many statuses, mistakes and failing checks are shown for each exercise."""

_STATUS_CLASS = {
    Status.PASSED.value: "ok",
    Status.PRESENTATION_ERROR.value: "near",
    Status.WRONG_ANSWER.value: "wrong",
}


def h(text: str) -> str:
    """Text escaped for HTML content and attribute values, control characters made visible."""
    return html.escape(printable(text), quote=True)


def status_class(status: str) -> str:
    """CSS class of a status: ok, near, wrong, or error (the program did not run through)."""
    return _STATUS_CLASS.get(status, "error")


def percent(part: float, whole: float) -> float:
    return 100.0 * part / whole if whole else 0.0


def bucket(score: float, max_score: float) -> int:
    """The histogram bar of a total: 0 for 0–9 %, …, 9 for 90–99 %, 10 for full marks."""
    if max_score <= 0:
        return 0
    if score >= max_score - 1e-9:
        return 10
    return max(0, min(9, int(percent(score, max_score) // 10)))


def _nice_step(largest: int) -> int:
    """A tick step of 1, 2 or 5 times a power of ten giving at most five ticks."""
    if largest <= 5:
        return 1
    power: int = 10 ** int(math.log10(largest / 5))
    for factor in (1, 2, 5, 10):
        if largest / (factor * power) <= 5:
            return factor * power
    return 10 * power


def histogram_svg(counts: list[int]) -> str:
    """An inline SVG bar chart of learners per score bucket, with axes and labels."""
    width, height = 720, 280
    left, right, top, bottom = 56, 16, 24, 52
    plot_w, plot_h = width - left - right, height - top - bottom
    step = _nice_step(max(counts, default=0))
    ceiling = max(step, math.ceil(max(counts, default=0) / step) * step)
    slot = plot_w / len(counts)
    parts = [
        f'<svg id="score-chart" viewBox="0 0 {width} {height}"'
        f' role="img" aria-labelledby="score-chart-title">',
        '<title id="score-chart-title">Learners by total score, as a percentage of the maximum'
        "</title>",
    ]
    for tick in range(0, ceiling + 1, step):
        y = top + plot_h - plot_h * tick / ceiling
        parts.append(
            f'<line class="grid" x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}"/>'
            f'<text class="tick" x="{left - 8}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>'
        )
    for index, (label, count) in enumerate(zip(BUCKETS, counts, strict=True)):
        bar_h = plot_h * count / ceiling
        x = left + index * slot + slot * 0.12
        y = top + plot_h - bar_h
        hue = 12 * index
        parts.append(
            f'<g class="bar" data-bucket="{label}" data-count="{count}">'
            f"<title>{label} %: {count} learner{'s' if count != 1 else ''}</title>"
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.76:.1f}" height="{bar_h:.1f}"'
            f' rx="3" fill="hsl({hue} 62% 48%)"/>'
            f'<text class="count" x="{x + slot * 0.38:.1f}" y="{y - 6:.1f}"'
            f' text-anchor="middle">{count}</text>'
            f'<text class="tick" x="{x + slot * 0.38:.1f}" y="{top + plot_h + 18}"'
            f' text-anchor="middle">{label}</text></g>'
        )
    parts.append(
        f'<line class="axis" x1="{left}" y1="{top + plot_h}" x2="{width - right}"'
        f' y2="{top + plot_h}"/>'
        f'<text class="label" x="{left + plot_w / 2:.1f}" y="{height - 8}"'
        ' text-anchor="middle">total score, % of the maximum</text>'
        f'<text class="label" transform="translate(16 {top + plot_h / 2:.1f}) rotate(-90)"'
        ' text-anchor="middle">learners</text></svg>'
    )
    return "".join(parts)


STYLE = """
:root { --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec; --bg: #f5f7fa; --card: #fff;
  --ok: #1b7f3b; --ok-bg: #e3f9e5; --near: #8a6100; --near-bg: #fff3c4;
  --wrong: #b42318; --wrong-bg: #ffe3e3; --error: #6b21a8; --error-bg: #f3e8ff; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--ink); background: var(--bg); }
main { max-width: 1200px; margin: 0 auto; padding: 24px; }
header h1 { margin: 0 0 4px; font-size: 26px; }
header p { margin: 0; color: var(--muted); }
h2 { font-size: 19px; margin: 0 0 12px; }
section { background: var(--card); border: 1px solid var(--line); border-radius: 10px;
  padding: 18px 20px; margin-top: 20px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr));
  gap: 12px; margin-top: 18px; }
.cards div { background: var(--card); border: 1px solid var(--line); border-radius: 10px;
  padding: 12px 14px; }
.cards dt { color: var(--muted); font-size: 13px; }
.cards dd { margin: 2px 0 0; font-size: 24px; font-weight: 600; }
figure { margin: 0; }
figcaption { color: var(--muted); font-size: 13px; }
svg { width: 100%; max-width: 720px; height: auto; display: block; }
svg .grid { stroke: var(--line); }
svg .axis { stroke: var(--muted); }
svg text { font: 12px system-ui, sans-serif; fill: var(--muted); }
svg .count { fill: var(--ink); font-weight: 600; }
svg .label { font-size: 13px; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { padding: 6px 10px; border-bottom: 1px solid var(--line); text-align: left;
  vertical-align: top; }
th { background: #f0f4f8; font-weight: 600; white-space: nowrap; }
#learners thead th { white-space: normal; min-width: 72px; }
#learners tbody th { position: sticky; left: 0; white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.sub { color: var(--muted); font-size: 12px; }
.rate { display: flex; align-items: center; gap: 8px; min-width: 170px; }
.meter { flex: 1; height: 10px; background: var(--wrong-bg); border-radius: 5px;
  overflow: hidden; }
.meter span { display: block; height: 100%; background: var(--ok); }
.chip { display: inline-block; padding: 1px 8px; margin: 1px 2px; border-radius: 10px;
  font-size: 12px; white-space: nowrap; }
.ok { color: var(--ok); background: var(--ok-bg); }
.near { color: var(--near); background: var(--near-bg); }
.wrong { color: var(--wrong); background: var(--wrong-bg); }
.error { color: var(--error); background: var(--error-bg); }
td.ok, td.near, td.wrong, td.error { font-weight: 600; }
td.missing { color: #9aa5b1; }
.mistakes { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr));
  gap: 14px; }
.mistakes article { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; }
.mistakes h3 { font-size: 15px; margin: 0 0 6px; }
.mistakes h4 { font-size: 13px; margin: 8px 0 2px; color: var(--muted); }
.mistakes ol { margin: 0; padding-left: 20px; }
.mistakes li { white-space: pre-wrap; overflow-wrap: anywhere; }
.count { color: var(--muted); font-variant-numeric: tabular-nums; }
.empty { color: var(--muted); }
.flag { color: var(--near); background: var(--near-bg); }
td.flagged { color: var(--wrong); font-weight: 600; }
.bars { display: grid; grid-template-columns: minmax(60px, max-content) 120px auto;
  gap: 2px 8px; align-items: center; font-size: 13px; }
.bars .meter { height: 8px; background: #e4e7eb; }
.bars .meter span.bad { background: var(--wrong); }
.bars .label { overflow-wrap: anywhere; }
.answers { margin: 0; padding-left: 18px; font-size: 13px; }
.answers code { white-space: pre-wrap; background: #f0f4f8; padding: 0 4px; border-radius: 4px; }
"""


class HtmlWriter:
    """Spools the learner table; writes the page on close."""

    def __init__(
        self,
        stream: TextIO,
        summary: Summary,
        *,
        generated_at: str,
        items: ItemAnalysis | None = None,
    ) -> None:
        self.stream = stream
        self.summary = summary
        self.generated_at = generated_at
        self.items = items
        """The item analysis, fed by the caller with the same learners (shown if given)."""
        self.columns = list(summary.exercises)
        self.max_total = summary.max_total
        self.histogram = [0] * len(BUCKETS)
        self.learners = 0
        self.total_sum = 0.0
        # Closed by close(): the spool lives across add() calls.
        self.rows = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")  # noqa: SIM115

    def add(self, learner: str, results: list[Result]) -> None:
        best = best_by_exercise(results)
        cells = [f'<tr><th scope="row">{h(learner)}</th>']
        total = 0.0
        passed = 0
        for column in self.columns:
            result = best.get(column)
            if result is None:
                cells.append('<td class="num missing" title="no submission">–</td>')
                continue
            verdict = result.verdict
            total += verdict.score
            passed += verdict.passed
            cells.append(
                f'<td class="num {status_class(verdict.status.value)}"'
                f' title="{h(verdict.status.value)}">{number(verdict.score)}</td>'
            )
        share = percent(total, self.max_total)
        cells.append(
            f'<td class="num">{number(total)}</td><td class="num">{int(share + 1e-9)} %</td>'
            f'<td class="num">{passed}</td></tr>\n'
        )
        self.rows.write("".join(cells))
        self.histogram[bucket(total, self.max_total)] += 1
        self.learners += 1
        self.total_sum += total

    def close(self) -> None:
        try:
            self._write()
        finally:
            self.rows.close()

    def discard(self) -> None:
        self.rows.close()

    def _write(self) -> None:
        out, summary = self.stream, self.summary
        passed = sum(stats.passed for stats in summary.stats.values())
        mean = percent(self.total_sum / self.learners, self.max_total) if self.learners else 0.0
        out.write(
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<meta http-equiv="Content-Security-Policy"'
            " content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
            f"<title>Batch report</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n"
            "<header>\n<h1>Batch report</h1>\n"
            f'<p>Generated <time datetime="{h(self.generated_at)}">{h(self.generated_at)}'
            "</time></p>\n"
            '<dl class="cards" id="totals">\n'
            f"<div><dt>Learners</dt><dd>{self.learners}</dd></div>\n"
            f"<div><dt>Submissions</dt><dd>{summary.submissions}</dd></div>\n"
            f"<div><dt>Exercises</dt><dd>{len(self.columns)}</dd></div>\n"
            f"<div><dt>Submissions passed</dt>"
            f"<dd>{percent(passed, summary.submissions):.0f} %</dd></div>\n"
            f"<div><dt>Mean total</dt><dd>{mean:.0f} %</dd></div>\n"
            "</dl>\n</header>\n"
        )
        out.write(
            '<section id="distribution">\n<h2>Score distribution</h2>\n<figure>\n'
            + histogram_svg(self.histogram)
            + "\n<figcaption>Each bar counts the learners whose total score is in that range,"
            f" as a percentage of the {number(self.max_total)} points available.</figcaption>\n"
            "</figure>\n</section>\n"
        )
        self._exercises()
        if self.items is not None:
            self.stream.write(item_analysis_html(self.items))
        self._mistakes()
        self._learners()
        out.write("</main>\n</body>\n</html>\n")

    def _exercises(self) -> None:
        out = self.stream
        out.write(
            '<section id="exercises">\n<h2>Exercises</h2>\n<div class="scroll"><table>\n'
            '<thead><tr><th>Exercise</th><th class="num">Submissions</th><th>Pass rate</th>'
            '<th class="num">Mean score</th><th>Statuses</th></tr></thead>\n<tbody>\n'
        )
        for exercise, info in self.summary.exercises.items():
            stats = self.summary.stats[exercise]
            rate = 100 * stats.pass_rate
            statuses = "".join(
                f'<span class="chip {status_class(status)}">{h(status)} {count}</span>'
                for status, count in sorted(
                    stats.statuses.items(), key=lambda item: (-item[1], item[0])
                )[:TOP]
            )
            detail = " · ".join(h(part) for part in (info.title, info.topic, info.kind) if part)
            out.write(
                f'<tr data-exercise="{h(exercise)}"><td><strong>{h(exercise)}</strong>'
                f'<div class="sub">{detail}</div></td>'
                f'<td class="num">{stats.submissions}</td>'
                f'<td><div class="rate"><div class="meter"><span style="width:{rate:.1f}%">'
                f'</span></div><span class="pass-rate">{rate:.0f} %</span></div></td>'
                f'<td class="num">{number(stats.mean_score, 2)} / {number(info.max_score)}</td>'
                f"<td>{statuses or '<span class=empty>no submissions</span>'}</td></tr>\n"
            )
        out.write("</tbody>\n</table></div>\n</section>\n")

    def _mistakes(self) -> None:
        out = self.stream
        out.write(
            '<section id="mistakes">\n<h2>Most common mistakes</h2>\n'
            '<p class="sub">For each exercise, the most specific hint given to the submissions'
            " that did not pass, and the checks they failed most.</p>\n"
            '<div class="mistakes">\n'
        )
        shown = 0
        for exercise, stats in self.summary.stats.items():
            failing = stats.submissions - stats.passed
            if not failing:
                continue
            shown += 1
            out.write(
                f'<article data-exercise="{h(exercise)}"><h3>{h(exercise)}'
                f' <span class="count">({failing} not passed)</span></h3>\n'
            )
            for heading, counter in (
                ("Hints", stats.mistakes),
                ("Failing checks", stats.failed_checks),
            ):
                top = counter.top(TOP)
                if not top:
                    continue
                items = "".join(
                    f'<li>{h(text)} <span class="count">×{count}</span></li>' for text, count in top
                )
                if counter.other:  # marked up as the page's own words, never as a mistake's
                    items += (
                        f'<li class="other"><em>any other ({counter.limit} distinct texts are'
                        f' counted)</em> <span class="count">×{counter.other}</span></li>'
                    )
                out.write(f"<h4>{heading}</h4><ol>{items}</ol>\n")
            out.write("</article>\n")
        if not shown:
            out.write('<p class="empty">Every submission passed.</p>\n')
        out.write("</div>\n</section>\n")

    def _learners(self) -> None:
        out = self.stream
        headers = "".join(
            f'<th class="num" scope="col" title="{h(info.title)}">{h(exercise)}</th>'
            for exercise, info in self.summary.exercises.items()
        )
        out.write(
            '<section id="learners">\n<h2>Learners</h2>\n<div class="scroll"><table>\n'
            f'<thead><tr><th scope="col">Learner</th>{headers}<th class="num" scope="col">Total'
            '</th><th class="num" scope="col">%</th><th class="num" scope="col">Passed</th>'
            "</tr></thead>\n<tbody>\n"
        )
        self.rows.seek(0)
        shutil.copyfileobj(self.rows, out)
        out.write("</tbody>\n</table></div>\n</section>\n")


SHOWN_CHECKS = 12
"""Cases or concepts listed per exercise in the item analysis; the rest are counted."""


def item_analysis_html(analysis: ItemAnalysis) -> str:
    """The item-analysis section: one row per exercise, its flags and the kind's details."""
    rows = []
    for exercise, item in analysis.items.items():
        info = analysis.summary.exercises[exercise]
        flags = "".join(f'<span class="chip flag">{h(flag)}</span>' for flag in item.flags)
        r = item.discrimination
        weak = any(flag.startswith("discriminates") for flag in item.flags)
        shown = "–" if r is None else f"{r:.2f}"
        rate = "–" if item.pass_rate is None else f"{100 * item.pass_rate:.0f} %"
        mean = (
            "–"
            if item.mean_score is None
            else f"{number(item.mean_score, 2)} / {number(info.max_score)}"
        )
        rows.append(
            f'<tr data-item="{h(exercise)}"><td><strong>{h(exercise)}</strong>'
            f'<div class="sub">{h(info.kind)}</div></td>'
            f'<td class="num">{item.learners}</td><td class="num">{rate}</td>'
            f'<td class="num">{mean}</td>'
            f'<td class="num{" flagged" if weak else ""}">{shown}</td>'
            f"<td>{flags}</td><td>{_details_html(item)}</td></tr>\n"
        )
    return (
        '<section id="item-analysis">\n<h2>Item analysis</h2>\n'
        '<p class="sub">Discrimination is the correlation of an exercise\'s score with the rest'
        " of each learner's total: near 0 or below, the exercise does not tell learners who"
        f" do well from those who do not (flagged under {LOW_DISCRIMINATION:g} with at least"
        f" {MIN_LEARNERS} learners).</p>\n"
        '<div class="scroll"><table>\n<thead><tr><th>Exercise</th><th class="num">Learners'
        '</th><th class="num">Pass rate</th><th class="num">Mean</th>'
        '<th class="num">Discrimination</th><th>Flags</th><th>Details</th></tr></thead>\n'
        "<tbody>\n" + "".join(rows) + "</tbody>\n</table></div>\n</section>\n"
    )


def _details_html(item: ItemStats) -> str:
    """The kind's figures: options chosen, cases passed, concepts covered, wrong answers."""
    details = item.details()
    if "options" in details:
        correct = set(details["correct_options"])
        counts = [
            (f"{label} ✓" if label in correct else label, n, n / item.learners, label in correct)
            for label, n in details["options"].items()
        ]
        if details["no_option"]:
            counts.append(
                ("no option", details["no_option"], details["no_option"] / item.learners, False)
            )
        return '<div class="sub">learners who chose each option</div>' + _bars(counts)
    for key, what in (
        ("cases", "learners who passed each case"),
        ("concepts", "learners who covered each concept"),
    ):
        if key in details:
            entries = details[key]
            bars = [(str(e["name"]), f"{100 * e['rate']:.0f} %", e["rate"], True) for e in entries]
            more = len(bars) - SHOWN_CHECKS
            tail = f'<div class="sub">… and {more} more</div>' if more > 0 else ""
            return f'<div class="sub">{what}</div>' + _bars(bars[:SHOWN_CHECKS]) + tail
    if details.get("wrong_answers"):
        answers = "".join(
            f"<li><code>{h(a['answer'].replace(chr(10), ' ⏎ '))}</code>"
            f' <span class="count">×{a["count"]}</span></li>'
            for a in details["wrong_answers"]
        )
        return f'<div class="sub">most common wrong answers</div><ol class="answers">{answers}</ol>'
    return ""


def _bars(entries: Sequence[tuple[str, object, float, bool]]) -> str:
    """Label, value and a bar for each entry; `good` bars are green, the others red."""
    cells = "".join(
        f'<span class="label">{h(label)}</span><div class="meter"><span'
        f' class="{"" if good else "bad"}" style="width:{100 * share:.1f}%"></span></div>'
        f'<span class="count">{value}</span>'
        for label, value, share, good in entries
    )
    return f'<div class="bars">{cells}</div>'


def write_html(
    results: Iterable[Result],
    summary: Summary,
    stream: TextIO,
    *,
    generated_at: str,
) -> None:
    """The page for `results` (sorted by learner), whose first pass gave `summary`."""
    items = ItemAnalysis(summary)
    writer = HtmlWriter(stream, summary, generated_at=generated_at, items=items)
    for learner, group in by_learner(results):
        items.add(learner, group)
        writer.add(learner, group)
    writer.close()


def render_html(
    results: Iterable[Result], exercises: Mapping[str, ExerciseInfo], *, generated_at: str
) -> str:
    """The page as a string, for a small batch held in memory (it is read twice)."""
    results = list(results)
    stream = io.StringIO()
    write_html(results, Summary.collect(results, exercises), stream, generated_at=generated_at)
    return stream.getvalue()
