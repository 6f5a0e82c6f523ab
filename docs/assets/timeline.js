// The timeline's filter by kind and topic. The form is hidden in the page until this script
// shows it, so without scripts every entry is listed and no control does nothing.
(function () {
  var WORDS = {
    en: {
      count: function (shown, total) { return "Showing " + shown + " of " + total + " entries."; }
    },
    fr: {
      count: function (shown, total) {
        return shown + (shown > 1 ? " entrées affichées" : " entrée affichée") + " sur " + total + ".";
      }
    }
  };
  var words = (document.documentElement.lang || "").startsWith("fr") ? WORDS.fr : WORDS.en;
  function apply(form) {
    var kind = form.elements.kind.value;
    var topic = form.elements.topic.value;
    var entries = document.querySelectorAll("article.timeline-entry");
    var shown = 0;
    entries.forEach(function (entry) {
      var topics = (entry.dataset.topics || "").split(" ");
      var match = (!kind || entry.dataset.kind === kind) && (!topic || topics.indexOf(topic) !== -1);
      entry.hidden = !match;
      if (match) { shown += 1; }
    });
    document.querySelectorAll("section.timeline-year").forEach(function (year) {
      year.hidden = year.querySelector("article.timeline-entry:not([hidden])") === null;
    });
    form.querySelector(".timeline-count").textContent = words.count(shown, entries.length);
  }
  function setUp() {
    var form = document.querySelector("form.timeline-filter");
    if (!form || form.dataset.ready) { return; }
    form.dataset.ready = "1";
    form.hidden = false;
    form.addEventListener("change", function () { apply(form); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply(form);
  }
  if (window.document$) { window.document$.subscribe(setUp); } else { document.addEventListener("DOMContentLoaded", setUp); }
})();
