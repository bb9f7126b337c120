"""Every validation rule, each with a broken fixture: the file, the line and the message."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import COURSE_YAML, LESSON_ONE, LESSON_TWO, MODULE_MD, QUIZ
from trainer.services.validation import validate


def problems(root: Path) -> list[tuple[str, int, str]]:
    report = validate(root / "curriculum", root / "quizzes")
    return [(p.file.relative_to(root).as_posix(), p.line, p.message) for p in report.problems]


def only_problem(root: Path) -> tuple[str, int, str]:
    found = problems(root)
    assert len(found) == 1, found
    return found[0]


def test_demo_course_is_clean(demo_root: Path) -> None:
    assert problems(demo_root) == []


def test_missing_course_key_names_file_and_line(write_course) -> None:
    root = write_course({"curriculum/course.yaml": "id: demo-course\ntitle: Demo\nversion: 1\n"})
    found = problems(root)
    assert (
        "curriculum/course.yaml",
        1,
        "`provider` is missing in this file: add `provider: …`",
    ) in found
    assert any("`modules` is missing" in message for _, _, message in found)


def test_unknown_key_names_its_line(write_course) -> None:
    text = MODULE_MD.replace("minutes: 2\n", "minutes: 2\ncolour: blue\n")
    root = write_course({"curriculum/basics/module.md": text})
    assert (
        "curriculum/basics/module.md",
        6,
        "unknown key `colour`: check its spelling against docs/authoring.md",
    ) in problems(root)


def test_wrong_type_says_what_is_expected(write_course) -> None:
    text = LESSON_ONE.replace("minutes: 10", "minutes: ten")
    root = write_course({"curriculum/basics/01-what-is-pain.md": text})
    found = problems(root)
    assert ("curriculum/basics/01-what-is-pain.md", 4) in [(f, n) for f, n, _ in found]
    assert any(m.startswith("minutes: should be a valid integer") for _, _, m in found)


def test_yaml_syntax_error_names_the_line(write_course) -> None:
    root = write_course(
        {"quizzes/basics-quiz.yaml": QUIZ.replace("pass_mark: 75", "pass_mark: [75")}
    )
    found = [p for p in problems(root) if p[0] == "quizzes/basics-quiz.yaml"]
    assert len(found) == 1
    assert found[0][1] in (4, 5)
    assert found[0][2].startswith("not valid YAML")


def test_duplicate_yaml_key_is_reported(write_course) -> None:
    root = write_course(
        {"quizzes/basics-quiz.yaml": QUIZ.replace("pass_mark: 75", "pass_mark: 75\npass_mark: 80")}
    )
    assert (
        "quizzes/basics-quiz.yaml",
        5,
        "duplicate key `pass_mark`: each key may appear once",
    ) in problems(root)


def test_file_that_is_not_utf8(write_course) -> None:
    root = write_course({})
    (root / "curriculum/basics/02-steps.md").write_bytes(b"---\nid: steps\n---\n\xff\xfe caf\xe9")
    assert (
        "curriculum/basics/02-steps.md",
        4,
        "not UTF-8 text: save the file as UTF-8",
    ) in problems(root)


def test_missing_front_matter(write_course) -> None:
    root = write_course({"curriculum/basics/02-steps.md": "# The steps\n"})
    found = problems(root)
    assert (
        "curriculum/basics/02-steps.md",
        1,
        "missing front matter: start the file with a `---` line",
    ) in found


def test_unclosed_front_matter(write_course) -> None:
    root = write_course({"curriculum/basics/02-steps.md": "---\nid: steps\ntitle: x\n"})
    assert (
        "curriculum/basics/02-steps.md",
        1,
        "front matter is not closed: add a `---` line after it",
    ) in problems(root)


def test_lesson_file_name_must_be_numbered(write_course) -> None:
    root = write_course({"curriculum/basics/steps.md": LESSON_ONE})
    assert any(
        f == "curriculum/basics/steps.md" and "name it like `01-lesson-id.md`" in m
        for f, _, m in problems(root)
    )


def test_lesson_id_must_match_file_name(write_course) -> None:
    text = LESSON_ONE.replace("id: what-is-pain", "id: pain-defined")
    root = write_course({"curriculum/basics/01-what-is-pain.md": text})
    assert any(
        (f, n) == ("curriculum/basics/01-what-is-pain.md", 2) and "must match the file name" in m
        for f, n, m in problems(root)
    )


def test_two_lessons_with_one_number(write_course) -> None:
    text = LESSON_ONE.replace("id: what-is-pain", "id: other").replace("b-reflect", "b-other")
    root = write_course({"curriculum/basics/01-other.md": text})
    assert any("lesson number 01 is also used by" in m for _, _, m in problems(root))


def test_module_listed_without_folder(write_course) -> None:
    root = write_course(
        {"curriculum/course.yaml": COURSE_YAML.replace("  - basics\n", "  - basics\n  - missing\n")}
    )
    assert problems(root) == [
        (
            "curriculum/course.yaml",
            8,
            "module `missing` has no missing/module.md: create it or remove the module from `modules`",
        )
    ]


def test_module_folder_not_listed(write_course) -> None:
    extra = (
        MODULE_MD.replace("id: basics", "id: extra")
        .replace("b-", "x-")
        .replace("quiz: basics-quiz\n", "")
    )
    root = write_course({"curriculum/extra/module.md": extra})
    assert any(
        "folder `extra` has a module.md but is not listed" in m for _, _, m in problems(root)
    )


def test_duplicate_ids_across_the_course(write_course) -> None:
    text = LESSON_ONE.replace("id: b-reflect", "id: b-define")
    root = write_course({"curriculum/basics/01-what-is-pain.md": text})
    assert any(
        f == "curriculum/basics/01-what-is-pain.md"
        and "practice item id `b-define` is already used" in m
        for f, _, m in problems(root)
    )


def test_lesson_names_unknown_objective(write_course) -> None:
    text = LESSON_ONE.replace("objectives: [b-define]", "objectives: [b-defne]")
    root = write_course({"curriculum/basics/01-what-is-pain.md": text})
    file, line, message = only_problem(root)
    assert (file, line) == ("curriculum/basics/01-what-is-pain.md", 5)
    assert "objective `b-defne` is not an objective of module `basics`" in message


def test_footnote_without_reference(write_course) -> None:
    text = LESSON_ONE.replace("experience.[^raja2020]", "experience.[^smith1999]")
    root = write_course({"curriculum/basics/01-what-is-pain.md": text})
    assert only_problem(root) == (
        "curriculum/basics/01-what-is-pain.md",
        16,
        "footnote `[^smith1999]` has no reference: add `smith1999` to references.yaml"
        " or use an existing reference id",
    )


def test_missing_media(write_course) -> None:
    text = LESSON_ONE + "\n![The gate](media/gate.png)\n"
    root = write_course({"curriculum/basics/01-what-is-pain.md": text})
    assert only_problem(root) == (
        "curriculum/basics/01-what-is-pain.md",
        23,
        "image `media/gate.png` not found in basics/media/ or media/",
    )


def test_media_found_in_module_folder(write_course) -> None:
    text = LESSON_ONE + "\n![The gate](media/gate.png)\n"
    root = write_course({"curriculum/basics/01-what-is-pain.md": text})
    (root / "curriculum/basics/media").mkdir()
    (root / "curriculum/basics/media/gate.png").write_bytes(b"\x89PNG")
    assert problems(root) == []


def test_dead_link_to_missing_lesson(write_course) -> None:
    text = LESSON_ONE.replace("02-steps.md#four-steps", "03-nothing.md")
    root = write_course({"curriculum/basics/01-what-is-pain.md": text})
    assert only_problem(root) == (
        "curriculum/basics/01-what-is-pain.md",
        21,
        "dead link: `03-nothing.md` is not a lesson of this course",
    )


def test_dead_link_to_missing_anchor(write_course) -> None:
    text = LESSON_ONE.replace("02-steps.md#four-steps", "02-steps.md#five-steps")
    root = write_course({"curriculum/basics/01-what-is-pain.md": text})
    assert only_problem(root) == (
        "curriculum/basics/01-what-is-pain.md",
        21,
        "dead link: `02-steps.md` has no heading or id `five-steps`",
    )


def test_dead_link_within_the_page(write_course) -> None:
    text = LESSON_ONE + "\nBack to [the top](#nowhere).\n"
    root = write_course({"curriculum/basics/01-what-is-pain.md": text})
    assert only_problem(root)[2] == "link to `#nowhere`: no heading or id `nowhere` on this page"


def test_unknown_admonition_type(write_course) -> None:
    text = LESSON_ONE.replace("!!! key-point", "!!! keypoint")
    root = write_course({"curriculum/basics/01-what-is-pain.md": text})
    file, line, message = only_problem(root)
    assert (file, line) == ("curriculum/basics/01-what-is-pain.md", 18)
    assert message.startswith("unknown admonition type `keypoint`: use one of")


def test_glossary_term_used_in_no_lesson(write_course) -> None:
    glossary = "- id: nociception\n  term: Nociception\n  definition: x.\n- id: allodynia\n  term: Allodynia\n  definition: y.\n"
    root = write_course({"curriculum/glossary.yaml": glossary})
    assert only_problem(root) == (
        "curriculum/glossary.yaml",
        4,
        "glossary term `Allodynia` appears in no lesson: use it or remove it",
    )


def test_reference_needs_doi_or_url(write_course) -> None:
    references = "- id: raja2020\n  authors: Raja SN\n  year: 2020\n  title: T\n  source: Pain\n"
    root = write_course({"curriculum/references.yaml": references})
    found = problems(root)
    assert (
        "curriculum/references.yaml",
        1,
        "a reference needs a `doi` or a `url` so a reader can find it",
    ) in found


def test_scale_field_needs_a_range(write_course) -> None:
    text = LESSON_ONE.replace(
        "  - id: b-reflect\n    type: reflection\n    title: Your pain story\n    prompts:\n      - When did you last feel pain?\n",
        "  - id: b-diary\n    type: worksheet\n    title: Diary\n    fields:\n      - {id: pain, label: Pain, kind: scale}\n",
    )
    root = write_course({"curriculum/basics/01-what-is-pain.md": text})
    assert any("a `scale` field needs `min` and `max`" in m for _, _, m in problems(root))


REFLECTION = "    type: reflection\n    title: Your pain story\n"


@pytest.mark.parametrize(
    ("share", "instructions", "expected"),
    [
        (
            "answers",
            "Your answers are private and stay on this computer.",
            "practice item `b-reflect` tells the learner their answers are private but has"
            " `share: answers`: use `share: done`, or change the words",
        ),
        (
            "done",
            "Your supervisor receives what you write, to talk it over with you.",
            "practice item `b-reflect` tells the learner their supervisor receives the answers"
            " but does not share them: add `share: answers`",
        ),
    ],
)
def test_a_practice_items_sharing_keeps_the_promise_of_its_words(
    write_course, share: str, instructions: str, expected: str
) -> None:
    text = LESSON_ONE.replace(
        REFLECTION, f"{REFLECTION}    share: {share}\n    instructions: {instructions}\n"
    )
    root = write_course({"curriculum/basics/01-what-is-pain.md": text})
    assert only_problem(root) == ("curriculum/basics/01-what-is-pain.md", 10, expected)


def test_practice_sharing_is_done_or_answers(write_course) -> None:
    text = LESSON_ONE.replace(REFLECTION, f"{REFLECTION}    share: everything\n")
    root = write_course({"curriculum/basics/01-what-is-pain.md": text})
    assert (
        "curriculum/basics/01-what-is-pain.md",
        10,
        "practice[0].share: should be 'done' or 'answers'",
    ) in problems(root)


def test_an_item_that_says_private_may_keep_its_answers(write_course) -> None:
    text = LESSON_ONE.replace(
        REFLECTION, f"{REFLECTION}    instructions: Nobody else sees these answers.\n"
    )
    assert problems(write_course({"curriculum/basics/01-what-is-pain.md": text})) == []


@pytest.mark.parametrize(
    ("old", "new", "line", "expected"),
    [
        (
            "    key: a\n",
            "    key: c\n",
            17,
            "questions[0].key: key `c` names no option; use one of the option ids: a, b",
        ),
        (
            "objective: b-define",
            "objective: b-nothing",
            11,
            "objective `b-nothing` is not an objective of any module",
        ),
        (
            "lesson: what-is-pain#definition",
            "lesson: no-lesson",
            12,
            "lesson `no-lesson` does not exist: use a lesson id",
        ),
        (
            "lesson: what-is-pain#definition",
            "lesson: what-is-pain#nowhere",
            12,
            "lesson `what-is-pain` has no heading or id `nowhere`",
        ),
        (
            "type: single",
            "type: essay",
            9,
            "does not match any of the expected tags: 'single', 'multiple'",
        ),
    ],
)
def test_quiz_reference_problems(
    write_course, old: str, new: str, line: int, expected: str
) -> None:
    root = write_course({"quizzes/basics-quiz.yaml": QUIZ.replace(old, new, 1)})
    found = [(n, m) for f, n, m in problems(root) if f == "quizzes/basics-quiz.yaml"]
    assert any(n == line and expected in m for n, m in found), found


def test_objective_no_question_measures(write_course) -> None:
    text = MODULE_MD.replace(
        "    text: Order the steps of nociception.\n",
        "    text: Order the steps of nociception.\n  - id: b-explain\n    text: Explain pain to a client.\n",
    )
    root = write_course({"curriculum/basics/module.md": text})
    assert only_problem(root) == (
        "curriculum/basics/module.md",
        12,
        "objective `b-explain` is measured by no question: add a question with `objective: b-explain`",
    )


def test_question_id_used_twice(write_course) -> None:
    root = write_course(
        {
            "quizzes/posttest.yaml": (
                root_text := QUIZ.replace("id: basics-quiz", "id: posttest").replace(
                    "module: basics", "module: posttest"
                )
            )
        }
    )
    assert root_text
    assert any(
        f == "quizzes/posttest.yaml"
        and "question id `bq-define` is already used in basics-quiz.yaml" in m
        for f, _, m in problems(root)
    ) or any(
        f == "quizzes/basics-quiz.yaml" and "question id `bq-define` is already used in" in m
        for f, _, m in problems(root)
    )


def test_quiz_file_name_must_match_id(write_course) -> None:
    root = write_course({"quizzes/basics-quiz.yaml": None, "quizzes/basics.yaml": QUIZ})
    found = problems(root)
    assert ("quizzes/basics.yaml", 1) in [(f, n) for f, n, _ in found]
    assert any("quiz `basics-quiz` has no file basics-quiz.yaml" in m for _, _, m in found)


def test_draw_larger_than_pool(write_course) -> None:
    root = write_course(
        {"quizzes/basics-quiz.yaml": QUIZ.replace("pass_mark: 75", "pass_mark: 75\ndraw: 5")}
    )
    assert any(
        "`draw: 5` asks for more questions than the 2 in the pool" in m
        for _, _, m in problems(root)
    )


def test_module_objective_from_other_module_in_module_quiz(write_course) -> None:
    extra = (
        MODULE_MD.replace("id: basics", "id: extra")
        .replace("b-define", "x-define")
        .replace("b-steps", "x-steps")
        .replace("quiz: basics-quiz\n", "")
    )
    lesson = LESSON_TWO.replace("id: steps", "id: x-lesson").replace(
        "[b-steps]", "[x-define, x-steps]"
    )
    course = (
        "id: demo-course\ntitle: Demo\nversion: 1\nprovider: P\nce_hours: 1\n"
        "modules: [basics, extra]\npretest: pretest\nposttest: posttest\n"
    )
    quiz = QUIZ.replace("objective: b-define", "objective: x-define")
    root = write_course(
        {
            "curriculum/course.yaml": course,
            "curriculum/extra/module.md": extra,
            "curriculum/extra/01-x-lesson.md": lesson.replace(
                "01-what-is-pain.md", "../basics/01-what-is-pain.md"
            ),
            "quizzes/basics-quiz.yaml": quiz,
        }
    )
    assert any(
        "objective `x-define` belongs to module `extra`, not to this quiz's module `basics`" in m
        for _, _, m in problems(root)
    )


def test_every_problem_is_listed_not_just_the_first(write_course) -> None:
    root = write_course(
        {
            "curriculum/basics/01-what-is-pain.md": LESSON_ONE.replace(
                "[^raja2020]", "[^nobody1]"
            ).replace("!!! key-point", "!!! shout"),
            "quizzes/basics-quiz.yaml": QUIZ.replace("    key: a\n", "    key: z\n"),
        }
    )
    assert len(problems(root)) >= 3


def test_pretest_named_in_course_without_a_file(write_course) -> None:
    root = write_course({"quizzes/pretest.yaml": None})
    assert (
        "curriculum/course.yaml",
        8,
        "pretest `pretest` has no quiz file pretest.yaml",
    ) in problems(root)


def test_a_broken_quiz_is_not_also_reported_missing(write_course) -> None:
    root = write_course({"quizzes/basics-quiz.yaml": QUIZ.replace("    key: a\n", "    key: z\n")})
    found = problems(root)
    assert [f for f, _, _ in found] == ["quizzes/basics-quiz.yaml"]


def single(question_id: str, key_text: str, other_text: str, kind: str = "single") -> str:
    """A question appended to the demo quiz: option `a` (the key) against option `b`."""
    key = "a" if kind == "single" else "[a]"
    return f"""\
  - id: {question_id}
    type: {kind}
    objective: b-define
    lesson: what-is-pain#definition
    prompt: What is pain?
    options:
      - {{id: a, text: "{key_text}", feedback: Yes.}}
      - {{id: b, text: "{other_text}", feedback: No.}}
    key: {key}
    explanation: See "What pain is".
"""


def warnings(root: Path) -> list[tuple[str, int, str]]:
    report = validate(root / "curriculum", root / "quizzes")
    return [(p.file.relative_to(root).as_posix(), p.line, p.message) for p in report.warnings]


LONG_KEY = "An unpleasant sensory and emotional experience"
SHORT = "A nerve signal"


def test_key_longest_in_more_than_a_third_of_single_items_warns(write_course) -> None:
    # the demo quiz's own single question has a key shorter than its other option
    quiz = QUIZ + single("bq-long-1", LONG_KEY, SHORT) + single("bq-long-2", LONG_KEY, SHORT)
    root = write_course({"quizzes/basics-quiz.yaml": quiz})
    assert problems(root) == []
    assert warnings(root) == [
        (
            "quizzes/basics-quiz.yaml",
            8,
            "quiz `basics-quiz`: the key is the longest option in 2 of its 3 single-answer"
            " questions (more than a third), so a learner who picks the longest option passes"
            " without reading: shorten keys or lengthen wrong options so that the key is the"
            " longest in at most 1 of them (now: bq-long-1, bq-long-2)",
        )
    ]


def test_key_longest_in_exactly_a_third_does_not_warn(write_course) -> None:
    quiz = QUIZ + single("bq-long", LONG_KEY, SHORT) + single("bq-short", SHORT, LONG_KEY)
    root = write_course({"quizzes/basics-quiz.yaml": quiz})
    assert warnings(root) == []


def test_a_tie_is_not_longest_and_other_types_are_not_counted(write_course) -> None:
    quiz = (
        QUIZ
        + single("bq-long", LONG_KEY, SHORT)
        + single("bq-tie", "A signal", "An event")
        + single("bq-multiple", LONG_KEY, SHORT, kind="multiple")
        + single("bq-multiple-2", LONG_KEY, SHORT, kind="multiple")
    )
    root = write_course({"quizzes/basics-quiz.yaml": quiz})
    assert warnings(root) == []
