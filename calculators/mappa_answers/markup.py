"""The one place where text becomes HTML: every string is escaped here, and nowhere else.

:func:`el` builds an element from a tag, attributes and children.  A child that is a plain ``str``
is text: its ISO dates are written as people write them (:func:`plain`) and it is escaped.  A child
that is :class:`Html` (what :func:`el` returns) is kept as it is.  Attribute values are escaped too.
No other function of this package writes ``<`` or ``&`` into its output.

Standard library only: this module runs in the browser's Pyodide as well as in CPython.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from typing import Any, Iterable, Mapping

from mappa_rules.core import local_document_title, long_date, paragraph_label

_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_ANCHOR = re.compile(r"^para-(\d{1,2}[ab]?)-(\d{1,3})(?:-([2-9]))?$")
_VOID = frozenset({"br", "hr", "input", "img", "meta", "link"})

# ``html.escape(text, quote=True)`` and ``urllib.parse.quote(text, safe="-_.!~*'()")``, written out
# here because importing those two modules cost the browser's interpreter about 200 ms of every cold
# start (they import ``html.entities`` and ``ipaddress``), for two functions of a few lines.
# tests/test_answers_render.py checks both against the standard library on any text.
_HTML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})
_URI_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()")


def html_escape(text: str) -> str:
    """``&``, ``<``, ``>`` and both quotes as character references (what ``html.escape`` does)."""
    return text.translate(_HTML_ESCAPES)


def uri_component(text: str) -> str:
    """Text encoded as JavaScript's ``encodeURIComponent`` encodes it: UTF-8, percent-encoded, but
    for letters, digits and ``-_.!~*'()``."""
    return "".join(c if c in _URI_UNRESERVED else "".join(f"%{b:02X}" for b in c.encode("utf-8")) for c in text)


class Html(str):
    """Markup that is already safe (made by :func:`el` or :func:`join`): never escaped again."""

    __slots__ = ()


def iso_to_date(value: Any) -> _dt.date | None:
    """The date of an ISO text (``2028-05-10``), or None."""
    if isinstance(value, _dt.date):
        return value
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        return None


def plain(text: Any) -> str:
    """A text as a person reads it: every real ISO date in it written out (``10 May 2028``)."""
    def long(m: re.Match[str]) -> str:
        d = iso_to_date(m.group(0))
        return long_date(d) if d else m.group(0)

    return _ISO_DATE.sub(long, "" if text is None else str(text))


def escape(text: Any) -> Html:
    """Escaped text (quotes too, so that it is safe in an attribute)."""
    return Html(html_escape(plain(text)))


def join(parts: Iterable[Any], sep: str = "") -> Html:
    """Children side by side (text escaped, markup kept), separated by the text ``sep``."""
    return Html(escape(sep).join(_child(p) for p in parts if p is not None and p != ""))


def _child(node: Any) -> str:
    if isinstance(node, Html):
        return node
    if isinstance(node, (list, tuple)):
        return join(node)
    return escape(node)


def el(tag: str, attrs: Mapping[str, Any] | None = None, *children: Any) -> Html:
    """``<tag attrs>children</tag>``.  Attributes whose value is None or False are left out; True
    gives a bare attribute.  Children: text (escaped), :class:`Html`, lists of those, None (skipped)."""
    out = ["<", tag]
    for name, value in (attrs or {}).items():
        if value is None or value is False:
            continue
        out.append(f" {name}" if value is True else f' {name}="{html_escape(str(value))}"')
    out.append(">")
    if tag in _VOID:
        return Html("".join(out))
    out.extend(_child(c) for c in children if c is not None and c != "")
    out.append(f"</{tag}>")
    return Html("".join(out))


# ---------------------------------------------------------------------------
# Abbreviations: the glossary's meaning of each, as a tooltip
# ---------------------------------------------------------------------------

#: Text inside these is never marked: a link, a button or a fold's summary does something when
#: pressed (an abbreviation there would be a control inside a control), and a term is marked once.
_NOT_MARKED_IN = frozenset({"a", "abbr", "button", "summary", "option", "textarea", "script", "style", "title"})
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^>]*>")
_REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")


class Abbreviations:
    """The glossary's abbreviations, to be marked up as ``<abbr title="meaning">``: ``pairs`` is
    ``[(term, tooltip), ...]`` (the ``abbreviations`` of ``docs/assets/glossary.json``).  A term is
    marked where it stands as a word of its own (not inside a longer or a hyphenated word), the
    longest term first ("MAPPA P" before "MAPPA")."""

    def __init__(self, pairs: Iterable[tuple[str, str]]) -> None:
        self.titles = {str(term): str(tip) for term, tip in pairs if term}
        terms = sorted(self.titles, key=len, reverse=True)
        # the look-ahead for a term's first letter only lets the search skip ahead fast (2.6 times
        # faster than the look-behind alone): it matches exactly what the look-behind version does
        first = "".join(sorted({re.escape(t[0]) for t in terms}))
        self._rx = re.compile(rf"(?=[{first}])(?<![\w-])(" + "|".join(map(re.escape, terms)) + r")(?![\w-])") \
            if terms else None

    def _abbr(self, m: re.Match[str]) -> str:
        return f'<abbr title="{html_escape(self.titles[m.group(1)])}">{m.group(1)}</abbr>'

    def _text(self, escaped: str) -> str:
        """One escaped text: marked between its character references (``&amp;`` is never a word)."""
        out, last = [], 0
        for m in _REFERENCE.finditer(escaped):
            out += [self._rx.sub(self._abbr, escaped[last:m.start()]), m.group(0)]
            last = m.end()
        out.append(self._rx.sub(self._abbr, escaped[last:]))
        return "".join(out)

    def mark(self, html: str) -> Html:
        """Markup (made by :func:`el`, or escaped text) with the abbreviations of its text marked,
        except inside links, buttons, summaries and abbreviations."""
        if self._rx is None:
            return Html(html)
        out, last, inside = [], 0, 0
        for m in _TAG.finditer(html):
            text = html[last:m.start()]
            out += [self._text(text) if text and not inside else text, m.group(0)]
            last = m.end()
            if m.group(2).lower() in _NOT_MARKED_IN and not m.group(0).endswith("/>"):
                inside += -1 if m.group(1) else 1
                inside = max(inside, 0)
        text = html[last:]
        out.append(self._text(text) if text and not inside else text)
        return Html("".join(out))

    def mark_text(self, text: Any) -> Html:
        """Plain text escaped, with its abbreviations marked."""
        return self.mark(html_escape("" if text is None else str(text)))


# ---------------------------------------------------------------------------
# Things every answer writes the same way
# ---------------------------------------------------------------------------


def chapter_of(anchor: str) -> str:
    """The chapter whose page holds a paragraph: ``13a`` for ``para-13a-18``."""
    m = _ANCHOR.match(anchor)
    if not m:
        raise ValueError(f"not a paragraph anchor: {anchor!r}")
    return m.group(1)


def paragraph_href(anchor: str, site_root: str = "../../") -> str:
    """The link to a paragraph of the guidance pages: ``../../guidance/20/#para-20-3`` from a page
    two levels below the site root (a calculator page)."""
    return f"{site_root}guidance/{chapter_of(anchor)}/#{anchor}"


def paragraph_links(paras: Iterable[str], site_root: str) -> Html | None:
    """``Guidance paragraphs 20.3, 20.7`` with each number a link; None without paragraphs."""
    anchors = [a for a in paras or () if isinstance(a, str) and _ANCHOR.match(a)]
    if not anchors:
        return None
    lead = "Guidance paragraphs " if len(anchors) > 1 else "Guidance paragraph "
    links = [el("a", {"class": "mappa-para", "href": paragraph_href(a, site_root)}, paragraph_label(a)) for a in anchors]
    return el("span", {"class": "mappa-paras-inline"}, lead, join(links, ", "))


def paragraph_numbers(paras: Iterable[str]) -> str:
    """`` (guidance 20.3, 20.7)`` for print; empty without paragraphs."""
    anchors = [a for a in paras or () if isinstance(a, str) and _ANCHOR.match(a)]
    return f" (guidance {', '.join(paragraph_label(a) for a in anchors)})" if anchors else ""


def date_text(iso: Any, today: _dt.date | None) -> str:
    """``10 May 2028``, with ``(passed)`` when it is before ``today`` and ``(today)`` on the day."""
    d = iso_to_date(iso)
    if d is None:
        return plain(iso)
    text = long_date(d)
    if today is not None and d < today:
        text += " (passed)"
    elif today is not None and d == today:
        text += " (today)"
    return text


def answers_fragment(answers: Mapping[str, Any]) -> str:
    """The training-link fragment that fills a calculator's form: ``#answers=`` and the answers as
    JSON, encoded as JavaScript's ``encodeURIComponent`` does."""
    text = json.dumps(dict(answers), ensure_ascii=False, separators=(",", ":"))
    return "#answers=" + uri_component(text)


def sentence(text: Any, capitals: bool = True, note: str = "") -> str:
    """A text as a sentence: a capital first letter (unless ``capitals`` is False), ``note`` in
    brackets before the closing mark, and a full stop if it has none:
    ``within 3 days`` -> ``Within 3 days.``; with the note ``recommended``: ``Within 3 days (recommended).``"""
    text = plain(text).strip()
    if not text:
        return text
    text = capital(text) if capitals else text
    stop = "."
    if text[-1] in ".!?":
        text, stop = text[:-1], text[-1]
    return f"{text} ({note}){stop}" if note else f"{text}{stop}"


def local_source(item: Mapping[str, Any]) -> str:
    """Where a line comes from when it rests on a local document (``local``: a key of
    ``LOCAL_DOCUMENTS``), named in words, never by its number; empty when the text names it already."""
    code = item.get("local")
    if not code:
        return ""
    title = local_document_title(str(code))
    if title.lower() in str(item.get("text", "")).lower():
        return ""
    return f"Source: {title} (a local document, not the national guidance)."


def capital(text: str) -> str:
    """The first letter in capitals (``the lead agency`` -> ``The lead agency``)."""
    return text[:1].upper() + text[1:] if text else text


def count(n: int, one: str, many: str) -> str:
    """``1 date`` / ``3 dates``."""
    return f"{n} {one if n == 1 else many}"
