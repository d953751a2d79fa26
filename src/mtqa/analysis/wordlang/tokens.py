"""Words of a sentence for the word-level language detector, each marked neutral (numbers, URLs,
code, acronyms, names, loanwords, quoted titles) or carrying evidence."""

from __future__ import annotations

import re

from ...segment import WORD_RE
from ..langid import zipf
from .profile import NEUTRAL, WORD, Profile, Token

HEADLINE_SHARE = 0.6  # a sentence with this share of capitalised words is in headline style
COMMON_WORD = 4.0  # Zipf: in a headline, a capitalised word this common somewhere is a word

# Masked before tokenising: URLs, e-mails, handles, hashtags, code-like tokens (file names,
# snake_case, paths, markup), and anything holding a digit.
_NOISE = re.compile(
    r"(?<![\w@.])(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?<!\w)[@#]\w[\w.]*"
    r"|(?<!\S)(?=[^\s]*[\d_\\/<>{}=|~^$`])\S+"  # any token holding a digit or a code character
    r"|\b\w+\.(?:py|js|ts|json|html?|php|exe|txt|csv|pdf|docx?|xlsx?|com|org|net|fr|de)\b"
    r"|(?<!\S)(?=[^\s]*[^\W\d_]\.[^\W\d_]+\.)\S+"  # dotted identifiers: rec.arts.movies
)
# Characters before a word that make it the start of a sentence (so capitalisation says nothing).
_OPENERS = ".!?:;«“\"—–-…*•·"
_QUOTES = {"«": "»", "“": "”", "\"": "\"", "„": "“", "‘": "’", "*": "*"}  # *emphasis* marks a cited word


def mask(text: str) -> str:
    """``text`` with noise (URLs, numbers, code, handles) replaced by spaces, same length."""
    return _NOISE.sub(lambda m: " " * len(m.group()), text)


def _is_sentence_start(text: str, pos: int, lo: int) -> bool:
    j = pos - 1
    while j >= lo and text[j].isspace():
        j -= 1
    if j >= lo and text[j] == "." and _initial(text, j, lo):
        return False  # "Bernard B. Fall": the period of an initial does not end a sentence
    return j < lo or text[j] in _OPENERS


def _initial(text: str, dot: int, lo: int) -> bool:
    """The period at ``dot`` follows a single capital letter that is a word of its own (an
    initial of a name: "B.", "J.-P.")."""
    k = dot - 1
    return k >= lo and text[k].isupper() and (k == lo or not text[k - 1].isalpha())


def _capitalised(w: str) -> bool:
    return w[0].isupper()


def raw_words(text: str, start: int, end: int, profile: Profile) -> list[tuple[int, int, str]]:
    """(start, end, word) of the words of ``text[start:end]`` once noise is masked and a glued
    elided word of the target language is cut off: the words :func:`tokenize` marks."""
    masked = mask(text[start:end])
    return [_unelide(m.start() + start, m.end() + start, m.group(), profile) for m in WORD_RE.finditer(masked)]


def tokenize(text: str, start: int, end: int, profile: Profile, raw: list[tuple[int, int, str]] | None = None) -> list[Token]:
    """The words of ``text[start:end]``, each marked neutral or carrying evidence (``raw``: their
    :func:`raw_words`, when already made)."""
    if raw is None:
        raw = raw_words(text, start, end, profile)
    initial = [_is_sentence_start(text, s, start) for s, _, _ in raw]
    name = _names(text, raw, initial, profile)
    kinds = [NEUTRAL if nm or _abbreviation(text, e, end) else WORD for (_, e, _), nm in zip(raw, name)]
    _mark_loanwords(raw, kinds, profile)
    _mark_titles(text, start, end, raw, kinds, profile)
    _mark_unquoted_titles(text, raw, kinds, profile)
    half = [k == WORD and w[0].isupper() for (_, _, w), k in zip(raw, kinds)]
    return [Token(s, e, w, k, ini, h) for (s, e, w), k, ini, h in zip(raw, kinds, initial, half)]


_ABBREV_NEXT = re.compile(r"\.\s*(?:[^\W\d_](?<![A-ZÀ-Þ])|\d|[,;:)])")


def _abbreviation(text: str, e: int, end: int) -> bool:
    """A word followed by a period that does not end the sentence ("incl. TVA", "env. 30")."""
    return bool(_ABBREV_NEXT.match(text, e, end))


def _names(text: str, raw: list[tuple[int, int, str]], initial: list[bool], profile: Profile) -> list[bool]:
    """Which words are (parts of) names, acronyms or mixed-case brands."""
    n = len(raw)
    name = [False] * n
    caps = [w.isupper() and len(w) > 1 for _, _, w in raw]
    for i, (s, e, w) in enumerate(raw):
        if caps[i] and not _in_caps_run(caps, i):
            name[i] = True  # acronym
        elif not caps[i] and any(c.isupper() for c in w[1:]):
            name[i] = True  # mixed case: iPhone, McDonald, YouTube
        elif _capitalised(w) and not initial[i] and not caps[i]:
            # a capitalised word is a name, unless the target language never uses it while another
            # knows it well: a foreign common noun ("Behörden", "Bundesregierung")
            name[i] = not _foreign_noun(w, profile)
    # a foreign noun right beside a capitalised name word is part of that name, often in a case
    # of its own language ("la Süddeutschen Zeitung", "Stiftung Warentest")
    _join_foreign_nouns(text, raw, initial, caps, name)
    # headline style ("Installed Biometrics and Got Excellent Service"): when most words are
    # capitalised and the others are not target-language words (a list of names joined by "et"
    # is not a headline), capitals do not mark names, and common words are judged (at half weight).
    # A line of capitalised words only, with no lower-case word at all, is a list of product or
    # brand names ("WD-40 Specialist Chain Lube, Castrol Chain Spray"), not a headline's running text
    plain = [i for i in range(n) if not caps[i]]
    titled = [i for i in plain if _capitalised(raw[i][2])]
    lower = [raw[i][2] for i in plain if not _capitalised(raw[i][2])]
    if len(plain) >= 4 and len(titled) >= HEADLINE_SHARE * len(plain) and lower and not _mostly_target(lower, profile):
        for i in titled:
            if name[i] and _common_word(raw[i][2], profile):
                name[i] = False
    # a sentence-initial capitalised word directly followed by a name is part of it ("The Guardian")
    for i in range(n - 1):
        if initial[i] and _capitalised(raw[i][2]) and name[i + 1] and _adjacent(text, raw[i][1], raw[i + 1][0]):
            name[i] = True
    # connecting words between two name words belong to the name, and so does a capitalised
    # sentence-initial word they join to a name ("Tunes of Wacken")
    i = 0
    while i < n:
        if name[i] or (initial[i] and _capitalised(raw[i][2])):
            j = i + 1
            while j < n and raw[j][2].lower() in profile.connectors and not name[j] and _adjacent(text, raw[j - 1][1], raw[j][0]):
                j += 1
            if j < n and not _adjacent(text, raw[j - 1][1], raw[j][0]):
                j = i + 1  # punctuation breaks a name: "l'OTAN, le FMI"
            if j < n and j > i + 1 and name[j]:
                for k in range(i, j):
                    name[k] = True
            i = j if j > i + 1 else i + 1
        else:
            i += 1
    return name


def _join_foreign_nouns(text: str, raw: list[tuple[int, int, str]], initial: list[bool], caps: list[bool], name: list[bool]) -> None:
    """Capitalised words inside the sentence that are not names (foreign nouns) become names
    when they stand right beside a capitalised name word that is not an acronym."""
    n = len(raw)

    def titled_name(k: int) -> bool:
        return 0 <= k < n and name[k] and not caps[k] and _capitalised(raw[k][2]) and raw[k][2][1:].islower()

    for i in range(n):
        if name[i] or caps[i] or initial[i] or not _capitalised(raw[i][2]):
            continue
        if (titled_name(i - 1) and _adjacent_words(text, raw[i - 1][1], raw[i][0])) or (
            titled_name(i + 1) and _adjacent_words(text, raw[i][1], raw[i + 1][0])
        ):
            name[i] = True


def _adjacent_words(text: str, a: int, b: int) -> bool:
    return text[a:b] == " "


def _unelide(s: int, e: int, w: str, profile: Profile) -> tuple[int, int, str]:
    """Drop an elided target-language word glued to the next one: "d'awareness" -> "awareness"."""
    for i, c in enumerate(w):
        if c in "'’":
            if w[:i].lower() in profile.elisions and i + 1 < len(w):
                return s + i + 1, e, w[i + 1 :]
            break
    return s, e, w


def _foreign_noun(word: str, profile: Profile) -> bool:
    low = word.lower()
    if not profile.others or zipf(low, profile.target) > 0:
        return False
    return max(zipf(low, lang) for lang in profile.others) >= profile.noun_zipf


def _mostly_target(words: list[str], profile: Profile) -> bool:
    """Whether at least half of ``words`` are more frequent in the target than elsewhere."""
    hits = 0
    for w in words:
        zs = [zipf(w.lower(), lang) for lang in profile.langs]
        hits += zs[0] > 0 and zs[0] >= max(zs[1:], default=0.0)
    return bool(words) and hits >= 0.5 * len(words)


def _common_word(word: str, profile: Profile) -> bool:
    low = word.lower()
    return max(zipf(low, lang) for lang in profile.langs) >= COMMON_WORD


def _in_caps_run(caps: list[bool], i: int, size: int = 3) -> bool:
    """Whether token ``i`` is in a run of at least ``size`` upper-case words (shouting, not acronyms)."""
    lo = i
    while lo > 0 and caps[lo - 1]:
        lo -= 1
    hi = i
    while hi + 1 < len(caps) and caps[hi + 1]:
        hi += 1
    return hi - lo + 1 >= size


def _adjacent(text: str, a: int, b: int) -> bool:
    return text[a:b].strip() in ("", "'", "’", "-")


def _mark_loanwords(raw: list[tuple[int, int, str]], kinds: list[int], profile: Profile) -> None:
    if not profile.loanwords:
        return
    lows = [w.lower() for _, _, w in raw]
    n = len(raw)
    for i in range(n):
        if lows[i] not in profile.loan_firsts and lows[i][:-1] not in profile.loan_firsts:
            continue
        for size in range(min(profile.max_loan, n - i), 0, -1):
            words = tuple(lows[i : i + size])
            if words in profile.loanwords or (words[-1][-1:] in "sx" and (*words[:-1], words[-1][:-1]) in profile.loanwords):
                for k in range(i, i + size):
                    kinds[k] = NEUTRAL
                break


def _mark_titles(text: str, start: int, end: int, raw: list[tuple[int, int, str]], kinds: list[int], profile: Profile) -> None:
    """Quoted titles are neutral: a short quotation in title case, or announced by a cue word."""
    pos = start
    while pos < end:
        q = _next_quote(text, pos, end)
        if q is None:
            return
        qs, closer = q
        qe = text.find(closer, qs + 1, end)
        if qe < 0:
            return
        paren = text.find("(", qs, qe)
        head = qe if paren < 0 else paren  # a gloss in parentheses is not part of the title
        inside = [i for i, (s, e, _) in enumerate(raw) if qs < s and e <= qe]
        words = [raw[i][2] for i in inside if raw[i][1] <= head]
        if words and (closer == "*" or _is_title(text, start, qs, words, profile) or _cited_term(text, start, qs, qe, end, words)):
            for i in inside:
                kinds[i] = NEUTRAL
        pos = qe + 1


_TITLE_RUN = 8  # an unquoted title after its cue word runs over at most this many words
_TITLE_END = re.compile(r"[.,;:!?()\[\]«»“”\"\n]")


def _mark_unquoted_titles(text: str, raw: list[tuple[int, int, str]], kinds: list[int], profile: Profile) -> None:
    """A title written without quotes right after its cue word is neutral too: the words from a
    capitalised one after the cue ("son blog intitulé Dancing Days", "le single Yellow
    Submarine", "titre original : Being There") to the next punctuation mark, at most a few
    words."""
    for i in range(len(raw) - 1):
        cue = re.sub(r"^\w+['’]", "", raw[i][2].lower())
        if cue not in profile.title_cues:
            continue
        # the title may follow a qualifier and a colon: "titre original : Being There"
        if i + 2 < len(raw) and raw[i + 1][2].islower() and text[raw[i + 1][1] : raw[i + 2][0]].strip() == ":":
            i += 1
        if text[raw[i][1] : raw[i + 1][0]].strip() not in ("", ":") or not raw[i + 1][2][:1].isupper():
            continue
        j = i + 1
        while j < len(raw) and j - i <= _TITLE_RUN and not (j > i + 1 and _TITLE_END.search(text[raw[j - 1][1] : raw[j][0]])):
            j += 1
        if j - i > _TITLE_RUN:
            continue  # too long for a title: a sentence
        for k in range(i + 1, j):
            kinds[k] = NEUTRAL


_CITED_WORDS = 4  # a term quoted in parentheses after its translation is this short


def _cited_term(text: str, start: int, qs: int, qe: int, end: int, words: list[str]) -> bool:
    """A short quotation that is the whole of a parenthesis (``procédure collective ("class
    action")``): the original term given after its translation, cited, not left untranslated."""
    return (
        len(words) <= _CITED_WORDS
        and text[start:qs].rstrip().endswith("(")
        and text[qe + 1 : end].lstrip().startswith(")")
    )


def _next_quote(text: str, pos: int, end: int) -> tuple[int, str] | None:
    best = None
    for opener, closer in _QUOTES.items():
        i = text.find(opener, pos, end)
        if i >= 0 and (best is None or i < best[0]):
            best = (i, closer)
    return best


def _is_title(text: str, start: int, qs: int, words: list[str], profile: Profile) -> bool:
    if len(words) > 12:
        return False
    content = [w for w in words if len(w) > 3 or w[0].isupper()]
    if content and words[0][0].isupper() and sum(1 for w in content if w[0].isupper()) >= 0.6 * len(content):
        return True
    # the last words before the quotation, without an elided article ("l'émission" -> "émission")
    before = [re.sub(r"^\w+['’]", "", w.lower()) for w in WORD_RE.findall(text[max(start, qs - 40) : qs])][-3:]
    return any(w in profile.title_cues for w in before)
