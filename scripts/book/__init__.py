"""What partners write: Sphinx extensions that read a chapter's front matter, components and
citations, and shape them the same way for every edition (site, EPUB and PDF)."""
