"""隐私说明: what the readers' events collect and why (docs/assets/kb-events.js,
hosting/nginx.conf), in words a reader can check against the code."""

from __future__ import annotations

from helpcenter.pages.markup import front_matter

PRIVACY_PAGE = "privacy.md"


def privacy_page(events: bool) -> str:
    meta = {"title": "隐私说明", "hide": ["navigation", "toc"]}
    if not events:
        return front_matter(meta) + "本帮助中心不收集任何使用数据：不设 Cookie，不记录搜索、点击或访问者信息。\n"
    return front_matter(meta) + """\
为了知道哪些问题还没有答案、哪些答案需要改进，本帮助中心会记录少量**匿名**的使用情况。

## 记录什么

- **搜索**：你停止输入后搜索框里的文字、结果数量、是否显示了“没有找到”；
- **点击搜索结果**：打开的是哪个问题、它排在第几位、对应的搜索词；
- **这个回答有帮助吗？**：你点的是“有帮助”还是“没帮助”；
- **复制链接 / 复制回复**：哪个问题的答案被复制了（不记录复制的内容）。

每条记录只带一个随机编号，把同一个浏览器标签页里的几次操作连起来，关闭标签页就作废。

## 不记录什么

- 不设 Cookie，不在浏览器里长期保存任何标识；
- 服务器日志里**没有** IP 地址、浏览器型号或任何能认出你的信息；
- 搜索词在离开你的浏览器**之前**就去掉了手机号、邮箱、身份证号和任何连续 7 位以上的数字；
- 客服回复助手里粘贴的客户消息只在浏览器里检索，从不发送。

## 不想被记录

浏览器开启了“请勿跟踪”（Do Not Track）或“全球隐私控制”（Global Privacy Control）时，本站**什么都不发送**。

## 用途

这些记录只用来改进帮助中心：编辑会看到常被搜索却找不到答案的说法、被标为“没帮助”的回答，
并据此补充答案，或让搜索学会读者的说法。
"""
