"""The EPUB edition: Sphinx's EPUB builder with the accessibility metadata and well-formed
XHTML that reading systems and EPUBCheck expect."""
