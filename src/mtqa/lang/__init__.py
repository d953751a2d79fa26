"""Analyses specific to one target language, one package per language (``mtqa.lang.fr``).

Rule modules under ``mtqa.checks`` import them; they never import a rule. The words they work
with live in the language's rule packs (``rules/<lang>/``), read through :mod:`mtqa.packs`.
"""
