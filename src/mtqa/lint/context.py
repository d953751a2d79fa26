"""What rules share during a run: configuration, the shared parse, notices."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..config import Config

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc

    from ..model import Document


class Context:
    def __init__(self, config: Config, nlp_needs: frozenset[str] = frozenset()) -> None:
        self.config = config
        self.nlp_needs = nlp_needs
        self.notices: list[str] = []
        self.state: dict[str, Any] = {}  # per-run state rules may share (keyed by rule code)
        # name -> function of a document giving the paragraphs some rule will ask to parse
        # (see parses(plan=...)): the run parses them for several documents at once
        self.parse_plans: dict[str, Any] = {}

    def notice(self, message: str) -> None:
        if message not in self.notices:
            self.notices.append(message)

    def parses(self, doc: Document, only: list[int] | None = None, plan: tuple[str, Any] | None = None) -> list[SpacyDoc | None]:
        """The spaCy parse of each paragraph of ``doc`` (one shared parse for every rule).

        ``only`` limits parsing to those paragraph indices (the others are ``None`` unless
        another rule parsed them): parsing is the slowest step of a run, so a rule that can find
        its candidates cheaply should parse only the paragraphs holding some. ``plan`` is
        ``(name, function)``, the function giving ``only`` for any document: the run then parses
        those paragraphs of the next documents together, before their rules ask (see
        :meth:`prefetch`).
        """
        from .. import nlp

        if plan is not None:
            self.parse_plans.setdefault(plan[0], plan[1])

        out = nlp.parse(doc, doc.target_language, self.nlp_needs, only=only)
        for i in sorted(doc.cache.get("unparsed", ())):
            p = doc.paragraphs[i]
            self.notice(
                f"{doc.key}:{p.line}: paragraph of {p.end - p.start:,} characters has a sentence longer than "
                f"{nlp.MAX_PARSE_CHARS:,}: rules that need the parse skipped it"
            )
        return out

    def language_settings(self, lang: str) -> dict[str, Any]:
        return dict(self.config.languages.get(lang, {}))

    def prefetch(self, docs: list[Document]) -> None:
        """Parse, in one batch, the paragraphs of ``docs`` (languages identified) that the
        rules' parse plans say they will ask for; each rule still gets only what it asks."""
        if not self.parse_plans or not docs:
            return
        from .. import nlp

        by_lang: dict[str, list] = {}
        for doc in docs:
            try:
                wanted = sorted({i for plan in self.parse_plans.values() for i in plan(doc)})
            except Exception:  # noqa: BLE001 - only a head start: the rule meets the problem itself
                continue
            if wanted and doc.target_language:
                by_lang.setdefault(doc.target_language, []).append((doc, wanted))
        for lang, wanted_docs in by_lang.items():
            try:
                nlp.prefetch(wanted_docs, lang, self.nlp_needs)
            except nlp.ModelUnavailable:
                continue  # reported when a rule asks
