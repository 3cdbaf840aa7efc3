"""The instructor kit as data: lesson plans and timings, worksheets, rubrics, the scenario brief.

One source for every timing the package prints:

* ``data/notebook_times.csv``: each notebook, what the reader does, and minutes of self-study;
* ``data/sessions.csv``: the three lesson plans (50 minutes, 75 minutes, three sessions of 50),
  step by step, with minutes, what to project, what students do, and which exercises go on the
  session's worksheet.

The README's notebook table, notebook 00's notebook table and learning path, and the
instructor guide's lesson plans are Markdown made here; ``python -m tools.kit`` writes them into
those files (between ``<!-- kit:NAME -->`` markers) and ``python -m tools.kit --check`` fails if
a copy is out of date. The same tool writes the printable pages in ``kit/``: one worksheet per
session, the rubrics, the scenario brief with a decision-memo form, and the role cards.

Everything here is pure (strings and data classes); every piece of text from data is escaped.

>>> [s.key for s in sessions()]                       # doctest: +SKIP
['p50-1', 'p75-1', 'p3x50-1', 'p3x50-2', 'p3x50-3']
"""

from __future__ import annotations

import html
import importlib
import inspect
import pkgutil
import re
from dataclasses import dataclass

import pandas as pd

from helpers.core.data import as_of, load_table, short_refs

PLANS = {"p50": "Plan A", "p75": "Plan B", "p3x50": "Plan C"}
"""Plan id -> the guide's name for it, in the guide's order."""
PLAN_LENGTH = {"p50": 50, "p75": 75, "p3x50": 50}
"""Minutes of each session of a plan."""
PLAN_SHORT = {"p50": "**50 minutes** (one class)", "p75": "**75 minutes** (one long class)",
              "p3x50": "**3 × 50 minutes** (three classes)"}
OTHER_NOTEBOOKS = {"class_results": "class results", "role_cards": "role cards and brief"}
"""Instructor notebooks a step may use, as a plan names them."""


class KitError(ValueError):
    """``data/sessions.csv`` or ``data/scenario_brief.csv`` does not hold together."""


# ---------------------------------------------------------------- plans and timings


@dataclass(frozen=True)
class Step:
    """One step of a session: ``start`` minutes after the start, for ``minutes``."""

    start: int
    minutes: int
    notebook: str  # "00".."08", "class_results", "role_cards" or "" (debrief)
    section: str
    activity: str
    project: str
    students_do: str
    questions: str  # ;-separated exercise ids or patterns ("06.*", "06.R*")

    @property
    def span(self) -> str:
        """Clock minutes as a plan prints them: '5-15'."""
        return f"{self.start}-{self.start + self.minutes}"

    @property
    def where(self) -> str:
        """The notebook and section, e.g. '02 §3', 'class results', 'debrief'."""
        if not self.notebook:
            return "debrief"
        name = OTHER_NOTEBOOKS.get(self.notebook, self.notebook)
        return f"{name} {self.section}".strip()


@dataclass(frozen=True)
class Session:
    """One session of a plan, its steps in order."""

    plan: str
    plan_title: str
    number: int
    title: str
    steps: tuple[Step, ...]

    @property
    def key(self) -> str:
        """'p3x50-2': plan and session number (worksheet file names use it)."""
        return f"{self.plan}-{self.number}"

    @property
    def minutes(self) -> int:
        """The session's length: the sum of its steps."""
        return sum(s.minutes for s in self.steps)

    @property
    def heading(self) -> str:
        """'Plan C, session 2: Today and the model (50 minutes)'."""
        part = f", session {self.number}" if self.plan == "p3x50" else ""
        return f"{PLANS[self.plan]}{part}: {self.title} ({self.minutes} minutes)"


def sessions(data_dir=None) -> list[Session]:
    """Every session of every plan, in plan order, from ``data/sessions.csv``.

    Raises :class:`KitError` if a session's steps do not add up to its plan's length, if a plan
    or session title differs between rows, or if steps are numbered out of order.
    """
    table = load_table("sessions", data_dir)
    out = []
    for plan in PLANS:
        rows = table[table["plan"] == plan]
        if rows.empty:
            raise KitError(f"data/sessions.csv has no rows for plan {plan}.")
        for number, group in rows.groupby("session", sort=True):
            group = group.sort_values("step")
            for column in ("plan_title", "session_title"):
                if group[column].nunique() != 1:
                    raise KitError(f"data/sessions.csv: plan {plan} session {number} has "
                                   f"more than one {column}.")
            if list(group["step"]) != list(range(1, len(group) + 1)):
                raise KitError(f"data/sessions.csv: plan {plan} session {number}: number the "
                               "steps 1, 2, 3, ...")
            steps, start = [], 0
            for row in group.itertuples():
                steps.append(Step(start, int(row.minutes), row.notebook or "", row.section or "",
                                  row.activity, row.project, row.students_do,
                                  row.questions or ""))
                start += int(row.minutes)
            session = Session(plan, group["plan_title"].iloc[0], int(number),
                              group["session_title"].iloc[0], tuple(steps))
            if session.minutes != PLAN_LENGTH[plan]:
                raise KitError(f"data/sessions.csv: plan {plan} session {number} adds up to "
                               f"{session.minutes} minutes, not {PLAN_LENGTH[plan]}.")
            out.append(session)
    return out


def notebook_times(data_dir=None) -> pd.DataFrame:
    """``data/notebook_times.csv`` in notebook order (00 to 08)."""
    return load_table("notebook_times", data_dir).sort_values("notebook").reset_index(drop=True)


def _cell(text: object) -> str:
    """Text safe inside a Markdown table cell (no pipes, no line breaks)."""
    return " ".join(str(text).replace("|", "/").split())


def notebooks_markdown(data_dir=None) -> str:
    """The table of notebooks with what the reader does and minutes (README and notebook 00)."""
    times = notebook_times(data_dir)
    lines = ["| # | notebook | what you do | minutes alone |", "|---|---|---|---|"]
    for row in times.itertuples():
        lines.append(f"| {row.notebook} | **{_cell(row.title)}** (`{row.file}`) | "
                     f"{_cell(row.what)} | {row.minutes} |")
    total = int(times["minutes"].sum())
    lines += ["", f"Working alone, allow about {round(total / 60)} hours in all ({total} "
                  "minutes, exercises included). For a class there are lesson plans of 50 minutes, "
                  "75 minutes and three sessions of 50 (notebook 00, section 4, and the "
                  "instructor guide)."]
    return "\n".join(lines)


def titled(step: Step, data_dir=None) -> str:
    """A step's place with the notebook's title: '02 Hub and spoke, §3'."""
    if not re.fullmatch(r"0[0-8]", step.notebook):
        return step.where
    title = notebook_times(data_dir).set_index("notebook").at[step.notebook, "title"]
    return f"{step.notebook} {title}" + (f", {step.section}" if step.section else "")


def path_text(session: Session) -> str:
    """A session as a path: '00 §1 and §5 (5) → 02 §3 (8) → ...'."""
    return " → ".join(f"{s.where} ({s.minutes})" for s in session.steps)


def paths_markdown(data_dir=None) -> str:
    """Notebook 00's learning-path table: one row per plan, its sessions as paths."""
    lines = ["| course | sessions | path (minutes) |", "|---|---|---|"]
    by_plan: dict[str, list[Session]] = {}
    for session in sessions(data_dir):
        by_plan.setdefault(session.plan, []).append(session)
    for plan, group in by_plan.items():
        if len(group) == 1:
            path = path_text(group[0])
        else:
            path = " ".join(f"*Session {s.number}, {_cell(s.title)}*: {path_text(s)}."
                            for s in group)
        lines.append(f"| {PLAN_SHORT[plan]} | {len(group)} | {path} |")
    return "\n".join(lines)


def plans_markdown(data_dir=None) -> str:
    """The instructor guide's lesson plans: one table per session, minute by minute."""
    parts = []
    by_plan: dict[str, list[Session]] = {}
    for session in sessions(data_dir):
        by_plan.setdefault(session.plan, []).append(session)
    for plan, group in by_plan.items():
        parts.append(f"## {PLANS[plan]}: {group[0].plan_title}")
        for session in group:
            if len(group) > 1:
                parts.append(f"**Session {session.number}: {session.title}**")
            rows = ["| minutes | notebook | what happens | project | students do |",
                    "|---|---|---|---|---|"]
            rows += [f"| {s.span} | {_cell(s.where)} | {_cell(s.activity)} | "
                     f"{_cell(s.project)} | {_cell(s.students_do)} |" for s in session.steps]
            parts.append("\n".join(rows))
        parts.append(f"Worksheet{'s' if len(group) > 1 else ''} to print: "
                     + ", ".join(f"`kit/{worksheet_name(s)}`" for s in group) + ".")
    return "\n\n".join(parts)


# ---------------------------------------------------------------- questions for worksheets


@dataclass(frozen=True)
class Question:
    """A question printed on a worksheet: a checkable exercise or a reasoning question."""

    qid: str
    reasoning: bool
    title: str
    text: str
    options: tuple[str, ...] = ()
    kind: str = "text"  # the exercise's kind: choice (one answer), ticks (several), ...


def load_exercises() -> dict[str, object]:
    """Every registered exercise factory by number, after importing each ``checks`` module
    (``helpers.history.checks``, ``helpers.weighing.checks``, ``helpers.today.checks``)."""
    from helpers.core.exercises import registry

    for package in ("history", "weighing", "today", "classroom"):
        try:
            module = importlib.import_module(f"helpers.{package}")
        except ImportError:  # pragma: no cover - a trimmed copy of the package
            continue
        for info in pkgutil.iter_modules(module.__path__):
            if info.name == "checks":
                importlib.import_module(f"helpers.{package}.checks")
    return registry()


def all_questions(data_dir=None) -> dict[str, Question]:
    """Every exercise (from the registry) and reasoning question (from the data), by id."""
    out: dict[str, Question] = {}
    for key, factory in load_exercises().items():
        out[key] = _exercise_question(key, factory)
    table = load_table("reasoning_questions", data_dir)
    for row in table.itertuples():
        out[row.question_id] = Question(row.question_id, True, "Reasoning question",
                                        row.question)
    return out


def _exercise_question(key: str, factory) -> Question:
    """Build the exercise to read its title, question and options. A factory that reads a live
    panel (``lean_toward(panel)``) gets ``None``: its judge reads the panel only when checked.
    If it still cannot be built, its docstring stands in for the question."""
    required = [p for p in inspect.signature(factory).parameters.values()
                if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY,
                                                       p.POSITIONAL_OR_KEYWORD)]
    try:
        exercise = factory(*[None] * len(required))
    except (TypeError, AttributeError, ValueError, KeyError):
        doc = (factory.__doc__ or "").strip().split("\n\n")[0]
        text = re.sub(r"^\d\d\.\d+:\s*", "", " ".join(doc.split()))
        return Question(key, False, f"Exercise {key.split('.')[1]}", text)
    options = tuple(str(label) for label, _value in getattr(exercise, "options", ()))
    return Question(key, False, str(exercise.title), str(exercise.question), options,
                    str(exercise.kind))


def _order(qid: str) -> tuple[int, int, int]:
    nb, rest = qid.split(".")
    return (int(nb), 1 if rest.startswith("R") else 0, int(rest.lstrip("R")))


def resolve(patterns: str, questions: dict[str, Question]) -> list[Question]:
    """The questions ``patterns`` names (``06.2``, ``06.R1``, ``06.*``, ``06.R*``), in order.

    A pattern that matches nothing is skipped (a notebook may not have exercises yet); an exact
    id that does not exist raises :class:`KitError`.
    """
    found: list[str] = []
    for pattern in (p.strip() for p in patterns.split(";") if p.strip()):
        if "*" in pattern:
            prefix = pattern.rstrip("*")
            found += sorted((q for q in questions if q.startswith(prefix)), key=_order)
        elif pattern in questions:
            found.append(pattern)
        else:
            raise KitError(f"data/sessions.csv names exercise {pattern}, which does not exist.")
    return [questions[q] for q in dict.fromkeys(found)]


def session_questions(session: Session, questions: dict[str, Question] | None = None
                      ) -> list[Question]:
    """The questions on a session's worksheet: its steps' ``questions`` in step order."""
    questions = questions if questions is not None else all_questions()
    out: list[Question] = []
    for step in session.steps:
        out += [q for q in resolve(step.questions, questions) if q not in out]
    return out


# ---------------------------------------------------------------- printable pages


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


PRINT_CSS = """
@page { margin: 12mm; }
* { box-sizing: border-box; }
html { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #111; }
body { margin: 0; background: #ddd; font-size: 10.5pt; line-height: 1.35; }
.page { background: #fff; width: 210mm; max-width: 100%; margin: 8mm auto; padding: 12mm; }
h1 { font-size: 16pt; margin: 0 0 2mm; }
h2 { font-size: 12pt; margin: 4mm 0 1.5mm; border-bottom: 1px solid #0072B2; color: #00466e; }
h3 { font-size: 11pt; margin: 3mm 0 1mm; }
p { margin: 1mm 0; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #999; padding: 1mm 1.5mm; vertical-align: top; text-align: left; }
th { background: #eef3f8; }
.meta { color: #333; font-size: 9pt; }
.small { font-size: 8.5pt; color: #333; }
.label { display: inline-block; border: 1.5px solid #B34700; color: #B34700; font-weight: bold;
         padding: 0 2mm; border-radius: 2mm; }
.write { border: 1px solid #777; border-radius: 1.5mm; margin: 1mm 0 2mm;
         background: repeating-linear-gradient(#fff 0, #fff 7.5mm, #bbb 7.5mm, #bbb 7.7mm); }
.line { border-bottom: 1px solid #777; height: 7mm; margin-bottom: 1mm; }
@media print {
  body { background: #fff; }
  .page { width: auto; margin: 0; padding: 0; box-shadow: none; }
  .break { break-before: page; }
  h2, h3, tr, li, .keep { break-inside: avoid; break-after: avoid-page; }
}
"""

SHEET_CSS = """
.sheet { display: flex; flex-direction: column; height: 253mm; }
.sheet { font-size: 10pt; }
.sheet h2 { margin: 3mm 0 1mm; }
.sheet td, .sheet th { padding: 0.6mm 1.5mm; }
.sheet .grow { flex: 1 1 0; min-height: 0; }
.sheet .grow.reasoning { min-height: 26mm; }
.sheet .grow.exit { min-height: 16mm; }
.sheet h2 .small { font-weight: normal; border: 0; }
.sheet .q { margin: 1.2mm 0 0; }
.sheet .opts { font-size: 9pt; color: #222; margin-left: 5mm; }
.sheet .answer { border-bottom: 1px solid #777; height: 6mm; margin: 0 0 1mm 5mm; }
.names { display: flex; gap: 6mm; margin: 1mm 0 2mm; }
.names span { flex: 1; border-bottom: 1px solid #777; padding-top: 4mm; font-size: 9pt; }
@media print { .sheet { height: 253mm; } }
"""


def html_page(title: str, body: str, css: str = "") -> str:
    """A self-contained HTML document (no external file, font or script) with print CSS; it
    prints on A4 and on US Letter."""
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{_e(title)}</title>\n<style>{PRINT_CSS}{css}</style>\n</head>\n<body>\n"
            f"{body}\n</body>\n</html>\n")


def worksheet_name(session: Session) -> str:
    """The worksheet's file name in ``kit/``: 'worksheet_p3x50_2.html'."""
    return f"worksheet_{session.plan}_{session.number}.html"


def _question_html(q: Question) -> str:
    if q.reasoning:
        return (f"<p class='q keep'><b>{_e(q.qid)} Reasoning.</b> {_e(q.text)}</p>"
                "<div class='write grow reasoning' style='flex-grow:2' role='presentation'></div>")
    options = ""
    if q.options:
        box = "○" if q.kind == "choice" else "☐"  # one answer, or tick all that apply
        options = ("<div class='opts'>" + " &nbsp; ".join(f"{box}&nbsp;{_e(o)}" for o in q.options)
                   + "</div>")
    title = "" if re.fullmatch(r"Exercise \d+", q.title) else f" {_e(q.title)}."
    return (f"<p class='q keep'><b>{_e(q.qid)}{title}</b> {_e(q.text)}</p>{options}"
            "<div class='answer' role='presentation'></div>")


def worksheet_html(session: Session, questions: dict[str, Question] | None = None,
                   data_dir=None) -> str:
    """A one-page student worksheet for ``session``: the path through the notebooks with
    times, the session's exercises with space to answer, writing boxes for its reasoning
    questions, and an exit ticket."""
    chosen = session_questions(session, questions)
    rows = "".join(
        f"<tr><td>{_e(s.span)}</td><td>{_e(titled(s, data_dir))}</td><td>{_e(s.students_do)}</td>"
        "<td>☐</td></tr>" for s in session.steps)
    checkable = [q for q in chosen if not q.reasoning]
    reasoning = [q for q in chosen if q.reasoning]
    body = [
        "<div class='page'><main class='sheet'>",
        f"<h1>An Asian NATO? · Worksheet</h1><p class='meta'>{_e(session.heading)}. "
        f"Data as of {_e(as_of(data_dir))}; made from data/sessions.csv by "
        "python -m tools.kit.</p>",
        "<div class='names'><span>Name</span><span>Class</span><span>Date</span></div>",
        "<h2>Today's path</h2>",
        "<table><thead><tr><th style='width:10%'>minutes</th><th style='width:34%'>notebook"
        "</th><th>you do</th><th style='width:6%'>done</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>",
    ]
    if "00" in step_notebooks(session):
        body.append("<h2>Before you start</h2><p>Will the US set up a NATO-like Pacific treaty "
                    "organisation within ten years? Circle one and give a probability: "
                    "<span style='white-space:nowrap'>&nbsp; yes &nbsp; no &nbsp; unsure &nbsp; "
                    "______ %</span></p>")
    if checkable:
        body.append("<h2>Exercises <span class='small'>answer here, then press <i>Check</i> "
                    "in the notebook: a wrong answer gets a hint, not the answer</span></h2>")
        body += [_question_html(q) for q in checkable]
    if reasoning:
        body.append("<h2>Think and write <span class='small'>your argument first; then compare "
                    "it with the model answer and rubric in the notebook</span></h2>")
        body += [_question_html(q) for q in reasoning]
    body += [
        "<h2>Exit ticket</h2><p class='keep'>The one piece of news that would change my "
        "verdict is ...</p><div class='write grow exit' role='presentation'></div>",
        "</main></div>",
    ]
    return html_page(f"Worksheet: {session.heading}", "\n".join(body), SHEET_CSS)


def rubrics(data_dir=None) -> list[tuple[pd.Series, pd.DataFrame]]:
    """Each reasoning question (a row of ``data/reasoning_questions.csv``) with its rubric
    criteria in order, in question order."""
    questions = load_table("reasoning_questions", data_dir)
    criteria = load_table("rubric_criteria", data_dir)
    out = []
    for _i, row in sorted(questions.iterrows(), key=lambda r: _order(r[1]["question_id"])):
        rubric = criteria[criteria["question_id"] == row["question_id"]].sort_values("order")
        out.append((row, rubric))
    return out


def rubrics_body(data_dir=None, model_answers: bool = True) -> str:
    """The rubrics as HTML (no page wrapper): for each reasoning question, its criteria with
    points and total and, for the instructor, the model answer with readable citations."""
    parts = []
    for row, rubric in rubrics(data_dir):
        items = "".join(f"<tr><td>{int(c.order)}</td><td>{_e(c.criterion)}</td>"
                        f"<td style='text-align:right'>{c.points:g}</td><td></td></tr>"
                        for c in rubric.itertuples())
        total = rubric["points"].sum()
        answer = ""
        if model_answers:
            answer = (f"<p class='small'><b>A model answer</b> (one good answer among many): "
                      f"{_e(row['model_answer'])} {_e(short_refs(row['source'], data_dir))}</p>")
        parts.append(
            f"<section class='keep' style='margin-bottom:4mm'>"
            f"<h3>{_e(row['question_id'])} (notebook {_e(row['notebook'])})</h3>"
            f"<p>{_e(row['question'])}</p>"
            "<table><thead><tr><th style='width:6%'>#</th><th>a good answer ...</th>"
            "<th style='width:9%'>points</th><th style='width:11%'>given</th></tr></thead>"
            f"<tbody>{items}<tr><th></th><th>total</th><th style='text-align:right'>"
            f"{total:g}</th><th></th></tr></tbody></table>{answer}</section>")
    return "\n".join(parts)


def rubrics_page(data_dir=None) -> str:
    """The printable rubrics (instructor copy, with model answers) as an HTML document."""
    body = ("<div class='page'><h1>An Asian NATO? · Rubrics for the reasoning questions</h1>"
            f"<p class='meta'>Instructor copy: the model answers are included. Data as of "
            f"{_e(as_of(data_dir))}; from data/reasoning_questions.csv and "
            "data/rubric_criteria.csv.</p>" + rubrics_body(data_dir) + "</div>")
    return html_page("Rubrics for the reasoning questions", body)


# ---------------------------------------------------------------- scenario brief

BRIEF_SECTIONS = {
    "background": "Background",
    "crisis": "Crisis update",
    "task": "Your task: a decision memo",
    "option": "Options on the table",
}


def scenario_brief(data_dir=None) -> dict[str, list[pd.Series]]:
    """``data/scenario_brief.csv`` by section (background, crisis, task, option), rows in order.

    Raises :class:`KitError` unless every crisis row cites ``judgement`` only (the crisis is
    invented for the exercise) and every section has at least one row.
    """
    table = load_table("scenario_brief", data_dir).sort_values(["section", "order"])
    out = {section: [row for _i, row in table[table["section"] == section].iterrows()]
           for section in BRIEF_SECTIONS}
    for section, rows in out.items():
        if not rows:
            raise KitError(f"data/scenario_brief.csv has no {section} rows.")
    for row in out["crisis"]:
        if row["source"] != "judgement":
            raise KitError("data/scenario_brief.csv: the crisis update is invented for the "
                           "exercise; cite it as judgement only.")
    return out


HYPOTHETICAL = ("HYPOTHETICAL: invented for this classroom exercise. None of the crisis below "
                "has happened; it is not a news report.")


def _cited(row: pd.Series, data_dir=None) -> str:
    refs = "" if row["source"] == "judgement" else " " + short_refs(row["source"], data_dir)
    return f"{_e(row['text'])}<small class='small'>{_e(refs)}</small>"


def brief_body(data_dir=None) -> str:
    """The scenario brief as HTML (no page wrapper): background with citations, the crisis
    update boxed and labelled hypothetical, the memo task and the options."""
    brief = scenario_brief(data_dir)
    background = "".join(f"<p>{_cited(r, data_dir)}</p>" for r in brief["background"])
    crisis = "".join(f"<p>{_e(r['text'])}</p>" for r in brief["crisis"])
    task = "".join(f"<p>{_cited(r, data_dir)}</p>" for r in brief["task"])
    options = "".join(f"<li class='keep' style='margin-bottom:2mm'><b>{_e(r['title'])}.</b> "
                      f"{_cited(r, data_dir)}</li>"
                      for r in brief["option"])
    return (
        f"<h2>{BRIEF_SECTIONS['background']}</h2>{background}"
        f"<h2>{BRIEF_SECTIONS['crisis']} <span class='label'>hypothetical</span></h2>"
        "<div class='keep' style='border:2px dashed #B34700;padding:2mm 3mm;"
        f"background:#fff8f0'><p><b>{_e(HYPOTHETICAL)}</b></p>{crisis}</div>"
        f"<h2>{BRIEF_SECTIONS['task']}</h2>{task}"
        f"<h2>{BRIEF_SECTIONS['option']}</h2><ol style='list-style:none;padding-left:0'>"
        f"{options}</ol>"
        "<p class='small'>Background facts are paraphrased from the sources in brackets "
        "(full citations in data/sources.csv); the options and the crisis are the package "
        "authors' design for teaching (judgement).</p>")


MEMO_PARTS = (
    ("Recommendation", "Which option (A-D, or an amended one) should your capital back?", 1),
    ("Why", "Two reasons from your card's interests and key figures, with evidence.", 2),
    ("Costs and risks", "What your capital gives up; how others (Beijing included) will react.",
     1.5),
    ("Our red line and our offer", "What you refuse outright; what you would concede to get a "
     "deal.", 1.2),
    ("What would change our mind", "One development that would make you switch options.", 0.8),
)


def memo_form_body() -> str:
    """A one-page decision-memo form for one delegation (HTML, no page wrapper)."""
    parts = ["<main class='sheet'><h1>Decision memo</h1>",
             "<div class='names'><span>To: the leader of</span><span>From: the delegation"
             "</span><span>Date</span></div>",
             "<p class='small'>One page. Write for a busy leader: the recommendation first, "
             "then the reasons, costs and fallback.</p>"]
    for title, prompt, weight in MEMO_PARTS:
        parts.append(f"<h3>{_e(title)}</h3><p class='small'>{_e(prompt)}</p>"
                     f"<div class='write grow' style='flex-grow:{weight}' "
                     "role='presentation'></div>")
    parts.append("</main>")
    return "".join(parts)


def brief_page(data_dir=None) -> str:
    """The printable scenario brief (page 1-2) and a one-page decision-memo form."""
    body = ("<div class='page'><h1>An Asian NATO? · Scenario brief</h1>"
            "<p class='meta'>A negotiation in the style of CFR's Model Diplomacy. Data as of "
            f"{_e(as_of(data_dir))}.</p>" + brief_body(data_dir) + "</div>"
            "<div class='page break'>" + memo_form_body() + "</div>")
    return html_page("Scenario brief: a Pacific Treaty Organization?", body, SHEET_CSS)


CARDS_CSS = """
@media print {
  .role-card:first-of-type { break-before: auto; }
  .role-card { font-size: 9.5pt !important; line-height: 1.3 !important; break-before: page;
               break-inside: auto !important; margin: 0 !important; }
  .role-card h3 { font-size: 13pt; }
  .role-card h4 { font-size: 10.5pt; }
}
"""


def cards_page(cards_html: str, data_dir=None) -> str:
    """The role cards as a printable page (each card kept on one page)."""
    body = ("<div class='page'><h1>An Asian NATO? · Role cards</h1>"
            f"<p class='meta'>Data as of {_e(as_of(data_dir))}. Lines marked (judgement) are "
            "the package authors' reading; objectives are teaching design.</p>"
            + cards_html + "</div>")
    return html_page("Role cards", body, CARDS_CSS)


NOTEBOOK_CSS = """
.pto-kit { max-width: 900px; font-size: 15px; line-height: 1.45; }
.pto-kit h2 { font-size: 19px; margin: 14px 0 4px; border-bottom: 1px solid #0072B2; }
.pto-kit h3 { font-size: 16px; margin: 10px 0 4px; }
.pto-kit table { border-collapse: collapse; width: 100%; }
.pto-kit th, .pto-kit td { border: 1px solid #999; padding: 3px 6px;
                           text-align: left !important; vertical-align: top; }
.pto-kit .small { font-size: 13px; color: #333; }
.pto-kit .label { border: 1.5px solid #B34700; color: #B34700; font-weight: bold;
                  padding: 0 6px; border-radius: 6px; font-size: 14px; }
.pto-kit li { margin-bottom: 4px; }
"""


def notebook_html(body: str) -> str:
    """Kit HTML for a notebook cell: the same body as the printed page, with its own styles."""
    return f"<style>{NOTEBOOK_CSS}</style><div class='pto-kit'>{body}</div>"


def rubrics_html(data_dir=None) -> str:
    """The rubrics with model answers, for the instructor guide (the same as kit/rubrics.html)."""
    return notebook_html(rubrics_body(data_dir))


def brief_html(data_dir=None) -> str:
    """The scenario brief for the role-cards notebook (the same as kit/scenario_brief.html)."""
    return notebook_html(brief_body(data_dir))


def swings_table(data_dir=None) -> pd.DataFrame:
    """Each factor's swing today (net pressure with its weight at 10 minus at 0, the others at
    the balanced preset), largest first, by readable factor name, to two decimals."""
    from helpers.weighing import model

    table = model.sensitivity(model.load_presets(data_dir)[model.BASELINE_PRESET],
                              model.load_factors("today", data_dir))
    return pd.DataFrame({"factor": list(table["label"]),
                         "swing in net pressure (weight 0 to 10)": table["swing"].round(2)
                         .to_list()}).set_index("factor")


def step_notebooks(session: Session) -> list[str]:
    """The student notebooks (00-08) a session uses, in order of first use."""
    return list(dict.fromkeys(s.notebook for s in session.steps
                              if re.fullmatch(r"0[0-8]", s.notebook)))
