'use strict';

const { extensionValues, isSendTask, jobType } = require('./helper');

/** A send task (job type send-sms, send-push or send-email) names its message template in the task header "template". */
module.exports = function() {

  function check(node, reporter) {
    if (!isSendTask(node)) {
      return;
    }

    const header = extensionValues(node, 'zeebe:TaskHeaders')
      .flatMap(h => h.get('values') || [])
      .find(h => h.get('key') === 'template');

    if (!header || !(header.get('value') || '').trim()) {
      reporter.report(node.id, `Send task (${jobType(node)}) has no <template> task header`);
    }
  }

  return { check };
};
