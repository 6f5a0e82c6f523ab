// Accessibility fixes the theme leaves to the site: a name for the search dialog, and keyboard
// access to regions that scroll sideways (wide tables), so every reader can reach them.
(function () {
  var WORDS = {
    en: { search: "Search" },
    fr: { search: "Recherche" }
  };
  var words = (document.documentElement.lang || "").startsWith("fr") ? WORDS.fr : WORDS.en;
  function setUp() {
    document.querySelectorAll(".md-search[role=dialog]").forEach(function (dialog) {
      if (!dialog.hasAttribute("aria-label")) { dialog.setAttribute("aria-label", words.search); }
    });
    document.querySelectorAll(".md-typeset__scrollwrap, .table-scroll").forEach(function (box) {
      if (!box.hasAttribute("tabindex")) { box.setAttribute("tabindex", "0"); }
    });
  }
  if (window.document$) { window.document$.subscribe(setUp); } else { document.addEventListener("DOMContentLoaded", setUp); }
})();
