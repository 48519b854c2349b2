'use strict';

const { is } = require('bpmnlint-utils');
const { extensionValues } = require('./helper');

const STAGES = [ 'attract', 'retain', 'leverage' ];

/**
 * A journey declares its stage as the process-level zeebe:property "beacon.stage",
 * with one of the values attract, retain, leverage.
 */
module.exports = function() {

  function check(node, reporter) {
    if (!is(node, 'bpmn:Process')) {
      return;
    }

    const stages = extensionValues(node, 'zeebe:Properties')
      .flatMap(p => p.get('properties') || [])
      .filter(p => p.get('name') === 'beacon.stage');

    if (!stages.length) {
      reporter.report(node.id, `Journey declares no stage: add the process property <beacon.stage> (one of ${STAGES.join(', ')})`);
      return;
    }

    if (stages.length > 1) {
      reporter.report(node.id, 'Journey declares the process property <beacon.stage> more than once');
    }

    for (const stage of stages) {
      if (!STAGES.includes(stage.get('value'))) {
        reporter.report(node.id, `Process property <beacon.stage> is <${stage.get('value') || ''}>, expected one of ${STAGES.join(', ')}`);
      }
    }
  }

  return { check };
};
