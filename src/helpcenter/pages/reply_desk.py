"""客服回复助手 (/reply/): support staff paste a customer's message, tick the issues it
asks about, and copy a reply with their links. The page is static: its template
(`overrides/reply.html`) and script (`docs/assets/kb-reply.js`) search with the site's own
worker and index, in the agent's browser; the message never leaves the page."""

from __future__ import annotations

from helpcenter.pages.markup import front_matter

REPLY_PAGE = "reply.md"
TITLE = "客服回复助手"


def reply_page(template: str, greeting: str, closing: str) -> str:
    """The desk's page: the reply settings travel in its front matter to the template."""
    meta = {"title": TITLE, "template": "reply.html", "hide": ["navigation", "toc"], "robots": "noindex",
            "kb_reply_template": template, "kb_reply_greeting": greeting, "kb_reply_closing": closing}
    return front_matter(meta)
