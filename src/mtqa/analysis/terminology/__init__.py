"""Term matching and spelling variants shared by the terminology rules (MTQ3xx)."""
