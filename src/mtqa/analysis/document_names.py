"""What a document's translation says about the names of its source: the capitalised source
words it writes as they are (names it keeps, :func:`verbatim_names`), where a segment writes
them again (alone, in a compound, glued to a noun), whether the target capitalises a name
inside a sentence, and whether it refers back to a speaker named earlier with a pronoun.
MTQ503 reads them."""

from __future__ import annotations

import re

from .. import packs
from ..model import Document
from ..segment import WORD_RE
from .source_names import SourceName, fold, folded_list


RUN_NAME_DE = 4.8  # Zipf frequency in German under which a word kept inside a multi-word name is a name


def verbatim_names(doc: Document, paras) -> set[str]:
    """Capitalised source words that the translation writes as they are in the same segment:
    names the document's translation keeps. A word rare in German (``Weidinger``, ``Westnetz``,
    also as a part of a hyphenated compound that the target writes alone) on its own; a word
    that German also uses as a common noun (``Riesen``) when the translation keeps it inside a
    name of three words or more, with the capitalised words on both sides
    (``MHP Riesen Ludwigsburg``), and it is no French word."""
    from .langid import zipf
    from .source_names import _french_word

    lang = doc.source_language or "de"
    out: set[str] = set()
    for p in paras:
        src = p.source or ""
        words = list(WORD_RE.finditer(src))
        src_words = {m.group() for m in words}
        target_words = _outside_kept_quotes(doc.view[p.start : p.end], src_words)
        target = set(target_words)  # a part of a compound counts when the target writes it alone
        target_text = " ".join(target_words)
        for i, m in enumerate(words):
            for w in dict.fromkeys([m.group(), *m.group().split("-")]):
                if not (len(w) >= 4 and w[:1].isupper() and w[1:].islower() and w.isalpha() and w in target):
                    continue
                z = zipf(w.lower(), lang)
                if z < 3.5:
                    out.add(w)
                elif z < RUN_NAME_DE and w == m.group() and not _french_word(w) and _kept_in_run(src, words, i, target_text):
                    out.add(w)
    return out


def _kept_in_run(src: str, words, i: int, target_text: str) -> bool:
    """The source word ``i`` stands inside a name of three words or more, between two capitalised
    words one space away, and the target writes the three as the source does (``MHP Riesen
    Ludwigsburg``). A German noun at the edge of a name is rather the kind of thing named
    (``Zeiss VisuCard Lupe``), which a translation may render."""
    if not 0 < i < len(words) - 1:
        return False
    a, w, b = words[i - 1], words[i], words[i + 1]
    if not (a.group()[:1].isupper() and b.group()[:1].isupper()) or src[a.end() : w.start()] != " " \
            or src[w.end() : b.start()] != " ":
        return False
    return re.search(r"(?<![\w-])" + re.escape(f"{a.group()} {w.group()} {b.group()}") + r"(?![\w-])", target_text) is not None


def doc_name_parts(src: str, doc_names: set[str], seen: set[str]) -> list[SourceName]:
    """The document's kept names (:func:`verbatim_names`) where this source segment writes them:
    as a word, as a part of a hyphenated compound (``Westnetz-Monteure``) or glued to the
    German or English noun after it (``Discordservers``)."""
    from .langid import zipf

    out: list[SourceName] = []
    for m in WORD_RE.finditer(src):
        g = m.group()
        if g in doc_names:
            if g not in seen:
                out.append(SourceName(g, m.start(), m.end(), "verbatim"))
            continue
        if "-" in g:
            pos = m.start()
            for part in g.split("-"):
                if part in doc_names and part not in seen:
                    out.append(SourceName(part, pos, pos + len(part), "verbatim"))
                pos += len(part) + 1
            continue
        for n in doc_names:
            rest = g[len(n):]
            if g.startswith(n) and len(rest) >= 4 and rest.islower() and rest.isalpha() and n not in seen \
                    and max(zipf(rest, "de"), zipf(rest, "en")) >= 3.0:
                out.append(SourceName(n, m.start(), m.start() + len(n), "verbatim"))
    return out


def alone(src: str, name: SourceName) -> bool:
    """No capitalised word one space before or after the name (``Effect Primer``, ``Valve
    Reactor-Schaltung``: an English product phrase, which a translation may render)."""
    before = re.search(r"(\S+) $", src[: name.start])
    after = re.match(r" (\S+)", src[name.end :])
    return not any(m and m.group(1)[:1].isupper() for m in (before, after))


def mid_capital_elsewhere(doc: Document, paras, word: str, index: int) -> bool:
    """The document's translation writes the word capitalised inside a sentence in another segment."""
    n = SourceName(word, 0, len(word), "verbatim")
    return any(p.index != index and mid_capital(doc.view[p.start : p.end], n) for p in paras)


def mid_capital(target: str, name: SourceName, by_itself: bool = False) -> bool:
    """The target writes the name with its capital inside a sentence (not as the first word,
    where any word has one); with ``by_itself``, with no capitalised word beside it either (not
    inside a product's name, ``Virtualized Network Services``)."""
    for m in re.finditer(r"(?<![\w-])" + re.escape(name.text) + r"(?![\w-])", target):
        before = target[: m.start()].rstrip(" \"'«»“”(")
        if before and before[-1] not in ".!?:;–—-•*":
            if by_itself and not alone(target, SourceName(m.group(), m.start(), m.end(), name.evidence)):
                continue
            return True
    return False


_QUOTED = re.compile(r"«[^«»]{1,200}»|“[^“”]{1,200}”|„[^„“”]{1,200}[“”]|\"[^\"]{1,200}\"")


def _outside_kept_quotes(target: str, src_words: set[str]) -> list[str]:
    """The target's words, less those of a quotation left in the source language (a German
    title kept as it is, ``« Detail Fase »``, ``"Warum unsere Kinder Tyrannen werden"``): two
    source words or more, and at least half of the quotation's words. A German word kept there
    is no name the translation keeps."""
    words = [(m.start(), m.group()) for m in WORD_RE.finditer(target)]
    cut: list[tuple[int, int]] = []
    for q in _QUOTED.finditer(target):
        inside = [w for s, w in words if q.start() < s < q.end()]
        same = sum(1 for w in inside if w in src_words)
        if same >= 2 and 2 * same >= len(inside):
            cut.append((q.start(), q.end()))
    return [w for s, w in words if not any(a < s < b for a, b in cut)]


@packs.pack_cache
def _reference_pronouns(lang: str) -> re.Pattern | None:
    """The pronouns that refer back to a person named earlier (``reference_pronouns.txt``)."""
    parts = []
    for e in packs.load_list(lang, "reference_pronouns.txt"):
        e = e.strip().lower()
        if e.startswith("-"):
            parts.append(r"(?<=[^\W\d_])" + re.escape(e) + r"(?![\w-])")
        elif e:
            parts.append(r"(?<![\w-])" + re.escape(e).replace("'", "['’]") + r"(?![\w-])")
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


def speaker(src: str, name: SourceName, lang: str) -> bool:
    """The source writes the name as the speaker, right after a speech word of
    ``source_speech_words.txt`` (``sagte Bossong``, ``so Weidinger``)."""
    before = re.search(r"([^\W\d_]+) $", src[: name.start])
    if not before or not before.group(1).islower():
        return False
    w = fold(before.group(1))
    entries = folded_list(lang, "source_speech_words.txt")
    return w in entries or any(e.startswith("-") and w.endswith(e[1:]) and len(w) > len(e) + 1 for e in entries)


def refers_back(target: str, lang: str) -> bool:
    """The translation refers back to a person with a pronoun of the speaker (``a-t-il déclaré``)."""
    pat = _reference_pronouns(lang)
    return bool(pat and pat.search(target))
