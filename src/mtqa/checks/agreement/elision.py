"""Elision: missing before a vowel (MTQ210), wrongly applied before a consonant (MTQ211)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ... import lexicon, packs
from ...lint.context import Context
from ...lint.registry import register
from ...model import Document, Issue, Severity
from ...lang.fr.agreement.common import AgreementRule, WORD, apostrophe, lex, match_case, vowel_sound, words_after


@lru_cache(maxsize=None)
def elision_table(lang: str) -> tuple[dict[str, dict], frozenset[str], frozenset[str]]:
    raw = packs.load_yaml(lang, "agreement.yaml")
    table = {}
    for word, spec in (raw.get("elision") or {}).items():
        spec = dict(spec or {})
        table[str(word)] = {
            "elided": str(spec["elided"]).replace("’", "'"),
            "only": frozenset(lexicon.normalize(str(w)) for w in spec.get("only_before") or []),
            "not": frozenset(lexicon.normalize(str(w)) for w in spec.get("not_before") or []),
        }
    numbers = frozenset(str(w) for w in raw.get("number_words") or [])
    ranges = frozenset(str(w) for w in raw.get("range_words") or [])
    return table, numbers, ranges


@lru_cache(maxsize=None)
def _full_re(lang: str) -> re.Pattern[str]:
    words = sorted(elision_table(lang)[0], key=len, reverse=True)
    # not after a point, a slash or "@": the end of a web address or a file name ("web.de a")
    return re.compile(r"(?<![\w'’\-‐./@])(" + "|".join(map(re.escape, words)) + r")(?=[ \t\u00a0\u202f])", re.I)


@lru_cache(maxsize=None)
def _elided_re(lang: str) -> tuple[re.Pattern[str], dict[str, list[str]]]:
    back: dict[str, list[str]] = {}
    for word, spec in elision_table(lang)[0].items():
        back.setdefault(spec["elided"][:-1], []).append(word)
    stems = sorted(back, key=len, reverse=True)
    pat = re.compile(r"(?<![\w'’\-‐])(" + "|".join(map(re.escape, stems)) + r")['’] ?(" + WORD + ")", re.I)
    return pat, back


@packs.pack_cache
def _apostrophe_loanwords(lang: str) -> re.Pattern[str] | None:
    """Loanwords of ``rules/<lang>/loanwords.txt`` written with an apostrophe ("rock n'roll"):
    their apostrophe is no elision of the language."""
    words = [w for w in packs.load_list(lang, "loanwords.txt") if "'" in w or "’" in w]
    if not words:
        return None
    alts = "|".join(re.escape(w).replace("'", "['’]") for w in sorted(words, key=len, reverse=True))
    return re.compile(r"(?<!\w)(?:" + alts + r")(?!\w)", re.I)


@lru_cache(maxsize=4096)
def _french_word(word: str, lang: str) -> bool:
    """Frequent enough in the target language (wordfreq) to be one of its words."""
    from ...analysis.langid import zipf

    return zipf(word, lang) >= 2.0


_FOREIGN = re.compile(r"[^\x00-\x7f\u00a0-\u00ffœŒ’‘“”«»–—…\u202f]|[ñáíóúìòãõåäöøßÿ]", re.I)


def _french_name(text: str, start: int, nxt: list[re.Match[str]]) -> bool:
    """A capitalised word after an article reads as a name in French text ("de Israël",
    "le Algérie"), not part of a foreign phrase: no capitalised word follows it ("la American
    River") or precedes it ("Alcubilla de Avellaneda"), no letter foreign to French is near ("La
    cerámica de Azaila"), no hyphenated capital ("le U-boot"), no abbreviation."""
    word = nxt[0].group(1)
    if len(word) <= 3 or (len(nxt) > 1 and nxt[1].group(1)[:1].isupper() and nxt[1].start() - nxt[0].end() <= 1):
        return False  # abbreviations ("de Ac."), multiword names
    prev = re.search(r"([^\W\d_][\w\-]*)[ \t\u00a0]+$", text[max(0, start - 40) : start])
    if prev and prev.group(1)[:1].isupper():
        return False  # "Alcubilla de Avellaneda": a name of several words
    if "-" in word or word.isupper() or any(c.isupper() for c in word[1:]):
        return False
    return not _FOREIGN.search(text[max(0, start - 40) : nxt[0].end()])


def _infinitive(word: str, lang: str) -> bool:
    """``word`` is an infinitive (a verb the conjugation table knows as a lemma) and no finite
    form: "je" never stands right before an infinitive as its subject, so a "je" there is an
    inverted subject whose hyphen was lost ("Puis je aller", "Dois je envoyer")."""
    table = lexicon.verbs(lang)
    if not len(table) or table.analyses(word):
        return False
    return table.form(word, "ind", "pre", "3", "s") is not None


def packs_contraction(lang: str, prep: str, article: str) -> str | None:
    """The contracted form of preposition + article ("de le" -> "du"), from the rule pack."""
    from ...lang.fr.agreement.common import pack

    return pack(lang).contractions.get((prep, article))


@register
class MissingElision(AgreementRule):
    """A word that must be elided before a vowel or a mute h is written in full.

    What it does
        Flags "le", "la", "de", "que", "je", "me", "te", "se", "ne" before a word that begins with
        a vowel sound, "si" before "il"/"ils", "ce" before "est"/"était", "lorsque", "puisque",
        "quoique" before "il", "elle", "on", "un", and "jusque" before "à", "ici", "où". The
        suggestion is the elided pair ("Si il" -> "S'il"). The words, their elided forms and the
        exceptions come from ``rules/<lang>/agreement.yaml``; aspirated-h words from
        ``rules/<lang>/aspirated_h.txt``.

    Why it matters
        Elision is compulsory in French; "de avion" or "que il" reads as a machine error at once.

    Example
        Flagged: ``Si il pleut, le avion partira plus tard.``
        Flags: ``Si il`` ``le avion``
        Better: ``S'il pleut, l'avion partira plus tard.``

    Options
        None.

    Known limits
        Left alone: aspirated h ("le héros", loanwords such as "hockey"), "le onze", "la une", "de
        un à trois", inverted or imperative pronouns after a hyphen, spaced or not ("puis-je
        ouvrir", "fais-le entrer", "jetez - le immédiatement"), an inverted "je" whose hyphen was
        lost, before an infinitive ("Puis je aller", "Dois je envoyer"), the end of a web address or a
        file name ("web.de a"), acronyms,
        numbers, single letters, and capitalised words that look like part of a foreign name
        (followed by another capitalised word, near letters foreign to French: "Banco de
        España", "la American River"); "de Israël" and "le Algérie" are flagged.
    """

    code = "MTQ210"
    severity = Severity.WARNING  # follows its precision on real MT (rules/fr/precision.yaml)
    name = "missing-elision"

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        lang = doc.target_language
        table, numbers, ranges = elision_table(lang)
        lx = lex(lang)
        text = doc.view
        apo = apostrophe(doc)
        for m in doc.finditer(_full_re(lang)):
            art = m.group(1)
            spec = table[art.lower()]
            nxt = words_after(text, m.end(), 2)
            if not nxt:
                continue
            word = nxt[0].group(1)
            key = lexicon.normalize(word)
            if spec["only"] and key not in spec["only"]:
                continue
            if key in spec["not"] or vowel_sound(word, lang) is not True:
                continue
            if key in numbers and len(nxt) > 1 and nxt[1].group(1).lower() in ranges:
                continue
            if len(word) == 1 and key not in ("a", "à", "y"):
                continue  # letters ("la E 95")
            if re.search(r"\w[ \t]*[-‐][ \t]*$", text[max(0, m.start() - 20) : m.start()]) and art.lower() in ("le", "la"):
                continue  # a pronoun after an imperative, its hyphen spaced out ("jetez - le immédiatement")
            if word[:1].islower() and key not in lx and not _french_word(key, lang):
                continue  # a word of another language ("de ovocné knedliky")
            if art.lower() == "je" and _infinitive(key, lang):
                continue  # "puis je aller": an inverted "je" that lost its hyphen, not the subject of an infinitive
            if word[:1].isupper() and not _french_name(text, m.start(), nxt):
                continue
            end = nxt[0].end()
            fixed = match_case(art, spec["elided"].replace("'", apo)) + word
            yield self.issue(
                doc, m.start(), end,
                f"'{art}' must be elided before '{word}': '{fixed}'",
                [fixed],
            )


@register
class WrongElision(AgreementRule):
    """An elided word before a consonant or an aspirated h.

    What it does
        Flags "l'", "d'", "qu'", "j'", "m'", "t'", "s'", "c'", "n'" (and "jusqu'", "lorsqu'",
        "puisqu'", "quoiqu'") before a word that begins with a consonant or an aspirated h
        (``rules/<lang>/aspirated_h.txt``), and suggests the full form ("d'munitions" ->
        "de munitions", "l'héros" -> "le héros"; the article's gender comes from the lexicon).

    Why it matters
        Machine translation and careless post-editing glue an elided article to a consonant;
        readers see the error at once.

    Example
        Flagged: ``Le convoi transportait des caisses d'munitions pour l'héros du jour.``
        Flags: ``d'munitions`` ``l'héros``
        Better: ``Le convoi transportait des caisses de munitions pour le héros du jour.``

    Options
        None.

    Known limits
        Words that begin with "y" or "w", acronyms and numbers are left alone, since their initial
        sound is not known from the spelling ("d'Yves", "l'ONU", "d'1,5 million"), and so are
        loanwords written with an apostrophe (``rock n'roll``, from ``rules/<lang>/loanwords.txt``).
    """

    code = "MTQ211"
    name = "wrong-elision"

    def check(self, doc: Document, ctx: Context) -> Iterator[Issue]:
        lang = doc.target_language
        pat, back = _elided_re(lang)
        loans = _apostrophe_loanwords(lang)
        foreign = [(x.start(), x.end()) for x in loans.finditer(doc.view)] if loans else []
        for m in doc.finditer(pat):
            stem, word = m.group(1), m.group(2)
            if word[:1].lower() in "wy" or len(word) == 1 or vowel_sound(word, lang) is not False:
                continue
            if any(a < m.end() and m.start() < b for a, b in foreign):
                continue  # "rock n'roll": a loanword's apostrophe
            fulls = back[stem.lower()]
            if stem.lower() == "l":
                genders = {a.gender for a in lex(lang).analyses(word, "NA")}
                fulls = ["le"] if genders == {"m"} else ["la"] if genders == {"f"} else ["le", "la"]
            elif stem.lower() == "s":
                fulls = ["se"]
            start = m.start()
            before = re.search(r"(?<![\w'’\-‐])(de|à)[ \t\u00a0]+$", doc.view[max(0, m.start() - 6) : m.start()], re.I)
            if stem.lower() == "l" and before:
                # "de L'Schulzen" -> "du Schulzen": the full article contracts with the preposition
                prep = before.group(1)
                start = m.start() - len(before.group(0))
                contracted = {f: packs_contraction(lang, prep.lower(), f) for f in fulls}
                fixes = [match_case(prep, contracted[f] or f"{prep.lower()} {f}") + " " + word for f in fulls]
            else:
                fixes = [match_case(stem, f) + " " + word for f in fulls]
            yield self.issue(
                doc, start, m.end(),
                f"No elision before '{word}', which begins with a consonant sound: '{fixes[0]}'",
                fixes,
            )
