'use strict';

const path = require('node:path');
const { Linter } = require('bpmnlint');
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver');
const { readModdle } = require('bpmnlint/lib/testers/helper');
const zeebe = require('zeebe-bpmn-moddle/resources/zeebe.json');

const resolver = new NodeResolver({ require: require });

/** Lints one fixture with one Beacon rule; returns [{id, message}] of that rule's reports. */
async function lintWith(rule, fixture) {
  const { root, warnings } = await readModdle(path.join(__dirname, 'fixtures', fixture), { zeebe });
  if (warnings.length) {
    throw new Error(`${fixture} does not parse cleanly: ${warnings.map(w => w.message).join('; ')}`);
  }
  const linter = new Linter({ config: { rules: { [`beacon/${rule}`]: 'error' } }, resolver });
  const results = await linter.lint(root);
  return (results[`beacon/${rule}`] || []).map(({ id, message }) => ({ id, message }));
}

module.exports = { lintWith };
