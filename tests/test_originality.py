"""The package paraphrases the 2013 answer and never copies its sentences: no run of eight words
from the seed text (other than the question itself) appears in any notebook, data file or doc."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tools.nbrun import REPO

SEED = REPO.parent / "shared" / "seed" / "cfr-ask-the-experts-asian-nato-2013.txt"
QUESTION = ("Will the United States set up a NATO-like Pacific Treaty Organization in Asia? "
            "If so, how?")
N = 8


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9'-]+", text.lower())


def ngrams(tokens: list[str], n: int = N) -> set[tuple[str, ...]]:
    return {tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1)}


def project_texts() -> list[Path]:
    patterns = ("notebooks/**/*.ipynb", "data/*.csv", "data/*.md", "*.md", "helpers/*.py")
    return [p for pattern in patterns for p in REPO.glob(pattern)
            if ".ipynb_checkpoints" not in p.parts]


@pytest.mark.skipif(not SEED.exists(), reason="shared/seed is not beside this checkout")
def test_no_eight_word_run_of_the_seed_is_copied():
    seed = SEED.read_text(encoding="utf-8").replace(QUESTION, " ")
    seed_grams = ngrams(words(seed))
    assert len(seed_grams) > 200
    copied = {}
    for path in project_texts():
        shared = seed_grams & ngrams(words(path.read_text(encoding="utf-8")))
        if shared:
            copied[str(path.relative_to(REPO))] = [" ".join(g) for g in sorted(shared)[:3]]
    assert not copied, f"copied wording from the seed: {copied}"


def test_the_check_would_catch_a_copy():
    text = "one two three four five six seven eight nine"
    assert ngrams(words(text)) & ngrams(words("x " + text))
