'use strict';

const { is, isAny } = require('bpmnlint-utils');

/** Job types of the channel services: a task of one of these types sends a message to a customer. */
const SEND_TYPES = [ 'send-sms', 'send-push', 'send-email' ];

const CONTACT_POLICY_TYPE = 'check-contact-policy';

function extensionValues(element, type) {
  const ext = element && element.get ? element.get('extensionElements') : undefined;
  const values = (ext && ext.get('values')) || [];
  return values.filter(v => is(v, type));
}

/** The zeebe:taskDefinition type of a task (a static string, or the expression text), else undefined. */
function jobType(element) {
  if (!isAny(element, [ 'bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:ScriptTask', 'bpmn:BusinessRuleTask' ])) {
    return undefined;
  }
  const [ def ] = extensionValues(element, 'zeebe:TaskDefinition');
  return def ? def.get('type') : undefined;
}

function isSendTask(element) {
  return SEND_TYPES.includes(jobType(element));
}

function isContactPolicyCheck(element) {
  return jobType(element) === CONTACT_POLICY_TYPE;
}

module.exports = { SEND_TYPES, CONTACT_POLICY_TYPE, extensionValues, jobType, isSendTask, isContactPolicyCheck };
