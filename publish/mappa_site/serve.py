"""Serve the built site on the loopback address, the way a well-configured host would.

* every response carries the site's security headers (``mappa_site.headers``): the
  Content-Security-Policy is sent as an HTTP header because a Web Worker ignores a ``<meta>``
  policy, and only a header can forbid framing;
* precompressed files: ``file.br`` or ``file.gz`` (written by the build) is sent with
  ``Content-Encoding`` when the browser accepts it (``Vary: Accept-Encoding``);
* ``Cache-Control``: a year and ``immutable`` for the versioned runtime and content-hashed files,
  ``no-cache`` (revalidate, answered with 304 when unchanged) for everything else;
* no directory listings: a folder without ``index.html``, and any missing file, get the site's own
  ``404.html`` with status 404.

``plain=True`` (``--plain``) serves the files with no headers of its own, as the simplest static
host does (the tests use it to check that the pages protect themselves).  Used by ``make serve``,
the browser tests and the benchmark.
"""

from __future__ import annotations

import argparse
import email.utils
import functools
import http.server
import os
import threading
from pathlib import Path

from mappa_site.headers import COMPRESSIBLE, CONTENT_TYPES, CSP, SECURITY_HEADERS, cache_control

__all__ = ["CSP", "HEADERS", "Handler", "make_server", "serve_in_thread"]

#: Kept for callers that read the headers from here.
HEADERS = SECURITY_HEADERS

#: Content-Encoding by the suffix of the precompressed file, in order of preference.
ENCODINGS = ((".br", "br"), (".gz", "gzip"))


def accepted_encodings(header: str | None) -> set[str]:
    """The codings an ``Accept-Encoding`` header accepts (``q=0`` refuses one)."""
    out = set()
    for part in (header or "").split(","):
        name, _, params = part.strip().partition(";")
        q = params.strip()
        if q.startswith("q=") and q[2:].strip() in ("0", "0.0", "0.00", "0.000"):
            continue
        if name.strip():
            out.add(name.strip().lower())
    return out


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **CONTENT_TYPES}
    quiet = False
    #: no headers of our own: a plain static host
    plain = False

    # -- headers ---------------------------------------------------------------

    def end_headers(self) -> None:
        if not self.plain:
            for k, v in SECURITY_HEADERS.items():
                self.send_header(k, v)
            path = self.path.split("?", 1)[0].split("#", 1)[0]
            self.send_header("Cache-Control", cache_control(path))
        super().end_headers()

    # -- files -----------------------------------------------------------------

    def send_head(self):  # noqa: C901 - one decision per kind of request, in order
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?", 1)[0].endswith("/"):
                # a folder asked for without its slash: redirect, as any static host does
                return super().send_head()
            index = os.path.join(path, "index.html")
            if not os.path.isfile(index):
                return self.send_not_found()  # never a directory listing
            path = index
        if not os.path.isfile(path) or os.path.basename(path).startswith("."):
            return self.send_not_found()
        ctype = self.guess_type(path)
        encoding, body_path = None, path
        if not self.plain:
            accepted = accepted_encodings(self.headers.get("Accept-Encoding"))
            for suffix, coding in ENCODINGS:
                if coding in accepted and os.path.isfile(path + suffix):
                    encoding, body_path = coding, path + suffix
                    break
        try:
            f = open(body_path, "rb")
        except OSError:
            return self.send_not_found()
        try:
            fs = os.fstat(f.fileno())
            # If-Modified-Since: the date of the file itself (the compressed copy is written after it)
            mtime = int(os.stat(path).st_mtime)
            since = self.headers.get("If-Modified-Since")
            if since and not self.headers.get("If-None-Match"):
                try:
                    when = email.utils.parsedate_to_datetime(since)
                    if when is not None and int(when.timestamp()) >= mtime:
                        self.send_response(http.HTTPStatus.NOT_MODIFIED)
                        if not self.plain:
                            self.send_header("Vary", "Accept-Encoding")
                        self.end_headers()
                        f.close()
                        return None
                except (TypeError, ValueError, OverflowError, IndexError):
                    pass
            self.send_response(http.HTTPStatus.OK)
            self.send_header("Content-Type", ctype)
            if encoding:
                self.send_header("Content-Encoding", encoding)
            if not self.plain and path.endswith(COMPRESSIBLE):
                self.send_header("Vary", "Accept-Encoding")
            self.send_header("Content-Length", str(fs.st_size))
            self.send_header("Last-Modified", self.date_time_string(mtime))
            self.end_headers()
            return f
        except Exception:
            f.close()
            raise

    def send_not_found(self):
        """The site's own 404 page (status 404), or a plain one when the site has none."""
        page = os.path.join(self.directory, "404.html")
        if not os.path.isfile(page):
            self.send_error(http.HTTPStatus.NOT_FOUND, "Not found")
            return None
        body = Path(page).read_bytes()
        self.send_response(http.HTTPStatus.NOT_FOUND)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return None

    def list_directory(self, path):  # pragma: no cover - send_head never lists; belt and braces
        return self.send_not_found()

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - signature of the base class
        if not self.quiet:
            super().log_message(format, *args)


def make_server(directory: Path, port: int = 0, host: str = "127.0.0.1", quiet: bool = True,
                plain: bool = False, handler: type[Handler] = Handler) -> http.server.ThreadingHTTPServer:
    cls = type("SiteHandler", (handler,), {"quiet": quiet, "plain": plain})
    server = http.server.ThreadingHTTPServer((host, port), functools.partial(cls, directory=str(directory)))
    # a browser closing a connection mid-file is not an error worth a traceback
    server.handle_error = lambda request, client_address: None  # type: ignore[method-assign]
    return server


def serve_in_thread(directory: Path, port: int = 0, plain: bool = False) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = make_server(directory, port, plain=plain)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    return server, f"http://{host}:{port}/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--dir", type=Path, default=Path("site"))
    parser.add_argument("--plain", action="store_true", help="no headers of our own (a plain static host)")
    args = parser.parse_args()
    server = make_server(args.dir, args.port, quiet=False, plain=args.plain)
    print(f"MAPPA Navigator: http://127.0.0.1:{args.port}/  (Ctrl+C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
