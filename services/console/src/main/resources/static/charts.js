// The console's charts, drawn with Chart.js (served by the console itself from /vendor/) from the same JSON APIs the
// bank's BI reads, so a chart can never say something the API does not. Each chart is a <canvas data-chart="kind"
// data-source="/api/..."> next to the table that holds the same numbers in text. No animation: what is drawn is final.
(function () {
  'use strict';

  var GREEN = '#2f7d4a';
  var GREY = '#8a8f98';
  var INK = '#1d232b';

  function percent(rate) {
    return rate == null ? null : Math.round(rate * 1000) / 10;
  }

  // Bars (green when they stand out) and, over each, a thin bar from its interval's lower to its upper end, in %.
  function barsWithIntervals(canvas, bars) {
    return new window.Chart(canvas, {
      type: 'bar',
      data: {
        labels: bars.labels,
        datasets: [
          { label: bars.label, data: bars.values.map(percent), order: 2,
            backgroundColor: bars.highlighted.map(function (h) { return h ? GREEN : GREY; }) },
          { label: 'Interval (' + Math.round(bars.confidence * 1000) / 10 + ' %)', order: 1, backgroundColor: INK,
            barPercentage: 0.08, grouped: false,
            data: bars.intervals.map(function (i) { return i ? [percent(i.lower), percent(i.upper)] : null; }) }
        ]
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: { y: { beginAtZero: bars.fromZero, title: { display: true, text: bars.axis } } },
        plugins: { legend: { position: 'bottom' } }
      }
    });
  }

  // One bar per variant of an experiment (GET /api/experiments/{id}): its conversion rate and interval.
  function experiment(canvas, results) {
    var variants = results.variants;
    return barsWithIntervals(canvas, {
      labels: variants.map(function (v) { return v.name; }),
      label: 'Conversion rate (%)',
      values: variants.map(function (v) { return v.rate; }),
      intervals: variants.map(function (v) { return v.interval; }),
      highlighted: variants.map(function (v) { return v.name === results.winner; }),
      confidence: results.confidence,
      fromZero: true,
      axis: '% of sends converted'
    });
  }

  // Per day, the conversions of the treated and of the held-out customers (GET /api/conversions).
  function conversions(canvas, series) {
    var days = series.days;
    return new window.Chart(canvas, {
      type: 'bar',
      data: {
        labels: days.map(function (d) { return d.day; }),
        datasets: [
          { label: 'Converted after an offer', data: days.map(function (d) { return d.treatedConversions; }), backgroundColor: GREEN },
          { label: 'Converted while held out', data: days.map(function (d) { return d.heldOutConversions; }), backgroundColor: GREY }
        ]
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: { y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'conversions per day (UTC)' } } },
        plugins: { legend: { position: 'bottom' } }
      }
    });
  }

  // The "All journeys" funnel of GET /api/funnel, one bar per line (the by-reason lines are in the table).
  function funnel(canvas, report) {
    var all = report.funnels.filter(function (f) { return f.all; })[0] || report.funnels[0];
    var rows = all ? all.rows.filter(function (r) { return r.reason == null; }) : [];
    return new window.Chart(canvas, {
      type: 'bar',
      data: {
        labels: rows.map(function (r) { return r.label; }),
        datasets: [{ label: 'Outcomes', data: rows.map(function (r) { return r.count; }), backgroundColor: GREY }]
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        indexAxis: 'y',
        scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { display: false } }
      }
    });
  }

  // The uplift of the programme and of each journey (GET /api/uplift), in points, with its interval.
  function uplift(canvas, report) {
    var rows = report.rows.filter(function (r) { return (r.scope === 'PROGRAMME' || r.scope === 'JOURNEY') && r.uplift != null; });
    return barsWithIntervals(canvas, {
      labels: rows.map(function (r) { return r.scope === 'PROGRAMME' ? 'Programme' : r.name; }),
      label: 'Uplift (points)',
      values: rows.map(function (r) { return r.uplift; }),
      intervals: rows.map(function (r) { return r.interval; }),
      highlighted: rows.map(function (r) { return r.significant; }),
      confidence: report.confidence,
      fromZero: false,
      axis: 'points of conversion, treated minus held out'
    });
  }

  var KINDS = { experiment: experiment, conversions: conversions, funnel: funnel, uplift: uplift };

  function draw(canvas) {
    var kind = KINDS[canvas.getAttribute('data-chart')];
    if (!kind || !window.Chart) {
      return;
    }
    fetch(canvas.getAttribute('data-source'), { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (json) {
        var existing = window.Chart.getChart(canvas);
        if (existing) {
          existing.destroy();
        }
        kind(canvas, json);
        canvas.setAttribute('data-drawn', 'true');
      })
      .catch(function (status) { canvas.setAttribute('data-drawn', 'failed: ' + status); });
  }

  document.addEventListener('DOMContentLoaded', function () {
    Array.prototype.forEach.call(document.querySelectorAll('canvas[data-chart]'), draw);
  });
}());
