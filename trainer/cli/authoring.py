"""Running the trainer's authoring commands: item analysis, the Moodle GIFT import, the CE
report, new modules, lessons, quizzes and client cases, and releases.

Each returns an exit code; a refusal is one line `trainer: reason` on stderr and exit 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from trainer.quiz.gift import GiftConversion, GiftError, convert_gift, read_gift
from trainer.services import output_files
from trainer.services.errors import ServiceError, StoreError

EXIT_OK, EXIT_REFUSED = 0, 1


def run_authoring(args: argparse.Namespace, course_dir: Path, quiz_dir: Path) -> int:
    """Run an authoring command; refusals become one line on stderr."""
    try:
        if args.command == "import-gift":
            return _run_import_gift(args, course_dir)
        if args.command == "new":
            return _run_new(args, course_dir, quiz_dir)
        if args.command == "release":
            return _run_release(args, course_dir, quiz_dir)
        if args.command == "ce-report":
            return _run_ce_report(args, course_dir, quiz_dir)
        return _run_item_analysis(args, course_dir, quiz_dir)
    except (ServiceError, StoreError, GiftError) as error:
        print(f"trainer: {error}", file=sys.stderr)
        return EXIT_REFUSED


def _run_item_analysis(args: argparse.Namespace, course_dir: Path, quiz_dir: Path) -> int:
    from trainer.content.problems import ContentError
    from trainer.services.catalog import open_catalog
    from trainer.services.database import open_database
    from trainer.services.item_analysis import item_analysis, item_analysis_as_json

    try:
        catalog = open_catalog(course_dir, quiz_dir)
    except ContentError as error:
        raise ServiceError(f"the course cannot be opened: {error}") from None
    store = open_database(args.db)
    try:
        rows = item_analysis(store, catalog, args.quiz)
    finally:
        store.close()
    if args.json:
        print(json.dumps(item_analysis_as_json(rows), indent=2, ensure_ascii=False))
        return EXIT_OK
    titles = {quiz_id: quiz.spec.title for quiz_id, quiz in catalog.quizzes.items()}
    width = max((len(row.question_id) for row in rows), default=8)
    quiz_id = None
    for row in rows:
        if row.quiz_id != quiz_id:
            if quiz_id is not None:
                print()
            print(f"{row.quiz_id}: {titles[row.quiz_id]}")
            print(f"{'question':<{width}}  responses  difficulty  discrimination  flags")
            quiz_id = row.quiz_id
        difficulty = f"{row.difficulty * 100:.0f}%" if row.difficulty is not None else "-"
        discrimination = f"{row.discrimination:+.2f}" if row.discrimination is not None else "-"
        print(
            f"{row.question_id:<{width}}  {row.responses:>9}  {difficulty:>10}"
            f"  {discrimination:>14}  {', '.join(row.flags)}".rstrip()
        )
    return EXIT_OK


def _run_ce_report(args: argparse.Namespace, course_dir: Path, quiz_dir: Path) -> int:
    from trainer.content.problems import ContentError
    from trainer.services.catalog import open_catalog
    from trainer.services.ce_report import ce_report, report_lines

    if args.out is not None:
        output_files.check_target(args.out, force=args.force)  # before any work
    try:
        catalog = open_catalog(course_dir, quiz_dir)
    except ContentError as error:
        raise ServiceError(f"the course cannot be opened: {error}") from None
    report = ce_report(catalog)
    if args.out is not None:
        from trainer.ui.pdf import write_ce_report_pdf  # Qt only for the PDF, as certificates

        write_ce_report_pdf(report, args.out, force=args.force)
        print(f"CE report written to {args.out}")
    elif args.json:
        print(json.dumps(report.as_json(), indent=2, ensure_ascii=False))
    else:
        print("\n".join(report_lines(report)))
    return EXIT_OK


def _run_new(args: argparse.Namespace, course_dir: Path, quiz_dir: Path) -> int:
    from trainer.services.scaffold import new_case, new_lesson, new_module, new_quiz

    if args.kind == "module":
        created = new_module(course_dir, quiz_dir, args.title, module_id=args.id)
    elif args.kind == "lesson":
        created = new_lesson(course_dir, args.module, args.title)
    elif args.kind == "case":
        created = new_case(course_dir, args.module, args.title)
    else:
        created = new_quiz(course_dir, quiz_dir, args.module)
    for path in created.changed:
        print(path)
    return EXIT_OK


def _run_release(args: argparse.Namespace, course_dir: Path, quiz_dir: Path) -> int:
    from trainer.services.release import ReleaseError, release

    try:
        done = release(course_dir, quiz_dir, args.version, args.notes)
    except ReleaseError as error:
        for problem in error.problems:
            print(problem.display(), file=sys.stderr)
        raise
    print(f"released {done.version} (was {done.previous}): {len(done.changed)} pages changed")
    for path in done.stamped:
        print(f"reviewed: stamped on {path}")
    print(f"changelog: {done.changelog}")
    return EXIT_OK


def _run_import_gift(args: argparse.Namespace, course_dir: Path) -> int:
    out: Path = args.out
    if out.suffix not in (".yaml", ".yml"):
        raise GiftError(f"--out {out} must end in .yaml, like quizzes/{out.stem}.yaml")
    output_files.check_target(out, force=args.force)
    module_file = _module_to_point_at(args, course_dir, out.stem)
    title = args.file.stem.replace("_", " ").replace("-", " ").strip().capitalize() or out.stem
    conversion = convert_gift(
        read_gift(args.file), out.stem, title=title, module=args.module,
        objective=args.objective, lesson=args.lesson,
    )  # fmt: skip
    for note in conversion.notes:
        print(note.display(args.file), file=sys.stderr)
    if not conversion.converted:
        raise GiftError(f"nothing in {args.file} could be converted: see the lines above")
    # a quiz file of the course: shared with the other authors, so not private
    output_files.write_text_file(
        out, conversion.yaml_text(args.file.name), force=args.force, private=False
    )
    if module_file is not None:
        from trainer.services.text_edits import set_top_level_value

        set_top_level_value(module_file, "quiz", out.stem)
        print(f"{module_file}: `quiz: {out.stem}`")
    print(_summary(conversion, out))
    return EXIT_OK


def _module_to_point_at(args: argparse.Namespace, course_dir: Path, quiz_id: str) -> Path | None:
    """The module.md of `--module` whose `quiz:` is to name the imported quiz, or None (no
    such module in the course, or it names this quiz already). A module has one quiz: one
    that has another is refused unless `--replace`."""
    from trainer.services.text_edits import EditError, parse_front_matter

    if not args.module:
        return None
    module_file = course_dir / args.module / "module.md"
    if not module_file.is_file():
        return None  # `trainer validate` names a quiz whose module is unknown
    try:
        front = parse_front_matter(module_file).data
    except EditError as error:
        raise ServiceError(str(error)) from None
    existing = front.get("quiz") if isinstance(front, dict) else None
    if existing == quiz_id:
        return None
    if existing and not args.replace:
        raise ServiceError(
            f"module `{args.module}` already has the quiz `{existing}` ({module_file}): a module"
            f" has one quiz; add the questions to {existing}.yaml, or add --replace to make"
            f" `{quiz_id}` the module's quiz"
        )
    return module_file


def _summary(conversion: GiftConversion, out: Path) -> str:
    kinds: dict[str, int] = {}
    for question in conversion.quiz["questions"]:
        kinds[question["type"]] = kinds.get(question["type"], 0) + 1
    counts = ", ".join(f"{count} {kind}" for kind, count in kinds.items())
    skipped = f"; {conversion.skipped} not converted" if conversion.skipped else ""
    todo = "replace the placeholders listed above, then" if conversion.notes else "now"
    return (
        f"wrote {conversion.converted} question{'s' if conversion.converted != 1 else ''}"
        f" ({counts}) to {out}{skipped};"
        f" {todo} run `trainer validate`"
    )
