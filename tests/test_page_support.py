"""The page support widget: the kernel answers the page, and the banner says what to do."""

from __future__ import annotations

from helpers.core.page_support import LOST_MESSAGE, PageSupport


def test_the_kernel_answers_every_ping_with_the_same_number(monkeypatch):
    support = PageSupport()
    sent = []
    monkeypatch.setattr(support, "send", lambda content, buffers=None: sent.append(content))
    support._answer(support, {"ping": 7}, [])
    support._answer(support, {"something": "else"}, [])
    assert sent == [{"pong": 7}]


def test_the_banner_says_what_happened_and_how_to_recover():
    assert "connection to Python was lost" in LOST_MESSAGE
    assert "Reload the page" in LOST_MESSAGE and "Restart Kernel and Run All" in LOST_MESSAGE
    assert PageSupport().message == LOST_MESSAGE
