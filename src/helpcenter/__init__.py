"""A help center built from FAQ Markdown in Tencent Cloud's documentation dialect.

The layers, each a folder, each importing only those above it in this list:
  model, text, settings   plain data and the rules everything shares
  dialect                 reading the FAQ: files, the dialect, checks on the source
  enrich                  the knowledge base: IDs, products, tags, error prompts, waits, related
  pages                   the pages as Markdown with front matter, and their assets
  index                   the search index the browser worker reads
  hosting                 what a web server needs: redirects, nginx, the security policy
  report                  the readers' report from the events log
  generate, mkdocs, engines   the generation step and the renderers at the edge
"""
