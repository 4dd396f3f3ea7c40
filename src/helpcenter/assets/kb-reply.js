/* 客服回复助手 (/reply/, overrides/reply.html). The customer's message is searched here,
 * by a worker of the site's own search (the header search's worker and index, Material's
 * protocol). A message that asks one thing gets one list, as a whole and clause by clause;
 * one that asks several (two sentences that ask, numbered items, 另外/还有/然后 …) gets a
 * group per question, that question quoted above its best answer, more on request. Ticking
 * candidates composes the reply, in the message's order; 复制回复 copies what the box holds.
 * Nothing the agent pastes is sent anywhere: the worker fetches index files by number. The
 * words shown are the template's (data-* of the desk). */
(function () {
  var desk = document.querySelector("[data-kb-reply-desk]");
  if (!desk) return;
  var SETUP = KB_PROTOCOL.SETUP, READY = KB_PROTOCOL.READY, QUERY = KB_PROTOCOL.QUERY, RESULT = KB_PROTOCOL.RESULT;
  var MAX_CANDIDATES = 8, MAX_CLAUSES = 6, MAX_QUESTIONS = 5, MORE = 3, SHOWN = 5;
  var message = desk.querySelector("#kb-message");
  var replyBox = desk.querySelector("#kb-reply");
  var status = desk.querySelector(".kb-desk__status");
  var fieldset = desk.querySelector(".kb-desk__candidates");
  var list = desk.querySelector(".kb-desk__list");
  var copyButton = desk.querySelector(".kb-desk__copy");
  var copied = desk.querySelector(".kb-desk__actions .kb-copied");
  var say = function (name, n) { return (desk.getAttribute("data-say-" + name) || "").split("{n}").join(n); };
  var template = desk.getAttribute("data-template");
  var greeting = desk.getAttribute("data-greeting");
  var closing = desk.getAttribute("data-closing");
  var config = JSON.parse(document.getElementById("__config").textContent);
  var siteRoot = new URL(config.base.replace(/\/?$/, "/"), location.href);

  /* the worker answers queries one at a time, in order; each RESULT is the oldest query's */
  var worker = new Worker(config.search);
  var waiting = [];
  var manifest = null;  // the search's words: what a question phrase is (questions())
  var ready = new Promise(function (resolve) {
    worker.addEventListener("message", function (event) {
      if (event.data.type === READY) resolve();
      if (event.data.type === RESULT && waiting.length) waiting.shift()(event.data.data);
    });
  });
  fetch(new URL("search/search_index.json", siteRoot)).then(function (response) { return response.json(); })
    .then(function (index) { manifest = index.config.kb; worker.postMessage({ type: SETUP, data: index }); });
  function ask(query) {
    return ready.then(function () {
      return new Promise(function (resolve) { waiting.push(resolve); worker.postMessage({ type: QUERY, data: query }); });
    });
  }

  /* What a part of a message is about once its ways of asking and greetings are gone
   * (the search's ignored phrases and question words): 怎么处理 is about nothing. */
  function substance(text) {
    var out = text.normalize("NFKC").toLowerCase();
    (manifest ? manifest.ignore.concat(manifest.questionWords) : []).forEach(function (phrase) {
      out = out.split(phrase).join(" ");
    });
    return out.replace(/[\s\p{P}\p{S}]/gu, "").replace(/[吗呢吧啊呀么]/g, "");
  }

  /* A sentence that asks or reports a problem, not context (我姓刘，是网管): a question
   * mark or word, or the words of a failure; a clause that asks a question of its own (请问
   * only leads one in). */
  var QUESTION = /[？?吗呢]|什么|怎|如何|为何|为什么|为啥|咋|多久|多长|多少|哪|是否|能否|能不能|可不可以|会不会|要不要|有没有/;
  var ASKS = /[？?吗呢]|怎|如何|什么|为何|为啥|咋|能否|能不能|可不可以|是否|多久|多长|多少|哪|几|请问|提示|报错|显示|出现|失败|不了|不行|无法|不能|收不到|找不到|不一致|不通过|错误|异常/;
  /* where a message turns to its next question */
  var TURNS = /(?:^|[，,：:\s])(另外|还有|然后|再问一下|再问下|还想问一下|还想问|顺便问一下|顺便问下|顺便问|此外|其次|第[二三四五]个问题是?)/g;
  var NUMBERED = /(?:^|[\s，,。；;：:])(?:\d{1,2}[、.．)）]|[（(]\d{1,2}[)）]|[①②③④⑤⑥⑦⑧⑨⑩])(?!\d)/g;

  /* The questions of a message, in its order: in each sentence (。？！；, a line, a numbered
   * item, 另外/还有/然后 …) each clause that asks something of its own, with the context
   * before it (我们申请了幕布，…，请问幕布一般多久能寄到). A clause that asks with nothing of
   * its own to ask about (怎么处理) asks it of the question before: after a list of questions
   * it is one more (空壳主体是什么意思，为什么会变成空壳主体，怎么处理), after one question the
   * same (信息发错了，怎么补救). Context asks nothing. {text, more}: more, a question about
   * what the one before asked about. */
  function questions(text) {
    var out = [];
    var join = function (a, b) { return a ? a + "，" + b : b; };
    text.replace(NUMBERED, "\n").replace(TURNS, "\n$1").split(/[。！？!?；;\n]+/).forEach(function (sentence) {
      var context = "", asked = [];
      sentence.split(/[，,]+/).map(function (c) { return c.trim(); }).filter(Boolean).forEach(function (clause) {
        var last = asked[asked.length - 1];
        if (!QUESTION.test(clause)) context = join(context, clause);
        else if (substance(clause).length >= 3) { asked.push({ text: join(context, clause), more: false }); context = ""; }
        else if (asked.length >= 2) asked.push({ text: join(last.text, clause), more: true });
        else if (last) last.text = join(last.text, clause);
        else context = join(context, clause);
      });
      if (!asked.length && ASKS.test(context) && substance(context).length >= 3) asked.push({ text: context, more: false });
      out = out.concat(asked);
    });
    return out.slice(0, MAX_QUESTIONS);
  }

  /* a one-question message's clauses: what sits between sentence ends and commas */
  function clauses(text) {
    return text.split(/[。！？!?；;\n，,]+/).map(function (part) { return part.trim(); })
      .filter(function (part) { return part.replace(/[\s\p{P}\p{S}]/gu, "").length >= 4; })
      .slice(0, MAX_CLAUSES);
  }

  /* a result's page (its ?h= marks differ from query to query) */
  function address(page) {
    return page.location.split("?")[0];
  }

  /* One question: the whole message's results first; then, round by round, each
   * clause's next best (a confident clause before a weak one). */
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
        if (!seen[address(page)] && merged.length < MAX_CANDIDATES) { seen[address(page)] = true; merged.push(page); }
      });
      if (!any) break;
    }
    return merged;
  }

  /* Several questions: each its own results, an issue shown once, under the first
   * question it answers. A later question often asks about what the first one named
   * (备案号是什么？有效期多久？): of its own best few answers, the one it gets asked together
   * with the first question comes first. A question whose best answer an earlier one has
   * is that question again, and joins it; one more about the same (怎么处理) takes the next. */
  function grouped(asked, own, withFirst) {
    var seen = {}, groups = [];
    asked.forEach(function (question, n) {
      var pages = own[n].items.map(function (item) { return item[0]; });
      if (!pages.length) return;
      var same = groups.filter(function (g) { return address(g.best) === address(pages[0]); })[0];
      if (same && !question.more) { same.questions.push(question.text); return; }
      var joint = n && withFirst[n - 1].items[0];
      var near = joint && pages.slice(0, 1 + MORE).filter(function (page) { return address(page) === address(joint[0]); })[0];
      if (near) pages = [near].concat(pages.filter(function (page) { return page !== near; }));
      var best = pages.filter(function (page) { return !seen[address(page)]; })[0];
      if (!best) return;
      seen[address(best)] = true;
      groups.push({ questions: [question.text], best: best, pages: pages, verdict: own[n].kb });
    });
    /* then the next answers of each, none shown twice */
    groups.forEach(function (group) {
      group.more = group.pages.filter(function (page) { return !seen[address(page)]; }).slice(0, MORE);
      group.more.forEach(function (page) { seen[address(page)] = true; });
    });
    return groups;
  }

  /* a result's title as text: parsed in an inert document (nothing in it loads or runs) */
  var parser = new DOMParser();
  function plain(html) {
    return parser.parseFromString(html, "text/html").body.textContent.replace(/\u200b/g, "").trim();
  }

  var candidates = [];  // {id, title, fix, url}, in the order of the message's questions
  var composed = "";  // the reply as last composed: an edited box is added to, not replaced

  function candidate(page) {
    var id = (address(page).match(/q\/([^/]+)\//) || [])[1] || "";
    var item = { id: id, title: plain(page.title), fix: page.fix || "", url: new URL(address(page), siteRoot).href };
    candidates.push(item);
    var li = document.createElement("li");
    var label = document.createElement("label");
    var box = document.createElement("input");
    box.type = "checkbox";
    box.value = String(candidates.length - 1);
    var title = document.createElement("span");
    title.className = "kb-desk__title";
    title.textContent = item.title;
    var path = document.createElement("code");
    path.textContent = "/q/" + item.id + "/";
    var fix = document.createElement("span");
    fix.className = "kb-desk__fix";
    fix.textContent = item.fix;
    label.append(box, " ");
    if (page.product) {  // a help center: which product's answer this is
      var product = document.createElement("span");
      product.className = "kb-product";
      product.textContent = page.product;
      label.append(product, " ");
    }
    label.append(title, " ", path, fix);
    li.append(label);
    return li;
  }

  function reset() {
    list.textContent = "";
    candidates = [];
    list.classList.toggle("kb-desk__list--grouped", false);
  }

  function showList(found, verdict) {
    reset();
    found.forEach(function (page) { list.append(candidate(page)); });
    fieldset.hidden = !candidates.length;
    if (!candidates.length) status.textContent = say("none");
    else if (verdict && verdict.state === "nothing") status.textContent = window.kbVerdict.sentence(verdict);
    else if (verdict && verdict.state === "weak") status.textContent = say("weak");
    else status.textContent = say("found", candidates.length);
  }

  /* A group: the question as the customer wrote it, its best answer, and a button for
   * the next ones (added when asked for, so the first answers of every question come
   * first in the list, for the eye and for the keyboard). */
  function showGroups(groups, whole) {
    reset();
    list.classList.toggle("kb-desk__list--grouped", true);
    /* A long message whose context reads as questions is often one problem: what the whole
     * message finds, beyond each question's best, fills the list to SHOWN in a part of its
     * own, after the questions' (and leaves their 更多) */
    var shown = {};  // by address and by title: the FAQ may ask one question twice
    var show = function (page) { shown[address(page)] = shown[plain(page.title)] = true; };
    var seen = function (page) { return shown[address(page)] || shown[plain(page.title)]; };
    groups.forEach(function (group) { show(group.best); });
    var others = [];
    whole.forEach(function (page) {
      if (others.length < SHOWN - groups.length && !seen(page)) { others.push(page); show(page); }
    });
    groups.forEach(function (group) {
      group.more = group.more.filter(function (page) { return !seen(page); });
    });
    if (others.length) groups = groups.concat([{ others: true, best: others[0], more: [], rest: others.slice(1) }]);
    groups.forEach(function (group, n) {
      var li = document.createElement("li");
      li.className = "kb-desk__group" + (group.others ? " kb-desk__group--others" : "");
      var quote = document.createElement("p");
      quote.className = "kb-desk__asked";
      quote.id = "kb-asked-" + n;
      quote.textContent = group.others ? say("others")
        : say("asked").split("{question}").join(group.questions.join("；"));
      var answers = document.createElement("ul");
      answers.setAttribute("aria-labelledby", quote.id);
      [group.best].concat(group.rest || []).forEach(function (page) { answers.append(candidate(page)); });
      li.append(quote, answers);
      var rest = group.more;
      if (group.verdict && group.verdict.state !== "confident") quote.classList.add("kb-desk__asked--unsure");
      if (rest.length) {
        var more = document.createElement("button");
        more.type = "button";
        more.className = "md-button kb-desk__more";
        more.textContent = say("more", rest.length);
        more.addEventListener("click", function () {
          var added = rest.map(candidate);
          added.forEach(function (item) { answers.append(item); });
          more.remove();
          added[0].querySelector("input").focus();
        });
        li.append(more);
      }
      list.append(li);
    });
    fieldset.hidden = !candidates.length;
    status.textContent = candidates.length ? say("questions", groups.length - (others.length ? 1 : 0)) : say("none");
  }

  var asked = "";
  function search() {
    var text = message.value.trim();
    if (text === asked) return;
    asked = text;
    if (!text) { reset(); fieldset.hidden = true; status.textContent = ""; return; }
    status.textContent = say("searching");
    ready.then(function () {
      var several = questions(text);
      if (several.length < 2) return searchOne(text);
      var own = several.map(function (q) { return q.text; });
      var withFirst = own.slice(1).map(function (q) { return own[0] + "，" + q; });
      return Promise.all([ask(text)].concat(own.map(ask), withFirst.map(ask))).then(function (results) {
        if (asked !== text) return;  // the message changed meanwhile
        var groups = grouped(several, results.slice(1, 1 + own.length), results.slice(1 + own.length));
        if (groups.length >= 2) showGroups(groups, merge(results[0], results.slice(1, 1 + own.length)));
        else showList(merge(results[0], results.slice(1, 1 + own.length)), results[0].kb);
        desk.setAttribute("data-answered", text);  // which message the list is for (tests, benchmarks)
      });
    });
  }

  function searchOne(text) {
    var parts = clauses(text).filter(function (part) { return part !== text; });
    return Promise.all([ask(text)].concat(parts.map(ask))).then(function (results) {
      if (asked !== text) return;
      showList(merge(results[0], results.slice(1)), results[0].kb);
      desk.setAttribute("data-answered", text);
    });
  }

  function block(item) {
    return window.kbReply.fill(template, item);
  }
  function compose() {
    /* candidates are numbered in the message's order: a later question's answer added
     * by 更多 still comes after an earlier question's */
    var ticked = [].slice.call(list.querySelectorAll("input:checked"))
      .map(function (box) { return Number(box.value); }).sort(function (a, b) { return order(a) - order(b); })
      .map(function (n) { return candidates[n]; });
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
  /* a candidate's place: its question's, then its own within it */
  function order(n) {
    var box = list.querySelector('input[value="' + n + '"]');
    var group = box.closest(".kb-desk__group");
    var groups = [].slice.call(list.querySelectorAll(".kb-desk__group"));
    return (group ? groups.indexOf(group) : 0) * 1000 + n;
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
    copy(replyBox.value).then(function () { copied.textContent = say("copied"); },
                              function () { copied.textContent = say("copy-failed"); });
    setTimeout(function () { copied.textContent = ""; }, 2500);
  });
  if (window.kbReplyMessage) {
    message.value = window.kbReplyMessage;
    search();
  }
})();
