// The search page: Pagefind's interface over the index of the page's language (Pagefind reads
// it from <html lang>). The index is at the site's root, beside the English pages, so the
// bundle and the results' addresses are worked out from this script's own address: the site
// works under any sub-path. A query given in the address (?q=, from the search form at the top
// of every page) is run at once.
(function () {
  var interfaceScript = document.querySelector('script[src$="pagefind/pagefind-ui.js"]');
  if (!interfaceScript || typeof PagefindUI === "undefined") return;
  var bundle = new URL(".", interfaceScript.src);
  var root = new URL("..", bundle);
  var search = new PagefindUI({
    element: "#search",
    bundlePath: bundle.pathname,
    baseUrl: root.pathname,
    showImages: false,
    showSubResults: true,
    resetStyles: false,
    autofocus: true
  });
  // Pagefind's box shows its purpose as a placeholder only: screen readers are given a name.
  var name = document.documentElement.lang.indexOf("fr") === 0
    ? "Rechercher dans le site"
    : "Search this site";
  var container = document.getElementById("search");
  var named = function () {
    var input = container.querySelector("input.pagefind-ui__search-input");
    if (input && !input.hasAttribute("aria-label")) input.setAttribute("aria-label", name);
    return Boolean(input);
  };
  if (!named()) new MutationObserver(named).observe(container, { childList: true, subtree: true });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) search.triggerSearch(query);
})();
