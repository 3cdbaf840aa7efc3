"""The instructor kit: class results, role cards and answer keys."""
