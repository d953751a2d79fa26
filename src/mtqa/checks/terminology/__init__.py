"""Terminology: glossary enforcement and term drift (MTQ3xx)."""
