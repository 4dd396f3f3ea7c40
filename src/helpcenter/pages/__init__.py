"""The site's pages, generated from the knowledge base: Markdown with front matter that
any renderer (MkDocs, ProperDocs, Zensical) turns into HTML, and the assets they link."""
