"""The ``mappa`` command: list calculators, print an input schema, evaluate answers from a file."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Sequence

from . import CALCULATORS, evaluate, list_calculators, schema


def _print(obj: object) -> None:
    json.dump(obj, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


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
        return 2
    if args.command == "schema":
        _print(schema(args.calculator))
        return 0
    try:
        if args.file == "-":
            text = sys.stdin.read()
        else:
            with open(args.file, encoding="utf-8") as fh:
                text = fh.read()
    except OSError as exc:
        print(f"mappa: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
        return 2
    try:
        answers = json.loads(text)
    except ValueError as exc:
        where = f" (line {exc.lineno}, column {exc.colno})" if hasattr(exc, "lineno") else ""
        print(f"mappa: {args.file} is not valid JSON{where}: {getattr(exc, 'msg', exc)}", file=sys.stderr)
        return 2
    result = evaluate(args.calculator, answers)
    _print(result)
    return 0 if result["ok"] else 1


def run() -> int:
    """Entry point of the console script: a closed pipe (``mappa list | head``) is not an error."""
    try:
        return main()
    except BrokenPipeError:
        sys.stderr.close()
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run())
