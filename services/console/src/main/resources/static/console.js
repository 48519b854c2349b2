// Refreshes the dashboard from the console's own JSON APIs. Builds the DOM with textContent only, so nothing
// that arrives in an outcome can ever be interpreted as markup. Builds the funnels from /api/funnel's counts exactly as
// JourneyFunnel does on the server (keep the two in step).
(function () {
  'use strict';

  var REFRESH_MS = 5000;
  var LATEST = 50;
  var STAGES = ['TRIGGERED', 'HELD_OUT', 'SUPPRESSED', 'DEFERRED', 'SENT', 'DELIVERED', 'FAILED', 'CONVERTED', 'OPTED_OUT'];
  var ALL_JOURNEYS = 'All journeys';
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

  function byName(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
  }

  // the types that occurred, in stage order, then the others by name (JourneyFunnel.types)
  function types(counts) {
    var result = STAGES.filter(function (stage) { return counts.some(function (c) { return c.type === stage; }); });
    var others = [];
    counts.forEach(function (c) {
      if (STAGES.indexOf(c.type) < 0 && others.indexOf(c.type) < 0) {
        others.push(c.type);
      }
    });
    return result.concat(others.sort(byName));
  }

  function rows(counts, funnelTypes) {
    var result = [];
    STAGES.forEach(function (stage) {
      result.push({ label: label(stage), count: total(counts, stage), reason: false });
      var reasons = {};
      counts.filter(function (c) { return c.type === stage && c.reason != null; })
        .forEach(function (c) { reasons[c.reason] = (reasons[c.reason] || 0) + c.count; });
      Object.keys(reasons).sort(byName).forEach(function (reason) {
        result.push({ label: reason, count: reasons[reason], reason: true });
      });
    });
    funnelTypes.filter(function (type) { return STAGES.indexOf(type) < 0; })
      .forEach(function (type) { result.push({ label: label(type), count: total(counts, type), reason: false }); });
    return result;
  }

  function firstStage(stepCounts) {
    for (var i = 0; i < STAGES.length; i++) {
      if ((stepCounts[STAGES[i]] || 0) > 0) {
        return i;
      }
    }
    return STAGES.length;
  }

  // steps in the order of the first stage each reached, then by id; the outcomes without a step last (JourneyFunnel.steps)
  function steps(counts) {
    var bySteps = new Map();
    counts.forEach(function (c) {
      if (!bySteps.has(c.step)) {
        bySteps.set(c.step, {});
      }
      var row = bySteps.get(c.step);
      row[c.type] = (row[c.type] || 0) + c.count;
    });
    var result = [];
    bySteps.forEach(function (stepCounts, step) { result.push({ step: step, counts: stepCounts }); });
    return result.sort(function (a, b) {
      var order = firstStage(a.counts) - firstStage(b.counts);
      if (order !== 0) {
        return order;
      }
      if (a.step == null || b.step == null) {
        return a.step == null ? (b.step == null ? 0 : 1) : -1;
      }
      return byName(a.step, b.step);
    });
  }

  // "All journeys" first, then each journey by id, then the outcomes without one (JourneyFunnel.of)
  function funnels(counts) {
    if (counts.length === 0) {
      return [];
    }
    var byJourney = new Map();
    counts.forEach(function (c) {
      if (!byJourney.has(c.journey)) {
        byJourney.set(c.journey, []);
      }
      byJourney.get(c.journey).push(c);
    });
    var journeys = Array.from(byJourney.keys()).sort(function (a, b) {
      if (a == null || b == null) {
        return a == null ? (b == null ? 0 : 1) : -1;
      }
      return byName(a, b);
    });
    var result = [{ name: ALL_JOURNEYS, all: true, counts: counts }];
    journeys.forEach(function (journey) {
      result.push({ name: journeyName(journey), all: false, counts: byJourney.get(journey) });
    });
    return result;
  }

  function funnelTable(funnelRows, triggered) {
    var max = funnelRows.reduce(function (m, r) { return Math.max(m, r.count); }, 0);
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
    funnelRows.forEach(function (r) {
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

  function renderFunnels(report, filtered) {
    var section = document.getElementById('funnels');
    var fragment = document.createDocumentFragment();
    var all = funnels(report.counts);
    if (all.length === 0) {
      fragment.appendChild(el('p', 'empty', filtered ? 'No outcomes match these filters.' : 'No outcomes yet.'));
    }
    all.forEach(function (f) {
      var funnelTypes = types(f.counts);
      var article = el('article', f.all ? 'journey all' : 'journey');
      article.appendChild(el('h2', null, f.name));
      article.appendChild(funnelTable(rows(f.counts, funnelTypes), total(f.counts, 'TRIGGERED')));
      if (!f.all) {
        article.appendChild(stepTable(steps(f.counts), funnelTypes));
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
