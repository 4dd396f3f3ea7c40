/* Readers' events for the editors' report (guide/reader-events.md): what readers search,
 * which result they open, whether an answer helped, which answers support staff copy.
 * Sent to /kb-event on this site (sendBeacon), logged by hosting/nginx.conf.
 *
 * Privacy, as privacy-respecting analytics do it: no cookie, no localStorage, no
 * identifier that outlives the tab (one random id per tab, in sessionStorage, links one
 * visit's events); personal data (e-mail, ID-card and phone numbers, any run of seven or
 * more digits) is removed here, before anything leaves the browser; nothing at all is
 * sent under Do Not Track or Global Privacy Control. The reply desk's message is never
 * read. A beacon is at most 2 KB. */
(function () {
  if (navigator.doNotTrack === "1" || window.doNotTrack === "1" || navigator.globalPrivacyControl === true) return;
  var MAX_BYTES = 2048, MAX_QUERY = 300, PAUSE_MS = 1000;
  var config = JSON.parse(document.getElementById("__config").textContent);
  var endpoint = new URL("kb-event", new URL(config.base.replace(/\/?$/, "/"), location.href)).href;
  var issue = (document.querySelector('meta[name="kb-id"]') || {}).content || null;
  /* on a help center, the product whose pages the reader is on: the report reads per product */
  var onProduct = document.querySelector(".md-search-result[data-kb-product-slug]");
  var product = onProduct ? onProduct.getAttribute("data-kb-product-slug") : "";

  function stored(key, make) {
    try {
      var value = sessionStorage.getItem(key);
      if (value === null) { value = make(); sessionStorage.setItem(key, value); }
      return value;
    } catch (error) {  // storage refused (private mode): this page's own id
      return make();
    }
  }
  var visit = stored("kb-visit", function () {
    var bytes = new Uint8Array(8);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, function (b) { return b.toString(16).padStart(2, "0"); }).join("");
  });
  function next() {  // the order of this visit's events (several can share a second of the log's clock)
    var n = Number(stored("kb-seq", function () { return "0"; })) + 1;
    try { sessionStorage.setItem("kb-seq", String(n)); } catch (error) { /* order within the page only */ }
    return n;
  }

  /* what could name a person never leaves the browser */
  function scrub(text) {
    return String(text).normalize("NFKC")
      .replace(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, "[邮箱]")
      .replace(/\d{6}(?:19|20)\d{2}(?:0\d|1[0-2])\d{2}\d{3}[\dXx]/g, "[证件号]")
      .replace(/(?:\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}/g, "[手机号]")
      .replace(/\d{7,}/g, "[数字]")
      .slice(0, MAX_QUERY);
  }

  function send(event) {
    event = Object.assign({ v: 1, s: visit, n: next() }, product ? { p: product } : {}, event);
    var body = JSON.stringify(event);
    while (new Blob([body]).size > MAX_BYTES && event.q) {
      event.q = event.q.slice(0, Math.floor(event.q.length / 2));
      body = JSON.stringify(event);
    }
    if (new Blob([body]).size > MAX_BYTES) return;
    if (!(navigator.sendBeacon && navigator.sendBeacon(endpoint, body))) {
      fetch(endpoint, { method: "POST", body: body, keepalive: true, credentials: "omit" }).catch(function () {});
    }
  }

  /* a search, once the reader pauses (or opens a result, or replaces the query by
   * another, or leaves): the query as typed, how many results, whether 没有找到 was shown */
  var input = document.querySelector(".md-search__input");
  var pending = null, typed = "", lastSent = "";
  var shown = { query: "", r: 0, none: false };  // what the list showed last, and for which query
  function flushSearch() {
    clearTimeout(pending);
    pending = null;
    var query = typed;
    if (!query || query === lastSent) return;
    lastSent = query;
    var seen = shown.query === query ? shown : { r: 0, none: false };
    send({ e: "search", q: scrub(query), r: seen.r, none: seen.none });
  }
  if (input) {
    var result = document.querySelector(".md-search-result");
    if (result) {
      new MutationObserver(function () {
        var meta = result.querySelector(".md-search-result__meta");
        shown = { query: input.value.trim(), r: result.querySelectorAll(".md-search-result__item").length,
                  none: !!meta && meta.textContent.indexOf("没有找到") !== -1 };
      }).observe(result, { childList: true, subtree: true, characterData: true });
    }
    input.addEventListener("input", function () {
      var value = input.value.trim();
      /* cleared, or a new query rather than the same one typed on: the last one was searched */
      if (pending && typed && !(value && (value.indexOf(typed) === 0 || typed.indexOf(value) === 0))) flushSearch();
      typed = value;
      clearTimeout(pending);
      pending = setTimeout(flushSearch, PAUSE_MS);
    });
    /* a reader who leaves (closes the tab, switches app) before pausing still searched */
    addEventListener("pagehide", function () { if (pending) flushSearch(); });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden" && pending) flushSearch();
    });
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target : null;
    if (!target) return;
    var result = target.closest(".md-search-result__link");
    if (result && input) {
      typed = input.value.trim();
      flushSearch();
      var items = [].slice.call(document.querySelectorAll(".md-search-result__item"));
      var item = result.closest(".md-search-result__item");
      var id = (result.getAttribute("href").match(/\/q\/([^/?#]+)\//) || [])[1] || null;
      send({ e: "click", q: scrub(input.value.trim()), id: id, rank: items.indexOf(item) + 1 });
      return;
    }
    var copy = target.closest("[data-kb-copy]");
    if (copy && issue) send({ e: "copy", id: issue, what: copy.getAttribute("data-kb-copy") === "url" ? "link" : "reply" });
  }, true);

  /* 这个回答有帮助吗？ (Material's feedback widget, issue pages only) */
  var feedback = document.forms.feedback;
  if (feedback && issue) {
    [].forEach.call(feedback.querySelectorAll("[type=submit]"), function (button) {
      button.addEventListener("click", function (event) {
        event.preventDefault();
        var value = button.getAttribute("data-md-value");
        send({ e: "vote", id: issue, helpful: value === "1" });
        feedback.firstElementChild.disabled = true;
        var note = feedback.querySelector(".md-feedback__note [data-md-value='" + value + "']");
        if (note) note.hidden = false;
      });
    });
    feedback.hidden = false;
  }
})();
