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
    assert 'id="glossary-cja-2003"' in html and html.count("<tr>") == 69
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


def test_search_finds_a_paragraph_by_its_number(site):
    data = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    sep = re.compile(data["config"]["separator"])

    def tokens(text):
        return {t.lower() for t in sep.split(re.sub(r"<[^>]+>", " ", text)) if t}

    def found(query, page_prefix):
        q = [t.lower() for t in sep.split(query) if t]
        return [d["location"] for d in data["docs"]
                if d["location"].startswith(page_prefix) and all(t in tokens(d["text"]) for t in q)]

    assert found("20.3", "guidance/20/")
    assert found("13a.18", "guidance/13a/")
    assert found("SMB Chair commission", "guidance/20/")
    # the number is one word: "20.3" is not split into "20" and "3"
    assert sep.split("see 20.3.") == ["see", "20.3", ""] or [t for t in sep.split("see 20.3.") if t] == ["see", "20.3"]


def test_nav_lists_home_chapters_glossary_calculators_about(index):
    nav = yaml.safe_load((ROOT / "build" / "mkdocs-nav.yml").read_text(encoding="utf-8"))["nav"]
    titles = [next(iter(e)) for e in nav]
    assert titles[:2] == ["Home", "The guidance"]
    assert "About" in titles
    chapters = [next(iter(e.values())) for e in nav[1]["The guidance"]]
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
