'use strict';

const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const { lintWith } = require('./lint-helper');

const ids = reports => reports.map(r => r.id).sort();

describe('beacon/opt-out-subprocess', () => {
  const rule = 'opt-out-subprocess';

  it('accepts an interrupting ConsentWithdrawn event subprocess keyed by customer id', async () => {
    assert.deepEqual(await lintWith(rule, 'journey-good.bpmn'), []);
  });

  it('reports a journey without the opt-out event subprocess', async () => {
    const reports = await lintWith(rule, 'opt-out-missing.bpmn');
    assert.deepEqual(ids(reports), [ 'test-journey' ]);
    assert.match(reports[0].message, /lacks an interrupting event subprocess started by message <ConsentWithdrawn>/);
  });

  it('reports a non-interrupting opt-out', async () => {
    const reports = await lintWith(rule, 'opt-out-non-interrupting.bpmn');
    assert.deepEqual(ids(reports), [ 'Start_ConsentWithdrawn' ]);
    assert.match(reports[0].message, /must be interrupting/);
  });

  it('reports an opt-out not correlated by customer id', async () => {
    const reports = await lintWith(rule, 'opt-out-wrong-correlation.bpmn');
    assert.deepEqual(ids(reports), [ 'Start_ConsentWithdrawn' ]);
    assert.match(reports[0].message, /correlationKey "=customerId"\), found <=email>/);
  });
});

describe('beacon/contact-policy-before-send', () => {
  const rule = 'contact-policy-before-send';

  it('accepts check -> timer -> send', async () => {
    assert.deepEqual(await lintWith(rule, 'journey-good.bpmn'), []);
  });

  it('reports a send reachable through a gateway branch that skips the check', async () => {
    const reports = await lintWith(rule, 'contact-policy-bypassed.bpmn');
    assert.deepEqual(ids(reports), [ 'Task_SendEmail' ]);
    assert.match(reports[0].message, /reachable from start event <Start_Trigger> without passing a contact-policy check/);
  });

  it('reports a fallback send (after a failed push) without its own check', async () => {
    const reports = await lintWith(rule, 'contact-policy-fallback-unchecked.bpmn');
    assert.deepEqual(ids(reports), [ 'Task_SendSms' ]);
    assert.match(reports[0].message, /after send task <Task_SendPush>/);
  });

  it('accepts a fallback with its own check, the send inside an embedded subprocess', async () => {
    assert.deepEqual(await lintWith(rule, 'contact-policy-fallback-checked.bpmn'), []);
  });

  it('reports a send in an event subprocess without a check', async () => {
    const reports = await lintWith(rule, 'contact-policy-event-subprocess.bpmn');
    assert.deepEqual(ids(reports), [ 'Task_SendGoodbye' ]);
    assert.match(reports[0].message, /from start event <Start_ConsentWithdrawn>/);
  });
});

describe('beacon/stage-declared', () => {
  const rule = 'stage-declared';

  it('accepts beacon.stage = attract', async () => {
    assert.deepEqual(await lintWith(rule, 'journey-good.bpmn'), []);
  });

  it('reports a journey without a stage', async () => {
    const reports = await lintWith(rule, 'stage-missing.bpmn');
    assert.deepEqual(ids(reports), [ 'test-journey' ]);
    assert.match(reports[0].message, /declares no stage/);
  });

  it('reports an unknown stage', async () => {
    const reports = await lintWith(rule, 'stage-invalid.bpmn');
    assert.deepEqual(ids(reports), [ 'test-journey' ]);
    assert.match(reports[0].message, /is <acquire>, expected one of attract, retain, leverage/);
  });
});

describe('beacon/holdout-share', () => {
  const rule = 'holdout-share';

  it('accepts a journey without its own share, and the library (dormancy-win-back sets 0.2)', async () => {
    assert.deepEqual(await lintWith(rule, 'journey-good.bpmn'), []);
  });

  it('reports a share that is not a number from 0 to 1', async () => {
    const reports = await lintWith(rule, 'holdout-share-invalid.bpmn');
    assert.deepEqual(ids(reports), [ 'test-journey' ]);
    assert.match(reports[0].message, /is <20%>, expected a share between 0 and 1/);
  });
});

describe('beacon/send-template', () => {
  const rule = 'send-template';

  it('accepts a send task with a template header', async () => {
    assert.deepEqual(await lintWith(rule, 'journey-good.bpmn'), []);
  });

  it('reports a send task without a template header', async () => {
    const reports = await lintWith(rule, 'send-template-missing.bpmn');
    assert.deepEqual(ids(reports), [ 'Task_SendSms' ]);
    assert.match(reports[0].message, /Send task \(send-sms\) has no <template> task header/);
  });

  it('reports a send task with an empty template header', async () => {
    assert.deepEqual(ids(await lintWith(rule, 'send-template-empty.bpmn')), [ 'Task_SendSms' ]);
  });
});

describe('the journeys in workflows/', () => {
  it('first-salary.bpmn passes every Beacon rule', async () => {
    // the full config (recommended, camunda-compat, beacon) runs over every *.bpmn in `npm run lint`
    const path = require('node:path');
    const { Linter } = require('bpmnlint');
    const NodeResolver = require('bpmnlint/lib/resolver/node-resolver');
    const { readModdle } = require('bpmnlint/lib/testers/helper');
    const { root } = await readModdle(path.join(__dirname, '..', '..', 'first-salary.bpmn'), { zeebe: require('zeebe-bpmn-moddle/resources/zeebe.json') });
    const linter = new Linter({ config: { extends: 'plugin:beacon/recommended' }, resolver: new NodeResolver({ require }) });
    const results = await linter.lint(root);
    assert.deepEqual(Object.values(results).flat(), []);
  });
});

describe('beacon/maker-checker', () => {
  const rule = 'maker-checker';

  it('accepts a journey without RM review, and one with the checker\'s step timed by the same deadline', async () => {
    assert.deepEqual(await lintWith(rule, 'journey-good.bpmn'), []);
    assert.deepEqual(await lintWith(rule, 'maker-checker-good.bpmn'), []);
  });

  it('reports an RM review without the checker\'s step', async () => {
    const reports = await lintWith(rule, 'maker-checker-missing.bpmn');
    assert.deepEqual(ids(reports), [ 'Task_RequestRmReview' ]);
    assert.match(reports[0].message, /needs a <request-offer-check> task/);
  });

  it('reports a check wait timed by a fresh duration', async () => {
    const reports = await lintWith(rule, 'maker-checker-duration.bpmn');
    assert.deepEqual(ids(reports), [ 'Timer_CheckSla' ]);
    assert.match(reports[0].message, /must be a timer date/);
  });
});
