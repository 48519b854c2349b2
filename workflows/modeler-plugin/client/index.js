// Client script of the Beacon lint plugin for Camunda Desktop Modeler.
//
// bpmnlint-loader compiles ../.bpmnlintrc at build time into { config, resolver }: every enabled rule is bundled,
// so the Modeler needs nothing from node_modules. The Modeler merges each `lintRules.<tab type>` plugin into the
// linter of that tab type, next to the camunda-compat rules it picks from the diagram's execution platform version.
// Beacon's journeys are Camunda 8 diagrams only, whose tab type is `cloud-bpmn`; Camunda 7 (`bpmn`) tabs are left
// alone.
import { registerClientPlugin } from 'camunda-modeler-plugin-helpers';

import { config, resolver } from '../.bpmnlintrc';

registerClientPlugin({ config, resolver }, 'lintRules.cloud-bpmn');
