"""Build step: whom to tell about an accessibility problem, in the accessibility statement.

Each organisation that runs a copy of the site names its own contact when it builds it::

    MAPPA_CONTACT=accessibility@example.org make build      # an email address
    MAPPA_CONTACT=https://example.org/report-a-problem make build   # or a page or form (https)

``docs/about/accessibility.md`` includes what this step writes, ``build/contact.md``.  Without a
contact the statement says so and tells the reader to ask whoever gave them the site's address;
``mappa-check-deploy`` warns about a deployment in that state.  A value that is neither an email
address nor an https address stops the build, with a message.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from mappa_answers.markup import el

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "build" / "contact.md"
ENV = "MAPPA_CONTACT"

_EMAIL = re.compile(r"[^@\s<>\"'()\[\]\\,;:]+@[^@\s<>\"'()\[\]\\,;:]+\.[A-Za-z]{2,}")
_WEB = re.compile(r"https://[^\s<>\"'\\]+")


def paragraph(contact: str) -> str:
    """The statement's paragraph for a contact (an email address, an https address, or empty).
    ``mappa-check-deploy`` looks for the ``data-mappa-contact="missing"`` of a statement without one."""
    contact = contact.strip()
    if not contact:
        return str(el("p", {"data-mappa-contact": "missing"},
                      "No contact address has been given for this copy of the site yet. Until one is listed here, "
                      "tell the person or team who gave you the address of this site."))
    if _EMAIL.fullmatch(contact):
        return str(el("p", {"data-mappa-contact": "email"},
                      "Send your report by email to ", el("a", {"href": f"mailto:{contact}"}, contact), "."))
    if _WEB.fullmatch(contact):
        return str(el("p", {"data-mappa-contact": "web"},
                      "Send your report through ", el("a", {"href": contact}, contact), "."))
    raise SystemExit(f"contact: {ENV}={contact!r} is neither an email address nor an https:// address: set it to "
                     "the address people should send accessibility reports to (or leave it unset)")


def build(out: Path = OUT) -> str:
    text = paragraph(os.environ.get(ENV, "")) + "\n"
    out.parent.mkdir(parents=True, exist_ok=True)
    if not out.exists() or out.read_text(encoding="utf-8") != text:
        out.write_text(text, encoding="utf-8")
    return text
