"""The PDF edition: a Sphinx builder that lays the single-page HTML out for print with
WeasyPrint, tags it for PDF/UA, adds forms, offprints and a colophon, and refuses a page that
does not fit. ``theme/`` is its HTML theme and print stylesheet."""
