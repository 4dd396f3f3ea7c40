/*
 * Material for MkDocs' search worker protocol, which the site's worker speaks so that
 * Material's search box, result list, highlighting and sharing keep working; the reply
 * desk (kb-reply.js) talks to the same worker with it. Loaded by both (importScripts in
 * the worker, a script element on the desk's page).
 */
var KB_PROTOCOL = { SETUP: 0, READY: 1, QUERY: 2, RESULT: 3 };
