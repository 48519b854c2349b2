'use strict';

const { is, isAny } = require('bpmnlint-utils');
const { isSendTask, isContactPolicyCheck, jobType } = require('./helper');

/**
 * Every send needs its own contact-policy check: no path may reach a send task (job type send-sms,
 * send-push or send-email) from a start event (of the process or of an event subprocess), nor from a
 * previous send task (channel fallback), without passing a service task of type check-contact-policy.
 *
 * The search follows sequence flows, boundary events (a boundary event of the check task itself counts as
 * "not checked"), embedded subprocesses (in through their start events, out after their end events) and
 * link events. Catch events, timers and gateways in between are fine.
 */
module.exports = function() {

  function check(node, reporter) {
    if (!is(node, 'bpmn:Process')) {
      return;
    }

    const all = [];
    collect(node, all);

    const successors = buildGraph(all);

    const roots = all.filter(e => is(e, 'bpmn:StartEvent') && !isInsideEmbeddedSubProcess(e));
    const sends = all.filter(isSendTask);

    const reported = new Set();

    const search = (origin, firstSteps, describe) => {
      const seen = new Set();
      const queue = [ ...firstSteps ];
      while (queue.length) {
        const current = queue.shift();
        if (seen.has(current)) {
          continue;
        }
        seen.add(current);

        if (isSendTask(current)) {
          const key = current.id + '<' + origin.id;
          if (!reported.has(key)) {
            reported.add(key);
            reporter.report(current.id, `Send task (${jobType(current)}) is reachable ${describe} without passing a contact-policy check (service task of type check-contact-policy)`);
          }
          continue;
        }

        if (isContactPolicyCheck(current)) {
          // a completed check ends this path; a boundary event of the check (error, timer) did not complete it
          boundaryEventsOf(current, all).forEach(b => queue.push(b));
          continue;
        }

        (successors.get(current) || []).forEach(s => queue.push(s));
      }
    };

    for (const start of roots) {
      search(start, successors.get(start) || [], `from start event <${start.id}>`);
    }

    for (const send of sends) {
      search(send, successors.get(send) || [], `after send task <${send.id}> (channel fallback needs its own check)`);
    }
  }

  return { check };
};

function collect(container, all) {
  for (const element of container.get('flowElements') || []) {
    all.push(element);
    if (is(element, 'bpmn:SubProcess')) {
      collect(element, all);
    }
  }
}

function isEmbeddedSubProcess(element) {
  return is(element, 'bpmn:SubProcess') && !element.get('triggeredByEvent');
}

function isInsideEmbeddedSubProcess(element) {
  return isEmbeddedSubProcess(element.$parent);
}

function boundaryEventsOf(activity, all) {
  return all.filter(e => is(e, 'bpmn:BoundaryEvent') && e.get('attachedToRef') === activity);
}

function linkName(event) {
  const def = (event.get('eventDefinitions') || []).find(d => is(d, 'bpmn:LinkEventDefinition'));
  return def ? def.get('name') : undefined;
}

function buildGraph(all) {
  const successors = new Map();
  const add = (from, to) => {
    if (!from || !to) {
      return;
    }
    if (!successors.has(from)) {
      successors.set(from, []);
    }
    successors.get(from).push(to);
  };

  // from the sequence flows themselves: <bpmn:outgoing> references are optional in BPMN XML
  const flows = all.filter(e => is(e, 'bpmn:SequenceFlow'));
  const targetsOf = element => flows.filter(f => f.get('sourceRef') === element).map(f => f.get('targetRef'));

  for (const element of all) {
    if (!isAny(element, [ 'bpmn:FlowNode' ])) {
      continue;
    }

    if (isEmbeddedSubProcess(element)) {
      // into the subprocess through its start events; out of it only after it has run
      const inner = element.get('flowElements') || [];
      inner.filter(e => is(e, 'bpmn:StartEvent')).forEach(s => add(element, s));
      inner
        .filter(e => isAny(e, [ 'bpmn:FlowNode' ]) && !is(e, 'bpmn:BoundaryEvent') && !is(e, 'bpmn:SubProcess') || isEmbeddedSubProcess(e))
        .filter(e => !targetsOf(e).length && !is(e, 'bpmn:StartEvent'))
        .forEach(end => targetsOf(element).forEach(t => add(end, t)));
    } else {
      targetsOf(element).forEach(t => add(element, t));
    }

    boundaryEventsOf(element, all).forEach(b => add(element, b));

    if (is(element, 'bpmn:IntermediateThrowEvent') && linkName(element)) {
      all.filter(e => is(e, 'bpmn:IntermediateCatchEvent') && e.$parent === element.$parent && linkName(e) === linkName(element))
        .forEach(c => add(element, c));
    }
  }

  return successors;
}
