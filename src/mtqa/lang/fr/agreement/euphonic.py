"""The euphonic "-t-" between a verb and an inverted "il", "elle", "on": missing after a verb
that ends in a vowel or "c" ("a-il" for "a-t-il", "va-elle"), written with an apostrophe or a
space ("a-t'il", "a t-il"), or put where it has no place ("dit-t-il", "ont-t-ils")
(:func:`euphonic_errors`). A surface test on the text: no parse.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .... import lexicon

_W = r"(?<![\w\-‐])([^\W\d_]+)"
_END = r"(?![\w\-‐'’])"
# "a-il", "va-elle", "vainc-on": no -t-
_MISSING = re.compile(_W + r"([\-‐])(il|elle|on)" + _END)
# "a-t'il", "a-t il", "a t-il": the -t- spelled wrong
_SPELLED = re.compile(_W + r"(?:[\-‐]t['’ ]|[\-‐]t\s+|\s+t[\-‐])(il|elle|on)" + _END)
# "dit-t-il", "prend-t-elle", "ont-t-ils": a -t- after a verb that ends in "t" or "d"
_EXTRA = re.compile(_W + r"([\-‐])t[\-‐](ils|elles|il|elle|on)" + _END)


@dataclass(frozen=True)
class Euphony:
    start: int  # in the text given
    end: int
    text: str
    form: str  # the corrected spelling
    missing: bool  # the -t- is missing (else misspelt or superfluous)


def _finite_third(lang: str, word: str, number: str = "s") -> bool:
    return any(a.person == "3" and a.number == number and a.mood != "imp" for a in lexicon.verbs(lang).analyses(word))


def euphonic_errors(text: str, lang: str) -> Iterator[Euphony]:
    """The verb-pronoun pairs of ``text`` whose euphonic "-t-" is missing, misspelt or
    superfluous, with the corrected spelling."""
    for m in _MISSING.finditer(text):
        verb, hyphen, pron = m.group(1), m.group(2), m.group(3)
        if verb[-1:].lower() in "aec" and _finite_third(lang, lexicon.normalize(verb)):
            yield Euphony(m.start(), m.end(), m.group(0), f"{verb}{hyphen}t{hyphen}{pron}", True)
    for m in _SPELLED.finditer(text):
        verb, pron = m.group(1), m.group(2)
        if verb[-1:].lower() in "aec" and _finite_third(lang, lexicon.normalize(verb)):
            yield Euphony(m.start(), m.end(), m.group(0), f"{verb}-t-{pron}", False)
    for m in _EXTRA.finditer(text):
        verb, hyphen, pron = m.group(1), m.group(2), m.group(3)
        number = "p" if pron.endswith("s") else "s"
        if verb[-1:].lower() in "td" and _finite_third(lang, lexicon.normalize(verb), number):
            yield Euphony(m.start(), m.end(), m.group(0), f"{verb}{hyphen}{pron}", False)
