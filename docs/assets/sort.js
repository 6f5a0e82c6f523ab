// Sort tables with class "sortable" with a button in each column header (mouse or keyboard);
// the header carries aria-sort. Served with the site: no CDN.
(function () {
  function cellText(row, index) {
    return (row.cells[index] && row.cells[index].textContent.trim()) || "";
  }
  function sortBy(table, index, header) {
    var body = table.tBodies[0];
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var order = cellText(a, index).localeCompare(cellText(b, index), undefined, { numeric: true });
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
        button.setAttribute("aria-label", "Sort by " + header.textContent);
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
