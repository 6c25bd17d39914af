// The central team's dashboard (issue 5 item 6): fetch the JSON named in data-url and draw it with
// Chart.js shipped in static/vendor. No inline script: the CSP forbids it.
(function () {
  "use strict";
  var root = document.getElementById("dashboard");
  if (!root) { return; }
  var label = function (key) { return root.getAttribute("data-label-" + key) || key; };
  var nf = new Intl.NumberFormat("th-TH");
  var million = function (baht) { return Math.round((baht / 1e6) * 100) / 100; };
  var beDate = function (iso) {
    var p = (iso || "").split("-");
    return p.length === 3 ? p[2] + "/" + p[1] + "/" + (parseInt(p[0], 10) + 543) : "";
  };
  var setText = function (key, text) {
    var el = root.querySelector('[data-total="' + key + '"]');
    if (el) { el.textContent = text; }
  };
  var charts = [];
  var bar = function (id, labels, datasets, options) {
    var canvas = document.getElementById(id);
    if (!canvas || typeof Chart === "undefined") { return; }
    charts.push(new Chart(canvas, {
      type: "bar",
      data: { labels: labels, datasets: datasets },
      options: Object.assign({ responsive: true, maintainAspectRatio: true, animation: false,
        plugins: { legend: { display: datasets.length > 1 } } }, options || {})
    }));
  };
  var palette = ["#143d7a", "#0f6a8f", "#1d6b35", "#8a5a00", "#a4161a", "#5a6272"];

  // Canvas text uses the page's Thai font (Sarabun, shipped locally) only once it is loaded;
  // Chart.js's default sans-serif stack has no Thai glyphs on many office machines.
  if (typeof Chart !== "undefined") {
    Chart.defaults.font.family = window.getComputedStyle(document.body).fontFamily;
  }
  var fontsReady = (document.fonts && document.fonts.load)
    ? document.fonts.load("400 12px Sarabun", "กขค").then(function () { return document.fonts.ready; }, function () { return null; })
    : Promise.resolve();

  fontsReady.then(function () {
    return fetch(root.getAttribute("data-url"), { credentials: "same-origin", headers: { "Accept": "application/json" } });
  })
    .then(function (response) {
      if (!response.ok) { throw new Error(response.status); }
      return response.json();
    })
    .then(function (data) {
      setText("count", nf.format(data.totals.count));
      setText("amount", nf.format(million(data.totals.amount)) + " " + label("million"));
      setText("flagged", nf.format(data.duplicates.flagged_requests));
      setText("unruled", label("unruled").replace("%s", nf.format(data.duplicates.unruled_requests)));
      setText("confirmed", nf.format(data.duplicates.confirmed_requests));
      setText("confirmed_amount", nf.format(million(data.duplicates.confirmed_amount)) + " " + label("million"));

      bar("chart-status", data.by_status.map(function (r) { return r.label; }),
        [{ label: label("count"), data: data.by_status.map(function (r) { return r.count; }), backgroundColor: palette[0] }]);
      bar("chart-ministry", data.by_ministry.map(function (r) { return r.key || r.label; }),
        [{ label: label("amount"), data: data.by_ministry.map(function (r) { return million(r.amount); }), backgroundColor: palette[1] }]);
      bar("chart-cluster", data.by_cluster.map(function (r) { return String(r.label).replace("กลุ่มจังหวัด", ""); }),
        [{ label: label("amount"), data: data.by_cluster.map(function (r) { return million(r.amount); }), backgroundColor: palette[2] }],
        { indexAxis: "y" });
      bar("chart-envelopes", data.envelopes.map(function (r) { return r.label; }), [
        { label: label("used"), data: data.envelopes.map(function (r) { return million(r.used); }), backgroundColor: palette[3] },
        { label: label("left"), data: data.envelopes.map(function (r) { return million(Math.max(r.left, 0)); }), backgroundColor: "#c9d3e3" }
      ], { scales: { x: { stacked: true }, y: { stacked: true } } });
      var summary = data.deadlines.summary || [];
      bar("chart-deadlines", summary.map(function (r) { return r.label; }), ["met", "late", "missing", "pending"].map(function (key, i) {
        return { label: label(key), data: summary.map(function (r) { return r[key]; }), backgroundColor: [palette[2], palette[3], palette[4], "#c9d3e3"][i] };
      }), { scales: { x: { stacked: true }, y: { stacked: true } } });

      var body = root.querySelector("#deadline-table tbody");
      if (body) {
        var behind = (data.deadlines.offices || []).filter(function (o) { return o.state === "late" || o.state === "missing"; });
        if (!behind.length) {
          var none = document.createElement("tr");
          var cell = document.createElement("td");
          cell.colSpan = 5;
          cell.textContent = label("none");
          none.appendChild(cell);
          body.appendChild(none);
        }
        behind.forEach(function (o) {
            var row = document.createElement("tr");
            [o.office, beDate(o.closes_on) + (o.extended ? " *" : ""), nf.format(o.on_time), nf.format(o.late), label(o.state)]
              .forEach(function (text, i) {
                var cell = document.createElement("td");
                cell.textContent = text;
                if (i === 2 || i === 3) { cell.className = "num"; }
                row.appendChild(cell);
              });
            body.appendChild(row);
          });
      }
      root.setAttribute("data-loaded", "true");
    })
    .catch(function () {
      var p = document.createElement("p");
      p.className = "message error";
      p.setAttribute("role", "alert");
      p.textContent = root.getAttribute("data-error");
      root.insertBefore(p, root.firstChild);
    });
})();
