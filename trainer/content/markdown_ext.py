"""Python-Markdown extensions of the lesson pipeline: glossary terms, links, admonitions."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterable

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from trainer.content.formats import GlossaryTerm

SKIP_TAGS = {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "sup", "title"}
ADMONITION_LABELS = {
    "key-point": "Key point",
    "pearl": "Clinical pearl",
    "caution": "Caution",
    "refer": "When to refer",
    "case": "Case",
    "discuss": "Discussion",
    "note": "Note",
}


def term_pattern(names: Iterable[str]) -> re.Pattern[str]:
    """Whole-word matches of any name, longest first, across line breaks.

    Case is ignored except for names in capitals (STOP, TIP 54), which would
    otherwise match ordinary words such as "stop".
    """
    parts = []
    for name in sorted(set(names), key=len, reverse=True):
        body = r"\s+".join(re.escape(word) for word in name.split())
        parts.append(f"(?-i:{body})" if name.isupper() else body)
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b", re.IGNORECASE)


class GlossaryMarker(Treeprocessor):
    """Wraps the first use of each glossary term in a `glossary:<id>` link."""

    def __init__(self, md: Markdown, terms: Iterable[GlossaryTerm]) -> None:
        super().__init__(md)
        by_text: dict[str, GlossaryTerm] = {}
        for term in terms:
            for text in (term.term, *term.aliases):
                by_text.setdefault(text.lower(), term)
        self.by_text = by_text
        names = [n for t in terms for n in (t.term, *t.aliases)]
        self.pattern = term_pattern(names) if names else None

    def run(self, root: etree.Element) -> None:
        if self.pattern is None:
            return
        self.marked: set[str] = set()
        self._walk(root)

    def _walk(self, element: etree.Element) -> None:
        if element.tag in SKIP_TAGS or "footnote" in element.get("class", ""):
            return
        if element.text:
            element.text, new = self._mark(element.text)
            for offset, child in enumerate(new):
                element.insert(offset, child)
        for child in list(element):
            self._walk(child)
            if child.tail:
                child.tail, new = self._mark(child.tail)
                position = list(element).index(child) + 1
                for offset, link in enumerate(new):
                    element.insert(position + offset, link)

    def _mark(self, text: str) -> tuple[str, list[etree.Element]]:
        """Split `text` at unmarked terms: the leading text, then links holding the rest."""
        assert self.pattern is not None
        links: list[etree.Element] = []
        head = text
        position = 0
        for match in self.pattern.finditer(text):
            term = self.by_text[" ".join(match.group(0).split()).lower()]
            if term.id in self.marked:
                continue
            self.marked.add(term.id)
            link = etree.Element(
                "a", {"href": f"glossary:{term.id}", "class": "term", "title": term.definition}
            )
            link.text = match.group(0)
            if links:
                links[-1].tail = text[position : match.start()]
            else:
                head = text[: match.start()]
            links.append(link)
            position = match.end()
        if links:
            links[-1].tail = text[position:]
        return head, links


class LinkRewriter(Treeprocessor):
    """Rewrites lesson links and image sources through the functions the renderer gives."""

    def __init__(
        self, md: Markdown, link: Callable[[str], str], image: Callable[[str], str | None]
    ) -> None:
        super().__init__(md)
        self.link = link
        self.image = image

    def run(self, root: etree.Element) -> None:
        for element in root.iter("a"):
            href = element.get("href", "")
            if href and not href.startswith(("#", "glossary:")):
                element.set("href", self.link(href))
        for parent in list(root.iter()):
            for index, element in enumerate(list(parent)):
                if element.tag != "img":
                    continue
                source = self.image(element.get("src", ""))
                if source is None:
                    parent.remove(element)
                    parent.insert(index, _refused_image(element))
                else:
                    element.set("src", source)


def _refused_image(image: etree.Element) -> etree.Element:
    """What stands where an image that may not be loaded was: its alternative text."""
    text = etree.Element("span", {"class": "image-refused"})
    text.text = image.get("alt", "")
    text.tail = image.tail
    return text


class AdmonitionTables(Treeprocessor):
    """Turns admonition blocks into one-cell tables, which QTextBrowser can frame and shade."""

    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                kind = _admonition_kind(child)
                if kind is None:
                    continue
                table = etree.Element(
                    "table",
                    {
                        "class": f"admonition {kind}",
                        "width": "100%",
                        "cellpadding": "10",
                        "cellspacing": "0",
                    },
                )
                cell = etree.SubElement(etree.SubElement(table, "tr"), "td")
                for grandchild in list(child):
                    if grandchild.get("class") == "admonition-title" and not grandchild.text:
                        grandchild.text = ADMONITION_LABELS.get(kind, kind.title())
                    cell.append(grandchild)
                table.tail = child.tail
                parent.remove(child)
                parent.insert(index, table)


def _admonition_kind(element: etree.Element) -> str | None:
    classes = element.get("class", "").split()
    if element.tag != "div" or "admonition" not in classes:
        return None
    kinds = [c for c in classes if c != "admonition"]
    return kinds[0] if kinds else "note"


class LessonExtension(Extension):
    """Registers the lesson treeprocessors after Python-Markdown's inline pass."""

    def __init__(
        self,
        terms: Iterable[GlossaryTerm],
        link: Callable[[str], str],
        image: Callable[[str], str | None],
    ) -> None:
        super().__init__()
        self.terms = list(terms)
        self.link = link
        self.image = image

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(GlossaryMarker(md, self.terms), "glossary", 4)
        md.treeprocessors.register(LinkRewriter(md, self.link, self.image), "links", 3)
        md.treeprocessors.register(AdmonitionTables(md), "admonition-tables", 2)
