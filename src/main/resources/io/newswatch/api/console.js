// The console's live parts: the inbox's event stream, the entity page's chart, the watchlist's
// writes through the API. Every page reads without it.
(function () {
  "use strict";
  var page = document.body.getAttribute("data-page");

  function text(s) {
    return s == null ? "" : String(s);
  }

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { e.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return e;
  }

  function alertRow(a) {
    var top = a.evidence && a.evidence.length ? a.evidence[0] : null;
    var time = el("time", { datetime: a.windowStart }, [a.windowStart.replace("T", " ").substring(0, 16) + "Z"]);
    var kind = el("td", {}, [a.kind]);
    if (a.backfill) {
      kind.appendChild(document.createTextNode(" "));
      kind.appendChild(el("span", { "class": "tag" }, ["backfill"]));
    }
    var entity = el("td", {}, [el("a", { href: "/entities/" + encodeURIComponent(a.entityId) }, [text(a.entityName)])]);
    var article = el("td", {}, []);
    if (top) {
      var title = text(top.title || top.articleId);
      if (top.url && /^https?:\/\//.test(top.url)) {
        article.appendChild(el("a", { href: top.url, rel: "noopener noreferrer" }, [title]));
      } else {
        article.appendChild(document.createTextNode(title));
      }
      if (top.source) {
        article.appendChild(el("span", { "class": "source" }, [" — " + top.source]));
      }
    }
    var row = el("tr", { "data-alert-id": a.alertId, "class": "new" },
      [el("td", {}, [time]), kind, entity, el("td", {}, [String(a.articleCount)]), article]);
    return row;
  }

  if (page === "inbox" && window.EventSource) {
    var params = new URLSearchParams(window.location.search);
    var query = [];
    ["entity", "kind", "tag"].forEach(function (k) { if (params.get(k)) { query.push(k + "=" + encodeURIComponent(params.get(k))); } });
    var source = new EventSource("/api/events" + (query.length ? "?" + query.join("&") : ""));
    var status = document.getElementById("live-status");
    source.addEventListener("open", function () { status.textContent = "Live: new alerts appear here as they arrive."; });
    source.addEventListener("error", function () { status.textContent = "Reconnecting to the live stream…"; });
    source.addEventListener("alert", function (event) {
      var a = JSON.parse(event.data);
      var body = document.querySelector("#alerts tbody");
      if (document.querySelector('#alerts tr[data-alert-id="' + CSS.escape(a.alertId) + '"]')) {
        return;
      }
      body.insertBefore(alertRow(a), body.firstChild);
      var none = document.getElementById("no-alerts");
      if (none) { none.remove(); }
      status.textContent = "New alert: " + a.kind + " " + a.entityName;
    });
  }

  if (page === "entity" && window.uPlot) {
    var chart = document.getElementById("chart");
    var id = chart.getAttribute("data-entity");
    var to = new Date();
    var from = new Date(to.getTime() - 7 * 24 * 3600 * 1000);
    fetch("/api/entities/" + encodeURIComponent(id) + "/counts?step=1h&from=" + from.toISOString() + "&to=" + to.toISOString())
      .then(function (r) { return r.json(); })
      .then(function (data) {
        var xs = [], articles = [], stories = [];
        (data.points || []).forEach(function (p) {
          xs.push(Date.parse(p.start) / 1000);
          articles.push(p.articles);
          stories.push(p.stories);
        });
        new window.uPlot({
          width: Math.min(900, chart.clientWidth || 900), height: 260,
          series: [{}, { label: "Articles", stroke: "#1f6feb", width: 2 }, { label: "Stories", stroke: "#d1242f", width: 2 }],
          axes: [{}, { label: "per hour" }]
        }, [xs, articles, stories], chart);
        chart.setAttribute("data-drawn", "true");
      });
  }

  if (page === "watchlist") {
    var form = document.getElementById("entity-form");
    var error = document.getElementById("form-error");
    var done = document.getElementById("form-done");
    var token = document.getElementById("f-token");
    token.value = window.sessionStorage.getItem("newswatch-token") || "";

    function showError(message, problems) {
      error.textContent = "";
      error.appendChild(el("p", {}, [message]));
      if (problems && problems.length) {
        error.appendChild(el("ul", {}, problems.map(function (p) { return el("li", {}, [p]); })));
      }
      error.hidden = false;
      done.hidden = true;
    }

    function send(method, id, body) {
      window.sessionStorage.setItem("newswatch-token", token.value);
      var headers = { "Authorization": "Bearer " + token.value };
      if (body) { headers["Content-Type"] = "application/json"; }
      return fetch("/api/entities/" + encodeURIComponent(id), { method: method, headers: headers, body: body ? JSON.stringify(body) : undefined })
        .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, body: j }; }); });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var f = form.elements;
      var id = f.id.value.trim();
      if (!id) { showError("Give the entity an id."); f.id.focus(); return; }
      var entity = { id: id, name: f.name.value.trim() || undefined,
        aliases: f.aliases.value.split("\n").map(function (s) { return s.trim(); }).filter(function (s) { return s; }),
        tags: f.tags.value.split(",").map(function (s) { return s.trim(); }).filter(function (s) { return s; }),
        alerts: { kinds: Array.prototype.filter.call(form.querySelectorAll("input[name=kinds]"), function (c) { return c.checked; })
          .map(function (c) { return c.value; }) } };
      if (f.query.value.trim()) { entity.query = f.query.value.trim(); }
      send("PUT", id, entity).then(function (r) {
        if (!r.ok) { showError(r.body.error, r.body.problems); return; }
        error.hidden = true;
        done.textContent = (r.body.added ? "Added " : "Saved ") + id + ". It is live within seconds.";
        done.hidden = false;
        window.setTimeout(function () { window.location.href = "/watchlist"; }, 1500);
      }, function () { showError("The monitor did not answer."); });
    });

    document.querySelectorAll("button.remove").forEach(function (b) {
      b.addEventListener("click", function () {
        var id = b.getAttribute("data-entity");
        if (!window.confirm("Remove " + id + " from the watchlist?")) { return; }
        send("DELETE", id).then(function (r) {
          if (!r.ok) { showError(r.body.error); return; }
          window.location.reload();
        });
      });
    });
  }
})();
