"""Notebooks 00-04: the Cold War record (timeline, alliance network, NATO-likeness, SEATO)."""
