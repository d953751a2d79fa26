"""The French agreement analysis read by the agreement rules (MTQ2xx), one concern a module:

- ``common``: the rule base class, the rule pack (``rules/fr/agreement.yaml``) and lexicon access;
- ``guards``: words that look like agreeing words but are not (fixed phrases, colour compounds...);
- ``words``: word-class tests shared by the others (capitalisation, adjective only, noun features);
- ``targets``: what a word agrees with, and a noun's own gender and number;
- ``subjects``: the subject a predicate agrees with;
- ``attachment``: whether a disagreeing adjective belongs to another noun;
- ``corrections``: the agreeing forms of determiners and adjectives, and the check of a noun phrase;
- ``positions``: position checks where an error has misled the parser;
- ``noun_phrases``: the noun phrases of a document and their findings (MTQ201, MTQ202);
- ``predicates``: predicates after "être" or a copula and their findings (MTQ202, MTQ203);
- ``prefilter``: the surface test that spares the parse of paragraphs where nothing can disagree.
"""
