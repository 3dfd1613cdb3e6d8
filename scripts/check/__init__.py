"""Quality gates on finished editions: ``make check-pdf`` reads a PDF's accessibility structure
with pikepdf, whatever made the file."""
