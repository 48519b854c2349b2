'use strict';

// Entry point that Camunda Desktop Modeler (5.4 or later) reads from resources/plugins/beacon-lint/index.js.
// The client script is the webpack bundle built by `npm run modeler-plugin` (see ../README.md, "In Camunda Modeler").
module.exports = {
  name: 'Beacon lint rules',
  script: './dist/client.js'
};
