"""The parts of the published site: where each page lives, its labels, and the corpus-wide indexes."""
