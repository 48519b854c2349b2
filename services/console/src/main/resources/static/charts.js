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

  // One bar per variant (its conversion rate, %) and a thin bar over it from the interval's lower to its upper end.
  function experiment(canvas, results) {
    var variants = results.variants;
    return new window.Chart(canvas, {
      type: 'bar',
      data: {
        labels: variants.map(function (v) { return v.name; }),
        datasets: [
          {
            label: 'Conversion rate (%)',
            data: variants.map(function (v) { return percent(v.rate); }),
            backgroundColor: variants.map(function (v) { return v.name === results.winner ? GREEN : GREY; }),
            order: 2
          },
          {
            label: 'Interval (' + Math.round(results.confidence * 1000) / 10 + ' %)',
            data: variants.map(function (v) { return v.interval ? [percent(v.interval.lower), percent(v.interval.upper)] : null; }),
            backgroundColor: INK,
            barPercentage: 0.08,
            grouped: false,
            order: 1
          }
        ]
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: { y: { beginAtZero: true, title: { display: true, text: '% of sends converted' } } },
        plugins: { legend: { position: 'bottom' } }
      }
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

  var KINDS = { experiment: experiment, conversions: conversions };

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
