#!/usr/bin/env python3
"""Agreement and article-form benchmark: mtqa (MTQ2xx) against Grammalecte.

Real French sentences from UD French GSD dev (../shared/data/ud-french-gsd) get one injected
error each, chosen with the treebank's gold features (seeded, deterministic):

  det          determiner of the wrong gender or number ("une ordre", "les enfant")
  adj          attributive adjective of the wrong gender or number ("un accord commerciale")
  pred         predicate adjective after "être" ("la route est fermé")
  ppart        past participle with "être" ("elles sont arrivé")
  elision-miss missing elision ("de avion", "que il", "si il")
  elision-bad  elision before a consonant ("d'munitions")
  contraction  preposition + article not contracted ("de le" for "du")
  euphony      euphonic form ("ce homme", "nouveau accord", "sa arrivée")
  ppart-avoir  participle with "avoir" after its direct object, relative "que" or "la"/"les"/"l'"
               ("la lettre qu'il a écrit", "je les ai vu")
  subj-verb    finite verb of the wrong number for its noun subject ("les enfants mange"; the
               other form is taken from the treebank itself, dev and test)
  tout         "tout" before a determiner of the wrong form ("tout les jours", "tous la ville")
  colour       a colour noun used as an adjective with a plural ending after a plural noun
               ("des accords marrons"; the adjective after the noun is replaced by the colour)
  apostrophe   an elided word with spaces around its apostrophe ("l ' avion", "d ’ abord")
  lookalike    "même" after a determiner in the other number ("les même"), a stressed pronoun's
               "-même" in the other number ("lui-mêmes"), "quel que soit" written "quelque soit"
               or in the other gender (MTQ208)

The same sentences unchanged, and the WMT22 German-French references, are the clean text.
Both tools read the same files (one sentence per paragraph). A finding is a hit when it overlaps
the injected word, the word it agrees with, or the word after an article; recall is per kind,
precision over every finding on the injected sentences, and false findings are counted per 1000
words on the clean texts. Grammalecte findings count when their type is an agreement or
article-form type (GRAMMALECTE_TYPES).

With ``--suite`` the written case files (tests/cases/MTQ2*.yaml, MTQ60*.yaml, and the cases the rules
still get wrong, bench/agreement_suite/*.yaml) are read instead:
recall per phenomenon on their flag sentences and false findings per correct sentence on their
pass sentences, for both tools (a flag sentence is found when a finding overlaps a flagged word).

With ``--suite-dir DIR`` every case file of DIR is scored the same way, alone: the blind suite
bench/agreement_suite/blind-4/ (sentences written before the rules were read, 15 flag and 15 pass a
phenomenon) is measured this way and is kept out of tests/cases/.

Usage: python bench/agreement_eval.py [--per-kind 150] [--seed 13] [--no-grammalecte] [--suite] [--suite-dir DIR]
Needs grammalecte-cli on PATH for the peer column (Debian package grammalecte-cli).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
GSD = DATA / "ud-french-gsd" / "fr_gsd-ud-dev.conllu"
WMT = DATA / "wmt22-general" / "de-fr" / "generaltest2022.de-fr.ref.A.fr"
OUT = ROOT / "bench" / "out"
CLEAN_JUDGEMENTS = ROOT / "bench" / "agreement_clean"
KINDS = ("det", "adj", "pred", "ppart", "elision-miss", "elision-bad", "contraction", "euphony",
         "ppart-avoir", "subj-verb", "tout", "colour", "apostrophe", "lookalike")
# agreement and article-form types, plus conjugation (subject-verb) and apostrophe typography
GRAMMALECTE_TYPES = {"gn", "ppas", "eleu", "conf", "sgpl", "conj", "typo"}
GSD_TEST = DATA / "ud-french-gsd" / "fr_gsd-ud-test.conllu"
SPARSE_KINDS = ("ppart-avoir", "tout", "lookalike")  # taken from the test part too, dev alone has too few
# kinds added later draw their sample with a generator of their own, so that the older kinds and
# the clean sample stay the same sentences
OWN_RNG_KINDS = ("lookalike",)
MEME_PRONOUNS = {"lui": "s", "elle": "s", "moi": "s", "toi": "s", "soi": "s", "eux": "p", "elles": "p"}
QUEL = {"quel": ("quelque", "quelle"), "quelle": ("quelque", "quel"), "quels": ("quelques", "quelles"),
        "quelles": ("quelques", "quels")}
TOUT_WRONG = {"tout": ["tous", "toute"], "tous": ["tout", "toutes"], "toute": ["tout", "toutes"], "toutes": ["tous", "toute"]}
COLOURS = ["marrons", "oranges", "kakis", "cerises", "turquoises", "crèmes", "saumons", "olives", "ivoires", "chocolats"]
VOWEL = re.compile(r"^[aeiouàâäéèêëîïôöûüœæ]", re.I)
CONSONANT = re.compile(r"^[bcdfgjklmnpqrstvxzç]", re.I)

sys.path.insert(0, str(ROOT / "src"))


# -- treebank ---------------------------------------------------------------------------------
@dataclass
class Word:
    id: int
    form: str
    lemma: str
    upos: str
    feats: dict[str, str]
    head: int
    deprel: str


@dataclass
class Unit:
    """A surface token: one word, or a contraction covering several ("du" = de + le)."""

    form: str
    words: list[int]
    space: bool


@dataclass
class Sentence:
    sid: str
    words: dict[int, Word]
    units: list[Unit]

    def unit_of(self, wid: int) -> int:
        return next(i for i, u in enumerate(self.units) if wid in u.words)


def read_conllu(path: Path) -> list[Sentence]:
    out: list[Sentence] = []
    sid, words, units, mwt_end = "", {}, [], 0
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line:
            if words:
                out.append(Sentence(sid, words, units))
            sid, words, units, mwt_end = "", {}, [], 0
            continue
        if line.startswith("# sent_id"):
            sid = line.split("=", 1)[1].strip()
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        space = "SpaceAfter=No" not in cols[9]
        if "-" in cols[0]:
            a, b = map(int, cols[0].split("-"))
            units.append(Unit(cols[1], list(range(a, b + 1)), space))
            mwt_end = b
            continue
        if "." in cols[0]:
            continue
        wid = int(cols[0])
        feats = dict(f.split("=", 1) for f in cols[5].split("|") if "=" in f)
        words[wid] = Word(wid, cols[1], cols[2], cols[3], feats, int(cols[6]) if cols[6] != "_" else 0, cols[7])
        if wid > mwt_end:
            units.append(Unit(cols[1], [wid], space))
    return out


def render(units: list[Unit]) -> tuple[str, list[tuple[int, int]]]:
    text, spans = "", []
    for u in units:
        s = len(text)
        text += u.form
        spans.append((s, len(text)))
        if u.space:
            text += " "
    return text.rstrip(), spans


# -- injection --------------------------------------------------------------------------------
@dataclass
class Case:
    kind: str
    sid: str
    text: str
    region: list[tuple[int, int]]  # character spans that count as the error's place
    before: str = ""
    after: str = ""
    extra: dict = field(default_factory=dict)


GENDER_DET = {"le": "la", "la": "le", "un": "une", "une": "un", "ce": "cette", "cet": "cette", "mon": "ma",
              "ma": "mon", "ton": "ta", "ta": "ton", "son": "sa", "sa": "son"}
PLURAL_DET = {"le": "les", "la": "les", "un": "des", "une": "des", "ce": "ces", "cet": "ces", "cette": "ces",
              "son": "ses", "sa": "ses", "mon": "mes", "ma": "mes"}
SINGULAR_DET = {("les", "Masc"): "le", ("les", "Fem"): "la", ("ces", "Masc"): "ce", ("ces", "Fem"): "cette",
                ("ses", "Masc"): "son", ("ses", "Fem"): "sa", ("des", "Masc"): "un", ("des", "Fem"): "une"}
ELIDED = {"d'": "de", "qu'": "que", "n'": "ne", "j'": "je", "c'": "ce", "m'": "me", "t'": "te",
          "jusqu'": "jusque", "lorsqu'": "lorsque", "puisqu'": "puisque"}
EUPHONIC = {"cet": "ce", "nouvel": "nouveau", "bel": "beau", "vieil": "vieux"}
CONTRACTED = {("de", "le"): "de le", ("de", "les"): "de les", ("à", "le"): "à le", ("à", "les"): "à les"}


class Injector:
    def __init__(self, sentences: list[Sentence]) -> None:
        from mtqa import lexicon

        self.lx = lexicon.load("fr")
        # nouns that the treebank itself uses in both genders (ministre, juge): no gender errors
        seen: dict[str, set[str]] = {}
        for s in sentences:
            for w in s.words.values():
                if w.upos == "NOUN" and "Gender" in w.feats:
                    seen.setdefault(w.lemma.lower(), set()).add(w.feats["Gender"])
        self.two_genders = {k for k, v in seen.items() if len(v) > 1}
        # finite verb forms by (lemma, mood, tense, person, number), from the treebank itself
        self.verb_forms: dict[tuple[str, ...], str] = {}
        for path in (GSD, GSD_TEST):
            if not path.is_file():
                continue
            for sent in read_conllu(path):
                for w in sent.words.values():
                    if w.upos in ("VERB", "AUX") and w.feats.get("VerbForm") == "Fin" and w.form.islower():
                        key = (w.lemma, w.feats.get("Mood", ""), w.feats.get("Tense", ""), w.feats.get("Person", ""), w.feats.get("Number", ""))
                        self.verb_forms.setdefault(key, w.form)

    def _swap(self, s: Sentence, changes: dict[int, str], region_words: list[int], kind: str) -> Case:
        """Replace surface units (index -> new form, "" joins to the next) and locate the region."""
        units = [Unit(u.form, u.words, u.space) for u in s.units]
        for i, form in changes.items():
            if form.endswith("'"):
                units[i].form, units[i].space = form, False
            else:
                units[i].form = form
                if s.units[i].form.endswith(("'", "’")):
                    units[i].space = True
        text, spans = render(units)
        idx = sorted({s.unit_of(w) for w in region_words} | set(changes))
        region = [spans[i] for i in idx]
        before = " ".join(s.units[i].form for i in sorted(changes))
        after = " ".join(units[i].form for i in sorted(changes))
        return Case(kind, s.sid, text, region, before, after)

    def _inflect_wrong(self, w: Word) -> str | None:
        g, n = w.feats.get("Gender"), w.feats.get("Number")
        if g not in ("Masc", "Fem") or n not in ("Sing", "Plur"):
            return None
        gold = ("m" if g == "Masc" else "f", "s" if n == "Sing" else "p")
        tries = [("f" if gold[0] == "m" else "m", gold[1]), (gold[0], "p" if gold[1] == "s" else "s")]
        random.Random(w.form).shuffle(tries)
        for tg, tn in tries:
            new = self.lx.inflect(w.form, tg, tn, exclude=("bel", "nouvel", "vieil", "fol", "mol"))
            if new and new.lower() != w.form.lower() and gold not in self.lx.features(new, "AP"):
                return new
        return None

    def _lookalike(self, s: Sentence, w: Word, ui: int, nxt_unit: Unit | None) -> list[Case]:
        """The "lookalike" kind: même(s), -même(s), quel que soit (MTQ208)."""
        low = w.form.lower()
        prev = s.units[ui - 1] if ui else None
        prev_word = s.words.get(prev.words[0]) if prev and len(prev.words) == 1 else None
        pron, _, meme = low.partition("-")
        if meme in ("même", "mêmes") and pron in MEME_PRONOUNS and w.form.islower():
            other = "mêmes" if meme == "même" else "même"
            if (MEME_PRONOUNS[pron] == "p") == (meme == "mêmes"):
                return [self._swap(s, {ui: f"{w.form[:len(pron)]}-{other}"}, [w.id], "lookalike")]
        if low in ("même", "mêmes") and w.upos == "ADJ" and w.form.islower() and prev_word is not None \
                and prev_word.upos == "DET" and nxt_unit is not None and nxt_unit.form.islower() and nxt_unit.form.isalpha():
            number = prev_word.feats.get("Number")
            if (number == "Plur") == (low == "mêmes"):
                return [self._swap(s, {ui: "mêmes" if low == "même" else "même"}, [w.id, prev_word.id], "lookalike")]
        if low in QUEL and nxt_unit is not None and nxt_unit.form.lower() == "que" and ui + 2 < len(s.units) \
                and s.units[ui + 2].form.lower() in ("soit", "soient"):
            wrong = QUEL[low][random.Random(s.sid).randrange(2)]
            wrong = wrong[0].upper() + wrong[1:] if w.form[0].isupper() else wrong
            if not wrong.lower().startswith("quelque"):
                return [self._swap(s, {ui: wrong}, [w.id], "lookalike")]
            units = [Unit(u.form, u.words, u.space) for u in s.units]
            units[ui].form = wrong
            del units[ui + 1]  # "quelque soit": the word "que" goes
            text, spans = render(units)
            return [Case("lookalike", s.sid, text, [spans[ui], spans[ui + 1]], f"{w.form} que", wrong)]
        return []

    def candidates(self, s: Sentence, kind: str) -> list[Case]:
        out: list[Case] = []
        W = s.words
        for w in W.values():
            head = W.get(w.head)
            ui = s.unit_of(w.id)
            unit = s.units[ui]
            if len(unit.words) != 1 and kind != "contraction":
                continue
            nxt_unit = s.units[ui + 1] if ui + 1 < len(s.units) else None
            if kind == "det" and w.upos == "DET" and w.deprel == "det" and head and head.upos == "NOUN" \
                    and head.id > w.id and w.form in GENDER_DET.keys() | PLURAL_DET.keys() | {"les", "ces", "ses", "des"}:
                g, n = head.feats.get("Gender"), head.feats.get("Number")
                if g not in ("Masc", "Fem") or n not in ("Sing", "Plur") or head.lemma.lower() in self.two_genders:
                    continue
                if not head.form.islower() or nxt_unit is None or VOWEL.match(nxt_unit.form) or nxt_unit.form[:1] in "hH":
                    continue
                opts = []
                if w.form in GENDER_DET and n == "Sing":
                    opts.append(GENDER_DET[w.form])
                if w.form in PLURAL_DET and n == "Sing":
                    opts.append(PLURAL_DET[w.form])
                if (w.form, g) in SINGULAR_DET and n == "Plur" and not (w.form == "des" and w.lemma != "un"):
                    opts.append(SINGULAR_DET[(w.form, g)])
                for o in opts:
                    out.append(self._swap(s, {ui: o}, [w.id, head.id], kind))
            elif kind == "adj" and w.upos == "ADJ" and w.deprel == "amod" and head and head.upos == "NOUN" and w.form.islower():
                if abs(head.id - w.id) > 2:
                    continue
                new = self._inflect_wrong(w)
                if new:
                    out.append(self._swap(s, {ui: new}, [w.id, head.id], kind))
            elif kind in ("pred", "ppart") and w.form.islower():
                kids = [c for c in W.values() if c.head == w.id]
                subj = next((c for c in kids if c.deprel in ("nsubj", "nsubj:pass")), None)
                if subj is None or any(c.deprel.startswith("expl") or c.lemma == "se" for c in kids):
                    continue
                if kind == "pred" and w.upos == "ADJ" and any(c.deprel == "cop" and c.lemma == "être" for c in kids):
                    pass
                elif kind == "ppart" and w.upos == "VERB" and w.feats.get("VerbForm") == "Part" and any(
                    c.deprel in ("aux", "aux:pass", "aux:tense") and c.lemma == "être" for c in kids
                ):
                    pass
                else:
                    continue
                new = self._inflect_wrong(w)
                if new:
                    out.append(self._swap(s, {ui: new}, [w.id, subj.id], kind))
            elif kind == "elision-miss" and unit.form.lower() in ELIDED.keys() | {"l'", "s'"} and nxt_unit and nxt_unit.form[:1].isalpha():
                low = unit.form.lower()
                if low == "l'":
                    g = (head.feats.get("Gender") if head else None) or w.feats.get("Gender")
                    full = "la" if g == "Fem" and w.upos == "DET" else "le"
                elif low == "s'":
                    full = "si" if nxt_unit.form.lower() in ("il", "ils") else "se"
                else:
                    full = ELIDED[low]
                if unit.form[0].isupper():
                    full = full.capitalize()
                out.append(self._swap(s, {ui: full}, [w.id, s.units[ui + 1].words[0]], kind))
            elif kind == "elision-bad" and nxt_unit and unit.space and CONSONANT.match(nxt_unit.form) and nxt_unit.form.islower():
                low = unit.form
                if (low == "de" and w.upos == "ADP") or (low in ("le", "la") and w.upos == "DET") or (
                    low == "que" and w.upos in ("SCONJ", "PRON")
                ) or low in ("ne", "je", "se"):
                    el = {"de": "d'", "le": "l'", "la": "l'", "que": "qu'", "ne": "n'", "je": "j'", "se": "s'"}[low]
                    out.append(self._swap(s, {ui: el}, [w.id, s.units[ui + 1].words[0]], kind))
            elif kind == "contraction" and len(unit.words) == 2 and unit.words[0] == w.id:
                w2 = W.get(unit.words[1])
                key = (w.form.lower(), w2.form.lower() if w2 else "")
                if w2 and w2.upos == "DET" and key in CONTRACTED:
                    form = CONTRACTED[key]
                    if unit.form[0].isupper():
                        form = form.capitalize()
                    out.append(self._swap(s, {ui: form}, [w.id, w2.id], kind))
            elif kind == "euphony" and nxt_unit and w.form in EUPHONIC:
                out.append(self._swap(s, {ui: EUPHONIC[w.form]}, [w.id, s.units[ui + 1].words[0]], kind))
            elif kind == "euphony" and nxt_unit and w.form in ("mon", "ton", "son") and head and head.feats.get("Gender") == "Fem" \
                    and head.feats.get("Number") == "Sing" and VOWEL.match(nxt_unit.form) and w.deprel == "det":
                out.append(self._swap(s, {ui: {"mon": "ma", "ton": "ta", "son": "sa"}[w.form]}, [w.id, head.id], kind))
            elif kind == "euphony" and nxt_unit and w.form == "ce" and w.upos == "DET" and CONSONANT.match(nxt_unit.form):
                out.append(self._swap(s, {ui: "cet"}, [w.id, s.units[ui + 1].words[0]], kind))
            elif kind == "ppart-avoir" and w.upos == "VERB" and w.feats.get("VerbForm") == "Part" and w.form.islower():
                kids = [c for c in W.values() if c.head == w.id]
                if not any(c.deprel in ("aux", "aux:tense") and c.lemma == "avoir" for c in kids):
                    continue
                if any(c.deprel == "aux:pass" for c in kids) or w.feats.get("Gender") is None:
                    continue
                clitic = any(c.deprel == "obj" and c.upos == "PRON" and c.form.lower() in ("la", "les", "l'") and c.id < w.id for c in kids)
                relative = w.deprel == "acl:relcl" and any(c.deprel == "obj" and c.form.lower() in ("que", "qu'") for c in kids)
                if not (clitic or relative):
                    continue
                obj = next(c for c in kids if c.deprel == "obj")
                nxt_word = W.get(w.id + 1)
                if nxt_word is not None and nxt_word.feats.get("VerbForm") == "Inf":
                    continue  # "les a laissés partir": the agreement is optional
                new = self._inflect_wrong(w)
                if new and obj.form.lower() in ("l'", "l’"):
                    # "l'" shows no gender: only a wrong number is an error
                    gold_n = "s" if w.feats.get("Number") == "Sing" else "p"
                    if any(n == gold_n for _, n in self.lx.features(new, "P")):
                        new = None
                if new:
                    out.append(self._swap(s, {ui: new}, [w.id, obj.id], kind))
            elif kind == "subj-verb" and w.upos in ("VERB", "AUX") and w.feats.get("VerbForm") == "Fin" and w.form.islower():
                kids = [c for c in W.values() if c.head == w.id]
                subj = next((c for c in kids if c.deprel in ("nsubj", "nsubj:pass") and c.upos == "NOUN"), None)
                if subj is None or w.feats.get("Person") != "3" or any(c.deprel == "conj" for c in W.values() if c.head == subj.id):
                    continue
                other = {"Sing": "Plur", "Plur": "Sing"}.get(w.feats.get("Number", ""))
                if other is None:
                    continue
                key = (w.lemma, w.feats.get("Mood", ""), w.feats.get("Tense", ""), "3", other)
                new = self.verb_forms.get(key)
                if new and new != w.form:
                    out.append(self._swap(s, {ui: new}, [w.id, subj.id], kind))
            elif kind == "tout" and w.form in TOUT_WRONG and nxt_unit and nxt_unit.form.lower() in ("le", "la", "les", "ces", "ses", "leurs", "nos", "vos", "mes", "cette", "ce", "son", "sa"):
                for new in TOUT_WRONG[w.form][:1]:
                    out.append(self._swap(s, {ui: new}, [w.id, s.units[ui + 1].words[0]], kind))
            elif kind == "colour" and w.upos == "ADJ" and w.deprel == "amod" and head and head.upos == "NOUN" \
                    and head.feats.get("Number") == "Plur" and w.id == head.id + 1 and w.form.islower() and head.form.islower():
                new = COLOURS[random.Random(s.sid + w.form).randrange(len(COLOURS))]
                out.append(self._swap(s, {ui: new}, [w.id], kind))
            elif kind == "lookalike":
                out.extend(self._lookalike(s, w, ui, nxt_unit))
            elif kind == "apostrophe" and unit.form.endswith(("'", "’")) and not unit.space and nxt_unit and nxt_unit.form[:1].isalpha():
                sp = random.Random(s.sid).choice([" ' ", " ’ ", " '", "' "])
                units = [Unit(u.form, u.words, u.space) for u in s.units]
                units[ui].form = unit.form[:-1] + sp.rstrip() if sp.endswith(" ") else unit.form[:-1] + sp
                units[ui].space = sp.endswith(" ")
                text, spans = render(units)
                region = [spans[ui], spans[ui + 1]]
                out.append(Case(kind, s.sid, text, region, unit.form, units[ui].form))
        return out


# -- running the tools ------------------------------------------------------------------------
def write_paragraphs(lines: list[str], path: Path) -> list[int]:
    """One line per paragraph, separated by blank lines; returns each line's start offset."""
    starts, pos, chunks = [], 0, []
    for ln in lines:
        starts.append(pos)
        chunks.append(ln + "\n\n")
        pos += len(ln) + 2
    path.write_text("".join(chunks), encoding="utf-8")
    return starts


def run_mtqa(path: Path) -> tuple[list[tuple[int, int, str]], float]:
    from mtqa.api import check_text
    from mtqa.config import Config

    text = path.read_text(encoding="utf-8")
    t0 = time.perf_counter()
    from mtqa.lint.registry import all_rules

    codes = {r.code for r in all_rules()}
    families = [f for f in ("MTQ2", "MTQ6") if any(c.startswith(f) for c in codes)]  # an older tree may lack MTQ6
    report = check_text(text, Config(lang="fr", select=families))
    dt = time.perf_counter() - t0
    return [(i.start, i.end, i.rule) for i in report.issues], dt


def run_grammalecte(path: Path, starts: list[int]) -> tuple[list[tuple[int, int, str]], float]:
    t0 = time.perf_counter()
    proc = subprocess.run(
        ["grammalecte-cli", "-f", str(path), "-j", "-owe"], capture_output=True, text=True, check=True
    )
    dt = time.perf_counter() - t0
    data = json.loads(proc.stdout[proc.stdout.index("{") :])
    out = []
    for para in data.get("data", []):
        line = para["iParagraph"] - 1  # 1-based line numbers of the file, blank lines included
        if line % 2:
            continue
        base = starts[line // 2]
        for e in para.get("lGrammarErrors", []):
            if e.get("sType") in GRAMMALECTE_TYPES:
                out.append((base + e["nStart"], base + e["nEnd"], e["sType"]))
    return out, dt


def score(cases: list[Case], starts: list[int], findings: list[tuple[int, int, str]]) -> dict:
    by_case: dict[int, list[tuple[int, int, str]]] = {}
    for f in findings:
        # the case holding the finding: the last start <= f.start
        lo, hi = 0, len(starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if starts[mid] <= f[0]:
                lo = mid
            else:
                hi = mid - 1
        by_case.setdefault(lo, []).append(f)
    hits = {k: 0 for k in KINDS}
    totals = {k: 0 for k in KINDS}
    tp = fp = 0
    for i, c in enumerate(cases):
        totals[c.kind] += 1
        found = False
        for s, e, _ in by_case.get(i, []):
            if any(s < starts[i] + re_ and e > starts[i] + rs for rs, re_ in c.region):
                tp += 1
                found = True
            else:
                fp += 1
        hits[c.kind] += found
    recall = {k: (hits[k] / totals[k] if totals[k] else None) for k in KINDS}
    n_all = sum(totals.values())
    return {
        "recall": recall,
        "recall_overall": sum(hits.values()) / n_all if n_all else None,
        "precision": tp / (tp + fp) if tp + fp else None,
        "true_findings": tp,
        "false_findings": fp,
        "cases": totals,
    }


def words(lines: list[str]) -> int:
    return sum(len(ln.split()) for ln in lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-kind", type=int, default=150)
    ap.add_argument("--clean", type=int, default=800, help="clean GSD sentences")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--no-grammalecte", action="store_true")
    ap.add_argument("--show-misses", metavar="KIND", default=None, help="print mtqa's misses of a kind; 'clean': its findings on clean text; 'false': its findings away from the injected errors; with --suite or --suite-dir, 'suite': its misses and false findings on the case files")
    ap.add_argument("--export-unjudged", type=Path, help="append mtqa's unjudged findings on the clean texts to this JSON-lines file, for judging")
    ap.add_argument("--suite", action="store_true", help="score the written case files instead (tests/cases/MTQ2*.yaml, MTQ6*.yaml)")
    ap.add_argument("--suite-dir", type=Path, help="score every case file of this folder instead (e.g. bench/agreement_suite/blind-4)")
    args = ap.parse_args(argv)
    if args.suite or args.suite_dir:
        res = run_suite(not args.no_grammalecte and shutil.which("grammalecte-cli") is not None, args.suite_dir)
        misses = res.pop("_misses")
        print(suite_table(res))
        if args.show_misses == "suite":
            for kind, key, text, what in misses:
                print(f"{kind}\t{key}\t{text}\t{' | '.join(what)}")
        return 0
    if not GSD.is_file():
        sys.exit(f"missing {GSD}")
    sentences = read_conllu(GSD)
    inj = Injector(sentences)
    rng = random.Random(args.seed)
    cases: list[Case] = []
    extra = read_conllu(GSD_TEST) if GSD_TEST.is_file() else []
    for kind in KINDS:
        pool = [c for s in sentences for c in inj.candidates(s, kind)]
        if len({c.sid for c in pool}) < args.per_kind and kind in SPARSE_KINDS:
            # a rare construction: the test part of the treebank adds sentences (never clean text)
            pool += [c for s in extra for c in inj.candidates(s, kind)]
        (random.Random(f"{args.seed}:{kind}") if kind in OWN_RNG_KINDS else rng).shuffle(pool)
        used: set[str] = set()
        for c in pool:
            if c.sid not in used:
                cases.append(c)
                used.add(c.sid)
            if len(used) >= args.per_kind:
                break
    clean_sents = [render(s.units)[0] for s in sentences]
    rng.shuffle(clean_sents)
    clean_sents = clean_sents[: args.clean]
    wmt = [ln for ln in WMT.read_text(encoding="utf-8").splitlines() if ln.strip()]

    tmp = Path(tempfile.mkdtemp(prefix="agreement_eval_"))
    files = {
        "injected": [c.text for c in cases],
        "clean_gsd": clean_sents,
        "clean_wmt22": wmt,
    }
    starts = {k: write_paragraphs(v, tmp / f"{k}.txt") for k, v in files.items()}
    tools = ["mtqa"]
    if not args.no_grammalecte and shutil.which("grammalecte-cli"):
        tools.append("grammalecte")
    results: dict = {"seed": args.seed, "per_kind": args.per_kind, "tools": {}}
    for tool in tools:
        res: dict = {}
        for name in files:
            path = tmp / f"{name}.txt"
            found, dt = run_mtqa(path) if tool == "mtqa" else run_grammalecte(path, starts[name])
            res[name] = {"findings": len(found), "seconds": round(dt, 1), "words": words(files[name])}
            if name == "injected":
                res["scores"] = score(cases, starts[name], found)
                if tool == "mtqa" and args.show_misses == "false":
                    _show_false(cases, starts[name], found, (tmp / f"{name}.txt").read_text(encoding="utf-8"))
                elif tool == "mtqa" and args.show_misses:
                    _show_misses(cases, starts[name], found, args.show_misses)
            else:
                res[name]["per_1000_words"] = round(1000 * len(found) / max(1, words(files[name])), 3)
                if tool == "mtqa":
                    for fam in ("MTQ2", "MTQ6"):
                        n = sum(1 for f in found if f[2].startswith(fam))
                        res[name][f"per_1000_words_{fam}"] = round(1000 * n / max(1, words(files[name])), 3)
                verdicts = judge_clean(name, files[name], starts[name], found)
                res[name]["real_errors"] = sum(1 for v in verdicts if v == "TRUE")
                res[name]["unjudged"] = sum(1 for v in verdicts if v is None)
                false = sum(1 for v in verdicts if v != "TRUE")  # unjudged findings count as false
                res[name]["false_per_1000_words"] = round(1000 * false / max(1, words(files[name])), 3)
                if tool == "mtqa":
                    for fam in ("MTQ2", "MTQ6"):
                        n = sum(1 for f, v in zip(found, verdicts) if f[2].startswith(fam) and v != "TRUE")
                        res[name][f"false_per_1000_words_{fam}"] = round(1000 * n / max(1, words(files[name])), 3)
                if tool == "mtqa" and args.show_misses == "clean":
                    text = (tmp / f"{name}.txt").read_text(encoding="utf-8")
                    for (s, e, r), v in zip(found, verdicts):
                        print(f"  {v or 'UNJUDGED'} {name} {r} {text[s:e]!r}: ...{text[max(0, s - 50):e + 30]!r}")
                if tool == "mtqa" and args.export_unjudged:
                    export_unjudged(args.export_unjudged, name, files[name], starts[name], found, verdicts)
        results["tools"][tool] = res
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "agreement_eval.json").write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    print(table(results))
    return 0


def _judgement_key(corpus: str, flagged: str, sentence: str) -> tuple[str, str, str]:
    """A judgement is about a span of a sentence, whichever tool or rule flags it."""
    return corpus, flagged, hashlib.sha1(sentence.strip().encode("utf-8")).hexdigest()[:16]


def load_clean_judgements() -> dict[tuple[str, str, str], str]:
    """Judged findings on the "clean" texts: real errors of the treebank or reference text (TRUE),
    which a checker is right to report, or false alarms (FALSE)."""
    out = {}
    for f in sorted(CLEAN_JUDGEMENTS.glob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                j = json.loads(line)
                out[_judgement_key(j["corpus"], j["text"], j["sentence"])] = j["verdict"]
    return out


def _sentence_of(lines: list[str], starts: list[int], pos: int) -> tuple[int, str]:
    i = max(k for k, b in enumerate(starts) if b <= pos)
    return starts[i], lines[i]


def judge_clean(corpus: str, lines: list[str], starts: list[int], found: list) -> list[str | None]:
    """The verdict of each finding on a clean text (None: not judged yet)."""
    table = load_clean_judgements()
    out = []
    for s, e, rule in found:
        base, sent = _sentence_of(lines, starts, s)
        out.append(table.get(_judgement_key(corpus, sent[s - base : e - base], sent)))
    return out


def export_unjudged(path: Path, corpus: str, lines: list[str], starts: list[int], found: list, verdicts: list) -> None:
    with path.open("a", encoding="utf-8") as fh:
        for (s, e, rule), v in zip(found, verdicts):
            if v is None:
                base, sent = _sentence_of(lines, starts, s)
                fh.write(json.dumps({"corpus": corpus, "rule": rule, "text": sent[s - base : e - base], "sentence": sent,
                                     "verdict": "", "note": ""}, ensure_ascii=False) + "\n")


def run_suite(with_grammalecte: bool, folder: Path | None = None) -> dict:
    """Recall per phenomenon and false findings per correct sentence on the written case files
    (or on every case file of ``folder``, a suite of its own such as blind-4)."""
    import yaml

    cases = []
    if folder is not None:
        files = sorted(Path(folder).glob("*.yaml"))
    else:
        files = sorted((ROOT / "tests" / "cases").glob("MTQ*.yaml")) + sorted((ROOT / "bench" / "agreement_suite").glob("MTQ*.yaml"))
    for f in files:
        if folder is None and not f.stem.startswith(("MTQ2", "MTQ60")):
            continue
        for c in yaml.safe_load(f.read_text(encoding="utf-8")) or []:
            if "source" not in c:
                cases.append(c)
    lines = [c["text"].strip() for c in cases]
    tmp = Path(tempfile.mkdtemp(prefix="agreement_suite_"))
    path = tmp / "suite.txt"
    starts = write_paragraphs(lines, path)
    out: dict = {}
    tools = {"mtqa": run_mtqa(path)[0]}
    if with_grammalecte:
        tools["grammalecte"] = run_grammalecte(path, starts)[0]
    misses: list[tuple[str, str, str, list[str]]] = []  # mtqa's misses and false findings, for --show-misses suite
    for tool, found in tools.items():
        per: dict[str, dict[str, float]] = {}
        for i, c in enumerate(cases):
            lo, hi = starts[i], starts[i] + len(lines[i])
            mine = [f for f in found if lo <= f[0] < hi]
            key = f"{c['rule']} {c.get('phenomenon', c['name'])}"
            row = per.setdefault(key, {"flag": 0, "hit": 0, "pass": 0, "false": 0})
            if c.get("passes"):
                row["pass"] += 1
                row["false"] += len(mine)
                if mine and tool == "mtqa":
                    misses.append(("false", key, lines[i], [lines[i][a - lo : b - lo] + " " + r for a, b, r in mine]))
            else:
                row["flag"] += 1
                spans = []
                pos = 0
                for w in c["flags"]:  # in order, as whole words ("a" is not the one inside "Dans")
                    m = re.compile(r"(?<!\w)" + re.escape(w) + r"(?!\w)").search(lines[i], pos)
                    k = m.start() if m else lines[i].find(w)
                    pos = k + len(w) if k >= 0 else pos
                    spans.append((lo + k, lo + k + len(w)))
                hit = any(s < e2 and e > s2 for s, e, _ in mine for s2, e2 in spans)
                row["hit"] += hit
                if not hit and tool == "mtqa":
                    misses.append(("miss", key, lines[i], c["flags"]))
        out[tool] = per
    out["_misses"] = misses
    return out


def suite_table(res: dict) -> str:
    tools = list(res)
    keys = sorted(res[tools[0]])
    head = "| rule and phenomenon | flag / pass | " + " | ".join(f"{t} recall | {t} false per correct" for t in tools) + " |"
    lines = [head, "|" + "---|" * (2 + 2 * len(tools))]
    tot = {t: {"flag": 0, "hit": 0, "pass": 0, "false": 0} for t in tools}
    for k in keys:
        r0 = res[tools[0]][k]
        cells = []
        for t in tools:
            r = res[t][k]
            for x in tot[t]:
                tot[t][x] += r[x]
            rec = f"{r['hit'] / r['flag']:.2f}" if r["flag"] else "-"
            fp = f"{r['false'] / r['pass']:.2f}" if r["pass"] else "-"
            cells += [rec, fp]
        lines.append(f"| {k} | {r0['flag']} / {r0['pass']} | " + " | ".join(cells) + " |")
    cells = []
    for t in tools:
        r = tot[t]
        cells += [f"{r['hit'] / max(1, r['flag']):.2f}", f"{r['false'] / max(1, r['pass']):.3f}"]
    lines.append(f"| **all** | {tot[tools[0]]['flag']} / {tot[tools[0]]['pass']} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _show_false(cases: list[Case], starts: list[int], found: list, text: str) -> None:
    """Findings on the injected set away from the injected error."""
    for s, e, rule in found:
        i = max(k for k, b in enumerate(starts) if b <= s)
        if not any(s < starts[i] + re_ and e > starts[i] + rs for rs, re_ in cases[i].region):
            print(f"  FALSE {rule} {text[s:e]!r} ({cases[i].kind}): ...{text[max(0, s - 60):e + 40]!r}")


def _show_misses(cases: list[Case], starts: list[int], found: list, kind: str) -> None:
    for i, c in enumerate(cases):
        if c.kind != kind:
            continue
        base = starts[i]
        hit = any(s < base + re_ and e > base + rs for s, e, _ in found for rs, re_ in c.region)
        if not hit:
            print(f"  MISS {c.before!r} -> {c.after!r}: {c.text}")


def table(results: dict) -> str:
    tools = list(results["tools"])
    fmt = lambda v: "n/a" if v is None else f"{v:.3f}"  # noqa: E731
    head = "| kind | cases | " + " | ".join(f"{t} recall" for t in tools) + " |"
    lines = [head, "|" + "---|" * (2 + len(tools))]
    first = results["tools"][tools[0]]["scores"]
    for k in KINDS:
        lines.append(
            f"| {k} | {first['cases'][k]} | " + " | ".join(fmt(results["tools"][t]["scores"]["recall"][k]) for t in tools) + " |"
        )
    lines.append("| **overall** | " + str(sum(first["cases"].values())) + " | "
                 + " | ".join(fmt(results["tools"][t]["scores"]["recall_overall"]) for t in tools) + " |")
    lines.append("")
    lines.append("| measure | " + " | ".join(tools) + " |")
    lines.append("|" + "---|" * (1 + len(tools)))
    lines.append("| precision (injected set) | " + " | ".join(fmt(results["tools"][t]["scores"]["precision"]) for t in tools) + " |")
    for name in ("clean_gsd", "clean_wmt22"):
        lines.append(
            f"| findings / 1000 words, {name} ({results['tools'][tools[0]][name]['words']} words) | "
            + " | ".join(f"{results['tools'][t][name]['per_1000_words']:.3f}" for t in tools) + " |"
        )
        lines.append(
            f"| of which real errors of the text (judged, bench/agreement_clean/) | "
            + " | ".join(str(results['tools'][t][name]['real_errors']) for t in tools) + " |"
        )
        lines.append(
            f"| false findings / 1000 words, {name} (unjudged count as false) | "
            + " | ".join(f"{results['tools'][t][name]['false_per_1000_words']:.3f}" for t in tools) + " |"
        )
        m = results["tools"]["mtqa"][name]
        lines.append(f"| of which mtqa agreement (MTQ2) / typography (MTQ6), {name} | "
                     f"{m['false_per_1000_words_MTQ2']:.3f} / {m['false_per_1000_words_MTQ6']:.3f} |" + " |" * (len(tools) - 1))
    lines.append("| seconds (injected + clean) | " + " | ".join(
        f"{sum(results['tools'][t][n]['seconds'] for n in ('injected', 'clean_gsd', 'clean_wmt22')):.1f}" for t in tools) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
