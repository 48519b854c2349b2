'use strict';

// Proves the committed Modeler plugin (modeler-plugin/dist/client.js, built by `npm run modeler-plugin`) works
// without the Modeler: the bundle runs in a bare JavaScript context (no require, no node_modules), the lint rules it
// registers are handed to bpmnlint's Linter and run over the rule fixtures and the journeys.

const { describe, it, before } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { Linter } = require('bpmnlint');
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver');
const { readModdle } = require('bpmnlint/lib/testers/helper');
const zeebe = require('zeebe-bpmn-moddle/resources/zeebe.json');

const PLUGIN = path.join(__dirname, '..');
const WORKFLOWS = path.join(PLUGIN, '..');
const FIXTURES = path.join(WORKFLOWS, 'lint', 'test', 'fixtures');

const fixtures = fs.readdirSync(FIXTURES).filter(f => f.endsWith('.bpmn')).sort();

/** Runs a client script as the Modeler does, in a page whose window collects the registered plugins. */
function loadClientScript(file) {
  const window = {};
  vm.runInNewContext(fs.readFileSync(file, 'utf8'), { window, self: window, console }, { filename: file });
  return Array.from(window.plugins || []); // an array of this realm, for assert.deepEqual
}

async function read(file) {
  const { root, warnings } = await readModdle(file, { zeebe });
  assert.deepEqual(warnings.map(w => w.message), [], `${path.basename(file)} does not parse cleanly`);
  return root;
}

/** bpmnlint reports as sorted "rule id: message" lines. */
async function lint(linter, root) {
  const results = await linter.lint(root);
  return Object.entries(results)
    .flatMap(([ rule, reports ]) => reports.map(r => `${rule} ${r.id}: ${r.message}`))
    .sort();
}

/** Resolver that asks each resolver in turn, like the Modeler's: the plugin's first, then the built-in rules. */
function firstOf(...resolvers) {
  const ask = method => (...args) => {
    const errors = [];
    for (const r of resolvers) {
      try { return r[method](...args); } catch (e) { errors.push(e.message); }
    }
    throw new Error(errors.join('; '));
  };
  return { resolveRule: ask('resolveRule'), resolveConfig: ask('resolveConfig') };
}

describe('modeler-plugin: the folder copied into the Modeler', () => {
  it('index.js names the plugin and points at the bundled client script', () => {
    const entry = require(path.join(PLUGIN, 'index.js'));
    assert.equal(entry.name, 'Beacon lint rules');
    assert.equal(entry.script, './dist/client.js');
    assert.ok(fs.statSync(path.join(PLUGIN, entry.script)).size > 0);
  });

  it('.bpmnlintrc is the build\'s workflows/.bpmnlintrc without camunda-compat (the Modeler adds that itself)', () => {
    const build = JSON.parse(fs.readFileSync(path.join(WORKFLOWS, '.bpmnlintrc'), 'utf8'));
    const modeler = JSON.parse(fs.readFileSync(path.join(PLUGIN, '.bpmnlintrc'), 'utf8'));
    assert.deepEqual(modeler.extends, build.extends.filter(e => !e.startsWith('plugin:camunda-compat/')));
    assert.deepEqual(modeler.rules, build.rules);
  });
});

describe('modeler-plugin: the bundle dist/client.js', () => {
  let plugins, plugin;

  before(() => {
    plugins = loadClientScript(path.join(PLUGIN, 'dist', 'client.js'));
    plugin = (plugins.find(p => p.type === 'lintRules.cloud-bpmn') || {}).plugin;
  });

  it('registers one bpmnlint config and resolver, for Camunda 8 diagrams (tab type cloud-bpmn)', () => {
    assert.deepEqual(plugins.map(p => p.type), [ 'lintRules.cloud-bpmn' ]);
    assert.equal(typeof plugin.config.rules, 'object');
    assert.equal(typeof plugin.resolver.resolveRule, 'function');
  });

  it('enables every Beacon rule as an error, and bpmnlint\'s recommended rules, but no camunda-compat rule', () => {
    const { rules } = plugin.config;
    const beacon = require('bpmnlint-plugin-beacon').configs.recommended.rules;
    for (const [ name, severity ] of Object.entries(beacon)) {
      assert.equal(rules[`beacon/${name}`], severity, `beacon/${name}`);
    }
    for (const [ name, severity ] of Object.entries(require('bpmnlint/config/recommended').rules)) {
      assert.equal(rules[name], severity, name);
    }
    assert.deepEqual(Object.keys(rules).filter(r => r.startsWith('camunda-compat/')), []);
  });

  it('carries its own copy of the rules (nothing is loaded from node_modules)', () => {
    const bundled = plugin.resolver.resolveRule('bpmnlint-plugin-beacon', 'opt-out-subprocess');
    assert.equal(typeof bundled, 'function');
    assert.notEqual(bundled, require('bpmnlint-plugin-beacon/rules/opt-out-subprocess'));
    assert.throws(() => plugin.resolver.resolveRule('bpmnlint-plugin-camunda-compat', 'feel'), /not bundled/);
  });

  it('passes journey-good.bpmn on every Beacon rule', async () => {
    const reports = await lint(new Linter(plugin), await read(path.join(FIXTURES, 'journey-good.bpmn')));
    assert.deepEqual(reports.filter(r => r.startsWith('beacon/')), []);
  });

  it('reports beacon/opt-out-subprocess on opt-out-missing.bpmn', async () => {
    const reports = await lint(new Linter(plugin), await read(path.join(FIXTURES, 'opt-out-missing.bpmn')));
    assert.deepEqual(reports.filter(r => r.startsWith('beacon/')), [
      'beacon/opt-out-subprocess test-journey: Journey lacks an interrupting event subprocess started by message ' +
        '<ConsentWithdrawn> (opt-out must end the journey wherever it waits)'
    ]);
  });

  it(`reports exactly what the source rules report, on each of the ${fixtures.length} rule fixtures`, async () => {
    // a new Linter for every diagram, as the Modeler does: some bpmnlint rules keep state per Linter
    let beaconReports = 0;
    for (const fixture of fixtures) {
      const root = await read(path.join(FIXTURES, fixture));
      const expected = await lint(new Linter({ config: plugin.config, resolver: new NodeResolver({ require }) }), root);
      assert.deepEqual(await lint(new Linter(plugin), root), expected, fixture);
      beaconReports += expected.filter(r => r.startsWith('beacon/')).length;
    }
    assert.ok(beaconReports >= 8, `the fixtures should trip Beacon's rules, got ${beaconReports} reports`);
  });

  it('passes a journey combined with camunda-compat 8.8, as the Modeler combines them', async () => {
    // Camunda's linting merges a plugin's rules into plugin:bpmnlint-plugin-camunda-compat/<platform version>
    // and asks the plugin's resolver first: the config `npm run lint` uses, with the bundle's rules. One journey
    // is enough here (and keeps the test fast); `npm run lint` lints them all with the source rules.
    const config = { extends: [ 'plugin:bpmnlint-plugin-camunda-compat/camunda-cloud-8-8' ], rules: plugin.config.rules };
    const linter = new Linter({ config, resolver: firstOf(plugin.resolver, new NodeResolver({ require })) });
    const root = await read(path.join(WORKFLOWS, 'first-salary.bpmn'));
    assert.equal(root.get('modeler:executionPlatformVersion'), '8.8.0');
    assert.deepEqual(await lint(linter, root), []);
  });
});
