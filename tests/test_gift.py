"""Moodle GIFT question banks converted to quiz files that load."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trainer import cli
from trainer.cli.authoring import run_authoring
from trainer.cli.authoring_parser import add_authoring_commands
from trainer.quiz.gift import PLACEHOLDER, GiftError, convert_gift
from trainer.quiz.grading import grade
from trainer.quiz.loader import load_quiz
from trainer.quiz.model import Matching, MultipleChoice, Numeric, SingleChoice, TrueFalse

FIXTURES = Path(__file__).parent / "fixtures" / "gift"


def main(argv: list[str]) -> int:
    """`trainer ARGS`, with the authoring commands added if trainer.cli does not have them yet."""
    parser = cli.build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    if "import-gift" in commands.choices:
        return cli.main(argv)
    add_authoring_commands(commands)
    args = parser.parse_args(argv)
    return run_authoring(args, args.course, args.quizzes)


def _convert_and_load(text: str, folder: Path, quiz_id: str = "pain-gift", **options):
    conversion = convert_gift(text, quiz_id, title="Pain gift", **options)
    path = folder / f"{quiz_id}.yaml"
    path.write_text(conversion.yaml_text("bank.gift"), encoding="utf-8")
    return conversion, load_quiz(path).spec


@pytest.fixture
def all_types(tmp_path):
    text = (FIXTURES / "all-types.gift").read_text(encoding="utf-8")
    conversion, spec = _convert_and_load(
        text, tmp_path, module="basics", objective="b-define", lesson="what-is-pain#definition"
    )
    return conversion, {q.id.removeprefix("pain-gift-"): q for q in spec.questions}, spec


def test_every_question_type_converts_and_the_quiz_loads(all_types):
    conversion, _, spec = all_types

    assert (conversion.converted, conversion.skipped) == (11, 0)
    assert (spec.id, spec.title, spec.module) == ("pain-gift", "Pain physiology", "basics")
    assert [type(q).__name__ for q in spec.questions] == [
        "SingleChoice", "MultipleChoice", "TrueFalse", "TrueFalse", "Matching",
        "Numeric", "Numeric", "Numeric", "SingleChoice", "TrueFalse", "SingleChoice",
    ]  # fmt: skip
    assert all(
        q.objective == "b-define" and q.lesson == "what-is-pain#definition" for q in spec.questions
    )


def test_single_choice_keeps_feedback_and_general_feedback(all_types):
    question = all_types[1]["first-step"]
    assert isinstance(question, SingleChoice)
    assert question.prompt == "Which step of nociception comes first?"
    assert [(o.id, o.text) for o in question.options] == [
        ("a", "Transduction"), ("b", "Perception"), ("c", "Modulation"),
    ]  # fmt: skip
    assert question.key == "a"
    assert question.options[0].feedback == "Right: the nerve endings convert the stimulus."
    assert question.explanation == "Transduction happens at the nociceptor endings."


def test_weighted_answers_become_multiple_choice_with_the_positive_ones_right(all_types):
    question = all_types[1]["steps"]
    assert isinstance(question, MultipleChoice)
    assert question.key == ["a", "b"]
    assert [o.feedback for o in question.options] == [
        "Yes, the first.", "Yes, the last.", "No, that is the gut.",
    ]  # fmt: skip


def test_true_false_feedback_goes_to_the_answer_it_follows(all_types):
    question = all_types[1]["true-one"]
    assert isinstance(question, TrueFalse)
    assert question.key is False
    # GIFT: the first feedback is for the wrong answer, the second for the right one
    assert question.feedback == {True: "It often is not.", False: "Right: pain and damage differ."}
    assert question.explanation == 'See "What pain is".'
    bare = all_types[1]["another-true-one"]
    assert bare.key is True and bare.feedback == {True: PLACEHOLDER, False: PLACEHOLDER}


def test_matching_pairs_and_distractors(all_types):
    question = all_types[1]["matching"]
    assert isinstance(question, Matching)
    assert [(p.left, p.right) for p in question.pairs] == [
        ("Transduction", "Nerve endings"), ("Modulation", "Spinal cord"), ("Perception", "Brain"),
    ]  # fmt: skip
    assert question.distractors == ["Liver"]


def test_numeric_values_tolerances_and_ranges(all_types):
    questions = all_types[1]
    exact, hours, several = (
        questions["how-many-steps"],
        questions["sleep-hours"],
        questions["several-numbers"],
    )
    assert isinstance(exact, Numeric)
    assert (exact.key, exact.tolerance, exact.feedback.correct) == (4, 0, "Yes, four.")
    assert exact.feedback.incorrect == PLACEHOLDER
    assert (hours.key, hours.tolerance) == (8, 1)
    assert (several.key, several.tolerance, several.feedback.correct) == (2020, 0, "Right.")
    notes = [n.message for n in all_types[0].notes if "several-numbers" in n.message]
    assert "kept the first right answer `2020:0` only" in notes[0]


def test_an_answer_set_with_equals_is_single_answer_with_credited_options(tmp_path):
    text = "::Moodle:: Pick. {~a#No. ~%50%b#Half. =c#Yes.}\n\n::Weights:: Pick. {~%50%a ~%50%b ~c}"
    _conversion, spec = _convert_and_load(text, tmp_path)
    single, multiple = spec.questions
    assert isinstance(single, SingleChoice) and single.key == "c"
    assert [o.credit for o in single.options] == [None, 0.5, None]
    assert [grade(single, answer).score for answer in "abc"] == [0, 0.5, 1]
    assert isinstance(multiple, MultipleChoice) and multiple.key == ["a", "b"]


def test_wrong_number_feedback_is_kept(tmp_path):
    text = "::A:: How many? {#3.14 ~#Not that.}\n\n::B:: How many? {#=4#Yes. ~#No, four.}"
    conversion, spec = _convert_and_load(text, tmp_path)
    assert [q.feedback.incorrect for q in spec.questions] == ["Not that.", "No, four."]
    assert spec.questions[1].feedback.correct == "Yes."
    assert not any("wrong number" in note.message for note in conversion.notes)


def test_a_range_converts_exactly(tmp_path):
    _, spec = _convert_and_load("::Pi:: Pi? {#3.141..3.142#Yes.}", tmp_path)
    assert (spec.questions[0].key, spec.questions[0].tolerance) == (3.1415, 0.0005)
    assert "key: 3.1415\n  tolerance: 0.0005\n" in (tmp_path / "pain-gift.yaml").read_text()


def test_html_answers_become_plain_text(tmp_path):
    text = (
        '::H::[html]<p>Which?</p> {=<p dir\\="ltr">Right &amp; <b>proper</b></p><p>a<br>b</p>'
        "#<p>Yes.</p> ~<ul><li>x</li><li>y</li></ul>#No.}"
    )
    _, spec = _convert_and_load(text, tmp_path)
    options = spec.questions[0].options
    assert [o.text for o in options] == ["Right & proper\n\na\nb", "- x\n- y"]
    assert options[0].feedback == "Yes."


def test_escapes_format_prefix_and_missing_word(all_types):
    question = all_types[1]["escapes-braces"]
    assert question.prompt == (
        "Write { and } and ~ and = and # in GIFT; the pain scale runs ___ in most clinics."
    )
    assert [o.text for o in question.options] == ["0 to 10", "1 to 5"]


def test_ids_come_from_titles_are_unique_and_numbered_without_a_title(all_types):
    ids = [q.id for q in all_types[2].questions]
    assert ids[-2:] == ["pain-gift-q10", "pain-gift-first-step-2"]
    assert len(set(ids)) == len(ids)


def test_missing_feedback_and_options_become_placeholders_listed_with_their_line(tmp_path):
    text = "// comment\n\n::Bare:: Pick {=yes ~no}\n\n::TF::Is it? {T#wrong#right####why}\n"
    conversion, spec = _convert_and_load(text, tmp_path)

    assert spec.module == "module-to-be-set"
    assert spec.questions[0].objective == "objective-to-be-set"
    assert spec.questions[0].lesson == "lesson-to-be-set"
    assert spec.questions[0].explanation == PLACEHOLDER
    assert "TODO" not in (tmp_path / "pain-gift.yaml").read_text(encoding="utf-8")
    lines = [n.display("bank.gift") for n in conversion.notes]
    assert lines[:3] == [
        "bank.gift: no --module: wrote `module: module-to-be-set`; set it to an id from the course",
        "bank.gift: no --objective: wrote `objective: objective-to-be-set`; set it to an id from the course",
        "bank.gift: no --lesson: wrote `lesson: lesson-to-be-set`; set it to an id from the course",
    ]
    assert lines[3] == (
        f'bank.gift:3: question `pain-gift-bare`: 2 answers have no feedback (`#`): wrote "{PLACEHOLDER}";'
        f' no general feedback (`####`): wrote "{PLACEHOLDER}" as the explanation'
    )
    assert len(lines) == 4  # the true/false question has all its feedback


def test_what_cannot_be_converted_is_listed_with_its_line(tmp_path):
    text = (FIXTURES / "bad.gift").read_text(encoding="utf-8")
    conversion, spec = _convert_and_load(
        text, tmp_path, module="basics", objective="b-define", lesson="steps"
    )

    assert [q.id for q in spec.questions] == ["pain-gift-good"]
    skipped = {n.line: n.message for n in conversion.notes if n.message.startswith("not converted")}
    assert conversion.skipped == len(skipped) == 9
    assert "essay question" in skipped[3]
    assert "short-answer question" in skipped[5]
    assert "a description" in skipped[7]
    assert "not closed with `}`" in skipped[9]
    assert "title opened with `::` is not closed" in skipped[11]
    assert "no right answer" in skipped[13]
    assert "`four` is not a number" in skipped[15]
    assert "matching question needs every answer written `=left -> right`" in skipped[17]
    assert "more than one answer block" in skipped[19]


def test_an_output_name_that_is_not_an_id_is_refused():
    with pytest.raises(GiftError, match="cannot be a quiz id"):
        convert_gift("Q {=a ~b}", "Pain Quiz", title="x")
    with pytest.raises(GiftError, match="is not an id"):
        convert_gift("Q {=a ~b}", "pain-quiz", title="x", objective="Not an id")
    with pytest.raises(GiftError, match="is not a lesson"):
        convert_gift("Q {=a ~b}", "pain-quiz", title="x", lesson="steps#two words")


GIFT_PIECES = st.sampled_from(
    ["{", "}", "=", "~", "#", "####", "::", "->", "%", "%50%", "%-100%", "\\", "\\:", "\\{",
     "\n", "\n\n", "//", "$CATEGORY:", "T", "FALSE", "..", ":", "1", "2.5", "-", "a", " ",
     "[html]", "é", "\x00", "\u2028", "nan", "inf", "1e400"]
)  # fmt: skip


WORDS = st.one_of(
    st.sampled_from(["a", "b c", "é", "1", "x y z"]),
    st.text(alphabet="ab \\:#=~{}-%.é", max_size=8),
)
ANSWER = st.tuples(st.sampled_from(["=", "~", "~%50%", "=%-100%", "="]), WORDS, WORDS).map(
    lambda parts: f"{parts[0]}{parts[1] or 'x'}#{parts[2]}"
)
BODY = st.one_of(
    st.lists(ANSWER, max_size=5).map(" ".join),
    st.sampled_from(["T", "F#no#yes", "TRUE####why", "#3:1", "#2..4#ok", "#=1:0 =%50%2:1", "#x"]),
    st.lists(st.tuples(WORDS, WORDS).map(lambda p: f"={p[0]} -> {p[1]}"), max_size=4).map(" ".join),
)
QUESTION = st.tuples(WORDS, WORDS, BODY, WORDS).map(
    lambda parts: f"::{parts[0]}::{parts[1]} {{{parts[2]}}}{parts[3]}"
)
BANKS = st.one_of(
    st.text(),
    st.lists(GIFT_PIECES, max_size=40).map("".join),
    st.lists(QUESTION, min_size=1, max_size=4).map("\n\n".join),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(BANKS)
def test_any_text_converts_to_a_loadable_quiz_or_notes_never_an_exception(text):
    conversion = convert_gift(text, "fuzz", title="Fuzz")
    assert conversion.converted + conversion.skipped >= 0
    if conversion.converted:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "fuzz.yaml"
            path.write_text(conversion.yaml_text("fuzz.gift"), encoding="utf-8")
            assert len(load_quiz(path).spec.questions) == conversion.converted


def _import(tmp_path: Path, source: Path, *extra: str) -> int:
    return main(
        ["import-gift", str(source), "--out", str(tmp_path / "quizzes" / "pain-gift.yaml"), *extra]
    )


def test_cli_writes_the_quiz_and_lists_notes_on_stderr(tmp_path, capsys):
    (tmp_path / "quizzes").mkdir()
    assert _import(tmp_path, FIXTURES / "bad.gift", "--module", "basics") == 0
    out, err = capsys.readouterr()
    assert out.startswith(
        f"wrote 1 question (1 single) to {tmp_path / 'quizzes' / 'pain-gift.yaml'}; 9 not converted"
    )
    assert f"{FIXTURES / 'bad.gift'}:3: not converted: an essay question" in err
    assert "Traceback" not in err
    assert load_quiz(tmp_path / "quizzes" / "pain-gift.yaml").spec.module == "basics"


def test_cli_refuses_to_replace_a_quiz_without_force(tmp_path, capsys):
    (tmp_path / "quizzes").mkdir()
    assert _import(tmp_path, FIXTURES / "all-types.gift") == 0
    assert _import(tmp_path, FIXTURES / "all-types.gift") == 1
    assert capsys.readouterr().err.splitlines()[-1].endswith("add --force to replace it")
    assert _import(tmp_path, FIXTURES / "all-types.gift", "--force") == 0


def test_cli_exits_1_when_nothing_converts_and_writes_nothing(tmp_path, capsys):
    (tmp_path / "quizzes").mkdir()
    assert _import(tmp_path, FIXTURES / "nothing.gift") == 1
    err = capsys.readouterr().err.splitlines()
    assert (
        err[-1]
        == f"trainer: nothing in {FIXTURES / 'nothing.gift'} could be converted: see the lines above"
    )
    assert not (tmp_path / "quizzes" / "pain-gift.yaml").exists()


@pytest.mark.parametrize(
    ("content", "out", "message"),
    [
        (None, "quizzes/pain-gift.yaml", "cannot read"),
        (b"Q {=caf\xe9 ~b}", "quizzes/pain-gift.yaml", "bank.gift:1: the file is not UTF-8 text"),
        (b"Q {=a ~b}", "missing/pain-gift.yaml", "does not exist: create it first"),
        (b"Q {=a ~b}", "quizzes/Pain Gift.yaml", "cannot be a quiz id"),
        (b"Q {=a ~b}", "quizzes/pain-gift.txt", "must end in .yaml"),
    ],
)
def test_cli_refusals_are_one_line(tmp_path, capsys, content, out, message):
    (tmp_path / "quizzes").mkdir()
    source = tmp_path / "bank.gift"
    if content is not None:
        source.write_bytes(content)
    assert main(["import-gift", str(source), "--out", str(tmp_path / out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("trainer: ") and message in err and err.count("\n") == 1


def test_cli_usage_errors_exit_2(tmp_path):
    with pytest.raises(SystemExit) as exit_info:
        main(["import-gift", str(FIXTURES / "all-types.gift")])
    assert exit_info.value.code == 2
