'use strict';

const { is } = require('bpmnlint-utils');
const { extensionValues } = require('./helper');

const MESSAGE_NAME = 'ConsentWithdrawn';
const CORRELATION_KEY = '=customerId';

/**
 * A journey must end wherever it waits when the customer withdraws consent: the process needs an
 * interrupting event subprocess (directly in the process) started by the message "ConsentWithdrawn",
 * correlated by the customer id (zeebe:subscription correlationKey "=customerId").
 */
module.exports = function() {

  function check(node, reporter) {
    if (!is(node, 'bpmn:Process')) {
      return;
    }

    const candidates = (node.get('flowElements') || [])
      .filter(e => is(e, 'bpmn:SubProcess') && e.get('triggeredByEvent'))
      .flatMap(sub => (sub.get('flowElements') || []).filter(e => is(e, 'bpmn:StartEvent')))
      .filter(start => (start.get('eventDefinitions') || []).some(d =>
        is(d, 'bpmn:MessageEventDefinition') && d.get('messageRef') && d.get('messageRef').get('name') === MESSAGE_NAME));

    if (!candidates.length) {
      reporter.report(node.id, `Journey lacks an interrupting event subprocess started by message <${MESSAGE_NAME}> (opt-out must end the journey wherever it waits)`);
      return;
    }

    const interrupting = candidates.filter(start => start.get('isInterrupting') !== false);
    if (!interrupting.length) {
      candidates.forEach(start => reporter.report(start.id, `Event subprocess start <${MESSAGE_NAME}> must be interrupting`));
      return;
    }

    for (const start of interrupting) {
      const message = start.get('eventDefinitions').find(d => is(d, 'bpmn:MessageEventDefinition')).get('messageRef');
      const [ subscription ] = extensionValues(message, 'zeebe:Subscription');
      const key = subscription && subscription.get('correlationKey');
      if (!key || key.replace(/\s+/g, '') !== CORRELATION_KEY) {
        reporter.report(start.id, `Message <${MESSAGE_NAME}> must be correlated by the customer id (correlationKey "${CORRELATION_KEY}"), found <${key || 'none'}>`);
      }
    }
  }

  return { check };
};
