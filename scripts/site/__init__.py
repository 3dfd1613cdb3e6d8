"""The HTML edition as a website: the theme's page furniture, downloads next to the pages they
print, search in every language, and what the web expects of a site (alternates, sitemap)."""
