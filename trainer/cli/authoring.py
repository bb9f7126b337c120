"""Running the trainer's authoring commands: item analysis and the Moodle GIFT import.

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
    """Run `item-analysis`, `import-gift` or `ce-report`; refusals become one line on stderr."""
    try:
        if args.command == "import-gift":
            return _run_import_gift(args)
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


def _run_import_gift(args: argparse.Namespace) -> int:
    out: Path = args.out
    if out.suffix not in (".yaml", ".yml"):
        raise GiftError(f"--out {out} must end in .yaml, like quizzes/{out.stem}.yaml")
    output_files.check_target(out, force=args.force)
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
    print(_summary(conversion, out))
    return EXIT_OK


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
