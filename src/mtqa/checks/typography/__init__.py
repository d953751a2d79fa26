"""Typography rules (MTQ6xx): marks that badly detokenised machine translation leaves in the
text, such as spaced or missing apostrophes and spaces before commas and points."""
