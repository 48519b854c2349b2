'use strict';

// Beacon's compliance rules for journeys. Used from workflows/.bpmnlintrc as "plugin:beacon/recommended".
module.exports = {
  configs: {
    recommended: {
      rules: {
        'opt-out-subprocess': 'error',
        'contact-policy-before-send': 'error',
        'stage-declared': 'error',
        'holdout-share': 'error',
        'send-template': 'error',
        'maker-checker': 'error'
      }
    }
  }
};
