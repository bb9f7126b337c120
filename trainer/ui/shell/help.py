"""Help menu: a short guide and the About box."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from trainer import __version__

GUIDE = """
<h2>How this training works</h2>
<ol>
<li><b>Choose or create your profile.</b> Your name and credential number appear on the certificate.</li>
<li><b>Take the pre-test.</b> It shows what you know before the day; it does not count toward passing.</li>
<li><b>Work through the modules in order.</b> Read every lesson to its end, try the practice items,
then take the module quiz. The next module opens when this one is complete.
A lesson counts as read once you have scrolled to its end and, since you opened it, spent
active time on it of a quarter of its minutes, at most three (a 10-minute lesson needs 2½
minutes, a 20-minute one 3). The line under the lesson says how many more minutes it
needs.</li>
<li><b>Take the post-test and fill in the course evaluation.</b></li>
<li><b>Get your certificate</b> as a PDF from the course home.</li>
</ol>
<h3>Keys</h3>
<table cellpadding="3">
<tr><td>Alt+Left / Alt+Right</td><td>previous / next lesson</td></tr>
<tr><td>Ctrl+F</td><td>find in the lesson</td></tr>
<tr><td>Ctrl++ / Ctrl+- / Ctrl+0</td><td>larger / smaller / normal text, on every screen</td></tr>
<tr><td>Alt+Home</td><td>course home</td></tr>
<tr><td>Tab, then Enter</td><td>move to a link or glossary term and open it</td></tr>
<tr><td>1 to 4, then Enter</td><td>a client case: choose, then continue</td></tr>
<tr><td>1 / 2 / 3, then Enter</td><td>a booster review: not sure / fairly sure / sure, then check</td></tr>
</table>
<h3>Client cases</h3>
<p>Each module from the second on has a client case: a fictional client says or does
something, and you choose what to say or do, one decision at a time. Every choice is
explained at once, with how helpful it was (helpful, partly helpful, harmful) and, where it
rests on research, its source. Some choices are there because counselors are tempted by
them, such as suggesting a dose change: the feedback says why that is the prescriber's
decision and what you do instead. A case ends in one of several ways, each with a debrief
that names what the case practised and links the lessons; <i>Try another path</i> plays it
again. Every choice is saved as you make it: a case left half-way goes on from there.</p>
<h3>Your progress is safe</h3>
<p>Every answer is saved the moment you give it. If the computer shuts down in the middle of a
quiz, the app offers to resume it with all your answers next time. Backups are kept
automatically; a trainer or supervisor can bring one back with File &gt; Restore a backup
(after their password), since a restore changes every profile on the computer.</p>
<p>The control with the keyboard focus wears a thick ring; View &gt; Theme chooses light,
dark or the system's setting.</p>
<p>Only time spent actively reading and answering counts toward continuing-education hours.</p>
<h3>Booster reviews and the retention estimate</h3>
<p><b>Why short reviews after the course.</b> What is learned in one day fades. Spaced
practice after a training, a few questions at a time over the following weeks and months,
helps people remember longer than one block of study does. From the day after you complete
the course, the app offers a few booster questions when they fall due; each takes about a
minute.</p>
<p><b>The confidence buttons.</b> With each answer you say how sure you were: <i>Not sure</i>,
<i>Fairly sure</i> or <i>Sure</i>. A right answer you were sure of comes back later; a right
answer you were not sure of comes back sooner. A wrong answer comes back soon, whatever you
chose.</p>
<p><b>Confident errors.</b> A wrong answer given with <i>Sure</i> is a confident error: you
believed something that is not so, which is more likely to be acted on than a guess. Such an
item comes back sooner, ahead of others due the same day, with its feedback and a link to the
lesson.</p>
<p><b>Estimated retention.</b> The percentage beside an objective is an estimate, made by the
FSRS scheduling method from your own answers so far, of the chance that you would recall its
items now (shown in My progress as how likely you are to recall them). It falls as time passes
and rises when you answer, even wrongly: right after a review you still have the answer in
mind, so an item answered wrongly shows a high estimate that falls quickly, and comes back
soon. "Holding", "lower" or "higher" compares it with your post-test on the same objective.
It is an estimate, not a grade:
it does not change your certificate or your course result.</p>
<p><b>What a supervisor sees.</b> For each counselor and objective: how many reviews were done,
the estimated retention, and any confident errors on items marked as safety items (which item,
and when). Your answers to other items are not shown one by one. A report of the answers given
80 to 100 days after completion shows, per objective and for all counselors together, the
share right with its 95% interval.</p>
"""


class GuideDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Guide"))
        text = QTextBrowser()
        text.setAccessibleName(self.tr("Guide"))
        text.setHtml(self.tr(GUIDE))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(buttons)
        self.resize(620, 560)


def about_text(course_title: str, course_version: str, database: str = "") -> str:
    saved_in = f"<p>Progress is saved in {html.escape(database)}.</p>" if database else ""
    return (
        f"<h3>Pain &amp; OUD Counselor Training {__version__}</h3>"
        f"<p>{html.escape(course_title)}, version {html.escape(course_version)}.</p>"
        "<p>Offline training for addiction counselors who help clients living with chronic pain"
        " and opioid use disorder. Counselors do not prescribe: the course says what a counselor"
        " does and when to bring in the prescriber.</p>" + saved_in
    )
