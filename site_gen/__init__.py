"""site_gen: turn scraped Chinese essays into a clean, linked, bilingual static reading site."""

__version__ = "0.1.0"
