"""The plan's rules on citizens' satisfaction (``[[satisfaction_rules]]``): which criterion a month's satisfaction
rate, a verified praise and a verified complaint count as, and whom they apply to. Data of the plan, read here.

A rate rule has bands: ``below = 90`` takes a month whose rate is under 90 %, ``from = 98`` one at 98 % or more;
of several bands a rate falls in, the one furthest out binds (under 80 % is not also under 90 %). A month with
fewer ratings than ``min_ratings`` has no rate that counts. ``applies_to`` names the departments and positions
that serve citizens; whoever is in neither is not subject to the rule: no item, no penalty.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ward_office.core.plan_values import Path
from ward_office.i18n import N_
from ward_office.i18n.text import fold

if TYPE_CHECKING:
    from ward_office.core.plan_entered import EnteredPlanValues


class SatisfactionTrigger(StrEnum):
    RATE = "rate"  # a month's satisfaction rate, from ratings and survey tallies
    PRAISE = "praise"  # a citizen's praise the head verified
    COMPLAINT = "complaint"  # a citizen's complaint the head verified


@dataclass(frozen=True, slots=True)
class RateBand:
    """A rate ``below`` a percentage (or ``from`` one on) counts as one occurrence of ``criterion_code``."""

    criterion_code: str
    below: Fraction | None = None  # percent
    at_least: Fraction | None = None  # percent (the plan's ``from``)

    def takes(self, percent: Fraction) -> bool:
        return percent < self.below if self.below is not None else percent >= (self.at_least or Fraction(0))


@dataclass(frozen=True, slots=True)
class SatisfactionRule:
    on: SatisfactionTrigger
    criterion_code: str = ""  # PRAISE, COMPLAINT: the criterion each verified one counts as
    bands: tuple[RateBand, ...] = ()  # RATE: the bands, ``below`` ones lowest first, then ``from`` highest first
    min_ratings: int = 1  # RATE: a month with fewer ratings has no rate that counts
    departments: tuple[str, ...] = ()  # applies to people of these departments (names) …
    positions: tuple[str, ...] = ()  # … or holding these positions; neither given: to everyone

    def applies_to(self, position: str, department: str) -> bool:
        if not self.departments and not self.positions:
            return True
        return fold(department) in {fold(name) for name in self.departments} or fold(position) in {
            fold(name) for name in self.positions}

    def band_for(self, percent: Fraction) -> RateBand | None:
        """The band a rate (in percent) falls in, the one furthest out; None: the rate costs and earns nothing."""
        return next((band for band in self.bands if band.takes(percent)), None)

    @property
    def criterion_codes(self) -> tuple[str, ...]:
        return tuple(band.criterion_code for band in self.bands) if self.bands else (self.criterion_code,)


def read_satisfaction_rules(reader: EnteredPlanValues, data: Mapping[str, Any],
                            criteria: Mapping[str, Any]) -> list[SatisfactionRule]:
    """The plan's ``[[satisfaction_rules]]``, each mistake recorded with its line; a rule with one is left out."""
    rules: list[SatisfactionRule] = []
    for index, item in enumerate(reader.items(data, "satisfaction_rules", (), required=False)):
        rule = reader.attempt(_rule, reader, item, ("satisfaction_rules", index), criteria, rules)
        if rule is not None:
            rules.append(rule)
    return rules


def _rule(reader: EnteredPlanValues, item: Mapping[str, Any], where: Path, criteria: Mapping[str, Any],
          earlier: Sequence[SatisfactionRule]) -> SatisfactionRule:
    on = reader.choice(item, "on", where, SatisfactionTrigger)
    if any(rule.on is on for rule in earlier):
        raise reader.fail(where, N_("“{key}” = “{trigger}” is given in two rules"), trigger=on.value, key="on")
    departments, positions = _applies_to(reader, item, where)
    if on is not SatisfactionTrigger.RATE:
        for key in ("bands", "min_ratings"):
            if key in item:
                raise reader.fail(where, N_("“{key}” belongs to a rule on “rate” only"), key=key)
        code = _criterion(reader, item, "criterion", where, criteria)
        return SatisfactionRule(on, code, departments=departments, positions=positions)
    if "criterion" in item:
        raise reader.fail(where, N_("a rule on “rate” names its criteria in “bands”"), key="criterion")
    min_ratings = reader.integer(item, "min_ratings", where) if "min_ratings" in item else 1
    bands = _bands(reader, item, where, criteria)
    return SatisfactionRule(on, bands=bands, min_ratings=min_ratings, departments=departments, positions=positions)


def _criterion(reader: EnteredPlanValues, item: Mapping[str, Any], key: str, where: Path,
               criteria: Mapping[str, Any]) -> str:
    code = reader.text(item, key, where)
    if code not in criteria:
        raise reader.fail(where, N_("no criterion has the code “{code}”"), code=code, key=key)
    reader.not_entered(criteria, code, where, key)
    return code


def _bands(reader: EnteredPlanValues, item: Mapping[str, Any], where: Path,
           criteria: Mapping[str, Any]) -> tuple[RateBand, ...]:
    """The bands: each with ``below`` or ``from`` (a percentage above 0, at most 100), thresholds different, every
    ``below`` at or under every ``from`` so that no rate falls on both sides."""
    below: list[RateBand] = []
    at_least: list[RateBand] = []
    for index, band in enumerate(reader.items(item, "bands", where)):
        band_where = (*where, "bands", index)
        if ("below" in band) == ("from" in band):
            raise reader.fail(band_where, N_("give either “below” or “from”"))
        key = "below" if "below" in band else "from"
        percent = reader.number(band, key, band_where)
        if not 0 < percent <= 100:
            raise reader.fail(band_where, N_("“{key}” must be a percentage above 0 and at most 100"), key=key)
        code = _criterion(reader, band, "criterion", band_where, criteria)
        if key == "below":
            below.append(RateBand(code, below=percent))
        else:
            at_least.append(RateBand(code, at_least=percent))
    lows = [band.below or Fraction(0) for band in below]
    highs = [band.at_least or Fraction(0) for band in at_least]
    if len(set(lows + highs)) != len(lows + highs) or (lows and highs and max(lows) > min(highs)):
        raise reader.fail(where, N_("the bands must have different thresholds, every “below” at or under every "
                                    "“from”"), key="bands")
    below.sort(key=lambda band: band.below or 0)
    at_least.sort(key=lambda band: band.at_least or 0, reverse=True)
    return (*below, *at_least)


def _applies_to(reader: EnteredPlanValues, item: Mapping[str, Any],
                where: Path) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if "applies_to" not in item:
        return (), ()
    value = reader.table(item, "applies_to", where)
    found: list[tuple[str, ...]] = []
    for key in ("departments", "positions"):
        names = value.get(key, [])
        if not isinstance(names, list) or not all(isinstance(name, str) and name.strip() for name in names):
            raise reader.fail((*where, "applies_to"), N_("“{key}” must be a list of names"), key=key)
        found.append(tuple(name.strip() for name in names))
    if not found[0] and not found[1]:
        raise reader.fail(where, N_("“applies_to” must name at least one department or position"), key="applies_to")
    return found[0], found[1]
