"""Booster reviews around the review screen: the course home's Review step, My progress,
and the notice when a profile opens with items due."""

# ruff: noqa: F811  (the fixtures of test_review_page.py, imported, are the tests' arguments)

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.conftest import BOOSTERS, COURSE_YAML, REVIEW_SETTINGS
from tests.services.helpers import read_module, right_answer, take_quiz
from tests.ui.test_app_window import open_app, settle
from tests.ui.test_review_page import (  # noqa: F401  (fixtures)
    booster_catalog,
    clock,
    make_context,
    the_day_after,
)
from trainer.services import accounts
from trainer.services.reviews import booster_question, record_review, review_plan
from trainer.ui.learner.home_page import HomePage
from trainer.ui.learner.progress_page import ProgressPage
from trainer.ui.shell.context import AppContext


def shown(qtbot, page):
    qtbot.addWidget(page)
    page.resize(1100, 750)
    page.show()
    with qtbot.waitSignal(page.reviews_loaded):
        page.refresh()
    return page


def review_everything(context: AppContext, moment: datetime, confidence: str = "sure") -> None:
    """Answer today's session rightly, through the services."""
    store, catalog, learner_id = context.store, context.catalog, context.learner_id
    for item in review_plan(store, catalog, learner_id, moment).items:
        question = booster_question(catalog, item.quiz_id, item.question_id)
        record_review(store, catalog, learner_id, item.quiz_id, item.question_id,
                      right_answer(question), confidence, moment)  # fmt: skip


def test_the_home_says_reviews_start_the_day_after_completion(qtbot, make_context, clock) -> None:
    context = make_context(completed=False)
    clock(datetime.now(UTC))
    page = shown(qtbot, HomePage(context))
    assert page.review_box.isVisible()
    assert page.review_text.text() == (
        "Booster reviews start the day after you complete the course."
    )
    assert not page.review_button.isVisible()


def test_the_home_offers_the_items_due_the_day_after_completion(qtbot, make_context, clock) -> None:
    context = make_context()
    clock(the_day_after(context))
    page = shown(qtbot, HomePage(context))
    assert page.review_text.text() == "4 booster items are due now (about 4 minutes)."
    assert page.review_button.isVisible()
    page.review_button.click()
    assert ("show_reviews",) in context.navigator.calls  # type: ignore[attr-defined]


def test_the_home_names_the_next_day_once_the_session_is_done(qtbot, make_context, clock) -> None:
    context = make_context()
    today = the_day_after(context)
    review_everything(context, today)
    clock(today)
    page = shown(qtbot, HomePage(context))
    assert page.review_text.text().startswith("No reviews due; the next are due on ")
    assert not page.review_button.isVisible()


def test_my_progress_shows_retention_per_objective_after_reviews(
    qtbot, make_context, clock
) -> None:
    context = make_context()
    today = the_day_after(context)
    review_everything(context, today)
    clock(today + timedelta(days=3))
    page = shown(qtbot, ProgressPage(context))
    table = page.reviews
    assert table.isVisible()
    rows = [[table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]  # fmt: skip
    assert [row[:4] for row in rows] == [
        ["Basics", "Define pain.", "2 of 2", "2"],
        ["Basics", "Order the steps of nociception.", "2 of 2", "2"],
    ]
    for row in rows:
        assert row[4].startswith("about ") and row[4].endswith("% likely to recall")
        assert row[5].startswith("Post-test 100%: ") and row[5].endswith(" now")
    assert "FSRS memory model" in page.reviews_note.text()


def test_my_progress_before_any_review_says_not_reviewed_yet(qtbot, make_context, clock) -> None:
    context = make_context()
    clock(the_day_after(context))
    page = shown(qtbot, ProgressPage(context))
    assert page.reviews.item(0, 4).text() == "not reviewed yet"
    assert page.reviews.item(0, 5).text() == "Post-test 100%"


def test_opening_a_profile_with_items_due_says_so_in_the_status_bar(
    qtbot, write_course, clock
) -> None:
    root = write_course(
        {
            "curriculum/course.yaml": COURSE_YAML + REVIEW_SETTINGS,
            "quizzes/basics-boosters.yaml": BOOSTERS,
        }
    )
    window = open_app(qtbot, root)
    assert window.store is not None and window.catalog is not None
    store, catalog = window.store, window.catalog
    learner = accounts.create_learner(store, "Ana Ruiz")
    for quiz_id in ("pretest", "basics-quiz", "posttest"):
        if quiz_id == "basics-quiz":
            read_module(store, catalog, learner.id, "basics")
        take_quiz(store, catalog, learner.id, quiz_id)
    context = AppContext(catalog, store, window.tasks, window, learner)
    clock(the_day_after(context))
    window.profile_opened(learner)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() != "")
    settle(qtbot, window.tasks)
    assert window.statusBar().currentMessage() == "4 booster items are due today."
    assert window.stack.currentWidget() is window.pages["home"]
    window.show_reviews()
    review = window.pages["reviews"]
    qtbot.waitUntil(lambda: review.where_label.text() == "Item 1 of 4")


def test_items_held_back_today_are_due_tomorrow_in_words(qapp) -> None:
    from datetime import UTC, date, datetime

    from trainer.services.reviews import ReviewPlan
    from trainer.ui.learner.review_page import ReviewWords

    now = datetime(2026, 12, 3, 15, 0, tzinfo=UTC)
    held = ReviewPlan(True, date(2026, 11, 20), 3, datetime(2026, 12, 3, 9, tzinfo=UTC), ())
    assert (
        ReviewWords().plan_text(held, 1.0, now)
        == "Today's reviews are done; the next are due tomorrow."
    )
