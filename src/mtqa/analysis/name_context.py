"""Where a name stands in its German source segment: bare as German names stand (``sagte
Johnson``) or in a noun phrase (``ein Wifi``), an item of a list of nouns, beside the other parts
of its name, in apposition to the noun that introduces it (``der Gewerkschaft ÖGB``). MTQ503
reads them."""

from __future__ import annotations

import re

from .. import packs
from ..segment import WORD_RE
from .source_names import SourceName, fold, folded_list, frequency_name


def bare(src: str, name: SourceName, lang: str) -> bool:
    """The name stands as a name does in German: no determiner or inflected adjective right
    before it (``sagte Johnson``, ``so Aniston``), where a German common noun, borrowed or not,
    nearly always has one (``ein stabiles Wifi Netz``, ``die Free Flex Zone``); it does not
    modify a capitalised noun after it (``der Boone Esstisch``), is no predicate noun before the
    verb that ends its clause (``dass er Jude ist``) and no item of a list of German nouns
    (``Konverter, Buck, Starthilfekabel``)."""
    before = WORD_RE.findall(src[max(0, name.start - 40) : name.start])
    after = src[name.end : name.end + 40]
    dets = folded_list(lang, "source_determiners.txt")
    if before and (fold(before[-1]) in dets or re.fullmatch(r"[a-zäöüß]+(?:es|em)", before[-1])
                   or len(before) > 1 and fold(before[-2]) in dets and re.fullmatch(r"[a-zäöüß]+(?:e|en|er)", before[-1])
                   or before[-1][:1].isupper() and src[name.start - 1 : name.start] == " " and english_word(before[-1])):
        return False  # "ein Wifi", "stabiles Wifi", "die neue Flex", "viel Fantasy", "Effect Primer": a noun phrase
    nxt = WORD_RE.match(after.lstrip(" "))
    end = re.match(r" ([^\W\d_]+)\s*(?:[.,;:!?)\"“”»–]|$)", after)
    if end and end.group(1) in _copulas(lang):
        return False  # a predicate noun before the verb at the end of its clause ("dass er Jude ist")
    if list_item(src, name):
        return False  # an item of a list of nouns written without articles ("Konverter, Buck, Starthilfekabel")
    return not (after[:1] == " " and nxt and nxt.group()[:1].isupper() and nxt.group()[1:].islower()
                and not frequency_name(nxt.group()))


@packs.pack_cache
def _copulas(lang: str) -> frozenset[str]:
    """The German verb forms that end a clause after a predicate noun (``source_copulas.txt``),
    as written: ``Ware`` is no ``wäre``."""
    return frozenset(packs.load_list(lang, "source_copulas.txt"))


def list_item(src: str, name: SourceName) -> bool:
    """The word alone between commas, with a capitalised word alone as the item before and after
    it: a list of German nouns without articles, as product text writes them."""
    before, after = src[: name.start], src[name.end :]
    if not (re.search(r",\s*$", before) and re.match(r"\s*,", after)):
        return False
    prev = re.search(r"(?:^|[,;:(])\s*([^\W\d_][\w-]*)\s*,\s*$", before)
    nxt = re.match(r"\s*,\s*([^\W\d_][\w-]*)\s*(?:[,;.)]|$|und\b|oder\b)", after)
    return bool(prev and nxt) and all(w[:1].isupper() and not frequency_name(w) for w in (prev.group(1), nxt.group(1)))


def english_word(word: str) -> bool:
    """A capitalised word before a name that is English rather than German (``Effect Primer``,
    an English noun phrase), not a German noun in apposition (``Ehefrau Catherine``)."""
    from .langid import zipf

    return word.isupper() or zipf(word.lower(), "en") >= zipf(word.lower(), "de")


def regroup(src: str, names: list[SourceName]) -> list[SourceName]:
    """Names written side by side with one space between them share a group (``Michael
    Winterhoff``), whatever evidence found each of them."""
    out: list[SourceName] = []
    for n in sorted(names, key=lambda n: n.start):
        prev = out[-1] if out else None
        if prev is not None and src[prev.end : n.start] == " " and n.text[:1].isupper():
            group = prev.group if prev.group >= 0 else prev.start
            if prev.group < 0:
                out[-1] = SourceName(prev.text, prev.start, prev.end, prev.evidence, group)
            out.append(SourceName(n.text, n.start, n.end, n.evidence, group))
        else:
            out.append(n if n.group >= 0 else SourceName(n.text, n.start, n.end, n.evidence, 100000 + n.start))
    return out


def apposition(src: str, name: SourceName, lang: str) -> bool:
    """An acronym of three letters or more in apposition to the German noun before it, which
    says what it names (``der Gewerkschaft ÖGB``, ``die Vereinigung EPAL``): the name of one
    body, kept in translation; not the modifier of a noun after it (``SMD LEDs``, ``ÖGB-Chef``)."""
    if sum(c.isalpha() for c in name.text) < 3 or not name.text.isupper() or src[name.start - 1 : name.start] != " ":
        return False
    before = WORD_RE.findall(src[max(0, name.start - 40) : name.start])
    noun = before[-1].rsplit("-", 1)[-1] if before else ""  # "Paletten-Vereinigung EPAL"
    if not noun.isalpha() or not noun[:1].isupper() or not noun[1:].islower() or len(noun) < 4 \
            or fold(noun) in folded_list(lang, "source_determiners.txt"):
        return False
    after = src[name.end : name.end + 40]
    if after[:1] in ("-", "‐"):
        return False
    nxt = WORD_RE.match(after.lstrip(" "))
    return not (after[:1] == " " and nxt and nxt.group()[:1].isupper())
