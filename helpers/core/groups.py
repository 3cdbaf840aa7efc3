"""The groups of countries the notebooks compare, defined once (ISO 3166 alpha-3 codes).

Each name says what fixes membership, so a chart's label and its data always agree.
"""

from __future__ import annotations

EURO_FOUNDERS = ("BEL", "DNK", "FRA", "GBR", "ISL", "ITA", "LUX", "NLD", "NOR", "PRT")
"""NATO's ten European founding members (North Atlantic Treaty, 4 April 1949)."""

US_TREATY_ALLIES = ("JPN", "KOR", "PHL", "AUS", "NZL", "THA")
"""The six US treaty allies in the Asia-Pacific, the "spokes": the 1960 US-Japan treaty, the
1953 US-ROK treaty, the 1951 US-Philippines treaty, ANZUS (Australia; New Zealand, to which the
US suspended its own obligations in 1986) and the Manila Pact (Thailand)."""

TREATY_ALLIES_1950S = (*US_TREATY_ALLIES, "TWN")
"""The seven US treaty allies of the 1950s: the six plus Taiwan (the US-ROC treaty of 1954, in
force until 1 January 1980)."""

CANDIDATE_STATES = ("JPN", "KOR", "AUS", "NZL", "PHL", "THA", "SGP", "MYS", "IDN", "VNM", "IND")
"""The eleven candidate states of notebooks 05 and 07: the six treaty allies plus Singapore,
Malaysia, Indonesia, Vietnam and India. Not all are US partners: call them candidate states."""

GROUP_NAMES = {
    "EURO_FOUNDERS": "NATO's ten European founders",
    "US_TREATY_ALLIES": "the six US treaty allies in the Asia-Pacific",
    "TREATY_ALLIES_1950S": "the seven US treaty allies of the 1950s (with Taiwan)",
    "CANDIDATE_STATES": "the eleven candidate states",
}
