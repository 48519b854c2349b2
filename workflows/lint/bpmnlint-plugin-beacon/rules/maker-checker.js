'use strict';

const { is } = require('bpmnlint-utils');
const { jobType } = require('./helper');

/** The review decisions a journey waits for: the RM's, and the checker's after it (ADR 0028). */
const REVIEW_MESSAGES = [ 'OfferReviewed', 'OfferChecked' ];

function flowElements(container) {
  const all = [];
  for (const element of container.get('flowElements') || []) {
    all.push(element);
    if (is(element, 'bpmn:SubProcess')) {
      all.push(...flowElements(element));
    }
  }
  return all;
}

function messageName(event) {
  const [ def ] = event.get('eventDefinitions') || [];
  return def && is(def, 'bpmn:MessageEventDefinition') && def.get('messageRef') ? def.get('messageRef').get('name') : undefined;
}

/**
 * Maker-checker (ADR 0028): a journey with an RM review has the checker's step too (a "request-offer-check" task,
 * which the journey takes when decisioning flags the offer with secondApproval), and the review's SLA is ONE deadline
 * for both steps: every timer racing a review decision at an event-based gateway is a timer date (reviewDueAt, which
 * request-rm-review returns), never a fresh duration that would restart the clock at the checker.
 */
module.exports = function() {

  function check(node, reporter) {
    if (!is(node, 'bpmn:Process')) {
      return;
    }
    const elements = flowElements(node);
    const types = elements.map(jobType);
    const review = elements.find(e => jobType(e) === 'request-rm-review');
    if (review && !types.includes('request-offer-check')) {
      reporter.report(review.id, 'RM review without the checker\'s step: a journey with <request-rm-review> needs a '
        + '<request-offer-check> task after the RM approves, for the offers decisioning flags with secondApproval (ADR 0028)');
    }
    for (const gateway of elements.filter(e => is(e, 'bpmn:EventBasedGateway'))) {
      const targets = (gateway.get('outgoing') || []).map(f => f.get('targetRef'));
      if (!targets.some(t => REVIEW_MESSAGES.includes(messageName(t)))) {
        continue;
      }
      for (const timer of targets) {
        const [ def ] = timer.get('eventDefinitions') || [];
        if (def && is(def, 'bpmn:TimerEventDefinition') && !def.get('timeDate')) {
          reporter.report(timer.id, 'Review SLA timer must be a timer date (the deadline reviewDueAt, computed once for the RM '
            + 'and the checker), not a duration or cycle that restarts the SLA (ADR 0028)');
        }
      }
    }
  }

  return { check };
};
