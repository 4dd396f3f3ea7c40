"""The visible words of the generated pages: Jinja templates of Markdown (pages/templates/)
and short labels (pages/templates/words.yml). A site replaces any of them with a file of
the same name in its templates folder (the `templates` setting, overrides/kb/ by default),
as Material's partials are replaced from custom_dir.

FAQ text reaches a template already escaped (`md`): a template prints it as it is, and a
plain string it prints is escaped for HTML (autoescape), so no FAQ text becomes markup."""

from __future__ import annotations

from pathlib import Path

import jinja2
from markupsafe import Markup

from helpcenter.datafile import read_yaml
from helpcenter.dialect.convert import escape_inline

PACKAGE = Path(__file__).resolve().parent / "templates"


class TemplateError(ValueError):
    """A site's template cannot be used; the message names the file."""


def md(text: str) -> Markup:
    """FAQ text for a Markdown template: shown literally (no Markdown, no HTML)."""
    return Markup(escape_inline(text))


class Texts:
    def __init__(self, site: Path | None = None) -> None:
        folders = [str(f) for f in (site, PACKAGE) if f is not None and f.is_dir()]
        self.env = jinja2.Environment(loader=jinja2.FileSystemLoader(folders), autoescape=True,
                                      undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
                                      trim_blocks=True, lstrip_blocks=True)
        self.env.filters["md"] = md
        self.words = read_yaml(PACKAGE / "words.yml", "标签文字表", TemplateError)
        if site is not None and (site / "words.yml").is_file():
            self.words.update(read_yaml(site / "words.yml", "标签文字表", TemplateError))

    def page(self, template_name: str, /, **context) -> tuple[str, str]:
        """(title, Markdown body) of a template: its `{% set title = … %}` and its text."""
        try:
            module = self.env.get_template(template_name).make_module(context)
        except jinja2.TemplateError as exc:
            raise TemplateError(f"{getattr(exc, 'filename', None) or template_name}: 模板有错误（{exc}）") from None
        return str(getattr(module, "title", "")), str(module)
