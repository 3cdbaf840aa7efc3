"""Build a treaty and see who drops out: the depth-versus-breadth trade-off.

The reader chooses four provisions:

* the **obligation**: ``consultation`` (partners promise to consult, like the Camp David
  commitment) or ``defence`` (an attack on one is an attack on all, like NATO's Article 5);
* the **scope**: which theatres the treaty covers (the Korean peninsula, the East China Sea, the
  South China Sea, the Taiwan Strait);
* a **standing command** (integrated military planning and headquarters) or none;
* **Taiwan** in or out as a member.

Each provision raises each state's joining threshold in the coalition model
(:mod:`helpers.today.coalition`) by a *cost*. The cost rules are the package authors' **judgement**,
written out below; the numbers they use come from the data:

* defence obligation: +0.10 for a state that already has a US defence pact (it has accepted one
  before), +0.25 for any other state;
* each theatre in scope: +0.06 x (distance from the capital to the theatre / 4,000 km, at most 1):
  distant contingencies are harder to sell at home;
* the Taiwan Strait in scope: a further +0.15 x the state's trade dependence on China (China's
  share of its trade with the US and China together), the war that partners most fear;
* a standing command: +0.08, and +0.07 more for a state without a US defence pact (no habit of
  combined planning with the US);
* Taiwan as a member: +0.05 + 0.25 x trade dependence on China (Beijing would read it as a
  challenge to its core claim);
* a **red line** is a refusal: a state whose role card (``data/role_cards.csv``) names a war over
  Taiwan among its red lines does not sign any design with a *Taiwan clause* (the Taiwan Strait
  in scope, or Taiwan as a member), whatever its indicators say, and it cannot be seeded into one
  (column ``red_line``, an infinite cost). The cards and the model tell one story: Seoul cannot
  stay in a Taiwan pact that Tokyo has left.

A state joins the treaty if it would join the coalition with its threshold raised by these costs.
Because every cost is 0 or more, adding a provision never brings a state in. The **depth index**
(0-10, judgement) summarises how demanding a design is: defence 4 or consultation 1, 0.75 per
theatre, command 2, Taiwan 1.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.core.data import cached_by_data, load_table
from helpers.core.validation import ModelInputError
from helpers.today import coalition

OBLIGATIONS = ("consultation", "defence")
THEATRES = ("korea", "east_china_sea", "south_china_sea", "taiwan_strait")
THEATRE_LABELS = {"korea": "Korean peninsula", "east_china_sea": "East China Sea",
                  "south_china_sea": "South China Sea", "taiwan_strait": "Taiwan Strait"}
THEATRE_POINTS = {  # approximate reference points (lat, lon), judgement
    "korea": (38.0, 127.0), "east_china_sea": (27.0, 125.0),
    "south_china_sea": (12.0, 114.0), "taiwan_strait": (24.5, 119.5),
}
COST_DEFENCE_ALLY, COST_DEFENCE_OTHER = 0.10, 0.25
COST_THEATRE, THEATRE_FAR_KM = 0.06, 4000.0
COST_TAIWAN_SCOPE = 0.15
COST_COMMAND, COST_COMMAND_NO_PACT = 0.08, 0.07
COST_TAIWAN_MEMBER_BASE, COST_TAIWAN_MEMBER_TRADE = 0.05, 0.25
EARTH_RADIUS_KM = 6371.0


@dataclass(frozen=True)
class Design:
    """A treaty design chosen by the reader."""

    obligation: str = "consultation"
    scope: tuple[str, ...] = ()
    standing_command: bool = False
    taiwan_member: bool = False

    def __post_init__(self):
        if self.obligation not in OBLIGATIONS:
            raise ModelInputError(f"The obligation must be one of {', '.join(OBLIGATIONS)}, "
                                  f"not {self.obligation!r}.")
        bad = [t for t in self.scope if t not in THEATRES]
        if bad:
            raise ModelInputError(f"Unknown theatre(s) {bad}; choose from {', '.join(THEATRES)}.")
        object.__setattr__(self, "scope", tuple(t for t in THEATRES if t in self.scope))

    @property
    def depth(self) -> float:
        """Depth index 0-10 (judgement): how demanding the design is."""
        return ((4.0 if self.obligation == "defence" else 1.0) + 0.75 * len(self.scope)
                + (2.0 if self.standing_command else 0.0) + (1.0 if self.taiwan_member else 0.0))

    @property
    def taiwan_clause(self) -> bool:
        """True if the design covers the Taiwan Strait or admits Taiwan as a member."""
        return "taiwan_strait" in self.scope or self.taiwan_member

    @property
    def label(self) -> str:
        """A short description, e.g. 'defence; Korea + Taiwan Strait; command; Taiwan in'."""
        scope = " + ".join(THEATRE_LABELS[t] for t in self.scope) or "no named theatre"
        parts = [self.obligation, scope]
        if self.standing_command:
            parts.append("standing command")
        if self.taiwan_member:
            parts.append("Taiwan in")
        return "; ".join(parts)


@dataclass(frozen=True)
class TreatyResult:
    """Who joins a treaty design, and who drops out compared with the loosest design."""

    design: Design
    members: tuple[str, ...]  # joining order; the US first (Taiwan last if a member)
    dropped: tuple[str, ...]  # in the loosest design's coalition but not in this one
    costs: pd.DataFrame  # state x provision cost, plus 'total'
    coalition: coalition.Coalition


def haversine_km(lat1, lon1, lat2, lon2):
    """Great-circle distance in km (arrays allowed)."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dphi, dlmb = p2 - p1, np.radians(np.asarray(lon2) - np.asarray(lon1))
    a = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(a))


def theatre_distances(data_dir=None) -> pd.DataFrame:
    """Distance (km) from each candidate's capital to each theatre's reference point."""
    places = load_table("countries", data_dir).set_index("country")
    places = places.loc[list(coalition.CANDIDATES)]
    return pd.DataFrame({t: haversine_km(places["lat"], places["lon"], *THEATRE_POINTS[t])
                         for t in THEATRES}, index=places.index)


@dataclass(frozen=True)
class _CostInputs:
    """What the provision costs depend on, as arrays aligned with the candidates."""

    index: pd.Index
    ally: np.ndarray  # has a US defence or consultation tie
    china_dependence: np.ndarray  # 1 - trade component
    far: np.ndarray  # candidates x theatres, distance / THEATRE_FAR_KM capped at 1
    taiwan_red_line: np.ndarray  # its role card names a war over Taiwan as a red line

    @classmethod
    def of(cls, comps: pd.DataFrame, distances: pd.DataFrame) -> _CostInputs:
        far = distances.loc[comps.index, list(THEATRES)].to_numpy(dtype=float) / THEATRE_FAR_KM
        red = comps.index.isin(taiwan_red_lines())
        return cls(comps.index, comps["ties"].to_numpy(dtype=float) >= 1.0,
                   1.0 - comps["trade"].to_numpy(dtype=float), np.minimum(far, 1.0), red)


@cached_by_data
def taiwan_red_lines(data_dir=None) -> frozenset[str]:
    """States whose role card lists a war over Taiwan among its red lines."""
    cards = load_table("role_cards", data_dir)
    red = cards[(cards["field"] == "red_line") & cards["text"].str.contains("Taiwan")]
    return frozenset(red["country"]) - {"CHN"}


def _cost_arrays(design: Design, inputs: _CostInputs) -> dict[str, np.ndarray]:
    zero = np.zeros(len(inputs.index))
    scope = zero.copy()
    for theatre in design.scope:
        scope = scope + COST_THEATRE * inputs.far[:, THEATRES.index(theatre)]
        if theatre == "taiwan_strait":
            scope = scope + COST_TAIWAN_SCOPE * inputs.china_dependence
    values = {
        "obligation": (np.where(inputs.ally, COST_DEFENCE_ALLY, COST_DEFENCE_OTHER)
                       if design.obligation == "defence" else zero),
        "scope": scope,
        "standing_command": (COST_COMMAND + np.where(inputs.ally, 0.0, COST_COMMAND_NO_PACT)
                             if design.standing_command else zero),
        "taiwan_member": (COST_TAIWAN_MEMBER_BASE
                          + COST_TAIWAN_MEMBER_TRADE * inputs.china_dependence
                          if design.taiwan_member else zero),
        "red_line": (np.where(inputs.taiwan_red_line, np.inf, 0.0)
                     if design.taiwan_clause else zero),
    }
    values["total"] = sum(values.values())
    return values


def provision_costs(design: Design, comps: pd.DataFrame, distances: pd.DataFrame) -> pd.DataFrame:
    """Each state's threshold increase from each provision (judgement rules in the docstring)."""
    inputs = _CostInputs.of(comps, distances)
    return pd.DataFrame(_cost_arrays(design, inputs), index=inputs.index)


def build_treaty(design: Design, weights: Mapping[str, float] | None = None,
                 threshold: float = coalition.DEFAULT_THRESHOLD,
                 pull: float = coalition.DEFAULT_PULL, seeds: Iterable[str] = (), *,
                 comps: pd.DataFrame | None = None, trust=None,
                 distances: pd.DataFrame | None = None) -> TreatyResult:
    """Who would sign ``design``, and who drops out compared with the loosest design."""
    weights = coalition.equal_weights() if weights is None else weights
    comps = coalition.components(coalition.load_raw()) if comps is None else comps
    trust = coalition.load_trust() if trust is None else trust
    distances = theatre_distances() if distances is None else distances
    incl = coalition.inclination(comps, weights)
    base = float(threshold)
    loose = coalition.cascade(incl, trust, base, pull, seeds)
    costs = provision_costs(design, comps, distances)
    seeds = _willing_seeds(design, seeds)
    result = coalition.cascade(incl, trust, base + costs["total"], pull, seeds)
    members = result.members + (("TWN",) if design.taiwan_member else ())
    dropped = tuple(c for c in loose.members if c not in result.members)
    return TreatyResult(design, members, dropped, costs, result)


def _willing_seeds(design: Design, seeds: Iterable[str]) -> tuple[str, ...]:
    """The seeds that may start in ``design``: a red line on Taiwan overrides a seeding."""
    refusing = taiwan_red_lines() if design.taiwan_clause else frozenset()
    return tuple(s for s in seeds if s not in refusing)


def all_designs() -> list[Design]:
    """Every combination of the four provisions (2 x 16 x 2 x 2 = 128 designs)."""
    scopes = [tuple(t for t, on in zip(THEATRES, bits, strict=True) if on)
              for bits in itertools.product((False, True), repeat=len(THEATRES))]
    return [Design(o, s, c, t) for o in OBLIGATIONS for s in scopes
            for c in (False, True) for t in (False, True)]


@cached_by_data
def depth_breadth(weights: Mapping[str, float] | None = None,
                  threshold: float = coalition.DEFAULT_THRESHOLD,
                  pull: float = coalition.DEFAULT_PULL, seeds: Iterable[str] = (), *,
                  comps=None, trust=None, distances=None) -> pd.DataFrame:
    """Depth index and number of signatories (excluding the US and Taiwan) for every design."""
    weights = coalition.equal_weights() if weights is None else weights
    comps = coalition.components(coalition.load_raw()) if comps is None else comps
    trust = coalition.load_trust() if trust is None else trust
    distances = theatre_distances() if distances is None else distances
    incl = coalition.inclination(comps, weights)
    inputs = _CostInputs.of(comps, distances)
    designs = all_designs()
    order = inputs.index.get_indexer(incl.index)  # candidates in the inclination's order
    thresholds = np.array([float(threshold) + _cost_arrays(d, inputs)["total"][order]
                           for d in designs])
    seeds = tuple(seeds)
    runs = {clause: coalition.cascade_members(
        incl, trust, thresholds, pull, _willing_seeds(Design(taiwan_member=clause), seeds))
        for clause in (False, True)}
    rows = []
    for i, design in enumerate(designs):
        members = runs[design.taiwan_clause][i]
        signers = [c for c in members if c != coalition.HUB]
        rows.append({"design": design.label, "depth": design.depth, "breadth": len(signers),
                     "members": ", ".join(signers), "obligation": design.obligation,
                     "theatres": len(design.scope), "standing_command": design.standing_command,
                     "taiwan_member": design.taiwan_member})
    return pd.DataFrame(rows)


def describe(result: TreatyResult) -> str:
    """Who signs and who drops out, in a sentence."""
    names = coalition.NAMES
    signers = [names.get(c, c) for c in result.members if c != coalition.HUB]
    text = (f"Design ({result.design.label}; depth {result.design.depth:g} of 10): the United "
            f"States is joined by {len(signers)} ({', '.join(signers) or 'nobody'}).")
    if result.dropped:
        text += (" Compared with a consultation-only pact, "
                 f"{', '.join(names.get(c, c) for c in result.dropped)} drop out.")
    else:
        text += " Nobody drops out compared with a consultation-only pact."
    return text


def frontier(table: pd.DataFrame) -> pd.DataFrame:
    """The most members reachable at each depth or less (the depth-breadth frontier)."""
    best = table.groupby("depth")["breadth"].max().sort_index(ascending=False).cummax()
    return best.sort_index().rename("max_breadth").reset_index()

