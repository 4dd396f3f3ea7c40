/* Material's (and Zensical's) first script, loaded as a file so that no script is inline
 * (the security policy allows this site's files only): the scope of the reader's stored
 * settings, read from this script element's data-scope, and the helpers the theme's
 * bundle calls. */
__md_scope = new URL(document.currentScript.dataset.scope, location);
__md_scope.pathname.endsWith("/") || (__md_scope = new URL(__md_scope.pathname + "/", location));
__md_hash = e => [...e].reduce((e, _) => (e << 5) - e + _.charCodeAt(0), 0);
__md_get = (e, _ = localStorage, t = __md_scope) => JSON.parse(_.getItem(t.pathname + "." + e));
__md_set = (e, _, t = localStorage, a = __md_scope) => {
  try { t.setItem(a.pathname + "." + e, JSON.stringify(_)); } catch (e) { /* storage refused */ }
};
document.documentElement.setAttribute("data-platform", navigator.platform);
