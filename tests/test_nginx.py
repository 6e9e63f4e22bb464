"""The nginx snippet (``deploy/nginx/mappa-navigator.conf``) on a real nginx (Debian's, installed by
``make nginx``; ``make test`` does it), serving the built site as a host would.

``mappa-check-deploy`` must find nothing to warn about; a naive configuration (the slips the
snippet once had: a page's address without its final ``/`` served as the page, compressed files
without ``Vary``) must be named; and a calculator served by nginx must start, answer and have
nothing refused by the policy.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Callable, Iterator

import pytest

from browser_support import INIT_SCRIPT, wait_ready
from mappa_site import check_deploy, headers

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

CONF = """\
{user}worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log;
daemon off;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    sendfile on;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        include {snippet};
    }}
}}
"""

#: The slips a hand-written configuration makes, and the snippet once made.
NAIVE = {"try_files $uri $uri/ =404;": "try_files $uri $uri/index.html =404;", "gzip_vary on;": "", "index index.html;": ""}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def nginx(built_site: Path, tmp_path_factory) -> Iterator[Callable[[str], str]]:
    """Start nginx serving the built site with a snippet's text; gives the site's address."""
    if not os.access(NGINX, os.X_OK):
        pytest.fail(f"nginx is not installed at {NGINX}: run `make nginx` (make test does)", pytrace=False)
    running: list[subprocess.Popen] = []

    def start(snippet_text: str) -> str:
        tmp = tmp_path_factory.mktemp("nginx")
        snippet = tmp / "mappa-navigator.conf"
        snippet.write_text(snippet_text, encoding="utf-8")
        port = free_port()
        # as root, nginx's workers would run as "nobody"; as anyone else the line is not allowed
        user = "user root;\n" if os.geteuid() == 0 else ""
        conf = tmp / "nginx.conf"
        conf.write_text(CONF.format(user=user, tmp=tmp, port=port, root=built_site, snippet=snippet), encoding="utf-8")
        proc = subprocess.Popen([NGINX, "-p", str(tmp), "-c", str(conf)], stderr=subprocess.PIPE)
        running.append(proc)
        url = f"http://127.0.0.1:{port}/"
        for _ in range(100):
            if proc.poll() is not None:
                pytest.fail(f"nginx stopped: {proc.stderr.read().decode(errors='replace')}", pytrace=False)
            try:
                urllib.request.urlopen(url, timeout=2).close()
                return url
            except OSError:
                time.sleep(0.05)
        pytest.fail("nginx did not answer within 5 s", pytrace=False)

    yield start
    for proc in running:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def nginx_url(nginx) -> str:
    return nginx(headers.nginx_snippet())


def test_the_deploy_folder_holds_the_snippet_the_policy_writes():
    shipped = Path(__file__).resolve().parents[1] / "deploy" / "nginx" / "mappa-navigator.conf"
    assert shipped.read_text(encoding="utf-8") == headers.nginx_snippet()


def test_check_deploy_finds_nothing_missing_and_nothing_to_warn_about_on_nginx(nginx_url, built_site, capsys):
    assert check_deploy.main([nginx_url]) == 0
    out = capsys.readouterr().out
    warned = [line for line in out.splitlines() if line.startswith(("WARN", "MISSING"))]
    # rightly warned about, and nothing else: a build without MAPPA_CONTACT (as the tests' is), and
    # a site built for another address (make build's, port 8000; nginx is here on a free port)
    expected = []
    if 'data-mappa-contact="missing"' in (built_site / "about" / "accessibility" / "index.html").read_text("utf-8"):
        expected.append("names no contact for accessibility reports")
    if f'<link rel="canonical" href="{nginx_url}">' not in (built_site / "index.html").read_text("utf-8"):
        expected.append(f"not {nginx_url}: moving from page to page reloads each page in full")
    assert len(warned) == len(expected) and all(any(e in w for w in warned) for e in expected), warned
    # what the snippet's own lines are there for, each seen in the report
    for said in ("pyodide.asm.wasm: compressed (gzip", "Cache-Control public, max-age=31536000, immutable",
                 "is sent on to /calculators/", "Vary: Accept-Encoding", "an address that does not exist: 404",
                 "no directory listing at /assets/", "/calculators/category/: the page carries its <meta> policy"):
        assert said in out, said


def test_check_deploy_names_what_a_naive_nginx_configuration_gets_wrong(nginx, capsys):
    text = headers.nginx_snippet()
    for good, bad in NAIVE.items():
        assert good in text
        text = text.replace(good, bad)
    assert check_deploy.main([nginx(text)]) == 0  # nothing of the policy missing: only warnings
    out = capsys.readouterr().out
    assert "(without the final /) is served as the page" in out
    assert "sent compressed without Vary: Accept-Encoding" in out


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    try:
        with check_deploy._UNFOLLOWED.open(req, timeout=10) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read()


def test_nginx_sends_a_short_address_on_without_naming_its_own_host_and_hides_folders(nginx_url):
    status, h, _ = get(nginx_url + "guidance/20")
    assert status == 301 and h["location"] == "/guidance/20/"  # absolute_redirect off: right behind a proxy
    status, h, body = get(nginx_url + "assets/")
    assert status == 404 and h["content-type"].startswith("text/html")  # the site's page, not "403 Forbidden"
    assert h["content-security-policy"].endswith("frame-ancestors 'none'")
    status, h, _ = get(nginx_url + "assets/calculators/worker.mjs")
    assert status == 200 and h["content-type"] == "text/javascript" and h["content-encoding"] == "gzip"
    assert "worker-src 'self'" in h["content-security-policy"]  # the worker's own policy: a header only


@pytest.mark.browser
def test_a_calculator_served_by_nginx_starts_answers_and_has_nothing_refused(browser, nginx_url):
    ctx = browser.new_context(locale="en-GB", timezone_id="Europe/London")
    ctx.add_init_script(INIT_SCRIPT)
    other = []
    ctx.on("request", lambda r: other.append(r.url) if not r.url.startswith((nginx_url, "data:", "blob:")) else None)
    try:
        page = ctx.new_page()
        page.set_default_timeout(60_000)
        page.goto(nginx_url + "calculators/category")  # typed without the final /
        assert page.url == nginx_url + "calculators/category/"
        wait_ready(page)
        result = page.evaluate("() => window.mappa.evaluate('category', {})")
        assert result["calculator"] == "category" and result["ok"] is False and result["errors"]
        assert page.evaluate("() => window.__cspViolations") == []
        assert page.evaluate("() => window.mappa.violations") == []
        # the next page's link, relative to the page, leads to a page of the site
        href = page.evaluate("() => document.querySelector('link[rel=next]').href")
        assert href == nginx_url + "calculators/level/"
        assert other == []
    finally:
        ctx.close()
