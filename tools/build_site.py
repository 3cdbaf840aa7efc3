"""Build a read-only, offline HTML version of every notebook.

Usage: python tools/build_site.py [--out site] [--jobs N] [--timeout SECONDS]

Executes notebooks/*.ipynb and notebooks/instructor/*.ipynb offline, shows every interactive
panel as a static snapshot of its default settings, and writes one page per notebook, an
index.html and a local plotly.min.js into --out. Exits 1 with the reasons if a notebook errors
or a link in the site is broken. The work is done by tools/site.py.
"""

from __future__ import annotations

import sys

from tools.site import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
