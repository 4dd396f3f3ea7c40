/* 客服回复助手 opened with ?q=<message> (from a ticket system): the message is the desk's,
 * taken before Material's bundle reads ?q= (it would open the header search with it). */
(function () {
  var params = new URLSearchParams(location.search);
  if (!params.has("q")) return;
  window.kbReplyMessage = params.get("q");
  params.delete("q");
  var rest = params.toString();
  history.replaceState(null, "", location.pathname + (rest ? "?" + rest : "") + location.hash);
})();
