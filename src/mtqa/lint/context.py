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

    def notice(self, message: str) -> None:
        if message not in self.notices:
            self.notices.append(message)

    def parses(self, doc: Document, only: list[int] | None = None) -> list[SpacyDoc | None]:
        """The spaCy parse of each paragraph of ``doc`` (one shared parse for every rule).

        ``only`` limits parsing to those paragraph indices (the others are ``None`` unless
        another rule parsed them): parsing is the slowest step of a run, so a rule that can find
        its candidates cheaply should parse only the paragraphs holding some.
        """
        from .. import nlp

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
