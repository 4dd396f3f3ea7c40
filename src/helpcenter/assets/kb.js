/* The reply a support agent copies: the reply_template setting with {title}, {fix} and
 * {url} filled in, `{{` and `}}` standing for literal braces (helpcenter/reply.py checks
 * templates the same way). The reply desk (kb-reply.js) fills it too. */
window.kbReply = {
  fill: function (template, item) {
    return template.replace(/\{\{|\}\}|\{(title|fix|url)\}/g, function (match, name) {
      return name ? item[name] : match[0];
    });
  },
};

/* How sure search is, in words (the worker's verdict: nothing, weak or confident; the
 * words are the search partial's, overrides/partials/search.html): the header search and
 * the reply desk say the same. */
window.kbVerdict = {
  sentence: function (verdict) {
    var words = document.querySelector(".md-search-result");
    if (!verdict || !words) return "";
    if (verdict.state === "nothing") {
      return verdict.topic ? words.getAttribute("data-kb-nothing-topic").split("{topic}").join(verdict.topic)
        : words.getAttribute("data-kb-nothing");
    }
    return verdict.state === "weak" ? words.getAttribute("data-kb-weak") : "";
  },
};

/* 复制链接 / 复制回复 on issue pages: copy, then say so where a screen reader hears it. */
(function () {
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext)
      return navigator.clipboard.writeText(text);
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = document.execCommand("copy");
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-kb-copy]");
    if (!button) return;
    var box = button.closest(".kb-share");
    var kind = button.getAttribute("data-kb-copy");
    var url = new URL(box.getAttribute("data-kb-url"), location.href).href;
    var text = kind === "url" ? url : window.kbReply.fill(box.getAttribute("data-kb-template"),
      { title: box.getAttribute("data-kb-title"), fix: box.getAttribute("data-kb-fix"), url: url });
    var status = box.querySelector(".kb-copied");
    copy(text).then(function () {
      status.textContent = kind === "url" ? "已复制链接" : "已复制回复";
      button.classList.add("kb-copy--done");
    }, function () {
      status.textContent = "复制失败，请手动选择文字复制";
    });
    setTimeout(function () { status.textContent = ""; button.classList.remove("kb-copy--done"); }, 2500);
  });
})();

/* The page opened from a search result marks the reader's words (?h=: the search worker's
 * words, never a pair of characters that joins two) in the question and its answer only:
 * not in the breadcrumbs, tags, notices, links to other questions, header or footer. Each
 * word is a mark of its own, the longest first where they overlap. 清除高亮 takes the
 * marks away in one tap, and ?h= from the address, so a link copied after carries none. */
(function () {
  var runs = (new URLSearchParams(location.search).get("h") || "").split(/\s+/).filter(Boolean);
  var words = runs.length && typeof kbMarks === "function" ? kbMarks(runs) : [];  // search/marks.js
  var answer = document.querySelector(".kb-answer");
  var title = document.querySelector("article h1");
  if (!words.length || !answer || !title) return;

  function fold(text) {
    return Array.from(text, function (ch) {
      var folded = ch.normalize("NFKC").toLowerCase();
      return folded.length === 1 ? folded : ch;  // one character for one: positions stay
    }).join("");
  }
  function skipped(node) {
    var parent = node.parentElement;
    if (!parent || parent.closest("mark, .admonition-title, script, style")) return true;
    var link = parent.closest("a[href]");
    return !!link && /\/q\/[^/]+\//.test(new URL(link.href, location.href).pathname);
  }
  function markText(node) {
    var text = node.nodeValue, folded = fold(text), taken = [], found = [];
    words.forEach(function (word) {
      for (var at = folded.indexOf(word); at !== -1; at = folded.indexOf(word, at + 1)) {
        var free = true;
        for (var k = at; k < at + word.length; k++) if (taken[k]) free = false;
        if (!free) continue;
        for (k = at; k < at + word.length; k++) taken[k] = true;
        found.push([at, word.length]);
      }
    });
    if (!found.length) return 0;
    found.sort(function (a, b) { return a[0] - b[0]; });
    var parts = document.createDocumentFragment(), done = 0;
    found.forEach(function (hit) {
      parts.appendChild(document.createTextNode(text.slice(done, hit[0])));
      var mark = document.createElement("mark");
      mark.setAttribute("data-kb-mark", "");
      mark.textContent = text.slice(hit[0], hit[0] + hit[1]);
      parts.appendChild(mark);
      done = hit[0] + hit[1];
    });
    parts.appendChild(document.createTextNode(text.slice(done)));
    node.parentNode.replaceChild(parts, node);
    return found.length;
  }

  var count = 0;
  [title, answer].forEach(function (root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT), nodes = [];
    for (var node = walker.nextNode(); node; node = walker.nextNode()) if (!skipped(node)) nodes.push(node);
    nodes.forEach(function (node) { count += markText(node); });
  });
  var clear = document.querySelector("[data-kb-unmark]");
  if (!count || !clear) return;
  clear.hidden = false;
  clear.addEventListener("click", function () {
    document.querySelectorAll("mark[data-kb-mark]").forEach(function (mark) {
      var parent = mark.parentNode;
      parent.replaceChild(document.createTextNode(mark.textContent), mark);
      parent.normalize();
    });
    clear.hidden = true;
    var params = new URLSearchParams(location.search);
    params.delete("h");
    var rest = params.toString();
    history.replaceState(history.state, "", location.pathname + (rest ? "?" + rest : "") + location.hash);
    var copy = document.querySelector("[data-kb-copy]");
    if (copy) copy.focus();  // the button is gone: the keyboard stays in the row
  });
})();

/* Material reads its search box on keyup and focus only. A paste from a phone's menu, an
 * input method that commits without key codes, a password manager or a script's fill()
 * fire just `input`, and the list would stay on 键入以开始搜索 until some key is pressed:
 * hand Material the keyup it waits for (it drops repeats of an unchanged value itself). */
(function () {
  var input = document.querySelector(".md-search__input");
  if (!input) return;
  input.addEventListener("input", function () {
    input.dispatchEvent(new KeyboardEvent("keyup"));
  });
})();

/* The big search box on the home and 404 pages (a button: Enter and Space click it)
 * opens Material's search and puts the cursor in it. */
(function () {
  function open(event) {
    var box = event.target.closest && event.target.closest(".kb-search-box");
    if (!box) return;
    event.preventDefault();
    var toggle = document.getElementById("__search");
    if (toggle && !toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));  // Material's keyboard handling follows the toggle's events
    }
    var input = document.querySelector(".md-search__input");
    if (input) setTimeout(function () { input.focus(); }, 50);
  }
  document.addEventListener("click", open);
})();

/* How sure search is (docs/assets/kb-search/worker.js, "kb-search" channel) shows in
 * Material's result meta: nothing -> 没有找到 (Material's own words for nothing found)
 * and 提交工单, the weak candidates below it; weak -> a softer line over the list, never
 * 没有找到; confident -> Material's count. The worker's verdicts and Material's result
 * lists arrive separately and while the reader types, so each verdict is kept by its
 * query and the meta follows the verdict for what is in the search box now. */
(function () {
  var result = document.querySelector(".md-search-result");
  var meta = result && result.querySelector(".md-search-result__meta");
  var input = document.querySelector(".md-search__input");
  if (!meta || !input || typeof BroadcastChannel !== "function") return;
  var list = result.querySelector(".md-search-result__list");
  var ticket = result.getAttribute("data-kb-ticket");
  var verdicts = {};  // query -> {state: nothing | weak | confident, topic: another product's topic it names}
  var shown = null;  // {ours: the meta text we wrote, material: what Material had written, rewritten}
  function apply() {
    var verdict = verdicts[input.value] || {};
    var state = verdict.state;
    if (shown && meta.textContent === shown.ours) {
      // our line that a later verdict for this query contradicts: Material's text back
      if (shown.rewritten && state !== shown.state) {
        var material = shown.material;
        shown = null;
        meta.textContent = material;
      } else {
        return;
      }
    }
    shown = null;
    var nothing = meta.textContent.indexOf("没有找到") !== -1;  // Material's: no result at all
    var doubt = (state === "nothing" || state === "weak") && list.children.length;
    if (!nothing && !doubt) return;
    var before = meta.textContent;
    if (!nothing) meta.textContent = window.kbVerdict.sentence(verdict);
    if (ticket) {
      var link = document.createElement("a");
      link.className = "kb-ticket";
      link.href = ticket;
      link.textContent = "提交工单";
      meta.append(" 仍未解决？请", link, "。");
    }
    shown = { ours: meta.textContent, material: before, rewritten: !nothing, state: state };
  }
  new BroadcastChannel("kb-search").onmessage = function (event) {
    verdicts[event.data.query] = { state: event.data.state, topic: (event.data.coverage || {}).elsewhere };
    apply();
  };
  new MutationObserver(apply).observe(meta, { childList: true, characterData: true, subtree: true });
})();

/* On a product's pages search prefers that product (the worker knows it from its address);
 * one tap searches every product: the home page's search, which belongs to none. */
(function () {
  var result = document.querySelector(".md-search-result");
  var product = result && result.getAttribute("data-kb-product");
  var input = document.querySelector(".md-search__input");
  if (!product || !input) return;
  var config = JSON.parse(document.getElementById("__config").textContent);
  var home = new URL(config.base.replace(/\/?$/, "/"), location.href);
  var note = document.createElement("p");
  var link = document.createElement("a");
  note.className = "kb-scope";
  note.hidden = true;
  link.textContent = result.getAttribute("data-kb-all-products");
  note.append(result.getAttribute("data-kb-in-product").split("{product}").join(product), " ", link);
  result.querySelector(".md-search-result__meta").after(note);
  function update() {
    var query = input.value.trim();
    note.hidden = !query;
    link.href = new URL("?q=" + encodeURIComponent(query), home).href;
  }
  input.addEventListener("input", update);
  input.addEventListener("keyup", update);
  update();
})();
