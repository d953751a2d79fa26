"""LanguageTool's HTTP API shapes over mtqa's findings.

Editors already speak LanguageTool's ``/v2`` API (LibreOffice's remote checker, LTeX, browser
extensions): this module turns a ``/v2/check`` request into an mtqa configuration and a document,
and an mtqa report into LanguageTool's ``matches``.

Offsets: mtqa counts Unicode code points, LanguageTool clients count UTF-16 code units (a
character outside the Basic Multilingual Plane, such as most emoji, is two units). Every offset
and length sent to a client goes through :class:`Utf16Offsets`.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, replace
from typing import Any

from .. import __version__
from ..config import Config
from ..model import CATEGORIES, Document, DocumentResult, Issue, Report

# Languages a client may ask for. mtqa checks French targets; the regional variants share the
# same rules. "auto" lets mtqa identify the language of the text itself.
LANGUAGES: dict[str, str] = {
    "fr": "French",
    "fr-FR": "French (France)",
    "fr-BE": "French (Belgium)",
    "fr-CA": "French (Canada)",
    "fr-CH": "French (Switzerland)",
    "fr-LU": "French (Luxembourg)",
}

# LanguageTool's issue types are those of the localization-quality vocabulary (ITS 2.0), which
# already names the MT errors mtqa finds; clients colour findings by them.
ISSUE_TYPES: dict[str, str] = {
    "untranslated": "untranslated",
    "agreement": "grammar",
    "terminology": "terminology",
    "boilerplate": "addition",
    "duplication": "duplication",
    "truncation": "omission",
    "fidelity": "mistranslation",
    "spelling": "misspelling",
    "typography": "typographical",
    "fluency": "style",
}

CATEGORY_NAMES: dict[str, str] = {
    "untranslated": "Untranslated text",
    "agreement": "Agreement",
    "terminology": "Terminology",
    "boilerplate": "Page residue",
    "duplication": "Duplication",
    "truncation": "Truncation",
    "fidelity": "Fidelity to the source",
    "spelling": "Spelling",
    "typography": "Typography",
    "fluency": "Fluency",
}

CONTEXT_CHARS = 40  # characters of context on each side of a match, as LanguageTool sends


class BadRequest(ValueError):
    """A request the server answers with 400; ``extra`` goes into the JSON error body."""

    def __init__(self, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.extra = extra


def languages_payload() -> list[dict[str, str]]:
    """The body of ``GET /v2/languages``."""
    return [{"name": name, "code": code.split("-")[0], "longCode": code} for code, name in LANGUAGES.items()]


def supported_codes() -> list[str]:
    return [*LANGUAGES, "auto"]


def parse_language(value: str | None) -> tuple[str, str | None]:
    """``(code as asked, mtqa target language or None for auto)``; raises :class:`BadRequest`."""
    if value is None or not value.strip():
        raise BadRequest("missing 'language' parameter", supported=supported_codes())
    v = value.strip()
    if v.lower() == "auto":
        return "auto", None
    for code in LANGUAGES:
        if code.lower() == v.lower().replace("_", "-"):
            return code, code.split("-")[0]
    raise BadRequest(f"unsupported language {v!r}", supported=supported_codes())


# -- offsets ------------------------------------------------------------------------------------
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16Offsets:
    """Code-point offset -> UTF-16 code-unit offset, for one text."""

    def __init__(self, text: str) -> None:
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]

    def __call__(self, offset: int) -> int:
        return offset + bisect.bisect_left(self._astral, offset) if self._astral else offset


def utf16_len(s: str) -> int:
    return len(s) + len(_ASTRAL.findall(s))


# -- annotated text (the "data" parameter) ------------------------------------------------------
def parse_annotated(data: str) -> tuple[str, str]:
    """The original text (text and markup parts joined, which match offsets refer to) and a view
    of the same length in which markup is replaced by its ``interpretAs`` (or blanked)."""
    try:
        obj = json.loads(data)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise BadRequest(f"malformed JSON in 'data': {exc}") from None
    items = obj.get("annotation") if isinstance(obj, dict) else None
    if not isinstance(items, list):
        raise BadRequest("'data' must be a JSON object with an 'annotation' list")
    text: list[str] = []
    view: list[str] = []
    for n, item in enumerate(items):
        if not isinstance(item, dict):
            raise BadRequest(f"'data' annotation {n} is not an object")
        t, m = item.get("text"), item.get("markup")
        if isinstance(t, str) and m is None:
            text.append(t)
            view.append(t)
        elif isinstance(m, str) and t is None:
            interp = item.get("interpretAs", "")
            if not isinstance(interp, str):
                raise BadRequest(f"'data' annotation {n}: 'interpretAs' must be a string")
            text.append(m)
            view.append(_markup_view(m, interp))
        else:
            raise BadRequest(f"'data' annotation {n} needs exactly one of 'text' or 'markup' (a string)")
    return "".join(text), "".join(view)


def _markup_view(markup: str, interpret_as: str) -> str:
    """Markup as the rules see it, with the markup's length: its interpretation where it fits,
    otherwise spaces; line breaks are kept so that paragraphs stay apart."""
    if interpret_as:
        if len(interpret_as) > len(markup):
            breaks = interpret_as.count("\n")
            interpret_as = ("\n" * min(breaks, len(markup))) if breaks else interpret_as[: len(markup)]
        return interpret_as + " " * (len(markup) - len(interpret_as))
    return "".join(c if c in "\r\n" else " " for c in markup)


# -- rule selection -----------------------------------------------------------------------------
def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def _known(tokens: list[str]) -> list[str]:
    """The selectors mtqa knows (rule codes, code prefixes, names, categories). Clients send
    LanguageTool's own rule ids too (WHITESPACE_RULE, ...): like LanguageTool, ignore unknown ids."""
    from ..lint.registry import all_rules, matches

    rules = all_rules()
    return [t for t in tokens if t.upper() != "ALL" and (t.lower() in CATEGORIES or any(matches(r, t) for r in rules))]


@dataclass(frozen=True)
class Selection:
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    nothing: bool = False  # enabledOnly with no rule mtqa knows: nothing to run


def parse_selection(params: dict[str, str]) -> Selection:
    enabled = _known(_split(params.get("enabledRules")) + _split(params.get("enabledCategories")))
    disabled = _known(_split(params.get("disabledRules")) + _split(params.get("disabledCategories")))
    only = (params.get("enabledOnly") or "").strip().lower() == "true"
    if only:
        if not (_split(params.get("enabledRules")) or _split(params.get("enabledCategories"))):
            raise BadRequest("'enabledOnly' needs 'enabledRules' or 'enabledCategories'")
        return Selection(tuple(enabled), tuple(disabled), nothing=not enabled)
    # the default rules plus any rule named explicitly (an explicit code turns on a rule that is
    # off by default)
    return Selection(("ALL", *enabled) if enabled else (), tuple(disabled))


def config_for(base: Config, selection: Selection, lang: str | None) -> Config:
    return replace(base, select=list(selection.select), ignore=list(selection.ignore), lang=lang)


# -- the check ----------------------------------------------------------------------------------
def check(base: Config, params: dict[str, str], splitter: Any = None) -> dict[str, Any]:
    """Run a ``/v2/check`` request (already authorised and size-checked) and build its answer;
    with a :class:`~mtqa.serve.split.RuleSplitter`, the check runs on two cores."""
    text, data = params.get("text"), params.get("data")
    if text is None and data is None:
        raise BadRequest("missing 'text' or 'data' parameter")
    if text is not None and data is not None:
        raise BadRequest("give either 'text' or 'data', not both")
    asked, lang = parse_language(params.get("language"))
    selection = parse_selection(params)
    if data is not None:
        text, view = parse_annotated(data)
    else:
        view = text
    assert text is not None
    if selection.nothing or not view.strip():
        return response(text, view, asked, lang or "und", None, [], Report([], []))
    from ..pipeline import Pipeline

    config = config_for(base, selection, lang)
    if splitter is not None:
        report = splitter.run(text, view if view is not text else None, config)
    else:
        report = Pipeline(config).run([Document(text, "<text>", view=view if view is not text else None, fmt="txt")])
    result = report.documents[0] if report.documents else None
    return response(text, view, asked, result.target_language if result else (lang or "und"), result, result.issues if result else [], report)


def _language_block(asked: str, detected: str, result: DocumentResult | None) -> dict[str, Any]:
    conf = 0.0
    if result is not None:
        segs = [s for s in result.segments if s.language == detected]
        if segs:
            total = sum(s.end - s.start for s in segs) or 1
            conf = sum(float(s.confidence) * (s.end - s.start) for s in segs) / total
    det_name = LANGUAGES.get(detected, detected)
    if asked == "auto":
        block = {"name": det_name, "code": detected}
    else:
        block = {"name": LANGUAGES[asked], "code": asked}
    block["detectedLanguage"] = {"name": det_name, "code": detected, "confidence": round(conf, 3)}
    return block


def response(
    text: str, view: str, asked: str, detected: str, result: DocumentResult | None, issues: list[Issue], report: Report
) -> dict[str, Any]:
    from ..lint.registry import all_rules

    u16 = Utf16Offsets(text)
    summaries = {r.code: r.summary() for r in all_rules()}
    sentences = sorted(((s.start, s.end) for s in result.sentences), key=lambda p: p[0]) if result else []
    paragraphs = sorted(((s.start, s.end) for s in result.segments), key=lambda p: p[0]) if result else []
    matches = [_match(i, text, view, u16, sentences, paragraphs, summaries.get(i.rule, i.name)) for i in issues]
    out: dict[str, Any] = {
        "software": {
            "name": "mtqa",
            "version": __version__,
            "buildDate": None,
            "apiVersion": 1,
            "premium": False,
            "status": "",
        },
        "warnings": {"incompleteResults": False},
        "language": _language_block(asked, detected, result),
        "matches": matches,
    }
    if report.notices:
        out["warnings"]["notices"] = list(report.notices)
    return out


def _containing(spans: list[tuple[int, int]], offset: int) -> tuple[int, int] | None:
    i = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    if 0 <= i < len(spans) and spans[i][0] <= offset <= spans[i][1]:
        return spans[i]
    return None


def _placeholder(suggestion: str, text: str) -> bool:
    """Advice written as a suggestion, such as "(translate)": an editor would paste it into the
    text when the user accepts it, so it is not sent as a replacement."""
    return suggestion.startswith("(") and suggestion.endswith(")") and not text.startswith("(")


_BLANKS = str.maketrans({"\n": " ", "\r": " ", "\t": " "})


def _match(
    issue: Issue,
    text: str,
    view: str,
    u16: Utf16Offsets,
    sentences: list[tuple[int, int]],
    paragraphs: list[tuple[int, int]],
    description: str,
) -> dict[str, Any]:
    start, end = issue.start, issue.end
    offset = u16(start)
    # context: up to CONTEXT_CHARS characters each side, on one line, "..." where it is cut
    cs, ce = max(0, start - CONTEXT_CHARS), min(len(text), end + CONTEXT_CHARS)
    pre = "..." if cs > 0 else ""
    post = "..." if ce < len(text) else ""
    ctx = pre + view[cs:ce].translate(_BLANKS) + post
    span = _containing(sentences, start) or _containing(paragraphs, start) or (start, end)
    sentence = view[span[0] : span[1]].strip()
    return {
        "message": issue.message,
        "shortMessage": issue.name.replace("-", " "),
        "replacements": [{"value": s} for s in issue.suggestions if not _placeholder(s, issue.text)],
        "offset": offset,
        "length": u16(end) - offset,
        "context": {"text": ctx, "offset": utf16_len(pre + view[cs:start]), "length": utf16_len(view[start:end])},
        "sentence": sentence,
        "type": {"typeName": "Other"},
        "rule": {
            "id": issue.rule,
            "description": description,
            "issueType": ISSUE_TYPES.get(issue.category, "other"),
            "category": {"id": issue.category.upper(), "name": CATEGORY_NAMES.get(issue.category, issue.category)},
        },
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
    }
