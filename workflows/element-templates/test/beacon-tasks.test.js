'use strict';

const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const Ajv = require('ajv');
const schema = require('@camunda/zeebe-element-templates-json-schema/resources/schema.json');

const templates = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'beacon-tasks.json'), 'utf8'));

// the schema uses keywords ajv's strict mode does not know ($defs inside draft-07, required without properties)
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

const byId = id => templates.find(t => t.id === id);
const prop = (template, bindingType, key) => template.properties.find(p =>
  p.binding.type === bindingType && [ p.binding.name, p.binding.key, p.binding.property ].includes(key));

describe('element-templates/beacon-tasks.json', () => {

  it('is valid against Camunda\'s element template schema (zeebe, 0.46.0)', () => {
    const valid = validate(templates);
    assert.ok(valid, JSON.stringify(validate.errors, null, 2));
  });

  it('the schema catches a broken template (sanity)', () => {
    assert.equal(validate([ { ...templates[0], properties: [ { type: 'Hidden', value: 'x', binding: { type: 'zeebe:nope' } } ] } ]), false);
  });

  it('has one template per Beacon task, with unique ids', () => {
    assert.deepEqual(templates.map(t => t.name).sort(), [
      'Check contact policy', 'Check suitability', 'Record outcome', 'Request RM review', 'Request the checker\'s approval',
      'Send SMS', 'Send email', 'Send push', 'Wait for allowed send time' ].sort());
    assert.equal(new Set(templates.map(t => t.id)).size, templates.length);
  });

  const jobTypes = {
    'io.beacon.check-suitability': 'check-suitability',
    'io.beacon.check-contact-policy': 'check-contact-policy', 'io.beacon.send-sms': 'send-sms',
    'io.beacon.send-push': 'send-push', 'io.beacon.send-email': 'send-email',
    'io.beacon.record-outcome': 'record-outcome', 'io.beacon.request-rm-review': 'request-rm-review',
    'io.beacon.request-offer-check': 'request-offer-check'
  };

  it('fixes every job type as a hidden property', () => {
    for (const [ id, type ] of Object.entries(jobTypes)) {
      const p = prop(byId(id), 'zeebe:taskDefinition', 'type');
      assert.deepEqual([ p.type, p.value ], [ 'Hidden', type ], id);
    }
  });

  it('documents every visible property', () => {
    for (const t of templates) {
      for (const p of t.properties.filter(p => p.type !== 'Hidden')) {
        assert.ok(p.label && p.description, `${t.id}: ${JSON.stringify(p.binding)}`);
      }
    }
  });

  it('requires a template header on every send task', () => {
    for (const channel of [ 'sms', 'push', 'email' ]) {
      const p = prop(byId(`io.beacon.send-${channel}`), 'zeebe:taskHeader', 'template');
      assert.equal(p.constraints.notEmpty, true);
    }
  });

  it('offers the channels sms, push, email on Check contact policy', () => {
    const p = prop(byId('io.beacon.check-contact-policy'), 'zeebe:input', 'channel');
    assert.equal(p.type, 'Dropdown');
    assert.deepEqual(p.choices.map(c => c.value), [ '="sms"', '="push"', '="email"' ]);
  });

  it('offers exactly the OutcomeType names on Record outcome', () => {
    const java = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'libs', 'contracts', 'src', 'main', 'java', 'io', 'beacon', 'contracts', 'OutcomeType.java'), 'utf8');
    const names = java.match(/enum OutcomeType \{([^;]*);/)[1].split(',').map(s => s.trim()).filter(Boolean);
    const p = prop(byId('io.beacon.record-outcome'), 'zeebe:taskHeader', 'outcome');
    assert.deepEqual(p.choices.map(c => c.value), names);
    assert.ok(prop(byId('io.beacon.record-outcome'), 'zeebe:input', 'outcomeReason'));
    assert.ok(prop(byId('io.beacon.record-outcome'), 'zeebe:input', 'outcomeChannel'));
  });

  it('waits for the allowed send time with a timer catch event', () => {
    const t = byId('io.beacon.wait-for-allowed-send-time');
    assert.deepEqual(t.elementType, { value: 'bpmn:IntermediateCatchEvent', eventDefinition: 'bpmn:TimerEventDefinition' });
    assert.equal(prop(t, 'bpmn:TimerEventDefinition#property', 'timeDate').value, '=date and time(contactPolicy.sendAt)');
  });
});
