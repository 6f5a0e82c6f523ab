// Sort tables with class "sortable" with a button in each column header (mouse or keyboard);
// the header carries aria-sort. Served with the site: no CDN.
(function () {
  var WORDS = {
    en: { sortBy: "Sort by " },
    fr: { sortBy: "Trier par " }
  };
  var language = document.documentElement.lang || "";
  var words = language.startsWith("fr") ? WORDS.fr : WORDS.en;
  // What a cell sorts by: its data-sort, a date's machine-readable form (<time datetime>, so a
  // date written "7 février 2026" sorts as 2026-02-07), or else its text.
  function cellText(row, index) {
    var cell = row.cells[index];
    if (!cell) { return ""; }
    var keyed = cell.hasAttribute("data-sort") ? cell : cell.querySelector("[data-sort], time[datetime]");
    if (keyed) { return keyed.getAttribute("data-sort") || keyed.getAttribute("datetime") || ""; }
    return cell.textContent.trim();
  }
  function sortBy(table, index, header) {
    var body = table.tBodies[0];
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var order = cellText(a, index).localeCompare(cellText(b, index), language || undefined, { numeric: true });
      return ascending ? order : -order;
    });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
      cell.removeAttribute("aria-sort");
    });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    rows.forEach(function (row) { body.appendChild(row); });
  }
  function setUp() {
    document.querySelectorAll("table.sortable").forEach(function (table) {
      if (!table.tHead || table.dataset.sortReady) { return; }
      table.dataset.sortReady = "1";
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, index) {
        // A button in each header, so sorting works from the keyboard and is announced.
        var button = document.createElement("button");
        button.type = "button";
        button.className = "sort";
        button.textContent = header.textContent;
        button.setAttribute("aria-label", words.sortBy + header.textContent);
        header.textContent = "";
        header.appendChild(button);
        // The header listens, so a click anywhere in it sorts, and so does the button's own
        // click from the keyboard (Enter or Space), which reaches the header.
        header.addEventListener("click", function () { sortBy(table, index, header); });
      });
    });
  }
  if (window.document$) { window.document$.subscribe(setUp); } else { document.addEventListener("DOMContentLoaded", setUp); }
})();
