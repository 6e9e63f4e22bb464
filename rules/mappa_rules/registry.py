"""Every calculator, in the order the site lists them.  Adding one here is all a new calculator needs."""

from __future__ import annotations

from .core import Calculator
from . import category, level, status_end, scr, shared_accommodation, disclosure, dtc_duties

CALCULATORS: dict[str, Calculator] = {
    m.CALCULATOR.id: m.CALCULATOR
    for m in (category, level, status_end, scr, shared_accommodation, disclosure, dtc_duties)
}
