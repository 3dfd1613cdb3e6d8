"""Publishing machinery for a MyST book: Sphinx extensions and thin command-line tools.

Nothing in this package knows a particular book: titles, languages, colours and the front-matter
schema come from the book's ``conf.py``.

The rooms, highest first; a module imports only from its own room or from a lower one:

- ``editions`` and ``publish`` (here): build every edition of every language and put each in
  place; ``benchmark`` and ``benchmark_peers`` (here): what those builds cost, and what the
  peers' tools cost on the same sources;
- ``pdf``, ``epub``, ``site``: one room per edition format, its builder and what only it needs
  (``site`` is the HTML edition as a website);
- ``check``: quality gates that read finished editions, knowing nothing of how they were made;
- ``book``: what partners write, read and shaped the same way for every format;
- ``i18n``: languages, catalogs and what a translation changes in a build;
- ``util``: small helpers every room may use.
"""
