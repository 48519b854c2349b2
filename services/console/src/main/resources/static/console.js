// Refreshes the dashboard from the console's own JSON APIs. Builds the DOM with textContent only, so nothing
// that arrives in an outcome can ever be interpreted as markup. Draws the funnels /api/funnel built (JourneyFunnel), so
// the page and the API cannot disagree on a number.
(function () {
  'use strict';

  var REFRESH_MS = 5000;
  var LATEST = 50;
  var NO_JOURNEY = '(no journey)';
  var NO_STEP = '(no step)';

  function label(type) {
    var words = type.toLowerCase().replace(/_/g, ' ');
    return words.charAt(0).toUpperCase() + words.slice(1);
  }

  function journeyName(journey) {
    return journey == null ? NO_JOURNEY : journey;
  }

  function widthClass(count, max) {
    if (count <= 0 || max <= 0) {
      return 'w0';
    }
    return 'w' + Math.max(1, Math.round(count * 20 / max)) * 5;
  }

  // JourneyFunnel.Row.shareText
  function shareText(row) {
    return row.share == null ? '' : Math.round(row.share * 100) + ' % of ' + label(row.of).toLowerCase();
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

  function funnelTable(funnelRows) {
    var max = funnelRows.reduce(function (m, r) { return Math.max(m, r.count); }, 0);
    var table = el('table', 'funnel');
    var head = el('thead');
    var headRow = el('tr');
    headRow.appendChild(el('th', null, 'Stage'));
    headRow.appendChild(el('th', 'num', 'Count'));
    headRow.appendChild(el('th', 'num', 'Share'));
    headRow.appendChild(el('th', 'chart'));
    head.appendChild(headRow);
    table.appendChild(head);
    var body = el('tbody');
    funnelRows.forEach(function (r) {
      var tr = el('tr', r.reason != null ? 'reason' : null);
      tr.setAttribute('data-line', r.line);
      tr.setAttribute('data-count', String(r.count));
      tr.appendChild(el('td', null, r.label));
      tr.appendChild(el('td', 'num', String(r.count)));
      tr.appendChild(el('td', 'num', shareText(r)));
      var chart = el('td', 'chart');
      chart.appendChild(el('span', 'bar ' + widthClass(r.count, max)));
      tr.appendChild(chart);
      body.appendChild(tr);
    });
    table.appendChild(body);
    return table;
  }

  function stepTable(stepRows, funnelTypes) {
    var table = el('table', 'steps');
    table.appendChild(el('caption', null, 'Per step'));
    var head = el('thead');
    var headRow = el('tr');
    headRow.appendChild(el('th', null, 'Step'));
    funnelTypes.forEach(function (type) { headRow.appendChild(el('th', 'num', label(type))); });
    head.appendChild(headRow);
    table.appendChild(head);
    var body = el('tbody');
    stepRows.forEach(function (s) {
      var tr = el('tr');
      tr.appendChild(el('td', null, s.step == null ? NO_STEP : s.step));
      funnelTypes.forEach(function (type) { tr.appendChild(el('td', 'num', String(s.counts[type] || 0))); });
      body.appendChild(tr);
    });
    table.appendChild(body);
    return table;
  }

  // the funnels exactly as /api/funnel built them (JourneyFunnel), drawn as overview.html draws them
  function renderFunnels(report, filtered) {
    var section = document.getElementById('funnels');
    var fragment = document.createDocumentFragment();
    if (report.funnels.length === 0) {
      fragment.appendChild(el('p', 'empty', filtered ? 'No outcomes match these filters.' : 'No outcomes yet.'));
    }
    report.funnels.forEach(function (f) {
      var article = el('article', f.all ? 'journey all' : 'journey');
      article.setAttribute('data-proposed', String(f.proposed));
      article.setAttribute('data-triggered', String(f.triggered));
      article.appendChild(el('h2', null, f.name));
      article.appendChild(funnelTable(f.rows));
      if (f.steps.length > 0) {
        article.appendChild(stepTable(f.steps, f.stepTypes));
      }
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
    // /api/funnel with the filters the page was rendered with (none when they were refused: then only the outcomes refresh)
    var funnelUrl = document.getElementById('funnels').getAttribute('data-funnel');
    Promise.all([funnelUrl ? getJson(funnelUrl) : null, getJson('api/outcomes?limit=' + LATEST)])
      .then(function (results) {
        if (results[0] != null) {
          renderFunnels(results[0], funnelUrl.indexOf('?') >= 0);
        }
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
