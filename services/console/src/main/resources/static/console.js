// Refreshes the dashboard from the console's own JSON APIs. Builds the DOM with textContent only, so nothing
// that arrives in an outcome can ever be interpreted as markup. Mirrors DashboardPage and JourneyFunnel.
(function () {
  'use strict';

  var REFRESH_MS = 5000;
  var LATEST = 50;
  var STAGES = ['TRIGGERED', 'HELD_OUT', 'SUPPRESSED', 'SENT', 'DELIVERED', 'FAILED', 'CONVERTED', 'OPTED_OUT'];

  function label(type) {
    var words = type.toLowerCase().replace(/_/g, ' ');
    return words.charAt(0).toUpperCase() + words.slice(1);
  }

  function journeyName(journey) {
    return journey == null ? '(before any journey)' : journey;
  }

  function widthClass(count, max) {
    if (count <= 0 || max <= 0) {
      return 'w0';
    }
    return 'w' + Math.max(1, Math.round(count * 20 / max)) * 5;
  }

  function share(count, triggered) {
    return triggered <= 0 ? '' : Math.round(count * 100 / triggered) + ' %';
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text != null) {
      node.textContent = text;
    }
    return node;
  }

  function total(counts, type) {
    return counts.filter(function (c) { return c.type === type; })
      .reduce(function (sum, c) { return sum + c.count; }, 0);
  }

  function rows(counts) {
    var result = [];
    STAGES.forEach(function (stage) {
      result.push({ label: label(stage), count: total(counts, stage), reason: false });
      counts.filter(function (c) { return c.type === stage && c.reason != null; })
        .forEach(function (c) { result.push({ label: c.reason, count: c.count, reason: true }); });
    });
    var others = [];
    counts.forEach(function (c) {
      if (STAGES.indexOf(c.type) < 0 && others.indexOf(c.type) < 0) {
        others.push(c.type);
      }
    });
    others.forEach(function (type) { result.push({ label: label(type), count: total(counts, type), reason: false }); });
    return result;
  }

  function renderFunnels(counts) {
    var byJourney = new Map();
    counts.forEach(function (c) {
      if (!byJourney.has(c.journey)) {
        byJourney.set(c.journey, []);
      }
      byJourney.get(c.journey).push(c);
    });
    var section = document.getElementById('funnels');
    var fragment = document.createDocumentFragment();
    if (byJourney.size === 0) {
      fragment.appendChild(el('p', 'empty', 'No outcomes yet.'));
    }
    byJourney.forEach(function (journeyCounts, journey) {
      var journeyRows = rows(journeyCounts);
      var max = journeyRows.reduce(function (m, r) { return Math.max(m, r.count); }, 0);
      var triggered = journeyRows[0].count;
      var article = el('article', 'journey');
      article.appendChild(el('h2', null, journeyName(journey)));
      var table = el('table', 'funnel');
      var head = el('thead');
      var headRow = el('tr');
      headRow.appendChild(el('th', null, 'Stage'));
      headRow.appendChild(el('th', 'num', 'Count'));
      headRow.appendChild(el('th', 'num', 'Of triggered'));
      headRow.appendChild(el('th', 'chart'));
      head.appendChild(headRow);
      table.appendChild(head);
      var body = el('tbody');
      journeyRows.forEach(function (r) {
        var tr = el('tr', r.reason ? 'reason' : null);
        tr.appendChild(el('td', null, r.label));
        tr.appendChild(el('td', 'num', String(r.count)));
        tr.appendChild(el('td', 'num', share(r.count, triggered)));
        var chart = el('td', 'chart');
        chart.appendChild(el('span', 'bar ' + widthClass(r.count, max)));
        tr.appendChild(chart);
        body.appendChild(tr);
      });
      table.appendChild(body);
      article.appendChild(table);
      fragment.appendChild(article);
    });
    section.replaceChildren(fragment);
  }

  function renderOutcomes(outcomes) {
    var body = document.getElementById('outcomes');
    var fragment = document.createDocumentFragment();
    outcomes.forEach(function (o) {
      var tr = el('tr', 't-' + o.type.toLowerCase().replace(/_/g, '-'));
      [new Date(o.at).toISOString().replace(/\.\d{3}Z$/, 'Z'), o.customerId, journeyName(o.journey), o.step,
        label(o.type), o.channel, o.productCode, o.reason, o.trigger].forEach(function (text) {
        tr.appendChild(el('td', null, text == null ? '' : text));
      });
      fragment.appendChild(tr);
    });
    body.replaceChildren(fragment);
  }

  function getJson(url) {
    return fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' }).then(function (response) {
      if (!response.ok) {
        throw new Error(url + ' answered ' + response.status);
      }
      return response.json();
    });
  }

  function status(text, stale) {
    var node = document.getElementById('status');
    node.textContent = text;
    node.className = stale ? 'stale' : '';
  }

  function refresh() {
    // a hidden tab does not poll; it catches up on the first tick after it is shown again
    if (document.hidden) {
      schedule();
      return;
    }
    Promise.all([getJson('api/funnel'), getJson('api/outcomes?limit=' + LATEST)])
      .then(function (results) {
        renderFunnels(results[0]);
        renderOutcomes(results[1]);
        status('Updated ' + new Date().toLocaleTimeString() + '; refreshes every 5 s.', false);
      })
      .catch(function (error) {
        status('Refresh failed (' + error.message + '); showing older numbers, retrying.', true);
      })
      .then(schedule);
  }

  // chained timeouts rather than setInterval, so a slow answer never stacks requests
  function schedule() {
    window.setTimeout(refresh, REFRESH_MS);
  }

  // only the journeys page has funnels to refresh
  if (document.getElementById('funnels')) {
    schedule();
  }

  // The campaigns page, while a run is moving, reloads itself (its GET address, never a form's answer) every 5 s;
  // a hidden tab waits until it is shown again.
  var campaigns = document.getElementById('campaigns');
  if (campaigns && campaigns.getAttribute('data-live') === 'true') {
    var reload = function () {
      if (document.hidden) {
        window.setTimeout(reload, REFRESH_MS);
        return;
      }
      window.location.replace(campaigns.getAttribute('data-refresh'));
    };
    window.setTimeout(reload, REFRESH_MS);
  }
}());
