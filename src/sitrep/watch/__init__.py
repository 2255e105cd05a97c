"""``sitrep watch``: poll RSS/Atom feeds and news sitemaps over HTTP, fetch each new article once,
and extract, store and link it through the same code as ``sitrep ingest`` (docs/watch.md).

- sources.py: the sources file (YAML or CSV: feed URL, outlet, language);
- fetch.py: the polite HTTP client (User-Agent, robots.txt, per-host pace, conditional GET,
  redirects, size and time limits), every failure a FetchError with its reason;
- listing.py: what a feed or sitemap lists; pages.py: the article text of a page, or why not;
- state.py: feeds and articles in the store (what is due, back-off, health);
- rounds.py: one round and the loop; cli.py: the command.
"""
