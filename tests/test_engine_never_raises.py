"""The engine never raises, whatever it is given (issue 14, item 7).

* ``evaluate`` on every calculator: any JSON value, and answers keyed by the calculator's own
  question ids holding hostile values (numbers of 400 figures, "1,2", "1_2", "1e1", Arabic-Indic
  digits, lone surrogates, deep nesting): an outcome or field errors, never an exception and never
  an internal error.
* Strict number syntax: ASCII figures, thousands commas only as ``1,000``, a decimal point only
  where the question allows it; how the number was read comes back in ``read_as``.
* ``evaluate_json`` on any text (nested 100,000 deep, lone surrogates, not JSON): valid JSON out.
* The CLI on any bytes (binary, Latin-1, UTF-16): one line on standard error, never a traceback,
  and an exit code that says which kind of problem it was.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mappa_rules
from mappa_rules import CALCULATORS, evaluate, evaluate_json
from mappa_rules.cli import EXIT_ANSWER_ERRORS, EXIT_INTERNAL, EXIT_UNREADABLE, main as cli_main
from mappa_rules.core import MAX_NUMBER_FIGURES, Calculator, Outcome, Question, validate

from scenario_data import scenarios_of

IDS = list(CALCULATORS)

#: Values that broke, or could break, the engine (issue 14).
HOSTILE = [
    "1,2", "1_2", "1e1", "1E5", "١٢", "１２", "12.5", "1.", ".5", "+1", "- 1", "0x10", "1 000", "1,00", "1,0000",
    "NaN", "nan", "Infinity", "-Infinity", "∞", "", " ", "\ud800", "a\udfffb", "\x00", "9" * 400, "-" + "9" * 400,
    10 ** 400, -(10 ** 400), 10 ** 308, 1e308, -1e308, float("inf"), float("-inf"), float("nan"), 2 ** 63, -1, 0,
    True, False, None, [], {}, [[[]]], {"": {"": {}}},
]


def deep(n: int, leaf=1):
    """A list nested ``n`` deep, built without recursion."""
    value = leaf
    for _ in range(n):
        value = [value]
    return value


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20) | st.sampled_from(HOSTILE),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=5),
    max_leaves=20,
)


def all_questions(questions):
    """Every question, list fields included (depth first)."""
    for q in questions:
        yield q
        yield from all_questions(q.fields)


def question_values(calc: Calculator):
    """Answers keyed by the calculator's own question ids (list fields too), hostile values mixed in."""
    ids = sorted({q.id for q in all_questions(calc.questions)})
    value = st.sampled_from(HOSTILE) | json_values
    item = st.dictionaries(st.sampled_from(ids), value, max_size=len(ids))
    return st.dictionaries(st.sampled_from(ids), value | st.lists(item, max_size=3), max_size=len(ids))


def check(result) -> None:
    assert isinstance(result, dict)
    assert "internal_error" not in result, result
    assert result["ok"] in (True, False)
    if not result["ok"]:
        assert result["errors"]
    # what the worker sends the page: JSON that any parser reads back
    assert json.loads(mappa_rules.to_json(result))["ok"] == result["ok"]


@pytest.mark.parametrize("calculator", IDS)
@settings(max_examples=40)
@given(raw=json_values)
def test_any_json_value_gives_an_outcome_or_field_errors(calculator, raw):
    check(evaluate(calculator, raw))


@pytest.mark.parametrize("calculator", IDS)
@settings(max_examples=80)
@given(data=st.data())
def test_hostile_values_in_every_question_give_an_outcome_or_field_errors(calculator, data):
    check(evaluate(calculator, data.draw(question_values(CALCULATORS[calculator]))))


@pytest.mark.parametrize("calculator", IDS)
@pytest.mark.parametrize("value", HOSTILE + [deep(3000), {"a": deep(3000)}],
                         ids=[f"hostile{i}" for i in range(len(HOSTILE) + 2)])
def test_each_hostile_value_in_each_number_question_is_a_field_error_or_a_number(calculator, value):
    calc = CALCULATORS[calculator]
    numbers = [q for q in all_questions(calc.questions) if q.type == "number"] or list(calc.questions)[:1]
    for q in numbers:
        check(evaluate(calculator, {q.id: value}))


# ---------------------------------------------------------------------------
# Strict number syntax and "read as"
# ---------------------------------------------------------------------------

MONTHS = Question("months", "How many months?", "number", unit="months", minimum=0, maximum=100000)
AMOUNT = Question("amount", "How much?", "number", integer=False, minimum=0)


def _calc(*questions: Question) -> Calculator:
    return Calculator("t", "T", "T", questions, decide=lambda a: Outcome("X", "x"))


def _read(question: Question, raw):
    read: dict[str, str] = {}
    clean, errors = validate(_calc(question), {question.id: raw}, read=read)
    return clean.get(question.id), [e.message for e in errors], read


@pytest.mark.parametrize("raw", ["1,2", "1_2", "1e1", "١٢", "１２", "1,00", "12,", ",12", "1 000", "+12", "0x1", "12.0"])
def test_a_number_not_written_in_plain_figures_is_a_field_error(raw):
    value, errors, read = _read(MONTHS, raw)
    assert value is None and len(errors) == 1, (raw, value, errors)
    assert read == {}


def test_the_field_error_says_what_is_wrong_with_the_figures():
    assert _read(MONTHS, "١٢")[1] == ["Enter the number of months using the figures 0 to 9."]
    assert "comma" in _read(MONTHS, "1,2")[1][0]
    assert _read(MONTHS, "1e1")[1] == ["Enter the number of months in figures, for example 12."]
    assert _read(MONTHS, "12.5")[1] == ["Enter a whole number of months."]


@pytest.mark.parametrize("raw, value, shown", [
    ("12", 12, "12 months"), (" 12 ", 12, "12 months"), ("1,000", 1000, "1,000 months"), ("012", 12, "12 months"),
    (12, 12, "12 months"), (12.0, 12, "12 months"), ("12,345", 12345, "12,345 months"),
])
def test_a_number_is_read_and_echoed_as_understood(raw, value, shown):
    got, errors, read = _read(MONTHS, raw)
    assert (got, errors, read) == (value, [], {"months": shown})


def test_a_decimal_point_only_where_the_question_allows_it():
    assert _read(AMOUNT, "1,234.5") == (1234.5, [], {"amount": "1,234.5"})
    assert _read(AMOUNT, "1.2.3")[0] is None


@pytest.mark.parametrize("raw", ["9" * (MAX_NUMBER_FIGURES + 1), "9" * 400, 10 ** 400, -(10 ** 400), 1e300, "1" + ",000" * 200])
def test_a_number_with_too_many_figures_is_a_field_error_not_an_overflow(raw):
    value, errors, _ = _read(AMOUNT, raw)
    assert value is None and errors == [f"This number is too long: use at most {MAX_NUMBER_FIGURES} figures."]
    value, errors, _ = _read(MONTHS, raw)
    assert value is None and len(errors) == 1


def test_p6_8_one_comma_two_months_is_not_read_as_twelve():
    """The issue's case: "1,2" months was read as 12 and gave Category 2."""
    base = next(sc["answers"] for sc in scenarios_of("category")
                if sc["answers"].get("offences", [{}])[0].get("term_value") == 12
                and sc["answers"]["offences"][0].get("term_unit") == "months")
    good = json.loads(json.dumps(base, default=str))
    good["offences"][0]["term_value"] = "12"
    ok = evaluate("category", good)
    assert ok["ok"] and ok["read_as"]["offences.0.term_value"] == "12"
    bad = json.loads(json.dumps(good))
    bad["offences"][0]["term_value"] = "1,2"
    result = evaluate("category", bad)
    assert result["ok"] is False
    assert [e["field"] for e in result["errors"]] == ["offences.0.term_value"]
    assert "offences.0.term_value" not in result["read_as"]


# ---------------------------------------------------------------------------
# evaluate_json: any text in, valid JSON out
# ---------------------------------------------------------------------------

@settings(max_examples=200)
@given(text=st.text() | st.sampled_from(["[" * 100_000, "{\"a\":" * 50_000, "\"\\ud800\"", "{\"\\udfff\": 1}", "1e999",
                                          "9" * 5000, "NaN", "[1,]", "\ufeff{}"]))
def test_evaluate_json_gives_json_for_any_text(text):
    for calculator in ("category", "no-such-calculator", None, 12):
        out = evaluate_json(calculator, text)
        result = json.loads(out)
        out.encode("utf-8")  # no lone surrogate left unescaped
        assert result["ok"] in (True, False)
        assert "internal_error" not in result


def test_evaluate_json_refuses_deep_nesting_with_a_message():
    result = json.loads(evaluate_json("level", "[" * 3000 + "]" * 3000))
    assert result["ok"] is False and "nested" in result["errors"][0]["message"]
    # brackets inside strings are not nesting
    assert json.loads(evaluate_json("level", json.dumps({"x": "[" * 3000})))["errors"][0]["field"] == "x"


def test_a_lone_surrogate_comes_back_as_valid_json():
    out = evaluate_json("level", '{"\\ud800": "\\udfff"}')
    assert json.loads(out)["errors"][0]["field"] == "\ud800"
    out.encode("utf-8")


@pytest.mark.parametrize("calculator", IDS)
def test_a_fault_in_a_rule_module_is_reported_never_raised(calculator, monkeypatch):
    def broken(_raw, *args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(mappa_rules, "validate", broken)
    result = evaluate(calculator, {})
    assert result["ok"] is False and result["internal_error"].startswith("RecursionError")
    assert "fault in the calculator" in result["errors"][0]["message"]


# ---------------------------------------------------------------------------
# The CLI: any bytes in, one line and a meaningful exit code out
# ---------------------------------------------------------------------------

def _cli(data: bytes, calculator: str = "level", capsys=None) -> tuple[int, str, str]:
    with tempfile.TemporaryDirectory() as d:
        f = Path(d) / "answers.json"
        f.write_bytes(data)
        out, err = io.StringIO(), io.StringIO()
        old = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = out, err
        try:
            code = cli_main(["evaluate", calculator, str(f)])
        finally:
            sys.stdout, sys.stderr = old
        return code, out.getvalue(), err.getvalue()


@settings(max_examples=150)
@given(data=st.binary(max_size=200) | st.text(max_size=50).map(lambda t: t.encode("utf-16"))
       | st.text(max_size=50).map(lambda t: json.dumps({"x": t}).encode("latin-1", "replace")))
def test_the_cli_survives_any_bytes(data):
    code, out, err = _cli(data)
    assert code in (0, EXIT_ANSWER_ERRORS, EXIT_UNREADABLE), (code, err)
    assert "Traceback" not in err and err.count("\n") <= 1
    if code != EXIT_UNREADABLE:
        json.loads(out)


def test_the_cli_reads_utf16_and_utf8_with_a_byte_order_mark():
    answers = json.dumps({"not_a_question": "café"})
    for data in (answers.encode("utf-16"), answers.encode("utf-8-sig"), answers.encode("utf-32")):
        code, out, _ = _cli(data)
        assert code == EXIT_ANSWER_ERRORS and json.loads(out)["errors"][0]["field"] == "not_a_question"


def test_the_cli_refuses_latin1_binary_and_deep_nesting_with_one_line_each():
    for data, words in ((b'{"x": "caf\xe9"}', "not text in UTF-8"), (bytes(range(256)), "not text in UTF-8"),
                        (b"[" * 5000, "nested more than"), (b"{bad", "not valid JSON")):
        code, out, err = _cli(data)
        assert code == EXIT_UNREADABLE and out == "" and words in err and err.count("\n") == 1, (data[:20], err)


def test_the_cli_writes_valid_json_for_a_lone_surrogate():
    code, out, _ = _cli(b'{"\\ud800": 1}')
    assert code == EXIT_ANSWER_ERRORS
    assert json.loads(out)["errors"][0]["field"] == "\ud800"


def test_the_cli_exit_code_says_internal_fault(monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("a defect")

    monkeypatch.setattr(mappa_rules, "validate", broken)
    code, out, err = _cli(b"{}")
    assert code == EXIT_INTERNAL and json.loads(out)["internal_error"] == "ValueError: a defect"
    assert err.startswith("mappa: internal fault") and err.count("\n") == 1


def test_the_cli_on_binary_standard_input_prints_no_traceback():
    out = subprocess.run([sys.executable, "-m", "mappa_rules", "evaluate", "category", "-"],
                         input=b"\xff\xfe\x00\xd8" + bytes(range(200)), capture_output=True, timeout=60)
    assert out.returncode == EXIT_UNREADABLE
    assert b"Traceback" not in out.stderr and out.stderr.count(b"\n") == 1
