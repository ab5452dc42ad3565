(function () {
  "use strict";
  var table = document.getElementById("documents-table");
  if (!table) { return; }
  var body = table.tBodies[0];
  var headings = table.tHead.rows[0].cells;
  function key(cell, numeric) {
    var value = cell.getAttribute("data-value");
    if (value === null) { value = cell.textContent; }
    if (numeric) { var n = parseFloat(value); return isNaN(n) ? -1 : n; }
    return value.toLowerCase();
  }
  Array.prototype.forEach.call(headings, function (heading, column) {
    var button = document.createElement("button");
    button.type = "button";
    while (heading.firstChild) { button.appendChild(heading.firstChild); }
    heading.appendChild(button);
    button.addEventListener("click", function () {
      var ascending = heading.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(headings, function (other) { other.removeAttribute("aria-sort"); });
      heading.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var numeric = heading.classList.contains("num");
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = key(a.cells[column], numeric), y = key(b.cells[column], numeric);
        var order = x < y ? -1 : (x > y ? 1 : 0);
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
  var controls = document.getElementById("document-controls");
  var filter = document.getElementById("document-filter");
  var quadrant = document.getElementById("quadrant-filter");
  var counter = document.getElementById("document-count");
  function apply() {
    var text = filter.value.toLowerCase(), wanted = quadrant.value, shown = 0;
    Array.prototype.forEach.call(body.rows, function (row) {
      var visible = row.cells[0].textContent.toLowerCase().indexOf(text) !== -1 &&
        (wanted === "" || row.getAttribute("data-quadrant") === wanted);
      row.hidden = !visible;
      if (visible) { shown += 1; }
    });
    counter.textContent = shown + " of " + body.rows.length + " shown";
  }
  filter.addEventListener("input", apply);
  quadrant.addEventListener("change", apply);
  controls.hidden = false;
  apply();
})();
