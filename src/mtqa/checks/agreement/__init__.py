"""Agreement and article-form rules (MTQ2xx): gender and number agreement, elision,
contraction and euphonic forms."""
