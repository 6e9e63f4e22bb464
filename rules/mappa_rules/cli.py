"""The ``mappa`` command: list calculators, print an input schema, evaluate answers from a file.

Exit codes: 0 an answer; 1 the answers have errors (the result lists them); 2 a wrong command
line or an unknown calculator; 3 the input cannot be read (no such file, not UTF-8/16/32 text, not
JSON, nested too deeply); 4 an internal fault of the calculator (the result says so).  Every
problem is one line on standard error, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Sequence

from . import CALCULATORS, evaluate, list_calculators, parse_answers, schema

EXIT_ANSWER, EXIT_ANSWER_ERRORS, EXIT_USAGE, EXIT_UNREADABLE, EXIT_INTERNAL = 0, 1, 2, 3, 4


def _print(obj: object) -> None:
    text = json.dumps(obj, indent=2, ensure_ascii=False)
    try:
        text.encode(sys.stdout.encoding or "utf-8")
    except (UnicodeEncodeError, LookupError):  # a lone surrogate, or a terminal that is not UTF-8
        text = json.dumps(obj, indent=2, ensure_ascii=True)
    sys.stdout.write(text + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="mappa",
        description="MAPPA Navigator calculators: answers in, cited outcome out (JSON).",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="list the calculators")
    s = sub.add_parser("schema", help="print a calculator's input as JSON Schema")
    s.add_argument("calculator")
    e = sub.add_parser("evaluate", help="evaluate the answers in FILE (- for standard input)")
    e.add_argument("calculator")
    e.add_argument("file")
    args = parser.parse_args(argv)

    if args.command == "list":
        _print(list_calculators())
        return 0
    if args.calculator not in CALCULATORS:
        print(f"mappa: no calculator called {args.calculator!r}; try one of: {', '.join(CALCULATORS)}",
              file=sys.stderr)
        return EXIT_USAGE
    if args.command == "schema":
        _print(schema(args.calculator))
        return 0
    try:
        if args.file == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(args.file, "rb") as fh:
                data = fh.read()
    except OSError as exc:
        print(f"mappa: cannot read {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    answers, problem = parse_answers(data)
    if problem:
        print(f"mappa: {args.file}: {problem}", file=sys.stderr)
        return EXIT_UNREADABLE
    result = evaluate(args.calculator, answers)
    _print(result)
    if result.get("internal_error"):
        print(f"mappa: internal fault of the calculator: {result['internal_error']}", file=sys.stderr)
        return EXIT_INTERNAL
    return EXIT_ANSWER if result["ok"] else EXIT_ANSWER_ERRORS


def run() -> int:
    """Entry point of the console script: a closed pipe (``mappa list | head``) is not an error;
    any other failure is one line on standard error."""
    try:
        return main()
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a fault of ours: one line, never a traceback
        print(f"mappa: internal fault: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run())
