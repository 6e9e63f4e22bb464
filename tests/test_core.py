"""The rule core: citations, question declarations, validation, JSON Schema and the CLI."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from mappa_rules import CALCULATORS, evaluate, evaluate_json, schema
from mappa_rules.core import ANCHOR_PATTERN, Calculator, Outcome, Question, When, p, validate
from mappa_rules.cli import main as cli_main

EXPECTED = ["category", "level", "status-end", "key-dates", "scr", "shared-accommodation", "mappa-j", "disclosure",
            "dtc-duties"]


def test_all_calculators_are_registered_in_order():
    assert list(CALCULATORS) == EXPECTED


def test_each_registered_module_declares_the_id_it_is_registered_under():
    import importlib

    from mappa_rules.registry import MODULES

    for cid, module in MODULES.items():
        assert importlib.import_module(f"mappa_rules.{module}").CALCULATOR.id == cid
        assert CALCULATORS[cid].id == cid


def test_a_calculator_module_is_imported_only_when_first_used():
    # the browser engine compiles modules from source: a page must load only its own calculator
    code = ("import sys, mappa_rules as m; assert m.CALCULATORS.loaded() == []; "
            "assert m.load('scr') and m.CALCULATORS.loaded() == ['scr']; "
            "assert 'mappa_rules.category' not in sys.modules; "
            "assert not m.load('nonsense') and not m.load(['scr']); print('ok')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.stdout.strip() == "ok", out.stderr


def test_p10_23_a_duplicated_number_must_say_which_occurrence():
    with pytest.raises(ValueError):
        p("10.23")
    assert p("10.23", 1) == "para-10-23"
    assert p("10.23", 2) == "para-10-23-2"
    assert p("13a.18") == "para-13a-18"
    assert p("20.3") == "para-20-3"
    with pytest.raises(ValueError):
        p("20.3", 2)


TOY = Calculator(
    id="toy",
    title="Toy",
    summary="A calculator for testing the core.",
    questions=(
        Question("convicted", "Convicted?", "yesno", allow_unknown=True),
        Question("sentence_date", "Sentence date", "date", when=(When("convicted", ("yes",)),)),
        Question("term", "Term", "number", unit="months", when=(When("convicted", ("yes",)),)),
        Question("kind", "Kind", "choice", required=False,
                 choices=(__import__("mappa_rules.core").core.Choice("a", "A"),)),
        Question("offences", "Offences", "list", item_label="offence", min_items=1, fields=(
            Question("months", "Months", "number", unit="months"),
        )),
    ),
    decide=lambda a: Outcome("OK", "fine"),
)


def test_validation_gives_a_message_at_each_field_and_never_raises():
    clean, errors = validate(TOY, {"convicted": "yes", "sentence_date": "2026-02-30", "term": -3,
                                   "kind": "zzz", "offences": [{"months": "ten"}], "nonsense": 1})
    fields = {e.field: e.message for e in errors}
    assert "does not exist" in fields["sentence_date"]
    assert "not negative" in fields["term"]
    assert "options" in fields["kind"]
    assert "offences.0.months" in fields
    assert "nonsense" in fields


def test_hidden_questions_are_neither_required_nor_kept():
    clean, errors = validate(TOY, {"convicted": "no", "term": 12, "offences": [{"months": 1}]})
    assert not errors
    assert "term" not in clean


def test_missing_required_answers_are_reported():
    _, errors = validate(TOY, {"convicted": "yes"})
    assert {e.field for e in errors} == {"sentence_date", "term", "offences"}


@pytest.mark.parametrize("raw", [None, [], "x", 3, True, {"": None}])
def test_any_json_gives_an_outcome_or_errors(raw):
    for cid in CALCULATORS:
        result = evaluate(cid, raw)
        assert result["ok"] in (True, False)
        assert "internal_error" not in result


def test_unknown_calculator_and_bad_json_are_messages():
    assert evaluate("nope", {})["errors"][0]["message"].startswith("There is no calculator")
    assert json.loads(evaluate_json("category", "{bad"))["errors"][0]["message"] == "The answers are not valid JSON."


def test_schema_lists_every_question():
    for cid, calc in CALCULATORS.items():
        s = schema(cid)
        assert set(s["properties"]) == {q.id for q in calc.questions}
        json.dumps(s)


def test_every_declared_paragraph_is_a_well_formed_anchor():
    for calc in CALCULATORS.values():
        stack = list(calc.questions)
        while stack:
            q = stack.pop()
            stack.extend(q.fields)
            for a in q.paras:
                assert ANCHOR_PATTERN.match(a), (calc.id, q.id, a)


def test_cli_list_schema_and_evaluate(tmp_path, capsys):
    assert cli_main(["list"]) == 0
    assert [c["id"] for c in json.loads(capsys.readouterr().out)] == EXPECTED
    assert cli_main(["schema", "category"]) == 0
    assert json.loads(capsys.readouterr().out)["title"]
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    assert cli_main(["evaluate", "category", str(bad)]) == 3
    assert "not valid JSON" in capsys.readouterr().err
    assert cli_main(["evaluate", "nope", str(bad)]) == 2


def test_cli_reads_standard_input():
    out = subprocess.run([sys.executable, "-m", "mappa_rules", "evaluate", "level", "-"],
                         input="[1, 2", capture_output=True, text=True)
    assert out.returncode == 3 and "not valid JSON" in out.stderr and "Traceback" not in out.stderr


# ---------------------------------------------------------------------------
# Questions that no longer matter (Question.matters), actions and links
# ---------------------------------------------------------------------------


def _relevance_calculator() -> Calculator:
    def settled(a):
        return a.get("first") != "yes"

    def broken(a):
        raise RuntimeError("a defect in a declaration")

    questions = (
        Question("first", "First?", "yesno"),
        Question("second", "Only matters when first is yes", "yesno", matters=lambda a: a.get("first") == "yes"),
        Question("third", "A declaration that fails", "yesno", required=False, matters=broken),
        Question("items", "Items", "list", required=False, fields=(
            Question("a", "A", "yesno"),
            Question("b", "B, only when A is yes", "yesno", matters=lambda a: a.get("a") == "yes"),
        )),
    )

    def decide(a):
        out = Outcome("OK", "done")
        out.action("Send the form", p("21.16"), who="The lead agency", by_text="before release")
        out.link("dtc-duties", "What must the housing provider do?", {"agency_type": "housing_provider"})
        return out

    return Calculator("relevance", "Relevance", "test", questions, decide)


def test_a_question_that_cannot_change_the_outcome_is_not_required_and_is_reported():
    from mappa_rules import _evaluate

    calc = _relevance_calculator()
    result = _evaluate(calc, {"first": "no", "items": [{"a": "no"}, {"a": "yes"}]})
    assert result["errors"] == [{"field": "items.1.b", "message": "Answer this question."}]
    assert result["not_needed"] == ["second", "items.0.b"]
    # given, its answer is ignored, not an error
    result = _evaluate(calc, {"first": "no", "second": "maybe", "items": []})
    assert result["ok"] and result["not_needed"] == ["second"]
    # when it matters it is required
    result = _evaluate(calc, {"first": "yes"})
    assert [e["field"] for e in result["errors"]] == ["second"] and result["not_needed"] == []


def test_a_failing_relevance_declaration_keeps_the_question():
    q = _relevance_calculator().questions[2]
    assert q.still_matters({}) is True


def test_actions_and_links_are_part_of_the_outcome():
    from mappa_rules import _evaluate

    result = _evaluate(_relevance_calculator(), {"first": "yes", "second": "no"})
    assert result["actions"] == [{"text": "Send the form", "who": "The lead agency", "by": None,
                                  "by_text": "before release", "strength": "must", "paras": ["para-21-16"]}]
    assert result["links"] == [{"calculator": "dtc-duties", "text": "What must the housing provider do?",
                                "answers": {"agency_type": "housing_provider"}}]


def test_every_result_says_which_questions_are_not_needed():
    for cid in CALCULATORS:
        assert isinstance(evaluate(cid, {})["not_needed"], list)


def test_a_local_notice_names_the_document_in_words_and_the_national_rule():
    out = Outcome("OK", "done").local_notice("every_disclosure_reported")
    (notice,) = out.to_dict()["warnings"]
    assert notice["local"] == "001" and notice["text"].startswith("A regional duty-to-co-operate memorandum says")
    assert "001" not in notice["text"] and "Follow the national guidance." in notice["text"]
    assert notice["paras"] == ["para-10-5", "para-1-2"]


def test_every_local_conflict_names_a_known_local_document():
    from mappa_rules.core import LOCAL_CONFLICTS, LOCAL_DOCUMENTS

    for conflict in LOCAL_CONFLICTS.values():
        assert conflict.code in LOCAL_DOCUMENTS and conflict.paras and conflict.says and conflict.national


@pytest.mark.parametrize("raw,message", [
    ("97-3-1", "Enter the year in full, for example 1997."),
    ("2026--1", "The date must include a month."),
    ("-3-", "The date must include a day and a year."),
    ("2026-x-1", "Enter the day, month and year in figures."),
    ("next week", "Enter a date as day, month and year, in figures (for example 31 3 2026)."),
    ("2026-02-30", "This date does not exist: check the day and the month."),
])
def test_a_date_that_is_not_a_date_says_what_to_fix(raw, message):
    """The form sends its day, month and year boxes as year-month-day, whatever was typed."""
    _, errors = validate(TOY, {"convicted": "yes", "sentence_date": raw, "term": 3, "offences": [{"months": 1}]})
    assert [e.message for e in errors if e.field == "sentence_date"] == [message]
