"""The renderers at the edge: MkDocs and ProperDocs through the `kb` plugin, Zensical
through a generated project (engines)."""
