/* 客服回复助手 (/reply/, overrides/reply.html). The customer's message is searched here,
 * by a worker of the site's own search (the header search's worker and index, Material's
 * protocol), as a whole and clause by clause, so a message with two problems finds both.
 * Ticking candidates composes the reply; 复制回复 copies what the box holds. Nothing the
 * agent pastes is sent anywhere: the worker fetches index shards by number, not by text. */
(function () {
  var desk = document.querySelector("[data-kb-reply-desk]");
  if (!desk) return;
  var SETUP = KB_PROTOCOL.SETUP, READY = KB_PROTOCOL.READY, QUERY = KB_PROTOCOL.QUERY, RESULT = KB_PROTOCOL.RESULT;
  var MAX_CANDIDATES = 8, MAX_CLAUSES = 6;
  var message = desk.querySelector("#kb-message");
  var replyBox = desk.querySelector("#kb-reply");
  var status = desk.querySelector(".kb-desk__status");
  var fieldset = desk.querySelector(".kb-desk__candidates");
  var list = desk.querySelector(".kb-desk__list");
  var copyButton = desk.querySelector(".kb-desk__copy");
  var copied = desk.querySelector(".kb-desk__actions .kb-copied");
  var template = desk.getAttribute("data-template");
  var greeting = desk.getAttribute("data-greeting");
  var closing = desk.getAttribute("data-closing");
  var config = JSON.parse(document.getElementById("__config").textContent);
  var siteRoot = new URL(config.base.replace(/\/?$/, "/"), location.href);

  /* the worker answers queries one at a time, in order; each RESULT is the oldest query's */
  var worker = new Worker(config.search);
  var waiting = [];
  var ready = new Promise(function (resolve) {
    worker.addEventListener("message", function (event) {
      if (event.data.type === READY) resolve();
      if (event.data.type === RESULT && waiting.length) waiting.shift()(event.data.data);
    });
  });
  fetch(new URL("search/search_index.json", siteRoot)).then(function (response) { return response.json(); })
    .then(function (index) { worker.postMessage({ type: SETUP, data: index }); });
  function ask(query) {
    return ready.then(function () {
      return new Promise(function (resolve) { waiting.push(resolve); worker.postMessage({ type: QUERY, data: query }); });
    });
  }

  /* a chat message's clauses: what sits between sentence ends and commas, long enough to ask about */
  function clauses(text) {
    return text.split(/[。！？!?；;\n，,]+/).map(function (part) { return part.trim(); })
      .filter(function (part) { return part.replace(/[\s\p{P}\p{S}]/gu, "").length >= 4; })
      .slice(0, MAX_CLAUSES);
  }

  /* the whole message's results first; then, round by round, each clause's next best
   * (a confident clause before a weak one), so the second problem of a message shows */
  function merge(whole, parts) {
    var sure = function (r) { return !r.kb || r.kb.state === "confident"; };
    var lists = [whole].concat(parts.filter(sure), parts.filter(function (r) { return !sure(r); }));
    var seen = {}, merged = [];
    for (var round = 0; merged.length < MAX_CANDIDATES; round++) {
      var any = false;
      lists.forEach(function (result) {
        var item = result.items[round];
        if (!item) return;
        any = true;
        var page = item[0];
        if (!seen[page.location] && merged.length < MAX_CANDIDATES) { seen[page.location] = true; merged.push(page); }
      });
      if (!any) break;
    }
    return merged;
  }

  function plain(html) {
    var box = document.createElement("div");
    box.innerHTML = html;
    return box.textContent.replace(/\u200b/g, "").trim();
  }

  var candidates = [];  // {id, title, fix, url}
  var composed = "";  // the reply as last composed: an edited box is added to, not replaced

  function show(found, verdict) {
    list.textContent = "";
    candidates = found.map(function (page) {
      var url = new URL(page.location, siteRoot).href;
      var id = (page.location.match(/q\/([^/]+)\//) || [])[1] || "";
      return { id: id, title: plain(page.title), fix: page.fix || "", url: url };
    });
    candidates.forEach(function (item, n) {
      var li = document.createElement("li");
      var label = document.createElement("label");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.value = String(n);
      var title = document.createElement("span");
      title.className = "kb-desk__title";
      title.textContent = item.title;
      var path = document.createElement("code");
      path.textContent = "/q/" + item.id + "/";
      var fix = document.createElement("span");
      fix.className = "kb-desk__fix";
      fix.textContent = item.fix;
      label.append(box, " ", title, " ", path, fix);
      li.append(label);
      list.append(li);
    });
    fieldset.hidden = !candidates.length;
    if (!candidates.length) {
      status.textContent = "没有找到符合条件的问题。";
    } else if (verdict && verdict.state === "nothing") {  // the header search's three states, its words
      status.textContent = window.kbVerdict.sentence(verdict);
    } else if (verdict && verdict.state === "weak") {
      status.textContent = "可能相关的问题（不一定完全符合客户的描述），勾选要回复的。";
    } else {
      status.textContent = "找到 " + candidates.length + " 个可能相关的问题，勾选要回复的。";
    }
  }

  var asked = "";
  function search() {
    var text = message.value.trim();
    if (text === asked) return;
    asked = text;
    if (!text) { show([], null); status.textContent = ""; return; }
    status.textContent = "正在查找…";
    var parts = clauses(text).filter(function (part) { return part !== text; });
    Promise.all([ask(text)].concat(parts.map(ask))).then(function (results) {
      if (asked !== text) return;  // the message changed meanwhile
      show(merge(results[0], results.slice(1)), results[0].kb);
      desk.setAttribute("data-answered", text);  // which message the list is for (tests, benchmarks)
    });
  }

  function block(item) {
    return window.kbReply.fill(template, item);
  }
  function compose() {
    var ticked = [].slice.call(list.querySelectorAll("input:checked")).map(function (box) {
      return candidates[Number(box.value)];
    });
    var parts = ticked.map(block);
    var text = [greeting].concat(parts, [closing]).filter(Boolean).join("\n\n");
    if (replyBox.value === composed) {
      replyBox.value = text;
    } else {  // the agent has edited the reply: add the newly ticked issue, keep their words
      ticked.forEach(function (item) {
        var words = block(item);
        if (replyBox.value.indexOf(words) === -1) replyBox.value = replyBox.value.replace(/\s*$/, "\n\n") + words;
      });
    }
    composed = text;
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    replyBox.select();
    return document.execCommand("copy") ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }

  var timer = null;
  message.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(search, 150); });
  list.addEventListener("change", compose);
  copyButton.addEventListener("click", function () {
    copy(replyBox.value).then(function () { copied.textContent = "已复制"; },
                              function () { copied.textContent = "复制失败，请手动选择文字复制"; });
    setTimeout(function () { copied.textContent = ""; }, 2500);
  });
  if (window.kbReplyMessage) {
    message.value = window.kbReplyMessage;
    search();
  }
})();
