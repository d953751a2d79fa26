"""What the untranslated-text rules share: the target language's pack data, the candidate
languages of a document, and the word-language profile built from them."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from .. import packs
from . import langid, wordlang
from ..errors import ConfigError
from ..lint.context import Context
from ..model import Document

LANG_NAMES = {
    "fr": "French", "en": "English", "de": "German", "es": "Spanish", "it": "Italian",
    "pt": "Portuguese", "nl": "Dutch", "pl": "Polish", "ru": "Russian", "uk": "Ukrainian",
}


def lang_name(code: str) -> str:
    return LANG_NAMES.get(code, f"'{code}'")


@lru_cache(maxsize=None)
def _pack(lang: str, dirs: tuple[str, ...]) -> dict[str, Any]:
    """The target language's untranslated.yaml and loanwords.txt (``dirs`` keys the cache)."""
    data = packs.load_yaml(lang, "untranslated.yaml")
    sugg = data.get("suggestions") or {}
    if not isinstance(sugg, dict):
        raise ConfigError(f"rules/{lang}/untranslated.yaml: 'suggestions' must be a mapping")
    sugg_keys = [" ".join(str(k).lower().split()) for k in sugg]
    return {
        "foreign_languages": tuple(str(x) for x in data.get("foreign_languages") or ("en",)),
        "title_cues": frozenset(str(x).lower() for x in data.get("title_cues") or ()),
        "gloss_cues": tuple(str(x).lower() for x in data.get("gloss_cues") or ()),
        "elisions": frozenset(str(x).lower().rstrip("'’") for x in data.get("elisions") or ()),
        "compound_prefixes": tuple(str(x).lower() for x in data.get("compound_prefixes") or ()),
        "noun_determiners": frozenset(str(x).lower() for x in data.get("noun_determiners") or ()),
        "suggestions": {" ".join(str(k).lower().split()): [str(v) for v in (vs if isinstance(vs, list) else [vs])] for k, vs in sugg.items()},
        "loanwords": packs.load_list(lang, "loanwords.txt"),
        # the foreign phrases the suggestions know ("at a") are kept whole in a span
        "phrases": frozenset(tuple(k.split()) for k in sugg_keys if len(k.split()) == 2),
    }


def pack(lang: str) -> dict[str, Any]:
    return _pack(lang, tuple(str(d) for d in packs.pack_dirs()))


def source_language(doc: Document) -> str | None:
    """The declared source language, else the one detected from the aligned source text."""
    if doc.source_language:
        return doc.source_language
    if not doc.has_source:
        return None
    key = "source_language"
    if key not in doc.cache:
        text = "\n".join(p.source or "" for p in doc.paragraphs)[:5000]
        lang, conf = langid.detect(text)
        doc.cache[key] = lang if lang != "und" and conf >= 0.8 else None
    return doc.cache[key]


def profile(doc: Document, ctx: Context, languages: list[str] | None = None, switch_cost: float | None = None) -> wordlang.Profile | None:
    """The word-language profile of ``doc``'s target language (None: no word list for it)."""
    target = doc.target_language
    known = langid.wordfreq_languages()
    if target not in known:
        return None
    data = pack(target)
    settings = ctx.language_settings(target)
    languages = _str_list(languages, "MTQ101 option 'languages'")
    others = list(languages or _str_list(settings.get("foreign_languages"), f"languages.{target}.foreign_languages") or data["foreign_languages"])
    src = source_language(doc)
    if src:
        others.append(src)
    bad = [o for o in others if o not in known]
    if languages and bad:
        raise ConfigError(f"no word frequencies for language(s) {', '.join(bad)} (known: {', '.join(sorted(known))})")
    others = [o for o in others if o in known and o != target]
    loans = list(data["loanwords"]) + _str_list(settings.get("loanwords"), f"languages.{target}.loanwords")
    return _profile(target, tuple(dict.fromkeys(others)), wordlang.loanword_set(loans), data["title_cues"], data["gloss_cues"], data["elisions"], data["phrases"], switch_cost)


def _str_list(value: Any, where: str) -> list[str]:
    """A configured list of strings (a single string is a list of one)."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where} must be a list of strings")
    return list(value)


@lru_cache(maxsize=64)
def _profile(
    target: str, others: tuple[str, ...], loans: frozenset, titles: frozenset, glosses: tuple, elisions: frozenset,
    phrases: frozenset, switch_cost: float | None,
) -> wordlang.Profile:
    costs = {} if switch_cost is None else {"switch_cost": switch_cost, "start_cost": switch_cost}
    return wordlang.Profile(target, others, loans, titles, glosses, elisions, phrases=phrases, **costs)


def rule_active(ctx: Context, code: str) -> bool:
    """Whether the rule ``code`` is selected in this run (rules that share an analysis use it to
    leave findings to each other)."""
    from ..lint.registry import get_rule, select_rules

    key = ("active", code)
    if key not in ctx.state:
        ctx.state[key] = get_rule(code) in select_rules(ctx.config.select, ctx.config.ignore)
    return ctx.state[key]


def suggestions(lang: str, fragment: str) -> list[str]:
    key = " ".join(fragment.lower().split())
    out = pack(lang)["suggestions"].get(key, [])
    if fragment[:1].isupper():
        out = [s[:1].upper() + s[1:] for s in out]
    return out


def min_confidence(opts: dict[str, Any], ctx: Context, lang: str) -> float:
    """The rule option, else the language setting, else the run's ``min_confidence``."""
    for value in (opts.get("min_confidence"), ctx.language_settings(lang).get("min_confidence")):
        if value is not None:
            return float(value)
    return float(ctx.config.min_confidence)
