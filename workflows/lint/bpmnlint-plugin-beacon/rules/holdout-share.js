'use strict';

const { is } = require('bpmnlint-utils');
const { extensionValues } = require('./helper');

/**
 * A journey may set the share of its customers held out (ADR 0025) as the process-level zeebe:property
 * "beacon.holdout-share": once, a number from 0 to 1 (0.1 holds out one customer in ten). Without it the journeys
 * service's default applies.
 */
module.exports = function() {

  function check(node, reporter) {
    if (!is(node, 'bpmn:Process')) {
      return;
    }

    const shares = extensionValues(node, 'zeebe:Properties')
      .flatMap(p => p.get('properties') || [])
      .filter(p => p.get('name') === 'beacon.holdout-share');

    if (shares.length > 1) {
      reporter.report(node.id, 'Journey declares the process property <beacon.holdout-share> more than once');
      return;
    }

    for (const share of shares) {
      const text = (share.get('value') || '').trim();
      const value = /^[0-9]*\.?[0-9]+$/.test(text) ? Number(text) : NaN;
      if (!(value >= 0 && value <= 1)) {
        reporter.report(node.id, `Process property <beacon.holdout-share> is <${text}>, expected a share between 0 and 1 (0.1 holds out one customer in ten)`);
      }
    }
  }

  return { check };
};
