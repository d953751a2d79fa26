"""Readers of translators' formats: XLIFF, PO, TMX, TSV/CSV/JSON lines and HTML.

Every reader keeps offsets into the file: each segment's view is its target text with entities
decoded and markup blanked, every finding lies inside its segment and carries its id.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES
from mtqa import readers
from mtqa.api import check_paths
from mtqa.config import Config
from mtqa.readers import read_path

FORMATS = FIXTURES / "formats"


def squeeze(s: str) -> str:
    return "".join(s.split())


# (document key suffix, segment id, target prose, source) for every segment of every fixture
EXPECTED: dict[str, list[tuple[str | None, str | None, str, str | None]]] = {
    "article.xlf": [
        (None, "t1", "Usine de batteries & emplois : la région mise sur la voiture électrique",
         "Battery plant & jobs: the region bets on electric cars"),
        (None, "t2", "L'usine de Douai emploiera personnes d'ici 2027, a indiqué l'entreprise mardi.",
         "The plant in Douai will employ  people by 2027, the company said on Tuesday."),
        (None, "t3", "The local officials welcomed the news but warned about the water use.",
         "Local officials welcomed the news but warned about water use."),
        (None, "t4", "Lisez le rapport complet sur notre site aujourd'hui.", "Read the full report on our website today."),
        (None, "t5", "Le maire a affirmé que le site serait raccordé au réseau ferré avant la fin de la",
         "The mayor said the site would be connected to the rail network before the end of the"),
        (None, "t7", "La production démarre au printemps – si les permis arrivent à temps.",
         "Production starts in spring – if the permits arrive on time."),
    ],
    "bundle.xliff": [
        ("crues-baviere", "u1", "Crues en Bavière : des milliers de personnes évacuées", "Floods in Bavaria: thousands evacuated"),
        ("crues-baviere", "u2/s1", "Les secours ont travaillé toute la nuit.", "Rescue teams worked through the night."),
        ("crues-baviere", "u2/s2", "The river rose by metres in a few hours, officials said.", "The river rose by  metres in  hours."),
        ("crues-baviere", "u3", "Les aides seront versées dès la semaine prochaine,\u00a0selon le ministère...",
         "Aid will be paid from next week."),
        ("festival-seoul", "u1", "Le festival de Séoul attire une foule record", "Seoul festival draws record crowds"),
        ("festival-seoul", "u2", "Plus d'un million de visiteurs sont venus ce week-end.",
         "More than a million visitors came over the weekend."),
        ("festival-seoul", "u3", "Plus d'un million de visiteurs sont venus ce week-end.",
         "Organisers had expected half as many."),
    ],
    "trados.sdlxliff": [
        (None, "0b6c8a52-3f1e-4c1a-9d1a-2a4f6a0e7c11/1", "Le festival de Séoul attire une foule record.",
         "Seoul festival draws record crowds."),
        (None, "0b6c8a52-3f1e-4c1a-9d1a-2a4f6a0e7c11/2", "More than a million visitors came over the weekend.",
         "More than a million visitors came over the weekend."),
        (None, "7d2f1c90-55aa-4b7e-8c3e-91b0c2d4e6f8/3", "Les organisateurs ont remercié les bénévoles.",
         "The organisers thanked the volunteers."),
    ],
    "messages.po": [
        (None, "Read the article", "Lire l'article", "Read the article"),
        (None, "%(count)d readers commented on this story", "lecteurs ont commenté cet article", "readers commented on this story"),
        (None, "Published on %s by %s", "Publié le par", "Published on  by"),
        (None, "The newsletter is sent every morning at seven.",
         "The newsletter is sent every morning at seven, before the markets open.", "The newsletter is sent every morning at seven."),
        (None, "{name} updated the page", 'a mis à jour la "page" de la', "updated the page"),
        (None, "button|Share", "Partager", "Share"),
        (None, "One comment[0]", "Un commentaire", "One comment"),
        (None, "One comment[1]", "commentaires", "comments"),
    ],
    "memory.tmx": [
        ("fr", "budget-1", "Le conseil municipal a adopté le budget 2025 lundi.", "The city council adopted the 2025 budget on Monday."),
        ("fr", "budget-2", "Les dépenses pour les écoles augmentent de 4 %.", "Spending on schools rises by 4 %."),
        ("fr", "budget-3", "The opposition criticised the rise in local taxes again.", "The opposition criticised the rise in local taxes."),
        ("fr", "budget-4", "Le vote a été serré\u00a0: 23 voix contre 20.", "The vote was close: 23 to 20."),
        ("de", "budget-1", "Der Stadtrat hat am Montag den Haushalt 2025 beschlossen.", "The city council adopted the 2025 budget on Monday."),
        ("de", "budget-2", "Die Ausgaben für Schulen steigen um 4 %.", "Spending on schools rises by 4 %."),
        ("de", "budget-3", "Die Opposition kritisierte die Erhöhung der Gemeindesteuern.", "The opposition criticised the rise in local taxes."),
        ("de", "budget-4", "Die Abstimmung war knapp: 23 zu 20.", "The vote was close: 23 to 20."),
    ],
    "pairs.tsv": [
        (None, "2", "L'usine de batteries ouvrira en 2026.", "The battery plant will open in 2026."),
        (None, "3", "The local officials welcomed the news very warmly today.", "Local officials welcomed the news."),
        (None, "5", "Le site sera raccordé au réseau ferré avant la fin de la", "The site will be linked to the rail network."),
        (None, "6", '"La production" démarre au printemps.', "Production starts in spring."),
    ],
    "pairs.csv": [
        (None, "crue-1", "Crues en Bavière, des milliers de personnes évacuées", "Floods in Bavaria, thousands evacuated"),
        (None, "crue-2", 'Le fleuve est monté de deux mètres, selon le "Bayerischer Rundfunk".', "The river rose by two metres."),
        (None, "crue-3", "The rescue teams have worked through the whole night.", "Rescue teams worked through the night."),
        (None, "crue-4", "Les aides seront versées\ndès la semaine prochaine.", "Aid will be paid\nfrom next week."),
    ],
    "pairs.jsonl": [
        (None, "fest-1", "Le festival de Séoul attire une foule record", "Seoul festival draws record crowds"),
        (None, "fest-2", 'Plus d\'un million de visiteurs sont venus, "un record" selon la mairie.', "More than a million visitors came."),
        (None, "fest-3", "The organisers have thanked all the volunteers warmly.", "The organisers thanked the volunteers."),
        (None, "fest-4", "Les billets se sont écoulés en deux heures \U0001f39f\ufe0f dans la", "Tickets sold out in two hours."),
    ],
}

# raw escapes: inside them the view may differ from the text
ESCAPE = re.compile(r'<cp [^>]*/>|&[#\w]+;|\\u[dD][89abAB]\w\w\\u\w{4}|\\u\w{4}|\\.|""')


def _docs(name: str):
    return read_path(str(FORMATS / name))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_segments_are_the_targets_with_ids_and_sources(name):
    docs = _docs(name)
    got = []
    for d in docs:
        assert len(d.view) == len(d.text)
        for p in d.paragraphs:
            assert p.kind == "unit" and p.line == d.line_of(p.start)
            got.append((d.doc_id, p.id, squeeze(d.view[p.start : p.end]), p.source))
    expected = [(doc, sid, squeeze(target), source) for doc, sid, target, source in EXPECTED[name]]
    assert got == expected


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_view_differs_from_text_only_in_markup_and_escapes(name):
    for d in _docs(name):
        inside = set()
        for m in ESCAPE.finditer(d.text):
            inside.update(range(*m.span()))
        runs = d.meta.get("view_map", [])
        moved = set()
        for r in runs:  # runs where escapes were closed up: each character maps to its text span
            moved.update(range(r.start, r.end))
            for k in range(r.end - r.start):
                v = d.view[r.start + k]
                if k >= len(r.starts):
                    assert v == " "
                    continue
                raw = d.text[r.starts[k] : r.ends[k]]
                assert v == raw or v == " " or ESCAPE.fullmatch(raw), (name, raw, v)
        for p in d.paragraphs:
            for i in range(p.start, p.end):
                v, t = d.view[i], d.text[i]
                assert (t in "\r\n") == (v in "\r\n")
                if i not in moved:
                    assert v == t or v == " " or i in inside, (name, p.id, i, t, v)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_finding_lies_in_its_segment_and_carries_its_id(name):
    report = check_paths([str(FORMATS / name)], Config(lang=None))
    assert not report.errors
    text = (FORMATS / name).read_text(encoding="utf-8")
    n = 0
    for d in report.documents:
        for i in d.issues:
            n += 1
            assert text[i.start : i.end] == i.text
            seg = d.segments[i.segment]
            assert seg.start <= i.start and i.end <= seg.end, (i.rule, i.text)
            assert i.segment_id == seg.id
    assert n, f"the rules should fire on {name}"


def test_refs_are_attached_and_scores_computed():
    tsv = _docs("pairs.tsv")[0]
    assert tsv.paragraphs[0].refs == ("L'usine de batteries ouvrira ses portes en 2026.",)
    jl = _docs("pairs.jsonl")[0]
    assert jl.paragraphs[1].refs == ("Plus d'un million de visiteurs sont venus.", "Plus d'un million de personnes sont venues.")
    assert jl.paragraphs[3].refs == ()
    report = check_paths([str(FORMATS / "pairs.csv")], Config(lang="fr", select=["MTQ421"]))
    scores = report.documents[0].scores
    assert scores and 0 < scores["bleu"] < 100 and "chrf" in scores


def test_reference_scores_read_the_view_not_the_escapes():
    import json

    from mtqa.pipeline import Pipeline
    from mtqa.readers.bilingual import read_csv, read_jsonl

    rows = [
        ("Der Bürgermeister war enttäuscht.", "Le maire s'est dit « très déçu » par la décision.", "Le maire s'est dit « très déçu »."),
        ("Die Stadt reagierte.", 'La ville a réagi "rapidement" à la crise.', "La ville a réagi vite à la crise."),
    ]
    scores = []
    for ascii_only in (False, True):
        text = "".join(json.dumps({"source": s, "target": t, "ref": r}, ensure_ascii=ascii_only) + "\n" for s, t, r in rows)
        scores.append(Pipeline(Config(lang="fr", select=["MTQ421"])).run(read_jsonl(text, "x.jsonl")).documents[0].scores)
    csv_text = "source,target,ref\n" + "".join(f'"{s}","{t.replace(chr(34), 2 * chr(34))}","{r}"\n' for s, t, r in rows)
    scores.append(Pipeline(Config(lang="fr", select=["MTQ421"])).run([read_csv(csv_text, "x.csv")]).documents[0].scores)
    assert scores[0]["bleu"] > 30
    assert [s["bleu"] for s in scores] == [scores[0]["bleu"]] * 3
    assert [s["chrf"] for s in scores] == [scores[0]["chrf"]] * 3


def test_xliff_skips_alt_trans_untranslatable_and_empty_units():
    d = _docs("article.xlf")[0]
    ids = [p.id for p in d.paragraphs]
    assert "t6" not in ids and "t8" not in ids  # translate="no"; no target
    assert "next year" not in d.view  # <alt-trans> suggestions are not the translation
    assert "ACME" not in d.view


def test_inline_codes_are_blanked_and_keep_their_place():
    d = _docs("article.xlf")[0]
    t4 = next(p for p in d.paragraphs if p.id == "t4")
    raw, view = d.text[t4.start : t4.end], d.view[t4.start : t4.end]
    assert "&lt;b&gt;" in raw and "b" not in view.replace("aujourd'hui", "")
    k = raw.index("rapport complet")
    assert view[k : k + 15] == "rapport complet"
    # the words around a code keep their offsets
    assert view.index("rapport") == raw.index("rapport")


def test_inline_markup_is_not_flagged_as_untranslated(tmp_path):
    p = tmp_path / "inline.xlf"
    p.write_text(
        '<?xml version="1.0"?>\n<xliff version="1.2"><file original="a" source-language="en" target-language="fr" '
        'datatype="html"><body>\n<trans-unit id="1"><source>x</source><target>Le gouvernement a annoncé '
        '<ph id="1">&lt;span class="highlight" data-tracking="breaking news update"&gt;</ph>une réforme des retraites'
        '<ph id="2">&lt;/span&gt;</ph> pour la rentrée, selon le porte-parole du ministère.</target></trans-unit>\n'
        '</body></file></xliff>\n',
        encoding="utf-8",
    )
    d = read_path(str(p))[0]
    assert "span" not in d.view and "breaking" not in d.view
    report = check_paths([str(p)], Config())
    assert report.documents[0].target_language == "fr"
    assert not [i for i in report.issues if i.category == "untranslated"]


def test_multi_file_xliff_gives_one_document_per_file_with_its_own_view():
    a, b = _docs("bundle.xliff")
    assert (a.doc_id, b.doc_id) == ("crues-baviere", "festival-seoul")
    assert a.text == b.text and a.key.endswith("#crues-baviere")
    assert "festival" not in a.view and "Bavière" not in b.view
    assert a.meta["target_language"] == "fr" and a.source_language == "en"
    # a file with nothing translated yet does not change the other documents' ids
    from mtqa.readers.xliff import read_xliff

    text = a.text.replace("<target>Le festival", "<target/><x>Le festival").replace(
        "attire une foule record</target>", "attire une foule record</x>"
    )
    text = text.replace("<target>Plus d'un", "<target/><x>Plus d'un").replace("ce week-end.</target>", "ce week-end.</x>")
    (only,) = read_xliff(text, "b.xliff")
    assert only.doc_id == "crues-baviere"


def test_tmx_gives_one_document_per_target_language_and_declared_languages_win():
    report = check_paths([str(FORMATS / "memory.tmx")], Config(select=["MTQ102"]))
    langs = {d.doc_id: d.target_language for d in report.documents}
    assert langs == {"fr": "fr", "de": "de"}
    flagged = [(d.doc_id, i.segment_id) for d in report.documents for i in d.issues]
    assert flagged == [("fr", "budget-3")]


def test_po_placeholders_fuzzy_plurals_header_and_obsolete():
    d = _docs("messages.po")[0]
    assert d.meta["target_language"] == "fr"
    view = d.view
    assert "%(count)d" not in view and "%s" not in view and "{name}" not in view and "%d" not in view
    assert "Ancienne" not in view and "Project-Id" not in view  # obsolete entry, header
    assert "Untranslated string" not in [p.id for p in d.paragraphs]
    fuzzy = next(p for p in d.paragraphs if p.id == "{name} updated the page")
    assert d.text[fuzzy.start : fuzzy.end] == 'a mis à jour la \\"page\\" de la'


def test_html_blocks_kinds_and_skipped_content():
    d = _docs("article.html")[0]
    kinds = [(p.kind, squeeze(d.view[p.start : p.end])[:12]) for p in d.paragraphs]
    assert kinds[0] == ("paragraph", "Allerauconte")
    assert ("heading", "Budgetmunici") in kinds and ("quote", "«Nousdevonsi") in kinds
    assert [k for k, _ in kinds].count("list-item") == 2 and [k for k, _ in kinds].count("cell") == 2
    for hidden in ("tracker", "color", "Paragraphe retiré", "budget = 1200000", "Budget municipal : la hausse"):
        assert hidden not in d.view
    assert "4\u00a0%" in d.view and "Budget municipal\u00a0:" in d.view  # &nbsp; decoded, its gap closed
    report = check_paths([str(FORMATS / "article.html")], Config(lang="fr", select=["MTQ401", "MTQ102", "MTQ421"]))
    found = sorted((i.rule, i.text[:20]) for i in report.issues)
    assert ("MTQ401", "Aller au contenu") in found and ("MTQ401", "Partager") in found
    assert ("MTQ102", "The mayor defended t") in found
    assert ("MTQ421", "avec") in found
    assert len([f for f in found if f[0] == "MTQ401"]) == 2  # the script's string is not text


def test_jsonl_doc_id_splits_documents():
    from mtqa.readers.bilingual import read_jsonl

    text = "".join(
        f'{{"id": "{k}", "doc_id": "{doc}", "source": "Line {k}.", "target": "Ligne {k}."}}\n'
        for k, doc in enumerate(["a", "a", "b", "a"])
    )
    a, b = read_jsonl(text, "x.jsonl")
    assert (a.doc_id, [p.id for p in a.paragraphs]) == ("a", ["0", "1", "3"])
    assert (b.doc_id, [p.id for p in b.paragraphs]) == ("b", ["2"])
    assert "Ligne 2" not in a.view and "Ligne 2" in b.view


@pytest.mark.parametrize(
    "page, expected",
    [
        (
            "<div>Avant le tableau<p>Un <a href='/x'>lien</a> dans le texte.</p>Après le tableau</div>"
            "<p>Première ligne<br>suite de la ligne<br><br>Nouveau paragraphe</p><p>Sans fin<li>Point un<li>Point deux</ul>",
            [
                ("paragraph", "Avant le tableau"), ("paragraph", "Un lien dans le texte."), ("paragraph", "Après le tableau"),
                ("paragraph", "Première ligne suite de la ligne"), ("paragraph", "Nouveau paragraphe"),
                ("paragraph", "Sans fin"), ("list-item", "Point un"), ("list-item", "Point deux"),
            ],
        ),
        (  # nested lists, an item closed by the next one, an unclosed <code> inside an item
            "<ul><li>Premier point<ul><li>Sous-point un</li><li>Sous-point deux</li></ul>suite du premier</li>"
            "<li>Second point avec <code>x = 1<li>Troisième point</ul><p>Fin de l'article.</p>",
            [
                ("list-item", "Premier point"), ("list-item", "Sous-point un"), ("list-item", "Sous-point deux"),
                ("list-item", "suite du premier"), ("list-item", "Second point avec"), ("list-item", "Troisième point"),
                ("paragraph", "Fin de l'article."),
            ],
        ),
    ],
)
def test_html_blocks_nesting_and_breaks(page, expected):
    from mtqa.readers.html import read_html

    d = read_html(page, "x.html")
    assert [(p.kind, " ".join(d.view[p.start : p.end].split())) for p in d.paragraphs] == expected
    assert "/x" not in d.view


def test_text_marked_not_to_translate_is_blanked():
    from mtqa.readers.html import read_html
    from mtqa.readers.xliff import read_xliff

    xlf = (
        '<xliff version="2.0" srcLang="en" trgLang="fr"><file id="f"><unit id="1"><segment>'
        '<source>Download <mrk id="m1" translate="no">Weather Pro Deluxe</mrk> now.</source>'
        '<target>Téléchargez <mrk id="m1" translate="no">Weather <mrk id="m2">Pro</mrk> Deluxe</mrk> '
        '<mrk id="m3">dès maintenant</mrk>.</target></segment></unit></file></xliff>'
    )
    (d,) = read_xliff(xlf, "x.xliff")
    assert " ".join(d.view.split()) == "Téléchargez dès maintenant ."
    assert d.paragraphs[0].source == "Download  now."
    page = '<p>Le logiciel <span translate="no">Weather Pro Deluxe</span> sort demain.</p>'
    assert " ".join(read_html(page, "x.html").view.split()) == "Le logiciel sort demain."


def test_source_aware_rules_run_without_source_option(tmp_path):
    from mtqa.pipeline import Pipeline
    from mtqa.lint.rule import Rule
    from mtqa.model import Severity

    class NumbersKept(Rule):
        """Numbers of the source missing from the target (a test rule)."""

        code = "TST501"
        name = "numbers-kept"
        category = "fidelity"
        severity = Severity.WARNING
        requires = frozenset({"source"})

        def check(self, doc, ctx):
            for p in doc.paragraphs:
                missing = set(re.findall(r"\d+", p.source or "")) - set(re.findall(r"\d+", doc.view[p.start : p.end]))
                if missing:
                    yield self.issue(doc, p.start, p.end, f"missing {sorted(missing)}")

    def run(paths):
        pipeline = Pipeline(Config(lang="fr", select=["MTQ102"]))
        pipeline.engine.rules = [NumbersKept()]
        from mtqa.api import iter_documents

        return pipeline.run(iter_documents(paths))

    report = run([str(FORMATS / "pairs.jsonl"), str(FORMATS / "article.xlf")])
    assert [i.rule for i in report.issues] == []  # every number is kept
    q = tmp_path / "pairs.tsv"
    q.write_text((FORMATS / "pairs.tsv").read_text(encoding="utf-8").replace("ouvrira en 2026", "ouvrira bientôt"), encoding="utf-8")
    report = run([str(q)])
    assert [(i.segment_id, i.message) for i in report.issues] == [("2", "missing ['2026']")]


def test_shipped_source_aware_rules_fire_on_bilingual_files():
    report = check_paths([str(FORMATS / "trados.sdlxliff"), str(FORMATS / "pairs.jsonl")], Config(select=["MTQ103"]))
    assert {(i.rule, i.segment_id) for i in report.issues} >= {("MTQ103", "0b6c8a52-3f1e-4c1a-9d1a-2a4f6a0e7c11/2")}


def test_directory_expansion_collects_translator_files_but_not_tables(tmp_path):
    for name in [*EXPECTED, "article.html"]:
        shutil.copy(FORMATS / name, tmp_path / name)
    found = {Path(p).name for p, problem in readers.expand_paths([str(tmp_path)]) if problem is None}
    assert found == {"article.xlf", "bundle.xliff", "trados.sdlxliff", "messages.po", "memory.tmx", "article.html"}
    # tables and JSON lines are read when named, or with --input-format
    assert read_path(str(tmp_path / "pairs.tsv"))[0].format == "tsv"
    (tmp_path / "pairs.txt").write_text((FORMATS / "pairs.tsv").read_text(encoding="utf-8"), encoding="utf-8")
    assert read_path(str(tmp_path / "pairs.txt"), "tsv")[0].paragraphs[0].id == "2"


def test_spans_ending_inside_an_escape_cover_it_whole():
    from mtqa.formatters import render
    from mtqa.pipeline import Pipeline
    from mtqa.lint.rule import Rule
    from mtqa.model import Severity
    from mtqa.segment import iter_words

    class Marked(Rule):
        """Flags from three characters before an ampersand to the middle of its entity, and every
        word with an accent (a test rule)."""

        code = "TST901"
        name = "marked"
        category = "typography"
        severity = Severity.INFO

        def check(self, doc, ctx):
            for p in doc.paragraphs:
                k = doc.view.find("&", p.start, p.end)
                if k >= 0:
                    yield self.issue(doc, k - 3, k + 2, "up to the middle of an entity")
                for w in iter_words(doc.view, p.start, p.end):
                    if "é" in w.group():
                        yield self.issue(doc, w.start(), w.end(), w.group())

    pipeline = Pipeline(Config(lang="fr", select=["MTQ102"]))
    pipeline.engine.rules = [Marked()]
    report = pipeline.run(_docs("article.xlf") + _docs("pairs.jsonl"))
    xlf, jsonl = report.documents
    assert [i.text for i in xlf.issues if i.segment_id == "t1"] == ["es &amp;", "région", "électrique"]
    assert [(i.text, i.message) for i in jsonl.issues if i.segment_id in ("fest-1", "fest-4")] == [
        ("S\\u00e9oul", "Séoul"), ("\\u00e9coul\\u00e9s", "écoulés"),
    ]
    for fmt in ("text", "json"):
        assert "es &amp;" in render(report, fmt)


def test_unknown_input_format_is_an_input_problem():
    from mtqa.errors import InputProblem

    with pytest.raises(InputProblem, match="unknown input format"):
        read_path(str(FORMATS / "pairs.tsv"), "docx")
