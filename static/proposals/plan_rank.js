// Reorder a plan's requests without reloading the page (issue 11, R3): drag a row, press
// Alt+ArrowUp/Down on a focused row, or use the ▲▼ buttons, which post here by fetch instead of
// reloading. Without JavaScript the ▲▼ forms post and reload as before (progressive enhancement).
// No inline scripts (CSP): everything hangs on data- attributes of the plan page's table.
(function () {
  "use strict";

  function init(tbody) {
    var table = tbody.closest("table");
    var status = document.getElementById(table.getAttribute("data-rank-status"));
    var busy = false;
    var dragged = null;

    function rows() { return Array.prototype.slice.call(tbody.querySelectorAll("tr[data-rank-url]")); }
    function rankOf(row) { return parseInt(row.getAttribute("data-rank"), 10); }
    function announce(text) {
      if (!status) { return; }
      status.textContent = "";
      window.setTimeout(function () { status.textContent = text; }, 50);
    }
    function say(key, row, rank) {
      return (table.getAttribute(key) || "").replace("{ref}", row.getAttribute("data-ref")).replace("{rank}", rank);
    }
    function csrf(row) {
      var input = row.querySelector("input[name=csrfmiddlewaretoken]") || document.querySelector("input[name=csrfmiddlewaretoken]");
      return input ? input.value : "";
    }

    function apply(ranks) {
      rows().forEach(function (row) {
        var rank = ranks[row.getAttribute("data-request")];
        if (rank === undefined) { return; }
        row.setAttribute("data-rank", rank);
        var cell = row.querySelector(".rank");
        if (cell) { cell.textContent = rank; }
      });
      rows().sort(function (a, b) { return rankOf(a) - rankOf(b); }).forEach(function (row) { tbody.appendChild(row); });
    }

    function moveTo(row, rank) {
      if (busy || rank < 1 || rank === rankOf(row)) { return; }
      busy = true;
      var body = new URLSearchParams();
      body.set("rank", String(rank));
      fetch(row.getAttribute("data-rank-url"), {
        method: "POST",
        credentials: "same-origin",
        headers: { "Accept": "application/json", "X-CSRFToken": csrf(row), "Content-Type": "application/x-www-form-urlencoded" },
        body: body.toString()
      }).then(function (response) {
        return response.json().then(function (data) { return { ok: response.ok, data: data }; });
      }).then(function (result) {
        if (!result.ok) { announce(result.data.error || table.getAttribute("data-msg-failed")); return; }
        apply(result.data.ranks);
        row.focus();
        announce(say("data-msg-moved", row, result.data.rank));
      }).catch(function () {
        announce(table.getAttribute("data-msg-failed"));
      }).then(function () { busy = false; });
    }

    rows().forEach(function (row) {
      row.setAttribute("tabindex", "0");
      row.setAttribute("draggable", "true");
      row.classList.add("rank-draggable");
      row.setAttribute("aria-describedby", table.getAttribute("data-rank-help"));
    });

    tbody.addEventListener("keydown", function (event) {
      var row = event.target;
      if (!row.matches || !row.matches("tr[data-rank-url]") || !event.altKey) { return; }
      if (event.key === "ArrowUp" || event.key === "ArrowDown") {
        event.preventDefault();
        var rank = rankOf(row) + (event.key === "ArrowUp" ? -1 : 1);
        if (rank < 1) { announce(say("data-msg-first", row, 1)); return; }
        moveTo(row, rank);
      }
    });

    // The ▲▼ buttons: same endpoint, no reload; focus stays on the button that was pressed.
    tbody.addEventListener("submit", function (event) {
      var form = event.target;
      var row = form.closest("tr[data-rank-url]");
      var direction = form.getAttribute("data-direction");
      if (!row || !direction) { return; }
      event.preventDefault();
      var rank = rankOf(row) + (direction === "up" ? -1 : 1);
      if (rank < 1) { announce(say("data-msg-first", row, 1)); return; }
      var button = form.querySelector("button");
      moveTo(row, rank);
      window.setTimeout(function () { if (button) { button.focus(); } }, 400);
    });

    tbody.addEventListener("dragstart", function (event) {
      dragged = event.target.closest && event.target.closest("tr[data-rank-url]");
      if (!dragged) { return; }
      dragged.classList.add("rank-dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", dragged.getAttribute("data-request"));
    });
    tbody.addEventListener("dragover", function (event) {
      var over = event.target.closest && event.target.closest("tr[data-rank-url]");
      if (!dragged || !over) { return; }
      event.preventDefault();
      rows().forEach(function (r) { r.classList.toggle("rank-drop-target", r === over && r !== dragged); });
    });
    tbody.addEventListener("drop", function (event) {
      var over = event.target.closest && event.target.closest("tr[data-rank-url]");
      if (!dragged || !over) { return; }
      event.preventDefault();
      var row = dragged;
      rows().forEach(function (r) { r.classList.remove("rank-drop-target"); });
      if (over !== row) { moveTo(row, rankOf(over)); }
    });
    tbody.addEventListener("dragend", function () {
      if (dragged) { dragged.classList.remove("rank-dragging"); }
      rows().forEach(function (r) { r.classList.remove("rank-drop-target"); });
      dragged = null;
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("tbody[data-rank-list]"), init);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
