#!/usr/bin/env python3
"""Draw the link-preview card (docs/assets/kb-card.png, 600×315) from the site's
name and Material's default logo, with Debian's Chromium. Run it again after
changing site_name; the PNG is committed so builds need no browser.

  .venv/bin/python scripts/make_card.py
"""

from __future__ import annotations

from pathlib import Path

import yaml
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
LOGO = ROOT / ".venv/lib/python3.11/site-packages/material/templates/.icons/material/library.svg"
OUT = ROOT / "docs" / "assets" / "kb-card.png"


def main() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    logo = LOGO.read_text(encoding="utf-8").replace("<svg ", '<svg fill="#fff" width="120" height="120" ')
    html = f"""<html><body style="margin:0">
      <div style="width:600px;height:315px;display:flex;align-items:center;gap:32px;padding:0 48px;
                  box-sizing:border-box;background:#3f51b5;color:#fff;font-family:'Noto Sans CJK SC',sans-serif">
        {logo}<div><div style="font-size:52px;font-weight:700">{config["site_name"]}</div>
        <div style="font-size:22px;margin-top:12px;opacity:.9">粘贴报错提示，找到解决办法</div></div>
      </div></body></html>"""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"])
        page = browser.new_page(viewport={"width": 600, "height": 315})
        page.set_content(html)
        page.screenshot(path=str(OUT))
        browser.close()
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
