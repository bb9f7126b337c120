"""The curriculum's files in course order, as the authoring screen lists them: what the
course uses in the order a learner meets it, then the files it does not use, by name."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from trainer.cases.loader import CASES_FOLDER
from trainer.content.frontmatter import split_front_matter
from trainer.content.loader import LESSON_FILE, MODULE_FILE, load_course
from trainer.content.problems import ContentError
from trainer.content.yamlsource import read_text


@dataclass(frozen=True)
class CourseFiles:
    """Each module folder with its files (Markdown, then client cases), and the quiz files,
    all in course order."""

    modules: tuple[tuple[Path, tuple[Path, ...]], ...]
    quizzes: tuple[Path, ...]


def _in_order(
    paths: Iterable[Path], order: list[str], name: Callable[[Path], str]
) -> tuple[Path, ...]:
    """`paths` whose `name` is in `order` as `order` gives them, then the rest by name."""
    rank = {entry: index for index, entry in reversed(list(enumerate(order)))}
    return tuple(sorted(paths, key=lambda p: (rank.get(name(p), len(rank)), p.name)))


def module_files(folder: Path) -> tuple[Path, ...]:
    """A module's files: module.md, its lessons as the course orders them, the rest of its
    Markdown, then its client cases in the module's case order."""
    names = sorted(path.name for path in folder.glob("*.md") if path.name != MODULE_FILE)
    lessons = [name for name in names if LESSON_FILE.match(name)]  # as the loader orders them
    stray = [name for name in names if not LESSON_FILE.match(name)]
    module = [MODULE_FILE] if (folder / MODULE_FILE).is_file() else []
    markdown = tuple(folder / name for name in [*module, *lessons, *stray])
    return markdown + case_files(folder)


def case_files(folder: Path) -> tuple[Path, ...]:
    """The module's `cases/*.yaml` as the course orders them: those its module.md lists
    under `cases:` in that order, then the others by file name."""
    cases = folder / CASES_FOLDER
    if not cases.is_dir():
        return ()
    paths = [*cases.glob("*.yaml"), *cases.glob("*.yml")]
    return _in_order(paths, _listed_cases(folder / MODULE_FILE), lambda p: p.stem)


def _listed_cases(module_file: Path) -> list[str]:
    """The ids under `cases:` in module.md; none when it cannot be read (validate says why)."""
    try:
        data = split_front_matter(read_text(module_file), module_file).front.data
    except (ContentError, OSError):
        return []
    listed = data.get("cases") if isinstance(data, dict) else None
    if not isinstance(listed, list):
        return []
    return [case_id for case_id in listed if isinstance(case_id, str)]


def course_files(course_dir: Path, quiz_dir: Path) -> CourseFiles:
    """The modules as `course.yaml` lists them, each quiz where the learner takes it (the
    pre-test, each module's quiz, the post-test); unused files after these, by name."""
    try:
        course = load_course(course_dir)[0]
    except ContentError:  # no usable course.yaml: every file is listed by name
        course = None
    module_order = [module.id for module in course.modules] if course else []
    quiz_order: list[str] = []
    if course is not None:
        used = [course.pretest, *(module.quiz for module in course.modules), course.posttest]
        quiz_order = [quiz for quiz in used if quiz]
    folders = [path.parent for path in course_dir.glob(f"*/{MODULE_FILE}")]
    quizzes = [*quiz_dir.glob("*.yaml"), *quiz_dir.glob("*.yml")]
    return CourseFiles(
        modules=tuple(
            (folder, module_files(folder))
            for folder in _in_order(folders, module_order, lambda p: p.name)
        ),
        quizzes=_in_order(quizzes, quiz_order, lambda p: p.stem),
    )
