"""Shared helpers of the eligibility calculators: three-way findings and the 12-month sentence test.

A *finding* is the result of one test of the guidance on the facts given: met, not met, unknown (a
fact is missing) or for the Responsible Authority to decide (the guidance is silent or ambiguous).
Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .core import p

MET = "met"
NOT_MET = "not_met"
UNKNOWN = "unknown"
RA = "ra_decision"


@dataclass(frozen=True)
class Finding:
    """One test of the guidance: its status, why (plain English), the paragraphs, any flag codes."""

    status: str
    why: str = ""
    paras: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()  # facts that would settle an UNKNOWN
    fails_on: str = ""  # for NOT_MET: which part failed ("term", "offence", "court", ...)
    notes: tuple[tuple[str, tuple[str, ...]], ...] = field(default=())  # extra reasons (text, paras)


def all_of(parts: list[Finding]) -> Finding:
    """Every part must be met: one failure fails the whole; otherwise any RA question or gap shows."""
    failed = [f for f in parts if f.status == NOT_MET]
    if failed:
        first = failed[0]
        # flags of parts that cannot matter any more are dropped; those of met parts are kept
        flags = tuple(c for f in parts if f.status in (MET, NOT_MET) for c in f.flags)
        notes = tuple(n for f in parts if f.status in (MET, NOT_MET) for n in f.notes)
        return Finding(NOT_MET, first.why, first.paras, flags, (), first.fails_on, notes)
    status = RA if any(f.status == RA for f in parts) else UNKNOWN if any(f.status == UNKNOWN for f in parts) else MET
    undecided = [f for f in parts if f.status == status] if status != MET else parts
    why = " ".join(f.why for f in undecided if f.why)
    paras = tuple(dict.fromkeys(x for f in undecided for x in f.paras))
    flags = tuple(c for f in parts for c in f.flags)
    missing = tuple(m for f in parts for m in f.missing)
    notes = tuple(n for f in parts for n in f.notes)
    return Finding(status, why, paras, flags, missing, "", notes)


def any_of(parts: list[Finding]) -> str:
    """The status of "at least one route is met"."""
    statuses = {f.status for f in parts}
    for s in (MET, RA, UNKNOWN):
        if s in statuses:
            return s
    return NOT_MET


# ---------------------------------------------------------------------------
# "12 months or more" (6.8 first bullet for Category 2; 6.26 first bullet for Category 4)
# ---------------------------------------------------------------------------

TERM_UNITS = ("days", "weeks", "months", "years")


def term_meets_12_months(value: int | None, unit: str | None, indeterminate: bool, for_category4: bool = False) -> Finding:
    """Does a term of imprisonment or detention reach 12 months or more?

    The guidance states two fixed points: indeterminate sentences count, and a 52-week sentence is
    less than 12 months.  The term is compared in the unit the court used; it is never converted
    from months into weeks.
    """
    paras = (p("6.26"),) if for_category4 else (p("6.8"),)
    if indeterminate:
        return Finding(MET, "An indeterminate sentence (life, IPP or detention at His Majesty's pleasure) "
                            "counts as 12 months or more.", paras)
    if unit not in TERM_UNITS or value is None:
        return Finding(UNKNOWN, "The length of the sentence for this offence is not known.", paras,
                       missing=("the length of the sentence for this offence on its own",))
    if unit == "years":
        ok = value >= 1
        flags = ("EXACTLY_12_MONTHS_WORDING",) if value == 1 else ()
        return Finding(MET if ok else NOT_MET, f"{value} year{'s' if value != 1 else ''} is "
                       f"{'12 months or more' if ok else 'less than 12 months'}.", paras, flags, fails_on="term")
    if unit == "months":
        ok = value >= 12
        flags = ("EXACTLY_12_MONTHS_WORDING",) if value == 12 else ()
        return Finding(MET if ok else NOT_MET, f"{value} month{'s' if value != 1 else ''} is "
                       f"{'12 months or more' if ok else 'less than 12 months'}.", paras, flags, fails_on="term")
    if unit == "weeks":
        if value <= 52:
            return Finding(NOT_MET, f"{value} weeks is less than 12 months: the guidance says in terms that a "
                                    "sentence of 52 weeks does not reach 12 months.", paras, fails_on="term")
        return Finding(MET, f"{value} weeks is longer than any 12-month period (our inference: the guidance "
                            "only states that 52 weeks is not enough).", paras)
    # days
    if value <= 364:
        return Finding(NOT_MET, f"{value} days is less than 12 months (52 weeks is 364 days, which the "
                                "guidance says is less than 12 months).", paras, fails_on="term")
    if value >= 366:
        return Finding(MET, f"{value} days is longer than any 12-month period (our inference: the guidance "
                            "does not deal with terms in days).", paras)
    return Finding(RA, "A term of exactly 365 days is 12 months from some dates but not from others "
                       "(a year with 29 February has 366 days); the guidance does not say how to treat it.",
                   paras, ("TERM_OF_365_DAYS",))


def term_in_months(value: int | None, unit: str | None) -> float | None:
    """A term given in months or years, in months (other units: None; never converted)."""
    if value is None:
        return None
    if unit == "months":
        return float(value)
    if unit == "years":
        return float(value * 12)
    return None
