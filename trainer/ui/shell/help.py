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
</table>
<h3>Your progress is safe</h3>
<p>Every answer is saved the moment you give it. If the computer shuts down in the middle of a
quiz, the app offers to resume it with all your answers next time. Backups are kept
automatically; a trainer or supervisor can bring one back with File &gt; Restore a backup
(after their password), since a restore changes every profile on the computer.</p>
<p>The control with the keyboard focus wears a thick ring; View &gt; Theme chooses light,
dark or the system's setting.</p>
<p>Only time spent actively reading and answering counts toward continuing-education hours.</p>
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
