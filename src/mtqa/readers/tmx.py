"""TMX translation memories (1.1 to 1.4b).

Parsed safely like XLIFF (see :mod:`mtqa.readers.xliff`). In every ``<tu>`` the variant in the
header's ``srclang`` is the source (the first variant when ``srclang`` is ``*all*``) and every
other variant a target; its ``<seg>`` is one segment with the ``tuid`` (or the unit's position) as
id. A memory with several target languages gives one document per language (``doc_id`` is the
language code). Inline codes (``<bpt>``, ``<ept>``, ``<it>``, ``<ph>``, ``<ut>``) are blanked whole;
``<hi>`` keeps its text.
"""

from __future__ import annotations

from ..errors import InputProblem
from ..model import Document
from . import register
from .bilingual import Unit, ViewBuilder, build_documents, language_code
from .xliff import Tag, inline_text, parse_safely, tokens


@register("tmx", (".tmx",))
def read_tmx(text: str, path: str, **_: object) -> Document | list[Document]:
    root = parse_safely(text, path)
    if root != "tmx":
        raise InputProblem(path, f"not a TMX file (root element <{root}>)")
    vb = ViewBuilder(text)
    src_lang: str | None = None
    units: list[Unit] = []
    stack: list[tuple[Tag, int]] = []
    tu: Tag | None = None
    n_tu = 0
    variants: list[tuple[str | None, int, int]] = []  # (language, seg start, seg end)
    for t in tokens(text):
        if t.kind in ("start", "empty"):
            if t.name == "header":
                src_lang = t.attrs.get("srclang")
            elif t.name == "tu":
                tu, variants = t, []
                n_tu += 1
            if t.kind == "start":
                stack.append((t, t.end))
        elif t.kind == "end":
            tag, content_start = stack.pop()
            if tag.name == "seg" and stack and stack[-1][0].name == "tuv":
                tuv = stack[-1][0]
                variants.append((tuv.attrs.get("lang"), content_start, t.start))
            elif tag.name == "tu" and tu is not None:
                units.extend(_units(text, vb, tu, n_tu, variants, language_code(src_lang)))
                tu = None
    langs = sorted({u.group for u in units if u.group})
    if len(langs) <= 1:
        for u in units:
            u.group = None
        meta = {"target_language": langs[0] if langs else None, "source_language": language_code(src_lang)}
        return build_documents(text, path, vb, units, "tmx", meta=meta)
    group_meta = {lang: {"target_language": lang} for lang in langs}
    return build_documents(
        text, path, vb, units, "tmx",
        meta={"source_language": language_code(src_lang)}, group_meta=group_meta,
    )


def _units(text: str, vb: ViewBuilder, tu: Tag, n: int, variants: list[tuple[str | None, int, int]], src: str | None):
    if not variants:
        return
    src_i = next((i for i, (lang, _, _) in enumerate(variants) if src and language_code(lang) == src), None)
    if src_i is None:
        if src:  # no variant in the source language: nothing to compare against
            src_i = -1
        else:
            src_i = 0
    source = inline_text(text, variants[src_i][1], variants[src_i][2]).strip() if src_i >= 0 else None
    uid = tu.attrs.get("tuid") or str(n)
    for i, (lang, a, b) in enumerate(variants):
        if i == src_i:
            continue
        inline_text(text, a, b, vb)
        yield Unit(a, b, id=uid, source=source, group=language_code(lang) or "und")
