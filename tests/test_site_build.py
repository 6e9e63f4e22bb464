"""The built site: every paragraph anchor present once, strict build clean, search by number.

A session fixture runs the real build (``python -m mappa_site.build`` then ``mkdocs build
--strict``) into a temporary directory.  With ``SITE_DIR`` set (``make test`` builds ``site/``
first) the HTML checks read that directory instead; the strict-build check always builds afresh so
that it can read MkDocs' log.
"""

from __future__ import annotations

import collections
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from mappa_guidance import importer as guidance

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
MKDOCS = [PY, "-m", "mkdocs"]


def run(cmd, **kw):
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300, **kw)


@pytest.fixture(scope="session")
def strict_build(tmp_path_factory):
    """(site dir, MkDocs log) of a fresh build."""
    steps = run([PY, "-m", "mappa_site.build"])
    if steps.returncode:
        pytest.fail(f"python -m mappa_site.build failed:\n{steps.stdout}\n{steps.stderr}")
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    res = run(MKDOCS + ["build", "--strict", "--site-dir", str(out)], env=env)
    if res.returncode == 0:
        csp = run([PY, "-m", "mappa_site.postbuild", str(out)])
        if csp.returncode:
            pytest.fail(f"python -m mappa_site.postbuild failed:\n{csp.stdout}\n{csp.stderr}")
    return out, res


@pytest.fixture(scope="session")
def site(strict_build) -> Path:
    if os.environ.get("SITE_DIR"):
        return Path(os.environ["SITE_DIR"]).resolve()
    out, res = strict_build
    if res.returncode:
        pytest.fail(f"mkdocs build --strict failed:\n{res.stdout}\n{res.stderr}")
    return out


@pytest.fixture(scope="session")
def index():
    return guidance.load_index()


class IdCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if k == "id" and v is not None:
                self.ids.append(v)


def ids_of(html: str) -> list[str]:
    c = IdCollector()
    c.feed(html)
    return c.ids


def page(site: Path, rel: str) -> str:
    return (site / rel / "index.html").read_text(encoding="utf-8")


def test_strict_build_passes_without_warnings(strict_build):
    _, res = strict_build
    log = re.sub(r"\x1b\[[0-9;]*m", "", res.stdout + res.stderr)
    assert res.returncode == 0, log
    warnings = [line for line in log.splitlines() if re.match(r"^\s*(WARNING|ERROR)\b", line)]
    assert warnings == []


def test_every_anchor_of_the_index_once_in_its_chapter_page(site, index):
    by_chapter = collections.defaultdict(list)
    for e in index["paragraphs"]:
        by_chapter[e["chapter"]].append(e["anchor"])
    assert len(by_chapter) == 32
    for ch, anchors in by_chapter.items():
        ids = collections.Counter(ids_of(page(site, f"guidance/{ch}")))
        for a in anchors:
            assert ids[a] == 1, (ch, a, ids[a])
        # and no paragraph anchor that the index does not know
        extra = {i for i in ids if re.fullmatch(r"para-\d+[a-z]?-\d+(-\d+)?", i)} - set(anchors)
        assert extra == set(), (ch, extra)


def test_no_duplicate_ids_on_any_page(site):
    pages = list(site.rglob("*.html"))
    assert len(pages) > 35
    for f in pages:
        ids = collections.Counter(ids_of(f.read_text(encoding="utf-8")))
        dups = [i for i, n in ids.items() if n > 1]
        assert dups == [], (f.relative_to(site), dups)


def test_p20_3_deep_link(site):
    html = page(site, "guidance/20")
    assert 'id="para-20-3"' in html
    assert '<a class="para-num" href="#para-20-3" title="Link to paragraph 20.3">20.3</a>' in html
    assert 'id="para-13a-18"' in page(site, "guidance/13a")
    assert 'id="para-10-23-2"' in page(site, "guidance/10")


def test_p20_16_timetable_renders_as_a_table(site):
    html = page(site, "guidance/20")
    block = html[html.index('id="para-20-16"'):html.index('id="para-20-17"')]
    assert "<table>" in block
    assert block.count("<tr>") == 11
    assert "Within 5 days of being made aware of the charge.<br>Discretionary SCRs" in block


def test_standards_have_std_ids(site, index):
    found = []
    for ch in index["chapters"]:
        html = page(site, f"guidance/{ch['id']}")
        found += re.findall(r'<div class="admonition standard" id="(std-[0-9a-z]+-\d+)"', html)
    assert len(found) == 132 == len(set(found))
    assert {s["anchor"] for s in index["standards"]} == set(found)


def test_footnotes_render_with_official_numbers(site, index):
    refs, notes = [], []
    for ch in index["chapters"]:
        html = page(site, f"guidance/{ch['id']}")
        refs += re.findall(r'<sup class="fn-ref" id="fnref-(\d+)"><a href="#fn-\1"', html)
        notes += re.findall(r'<p class="footnote" id="fn-(\d+)">', html)
    assert sorted(map(int, refs)) == sorted(map(int, notes)) == list(range(1, 73))
    html = page(site, "guidance/11")
    assert re.search(r'id="fn-21"><span class="fn-num">21\.</span> This table draws on', html)


def test_no_conversion_artefacts(site):
    for f in (site / "guidance").rglob("index.html"):
        html = f.read_text(encoding="utf-8")
        for bad in ("156156", "footnoteRef", "image4.png", "image3.jpeg", "E+W", "\x00", "{ #", "{ ."):
            assert bad not in html, (f.relative_to(site), bad)


def test_lettered_items_keep_their_labels_and_anchors(site):
    html = page(site, "guidance/6")
    assert re.search(r'<li id="para-6-23-b">b\. ', html)
    html = page(site, "guidance/27")
    assert '<li id="para-27-3-d">(d) economic abuse' in html


def test_glossary_page_and_tooltips(site):
    html = page(site, "guidance/glossary")
    assert 'id="glossary-cja-2003"' in html and html.count("<dt ") >= 68 + 16
    html = page(site, "guidance/20")
    assert '<abbr title="Strategic Management Board">SMB</abbr>' in html
    assert "<abbr title=\"Multi-Agency Public Protection Arrangements\">" not in html


def test_back_links_point_to_existing_calculator_pages(site):
    targets = set()
    for f in (site / "guidance").rglob("index.html"):
        targets |= set(re.findall(r'<p class="para-backlinks">.*?</p>', f.read_text(encoding="utf-8")))
    hrefs = {h for t in targets for h in re.findall(r'href="\.\./\.\./calculators/([a-z-]+)/"', t)}
    for cid in hrefs:
        assert (site / "calculators" / cid / "index.html").exists(), cid


def test_search_index_has_one_entry_per_paragraph(site, index):
    data = json.loads((site / "search" / "index.json").read_text(encoding="utf-8"))
    paras = {d[2]: d for d in data["docs"] if d[0] == "p"}
    assert len(paras) == len(index["paragraphs"]) == 913
    for e in index["paragraphs"]:
        assert f"guidance/{e['chapter']}/#{e['anchor']}" in paras, e["anchor"]
    p20_3 = paras["guidance/20/#para-20-3"]
    assert p20_3[1].startswith("20.3 The SMB Chair must commission an SCR")
    assert "28 days before the offence" in p20_3[3] and p20_3[4] == "20. MAPPA Serious Case Reviews"
    assert paras["guidance/10/#para-10-23-2"][1].startswith("10.23 (second use) ")
    assert paras["guidance/13a/#para-13a-18"][1].startswith("13a.18 ")
    # Material's own index (by page section, which buried the paragraphs) is not shipped
    assert not (site / "search" / "search_index.json").exists()


def test_search_index_takes_only_title_summary_and_introduction_of_a_calculator(site):
    import mappa_rules

    data = json.loads((site / "search" / "index.json").read_text(encoding="utf-8"))
    for cid in mappa_rules.CALCULATORS:
        calc = mappa_rules.CALCULATORS[cid]
        entries = [d for d in data["docs"] if d[2].startswith(f"calculators/{cid}/")]
        assert [(d[0], d[1]) for d in entries] == [("calc", calc.title)], cid
        assert entries[0][3] == " ".join(f"{calc.summary} {calc.intro or ''}".split())
    # no question, option or button label of any calculator is in the index
    everything = json.dumps(data["docs"], ensure_ascii=False)
    for label in ("Download the answers and result (JSON)", "Remove this offence",
                  "What is the person's date of birth?", "Which MAPPA category is the person in?"):
        assert label not in everything, label


def test_search_best_bets_send_a_term_to_its_home(site):
    data = json.loads((site / "search" / "index.json").read_text(encoding="utf-8"))
    docs, bets = data["docs"], data["bets"]
    first = {k: docs[v[0]][2] for k, v in bets.items()}
    assert first["mappa p"] == "guidance/21/#para-21-16"
    assert [docs[i][2] for i in bets["mappa p"]][:3] == [
        "guidance/21/#para-21-16", "guidance/14/#para-14-24", "guidance/21/#para-21-17"]
    assert "guidance/glossary/#glossary-mappa-p" in [docs[i][2] for i in bets["mappa p"]]
    assert first["scr"] == first["serious case review"] == "guidance/20/"
    assert first["shared accommodation"] == "guidance/21/#para-21-15"
    assert first["sar"] == "guidance/13b/#para-13b-15"  # a subject access request, never the rate


def test_nav_lists_home_chapters_glossary_calculators_about(index):
    nav = yaml.safe_load((ROOT / "build" / "mkdocs-nav.yml").read_text(encoding="utf-8"))["nav"]
    titles = [next(iter(e)) for e in nav]
    assert titles[:4] == ["Home", "Find your way", "Handbook", "The guidance"]
    assert "About" in titles
    chapters = [next(iter(e.values())) for e in nav[3]["The guidance"]]
    assert chapters == ["guidance/index.md"] + [f"guidance/{c['id']}.md" for c in index["chapters"]] + ["guidance/glossary.md"]


def test_no_inline_script_left_for_the_strict_csp(site):
    """script-src 'self' blocks inline scripts: the csp step moves every one into a file."""
    import re

    inline = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>\s*\S", re.I)
    offenders = [str(p.relative_to(site)) for p in site.rglob("*.html") if inline.search(p.read_text(encoding="utf-8"))]
    assert not offenders, offenders[:5]
    for page in [site / "index.html", site / "guidance" / "20" / "index.html", site / "404.html"]:
        for src in re.findall(r'<script[^>]*src="([^"]*inline-[0-9a-f]+\.js)"', page.read_text(encoding="utf-8")):
            target = (site / src.lstrip("/")) if src.startswith("/") else (page.parent / src)
            assert target.resolve().is_file(), (page, src)


# ---------------------------------------------------------------------------
# Abbreviations: every one on the site is in the glossary, and shows its meaning
# ---------------------------------------------------------------------------

#: Words in capitals that are not abbreviations: the column headings of the 20.16 table ("STAGE OF
#: MAPPA SCR PROCESS", "TARGET DATE"), a schedule number ("Sch 19ZA") and the initials that hide the
#: names of the parties of two court cases ("v MM", "R (on the application of TF)").
NOT_ABBREVIATIONS = {"STAGE", "OF", "PROCESS", "TARGET", "DATE", "19ZA", "MM", "TF"}
_TOKEN = re.compile(r"MAPPA [A-Z]\d?(?![\w-])|(?<![\w.@/-])[A-Za-z0-9]*[A-Z][A-Za-z0-9]*(?![\w@])")
_URL = re.compile(r"\S+@\S+|https?://\S+|www\.\S+|\S+\.(?:gov|org|co|police|nhs)\.uk\S*")


class TextOf(HTMLParser):
    """The text a person reads on a page (no scripts, styles, icons or code)."""

    SKIP = {"script", "style", "svg", "code", "pre", "template"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skip -= 1
        self.parts.append(" ")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def abbreviation_like(text: str) -> set[str]:
    """Words that look like abbreviations: "MAPPA P", or at least two capitals and no more small
    letters than capitals (SMB, OASys, ViSOR, MoJ; not MkDocs or JavaScript)."""
    found = set()
    for m in _TOKEN.finditer(_URL.sub(" ", text)):
        t = m.group(0)
        upper = sum(c.isupper() for c in t)
        if t.startswith("MAPPA ") or (upper >= 2 and upper >= sum(c.islower() for c in t)):
            found.add(t)
    return found


def test_every_abbreviation_on_the_site_is_in_the_glossary(site):
    from mappa_guidance import glossary

    entries = glossary.load()
    names = {n for e in entries for n in (e.term, *e.aliases)}

    def known(token: str) -> bool:
        return (token in names or token in NOT_ABBREVIATIONS
                or (token[-1:] in "sS" and token[:-1] in names)  # SMBs, YOTs
                or any(n.startswith((token + " ", token + "(")) for n in names))  # CJA 2003, PCC(S)A 2000

    missing: dict[str, list[str]] = {}
    pages = [f for f in sorted(site.rglob("*.html")) if f.relative_to(site).parts[0] not in ("assets", "bench")]
    assert len(pages) > 40
    for f in pages:
        parser = TextOf()
        parser.feed(f.read_text(encoding="utf-8"))
        for token in abbreviation_like("".join(parser.parts)):
            if not known(token):
                missing.setdefault(token, []).append(f.parent.relative_to(site).as_posix())
    assert missing == {}, "abbreviations with no glossary entry (add them to guidance/mappa_guidance/glossary.yaml): " \
        + "; ".join(f"{t} ({', '.join(p[:3])})" for t, p in sorted(missing.items()))


def test_the_abbreviation_test_would_see_a_new_one():
    text = "The CPS and a MAPPA Z, OASys, ViSOR and SMBs; not MkDocs, JavaScript, www.gov.uk/ABC or A."
    assert abbreviation_like(text) == {"CPS", "MAPPA Z", "OASys", "ViSOR", "SMBs"}


@pytest.mark.parametrize("term", ["RA", "CPS", "DWP", "MAPPA A", "MAPPA N", "MAPPA P", "MAPPA J", "MAPPA Q",
                                  "MAPPA I", "MAPPA H", "TACT", "CTP", "NSD", "LHA", "DHP", "SMB"])
def test_the_glossary_explains_each_term_the_issue_lists(site, term):
    from mappa_guidance import glossary

    html = page(site, "guidance/glossary")
    e = {e.term: e for e in glossary.load()}[term]
    assert e.expansion and e.plain
    assert f'<dt id="{e.slug}">{term}</dt>' in html


def test_abbreviations_show_their_meaning_on_calculator_pages(site):
    html = page(site, "calculators/scr")
    assert '<abbr title="Strategic Management Board">SMB</abbr>' in html  # in a question
    assert '<abbr title="Crown Prosecution Service">CPS</abbr>' in html
    assert '<abbr title="MAPPA form N, notification of a serious further offence">MAPPA N</abbr>' in html
    html = page(site, "calculators/shared-accommodation")
    assert '<abbr title="MAPPA form P, exemption from the shared accommodation rate">MAPPA P</abbr>' in html
    # the glossary as data for what the browser renders (the live results)
    data = json.loads((site / "assets" / "glossary.json").read_text(encoding="utf-8"))
    pairs = dict(data["abbreviations"])
    assert pairs["CPS"] == "Crown Prosecution Service" and "MAPPA" not in pairs and "RMP" not in pairs
    lengths = [len(t) for t, _ in data["abbreviations"]]
    assert lengths == sorted(lengths, reverse=True)


def test_materials_unused_search_code_is_not_shipped(strict_build):
    """The site's own search replaces Material's: its worker and lunr are not in the site (not fetched,
    not saved for offline use)."""
    out, _ = strict_build
    assert not list(out.glob("assets/javascripts/workers/search.*"))
    assert not (out / "assets" / "javascripts" / "lunr").exists()
    assert not (out / "search" / "search_index.json").exists() and (out / "search" / "index.json").exists()
