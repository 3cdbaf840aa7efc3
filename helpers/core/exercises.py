"""Exercises that teach: a question, staged hints on wrong attempts, the answer only on request.

Two kinds of exercise, both widgets, so they work in JupyterLab and in Voila alike:

* :class:`Exercise` has a checkable answer (a choice, a number, a set of ticks, or the state of a
  panel). A wrong attempt gets a diagnosis that does not give the answer away ("too high", "two of
  three found") and the next hint; the worked answer shows only when the student presses
  *Show answer*, which unlocks after a first attempt or after every hint has been seen.
* :class:`ReasoningQuestion` asks for a short written answer. After the student has written
  something, *Compare with a model answer* shows a model answer and a rubric to mark their own
  text against; the model answers and rubrics live in ``data/reasoning_questions.csv`` and
  ``data/rubric_criteria.csv`` and the instructor kit prints the same rows.

The rules live in :class:`Attempts`, a plain object the tests drive without any widget.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

import ipywidgets as widgets

from helpers.core.ui import escape

Kind = Literal["choice", "number", "ticks", "text", "panel"]
MIN_WORDS = 25
_REGISTRY: dict[str, Callable[[], Exercise]] = {}


def registered(key: str) -> Callable[[Callable[[], Exercise]], Callable[[], Exercise]]:
    """Register an exercise factory under its number ("06.2") for the instructor's answer key."""

    def register(factory: Callable[[], Exercise]) -> Callable[[], Exercise]:
        if key in _REGISTRY and _REGISTRY[key].__qualname__ != factory.__qualname__:
            raise ValueError(f"two exercises are numbered {key}")
        _REGISTRY[key] = factory
        return factory

    return register


def registry() -> dict[str, Callable[[], Exercise]]:
    """Every registered exercise factory by number, in order ("00.1", "00.2", "01.1", ...)."""
    def order(key: str) -> tuple[int, ...]:
        return tuple(int(part) for part in re.findall(r"\d+", key))
    return {k: _REGISTRY[k] for k in sorted(_REGISTRY, key=order)}


@dataclass(frozen=True)
class Feedback:
    """The result of checking an answer; shows itself as a coloured box in a notebook."""

    correct: bool
    message: str

    def _repr_html_(self) -> str:
        colour, mark = ("#007A5A", "Correct") if self.correct else ("#B34700", "Not yet")
        return (f'<div style="border-left:5px solid {colour};padding:6px 10px">'
                f"<b>{mark}.</b> {escape(self.message)}</div>")

    def __str__(self) -> str:
        return f"{'Correct' if self.correct else 'Not yet'}. {self.message}"


# ---------------------------------------------------------------- judges (pure functions)


def judge_number(expected: float, tolerance: float = 0, unit: str = ""
                 ) -> Callable[[object], Feedback]:
    """A judge for a numeric answer: says 'too high' or 'too low', never the number itself."""

    def judge(answer: object) -> Feedback:
        try:
            value = float(str(answer).strip().replace(",", ""))
        except (TypeError, ValueError, OverflowError):
            return Feedback(False, f"Type a number{f' (in {unit})' if unit else ''}.")
        if not math.isfinite(value):
            return Feedback(False, "Type an ordinary number.")
        if abs(value - expected) <= tolerance:
            return Feedback(True, "That is right.")
        return Feedback(False, f"{value:g}{unit} is too {'high' if value > expected else 'low'}.")

    return judge


def judge_choice(correct: str, diagnoses: dict[str, str] | None = None
                 ) -> Callable[[object], Feedback]:
    """A judge for one choice; ``diagnoses`` says, for a wrong option, what it overlooks."""
    diagnoses = diagnoses or {}

    def judge(answer: object) -> Feedback:
        if answer in (None, ""):
            return Feedback(False, "Choose one of the options first.")
        if str(answer) == correct:
            return Feedback(True, "That is right.")
        return Feedback(False, diagnoses.get(str(answer), "Not this one."))

    return judge


def judge_ticks(expected: Iterable[str]) -> Callable[[object], Feedback]:
    """A judge for 'tick all that apply': counts what is missing or extra without naming it."""
    target = set(expected)

    def judge(answer: object) -> Feedback:
        given = set(answer or ())
        if not given:
            return Feedback(False, "Tick at least one box first.")
        missing, extra = len(target - given), len(given - target)
        if not missing and not extra:
            return Feedback(True, f"All {len(target)} found.")
        parts = []
        if missing:
            parts.append(f"{missing} {'is' if missing == 1 else 'are'} still missing")
        if extra:
            parts.append(f"{extra} of your ticks {'does' if extra == 1 else 'do'} not belong")
        return Feedback(False, f"{len(target & given)} of {len(target)} right; "
                               + " and ".join(parts) + ".")

    return judge


# ---------------------------------------------------------------- the rules


@dataclass
class Attempts:
    """What one student has tried on one exercise, and what the exercise says back.

    ``hints`` are given in order, one per wrong attempt (or per *Hint* press); an invalid answer
    (nothing chosen, not a number) uses no hint. The answer is shown only by :meth:`reveal`,
    which is allowed after one real attempt or once every hint has been seen.
    """

    judge: Callable[[object], Feedback]
    hints: Sequence[str]
    wrong: int = 0
    hints_seen: int = 0
    solved: bool = False
    tried: bool = False

    def __post_init__(self) -> None:
        if len(self.hints) < 2:
            raise ValueError("an exercise needs at least two hints, given in stages")

    @property
    def may_reveal(self) -> bool:
        """True once the answer may be shown: after an attempt, or when the hints have run out."""
        return self.tried or self.hints_seen >= len(self.hints)

    def next_hint(self) -> str:
        """The next hint (the last one again once all have been seen), as 'Hint k of n: ...'."""
        self.hints_seen = min(self.hints_seen + 1, len(self.hints))
        k = self.hints_seen
        return f"Hint {k} of {len(self.hints)}: {self.hints[k - 1]}"

    def submit(self, answer: object) -> tuple[str, str]:
        """Check ``answer``; return ``(kind, text)`` with kind 'ok', 'hint' or 'invalid'."""
        try:
            verdict = self.judge(answer)
        except (TypeError, ValueError) as exc:
            return "invalid", str(exc)
        if verdict.correct:
            self.solved = self.tried = True
            return "ok", f"Correct. {verdict.message}"
        if not self._is_attempt(answer, verdict):
            return "invalid", verdict.message
        self.tried = True
        self.wrong += 1
        return "hint", f"Not yet. {verdict.message} {self.next_hint()}"

    @staticmethod
    def _is_attempt(answer: object, verdict: Feedback) -> bool:
        empty = answer is None or (isinstance(answer, str | tuple | list | set | frozenset)
                                   and not answer)
        return not empty and not verdict.message.startswith(("Type ", "Choose ", "Tick "))


# ---------------------------------------------------------------- widgets


def _box(kind: str, text: str) -> str:
    colours = {"ok": ("#007A5A", "#eefaf5"), "hint": ("#8A5A00", "#fff8e8"),
               "invalid": ("#0072B2", "#eef6fb"), "answer": ("#4B3B8F", "#f3f0fb")}
    border, background = colours[kind]
    return (f'<div style="border-left:5px solid {border};background:{background};'
            f'padding:6px 10px;margin:4px 0;font-size:15px">{escape(text)}</div>')


def shown_text(area: widgets.HTML) -> str:
    """The plain text a feedback area shows now (tags removed), for tests and screen readers."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", area.value)).split())


def _feedback_area() -> widgets.HTML:
    area = widgets.HTML("")
    area.add_class("pto-feedback")  # page_support.js makes it a polite live region
    return area


@dataclass
class Exercise:
    """A checkable exercise shown as a widget: question, input, Check / Hint / Show answer.

    ``answer`` returns the worked answer (computed from the data, so it stays right when the
    data change); it is only called when the student asks for it. ``options`` are
    ``(label, value)`` pairs for the choice and ticks kinds.
    """

    title: str
    question: str
    kind: Kind
    judge: Callable[[object], Feedback]
    hints: Sequence[str]
    answer: Callable[[], str]
    options: Sequence[tuple[str, str]] = ()
    unit: str = ""
    attempts: Attempts = field(init=False)

    def __post_init__(self) -> None:
        self.attempts = Attempts(self.judge, self.hints)
        self.input = self._make_input()
        self.feedback = _feedback_area()
        self.check_button = widgets.Button(description="Check", button_style="primary",
                                           tooltip="Check your answer")
        self.hint_button = widgets.Button(description="Hint", tooltip="Show the next hint")
        self.answer_button = widgets.Button(
            description="Show answer", disabled=True,
            tooltip="Available after your first attempt, or once you have seen every hint")
        self.check_button.on_click(lambda _b: self._check())
        self.hint_button.on_click(lambda _b: self._hint())
        self.answer_button.on_click(lambda _b: self._reveal())
        heading = widgets.HTML(f"<b>{escape(self.title)}.</b> {escape(self.question)}")
        parts = [heading] + ([self.input] if self.input is not None else [])
        parts += [widgets.HBox([self.check_button, self.hint_button, self.answer_button]),
                  self.feedback]
        self.widget = widgets.VBox(parts, layout=widgets.Layout(
            border="1px solid #bbb", padding="8px 12px", margin="8px 0", max_width="900px"))
        self.widget.add_class("pto-exercise")

    def _make_input(self) -> widgets.Widget | None:
        label = "Your answer"
        if self.kind == "choice":
            return widgets.RadioButtons(options=list(self.options), value=None,
                                        description=label, layout={"width": "max-content"},
                                        style={"description_width": "initial"})
        if self.kind == "ticks":
            self._ticks = [widgets.Checkbox(value=False, description=lab, indent=False)
                           for lab, _value in self.options]
            return widgets.VBox(self._ticks, layout={"margin": "4px 0"})
        if self.kind in ("number", "text"):
            return widgets.Text(description=label, placeholder=self.unit or "type here",
                                style={"description_width": "initial"},
                                continuous_update=False)
        return None

    def value(self) -> object:
        """What the student has entered (None for a panel exercise)."""
        if self.kind == "ticks":
            return tuple(v for (_lab, v), box in zip(self.options, self._ticks, strict=True)
                         if box.value)
        return None if self.input is None else self.input.value

    def _check(self) -> None:
        kind, text = self.attempts.submit(self.value())
        self.feedback.value = _box(kind, text)
        self.answer_button.disabled = not self.attempts.may_reveal

    def _hint(self) -> None:
        self.feedback.value = _box("hint", self.attempts.next_hint())
        self.answer_button.disabled = not self.attempts.may_reveal

    def _reveal(self) -> None:
        if self.attempts.may_reveal:
            self.feedback.value = _box("answer", f"Answer: {self.answer()}")

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


# ---------------------------------------------------------------- reasoning questions


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


@dataclass
class ReasoningQuestion:
    """A short written answer, then a model answer and a rubric to mark it against.

    Built from ``data/reasoning_questions.csv`` (question, model answer, sources) and
    ``data/rubric_criteria.csv`` (what a good answer does, with points). The student's text is
    never cleared; *Download my answer* saves it as a text file.
    """

    question_id: str

    def __post_init__(self) -> None:
        from helpers.core.data import load_table, short_refs
        from helpers.core.download import DownloadButton

        questions = load_table("reasoning_questions").set_index("question_id")
        if self.question_id not in questions.index:
            raise KeyError(f"no reasoning question '{self.question_id}' in "
                           "data/reasoning_questions.csv")
        row = questions.loc[self.question_id]
        criteria = load_table("rubric_criteria")
        self.rubric = criteria[criteria["question_id"] == self.question_id].sort_values("order")
        self.question, self.model_answer = row["question"], row["model_answer"]
        self.sources = short_refs(row["source"])
        self.text = widgets.Textarea(placeholder="Write three to six sentences.",
                                     layout={"width": "100%", "height": "120px"},
                                     description="Your answer",
                                     style={"description_width": "initial"})
        self.feedback = _feedback_area()
        self.compare_button = widgets.Button(
            description="Compare with a model answer", button_style="primary",
            layout={"width": "max-content"},
            tooltip=f"Write at least {MIN_WORDS} words first")
        self.compare_button.on_click(lambda _b: self.compare())
        self.download = DownloadButton(self._file, mime="text/plain",
                                       description="Download my answer",
                                       tooltip="Save your answer as a text file")
        heading = widgets.HTML(f"<b>Reasoning question {escape(self.question_id)}.</b> "
                               f"{escape(self.question)}")
        self.widget = widgets.VBox(
            [heading, self.text, widgets.HBox([self.compare_button, self.download]),
             self.feedback],
            layout=widgets.Layout(border="1px solid #bbb", padding="8px 12px", margin="8px 0",
                                  max_width="900px"))
        self.widget.add_class("pto-exercise")

    def compare(self) -> str:
        """Show the model answer and rubric once the student has written enough; return kind."""
        n = _words(self.text.value)
        if n < MIN_WORDS:
            self.feedback.value = _box(
                "invalid", f"You have written {n} words. Write at least {MIN_WORDS} (three or "
                "more sentences) before comparing: the comparison teaches more once your own "
                "argument is down.")
            return "invalid"
        items = "".join(f"<li>{escape(c)} ({p:g} point{'s' if p != 1 else ''})</li>"
                        for c, p in zip(self.rubric["criterion"], self.rubric["points"],
                                        strict=True))
        total = self.rubric["points"].sum()
        self.feedback.value = (
            '<div style="border-left:5px solid #4B3B8F;background:#f3f0fb;padding:6px 10px;'
            'margin:4px 0;font-size:15px"><b>A model answer</b> (one good answer among many) '
            f"<p>{escape(self.model_answer)} {escape(self.sources)}</p>"
            f"<b>Mark your own answer</b> ({total:g} points):<ul>{items}</ul></div>")
        return "answer"

    def _file(self) -> tuple[str, str]:
        body = f"{self.question_id}: {self.question}\n\n{self.text.value}\n"
        return f"answer_{self.question_id.replace('.', '_')}.txt", body

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)
