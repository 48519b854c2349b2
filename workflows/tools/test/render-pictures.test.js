'use strict';

const { describe, it, before } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { renderXml } = require('../render-pictures');

const script = path.join(__dirname, '..', 'render-pictures.js');
const fixture = path.join(__dirname, 'fixtures', 'tiny-journey.bpmn');
const xml = fs.readFileSync(fixture, 'utf8');

/** The <g> of one element, by its BPMN id. */
function group(svg, id) {
  const m = svg.match(new RegExp(`<g class="(?:shape [A-Za-z]+|flow)" data-id="${id}">(.*?)</g>\\n`));
  assert.ok(m, `no group for ${id}`);
  return m[1];
}
const count = (s, re) => (s.match(re) || []).length;

describe('tools/render-pictures.js: rendering', () => {
  let svg;
  before(async () => {
    const rendered = await renderXml(xml, 'tiny-journey.bpmn');
    assert.deepEqual(rendered.map(r => r.id), [ 'tiny-journey' ]);
    svg = rendered[0].svg;
  });

  it('is a standalone SVG on a white background, titled with the (escaped) process name', () => {
    assert.match(svg, /^<\?xml version="1.0" encoding="UTF-8"\?>\n/);
    assert.match(svg, /<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="\d+" height="\d+" viewBox="[-\d]+ [-\d]+ \d+ \d+"/);
    assert.match(svg, /<title>Tiny &amp; test \(tiny-journey\)<\/title>/);
    assert.match(svg, /<rect x="[-\d]+" y="[-\d]+" width="\d+" height="\d+" fill="#fff"\/>/);
    assert.doesNotMatch(svg, /@import|url\(|href=|<image/, 'no external fonts or assets');
  });

  it('draws each task as one rounded rectangle at its DI bounds, with its name inside', () => {
    assert.equal(count(svg, /<rect [^>]*rx="10"/g), 2, 'one rounded rect per task');
    const check = group(svg, 'Task_Check');
    assert.match(check, /<rect x="240" y="80" width="100" height="80" rx="10"/);
    assert.match(check, /<tspan x="290">Check<\/tspan><tspan x="290" dy="14">suitability<\/tspan>/);
    assert.match(check, /class="marker"/, 'service task has its gear');
    assert.match(check, />check-suitability</, 'and its job type');
    const order = group(svg, 'Task_Order');
    assert.match(order, /<rect x="500" y="80" width="100" height="80" rx="10"/);
    assert.match(order, /Order the.*channels/);
    assert.match(order, /class="marker"/, 'script task is marked');
  });

  it('draws one polyline with an arrowhead per sequence flow, through its waypoints', () => {
    assert.equal(count(svg, /<polyline /g), 6);
    assert.equal(count(svg, /<g class="flow"/g), 6);
    assert.match(group(svg, 'Flow_No'), /<polyline points="420,145 420,222"/);
    assert.match(group(svg, 'Flow_No'), /<polygon points="420,222 /, 'arrowhead ends on the last waypoint');
    assert.match(group(svg, 'Flow_No'), /<path d="M/, 'default flow has its slash');
    assert.doesNotMatch(group(svg, 'Flow_Yes'), /<path /);
  });

  it('draws events as circles: start thin, end thick, timer double with a clock', () => {
    assert.match(group(svg, 'Start'), /^<circle cx="170" cy="120" r="18" [^>]*stroke-width="1.5"\/>$/);
    assert.match(group(svg, 'End_Done'), /^<circle cx="760" cy="120" r="16" [^>]*stroke-width="4"\/>$/);
    const timer = group(svg, 'Timer_Wait');
    assert.equal(count(timer, /<circle /g), 3, 'two rings and the clock face');
    assert.match(timer, /<g class="marker">/);
  });

  it('draws gateways as diamonds with an X for exclusive', () => {
    const gw = group(svg, 'Gateway_Ok');
    assert.match(gw, /^<polygon points="420,95 445,120 420,145 395,120"/);
    assert.match(gw, /<path d="M[\d.]+,[\d.]+ L[\d.]+,[\d.]+ M/);
  });

  it('labels events, gateways and flows: at the DI label bounds, else under the shape or beside the flow', () => {
    assert.match(svg, /<text class="label" x="170" y="156" [^>]*><tspan x="170">Started<\/tspan><\/text>/);
    assert.match(svg, /<text class="label" x="470" y="111" [^>]*><tspan x="470">yes<\/tspan><\/text>/);
    assert.match(svg, /<tspan x="420">Suitable\?<\/tspan>/);
    assert.match(svg, /<tspan x="426">no<\/tspan>/);
    assert.match(svg, /<tspan x="670">Wait a day<\/tspan>/);
  });

  it('is deterministic and follows the DI', async () => {
    assert.equal((await renderXml(xml, 'tiny-journey.bpmn'))[0].svg, svg);
    const moved = xml.replace('<dc:Bounds x="240" y="80"', '<dc:Bounds x="250" y="80"');
    assert.notEqual((await renderXml(moved, 'tiny-journey.bpmn'))[0].svg, svg);
  });

  it('refuses a file without a diagram', async () => {
    const noDi = xml.replace(/<bpmndi:BPMNDiagram[\s\S]*<\/bpmndi:BPMNDiagram>/, '');
    await assert.rejects(renderXml(noDi, 'no-di.bpmn'), /no-di.bpmn has no diagram/);
  });
});

describe('tools/render-pictures.js --check', () => {
  const run = (dir, ...args) => spawnSync(process.execPath, [ script, '--dir', dir, ...args ], { encoding: 'utf8' });

  it('fails on a missing picture, passes once written, fails again when the BPMN changes or a picture is orphaned',
    () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-pictures-'));
      try {
        fs.copyFileSync(fixture, path.join(dir, 'tiny-journey.bpmn'));

        let r = run(dir, '--check');
        assert.equal(r.status, 1);
        assert.match(r.stderr, /pictures\/tiny-journey.svg is missing \(from tiny-journey.bpmn\)/);

        r = run(dir);
        assert.equal(r.status, 0, r.stderr);
        assert.ok(fs.existsSync(path.join(dir, 'pictures', 'tiny-journey.svg')));
        const first = fs.readFileSync(path.join(dir, 'pictures', 'tiny-journey.svg'), 'utf8');
        r = run(dir, '--check');
        assert.equal(r.status, 0, r.stderr);
        assert.equal(r.stderr, '');

        // edited in the Modeler, picture not re-rendered
        fs.writeFileSync(path.join(dir, 'tiny-journey.bpmn'), xml.replace('name="Check suitability"', 'name="Check fit"'));
        r = run(dir, '--check');
        assert.equal(r.status, 1);
        assert.match(r.stderr, /pictures\/tiny-journey.svg differs from tiny-journey.bpmn/);
        assert.equal(fs.readFileSync(path.join(dir, 'pictures', 'tiny-journey.svg'), 'utf8'), first, '--check writes nothing');

        r = run(dir);
        assert.equal(r.status, 0, r.stderr);
        assert.match(fs.readFileSync(path.join(dir, 'pictures', 'tiny-journey.svg'), 'utf8'), />Check fit</);

        fs.writeFileSync(path.join(dir, 'pictures', 'gone.svg'), '<svg/>');
        r = run(dir, '--check');
        assert.equal(r.status, 1);
        assert.match(r.stderr, /pictures\/gone.svg has no journey/);
        assert.doesNotMatch(r.stderr, /tiny-journey/);
        r = run(dir);
        assert.equal(r.status, 0, r.stderr);
        assert.ok(!fs.existsSync(path.join(dir, 'pictures', 'gone.svg')), 'writing removes the orphan');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
});
