"""The document model: exact offsets, lines and columns, segmentation, readers."""

from __future__ import annotations

import pytest

from conftest import check
from mtqa.model import Document
from mtqa.readers.text import markdown_view, read_markdown
from mtqa.segment import split_sentences


def test_positions_with_crlf_and_cr():
    text = "Titre\r\n\r\nLigne deux\rLigne trois\n"
    doc = Document(text)
    assert doc.position(0) == (1, 1)
    i = text.index("Ligne deux")
    assert doc.position(i) == (3, 1)
    j = text.index("trois")
    assert doc.position(j) == (4, 7)


def test_paragraphs_cover_non_blank_text_exactly():
    text = "  Premier paragraphe.\n\n\tSecond\u00a0paragraphe avec 😀 emoji.\r\n\r\nTroisième e\u0301tape.\n"
    doc = Document(text)
    spans = [text[p.start : p.end] for p in doc.paragraphs]
    assert spans == ["Premier paragraphe.", "Second\u00a0paragraphe avec 😀 emoji.", "Troisième e\u0301tape."]


def test_hard_wrapped_lines_join_into_one_paragraph():
    text = "Le conseil municipal a adopté lundi un budget\nen hausse de 4 %, a annoncé le maire.\nUne autre phrase commence ici.\n"
    doc = Document(text)
    assert [text[p.start : p.end] for p in doc.paragraphs] == [
        "Le conseil municipal a adopté lundi un budget\nen hausse de 4 %, a annoncé le maire.",
        "Une autre phrase commence ici.",
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("M. Dupont est arrivé. Il a parlé.", ["M. Dupont est arrivé.", "Il a parlé."]),
        ("Le 3 févr. il pleuvait. Puis « Non ! » cria-t-il. Fin.", ["Le 3 févr. il pleuvait.", "Puis « Non ! » cria-t-il.", "Fin."]),
        ("J. K. Rowling écrit. Elle publie.", ["J. K. Rowling écrit.", "Elle publie."]),
        ("Vraiment ? Oui… Enfin, peut-être.", ["Vraiment ?", "Oui…", "Enfin, peut-être."]),
        ("Il coûte 3.5 millions. Voilà.", ["Il coûte 3.5 millions.", "Voilà."]),
    ],
)
def test_sentence_splitting(text, expected):
    assert [text[s:e] for s, e in split_sentences(text, 0, len(text))] == expected


def test_markdown_view_blanks_markup_and_keeps_length():
    text = "# Titre\n\nUn [lien](https://example.org/x) et `code` **gras**.\n\n```\nprint('hi')\n```\n"
    view = markdown_view(text)
    assert len(view) == len(text)
    assert "https" not in view and "print" not in view and "code" not in view
    assert "lien" in view and "gras" in view and "Titre" in view


def test_markdown_blocks_and_kinds():
    text = "# Titre\n\nUn paragraphe\nsur deux lignes.\n\n- premier point\n- second point\n"
    doc = read_markdown(text, "x.md")
    kinds = [(p.kind, doc.view[p.start : p.end].strip()) for p in doc.paragraphs]
    assert kinds == [
        ("heading", "Titre"),
        ("paragraph", "Un paragraphe\nsur deux lignes."),
        ("list-item", "premier point"),
        ("list-item", "second point"),
    ]


def test_issue_offsets_survive_crlf_tabs_nbsp_emoji_and_combining_marks():
    text = (
        "Aller au contenu\r\n\r\n"
        "Le\u00a0maire 😀 a inaugure\u0301 l'école\tlundi. Le trafic reprendra lundi matin sur toute la ligne.\r\n\r\n"
        "Le trafic reprendra lundi matin sur toute la ligne.\r\n\r\n"
        "Partager\r\n"
    )
    report = check(text, select=["boilerplate", "duplication"])
    found = {(i.rule, i.text) for i in report.issues}
    assert ("MTQ401", "Aller au contenu") in found
    assert ("MTQ401", "Partager") in found
    assert ("MTQ410", "Le trafic reprendra lundi matin sur toute la ligne.") in found
    doc = Document(text)
    for i in report.issues:
        assert text[i.start : i.end] == i.text
        assert doc.position(i.start) == (i.line, i.column)
