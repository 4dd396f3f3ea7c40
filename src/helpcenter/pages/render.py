"""FAQ Markdown to the HTML a page shows, at generation time: every renderer (MkDocs,
ProperDocs, Zensical) then shows the same answer, already sanitised, and what is said
about it elsewhere (search, link previews, 复制回复, the completeness check) is read from
it before any page is rendered.

The extensions are the ones the dialect's converter writes for (dialect/convert.py);
they match mkdocs.yml's, so a page looks as MkDocs alone would render it."""

from __future__ import annotations

from markdown import Markdown
from pymdownx.slugs import slugify

from helpcenter.dialect import sanitize

EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.details", "pymdownx.superfences",
              "pymdownx.betterem"]
CONFIG = {"toc": {"permalink": True, "permalink_title": "本节链接", "toc_depth": "2-6",
                  "slugify": slugify(case="lower")}}


class Renderer:
    """One Markdown instance for a whole build (reset between pages: MkDocs makes one a page)."""

    def __init__(self, image_hosts: tuple[str, ...]) -> None:
        self.markdown = Markdown(extensions=EXTENSIONS, extension_configs=CONFIG)
        self.image_hosts = image_hosts

    def html(self, text: str, subject: str) -> tuple[str, bool]:
        """(sanitised HTML of FAQ Markdown, whether it rendered as written); images without alt
        text described as `<subject> 截图 N`. Markup Python-Markdown cannot read (`<![`) would
        stop the build with a traceback: the text is then shown with every `<` as text."""
        try:
            rendered, ok = self.markdown.reset().convert(text), True
        except Exception:  # noqa: BLE001 - Python-Markdown's HTML parser asserts on broken markup
            rendered, ok = self.markdown.reset().convert(text.replace("<", "&lt;")), False
        return sanitize.describe_images(sanitize.clean(rendered, self.image_hosts), subject), ok


UNREADABLE = ("这段内容里有帮助中心无法解析的 HTML（如 “<!” 或没写完的标签），已把其中的尖括号按文字显示；"
              "请检查它前后的格式。")


RENDERED = '<div class="kb-body">'  # how a rendered body starts (renderers use it as it is)


def raw_block(html: str) -> str:
    """HTML as one raw block of a Markdown page: a renderer passes it through as it is."""
    return f'{RENDERED}\n{html}\n</div>\n'
