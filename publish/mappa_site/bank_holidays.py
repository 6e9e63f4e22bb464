"""Write the England and Wales bank-holiday data file from the ``holidays`` package.

Run ``make bank-holidays`` (or ``python -m mappa_site.bank_holidays``) once a year, or whenever a
bank holiday is added or moved, and commit the result.  The rule package reads the JSON file only:
it never computes holidays itself, and it refuses a working-day sum outside the years covered.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

import holidays

OUT = Path(__file__).resolve().parents[2] / "rules" / "mappa_rules" / "data" / "bank_holidays_england_wales.json"


def generate(first_year: int, last_year: int) -> dict:
    # England and Wales share one list of bank holidays; the package calls the subdivision "ENG"
    # (Wales, "WLS", gives the same days).
    eng = holidays.country_holidays("GB", subdiv="ENG", years=range(first_year, last_year + 1))
    days = sorted(eng.items())
    return {
        "description": "Bank holidays in England and Wales",
        "generated_by": f"python -m mappa_site.bank_holidays (holidays {holidays.__version__})",
        "generated_on": dt.date.today().isoformat(),
        "first_year": first_year,
        "last_year": last_year,
        "holidays": [{"date": d.isoformat(), "name": name} for d, name in days],
    }


def main() -> None:
    this_year = dt.date.today().year
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--first-year", type=int, default=2015)
    parser.add_argument("--last-year", type=int, default=this_year + 10)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    data = generate(args.first_year, args.last_year)
    args.out.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(data['holidays'])} bank holidays for {args.first_year}-{args.last_year} to {args.out}")


if __name__ == "__main__":
    main()
