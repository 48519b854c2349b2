#!/usr/bin/env node
'use strict';

/*
 * Renders a picture of every journey from its BPMN diagram interchange (DI): shapes from BPMNShape bounds, flows
 * from BPMNEdge waypoints, so a journey laid out in Camunda Modeler gets the picture the Modeler shows (roughly).
 *
 *   node tools/render-pictures.js           writes pictures/<process-id>.svg for every *.bpmn here
 *   node tools/render-pictures.js --check   exits 1 naming every picture that is missing, differs or has no journey
 *   --dir DIR                               another folder of .bpmn files (pictures go to DIR/pictures)
 *
 * Output is deterministic: same BPMN, byte-identical SVG (no dates, fonts or assets; numbers rounded).
 */

const fs = require('node:fs');
const path = require('node:path');
const zeebeSchema = require('zeebe-bpmn-moddle/resources/zeebe.json');

const PICTURES = 'pictures';
const FONT = 'Arial, Helvetica, sans-serif';
const INK = '#22242a';
const MUTED = '#6b7280';
const MARGIN = 20;

// ---------------------------------------------------------------------------------------------------------- text

// Approximate advance widths of Arial in em, enough to wrap names without measuring fonts.
function charWidth(c) {
  if ('iljI.,:;\'|!()[] '.includes(c)) return 0.28;
  if ('ft'.includes(c)) return 0.33;
  if ('r"-'.includes(c)) return 0.36;
  if ('mwMW@'.includes(c)) return 0.86;
  if (c >= 'A' && c <= 'Z') return 0.68;
  return 0.56;
}

function textWidth(text, size) {
  let w = 0;
  for (const c of text) w += charWidth(c);
  return w * size * 1.08; // a little wider than Arial, so fallback fonts (DejaVu, Liberation) fit too
}

/** Splits text into lines no wider than maxWidth (a single long word stays on its own line). */
function wrap(text, maxWidth, size) {
  const lines = [];
  for (const paragraph of String(text).split(/\r?\n/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (line && textWidth(candidate, size) > maxWidth) {
        lines.push(line);
        line = word;
      } else {
        line = candidate;
      }
    }
    if (line) lines.push(line);
  }
  return lines;
}

function esc(s) {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Rounds to 0.01 and prints without trailing zeros (deterministic, no "-0"). */
function n(v) {
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

function pts(points) {
  return points.map(p => `${n(p.x)},${n(p.y)}`).join(' ');
}

/**
 * Text lines centred on cx; the first baseline at y. halo: a white outline so that labels stay legible on lines.
 */
function textBlock(lines, cx, y, { size = 12, lineHeight = size + 2, anchor = 'middle', fill = INK, halo = false,
  cls = 'label' } = {}) {
  if (!lines.length) return '';
  const attrs = [ `class="${cls}"`, `x="${n(cx)}"`, `y="${n(y)}"`, `font-size="${size}"` ];
  if (anchor !== 'middle') attrs.push(`text-anchor="${anchor}"`);
  attrs.push(`fill="${fill}"`);
  if (halo) attrs.push('stroke="#fff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"');
  const spans = lines.map((line, i) => i === 0
    ? `<tspan x="${n(cx)}">${esc(line)}</tspan>`
    : `<tspan x="${n(cx)}" dy="${n(lineHeight)}">${esc(line)}</tspan>`);
  return `<text ${attrs.join(' ')}>${spans.join('')}</text>`;
}

/** Wrapped text in a box: centred horizontally, from the top of the box (external labels). */
function labelInBounds(text, b, size = 11) {
  const lines = wrap(text, Math.max(b.width, 40), size);
  return textBlock(lines, b.x + b.width / 2, b.y + size, { size, lineHeight: size + 2, halo: true });
}

// ---------------------------------------------------------------------------------------------------------- glyphs

function gear(x, y) {
  // a toothed ring (dashed thick stroke) with a hole
  return `<g class="marker"><circle cx="${n(x)}" cy="${n(y)}" r="5" fill="none" stroke="${INK}" stroke-width="3" ` +
    `stroke-dasharray="2.2 1.73"/><circle cx="${n(x)}" cy="${n(y)}" r="3.6" fill="#fff" stroke="${INK}" ` +
    `stroke-width="1"/><circle cx="${n(x)}" cy="${n(y)}" r="1.4" fill="none" stroke="${INK}" stroke-width="1"/></g>`;
}

function scroll(x, y) {
  // a sheet with a wavy edge and three lines of script
  const d = `M${n(x + 2)},${n(y)} h10 c-3,3 -3,5 0,8 c3,3 3,5 0,8 h-10 c3,-3 3,-5 0,-8 c-3,-3 -3,-5 0,-8 z`;
  const lines = [ 4, 8, 12 ].map(dy => `M${n(x + 3.5)},${n(y + dy)} h6`).join(' ');
  return `<g class="marker"><path d="${d}" fill="#fff" stroke="${INK}" stroke-width="1"/>` +
    `<path d="${lines}" stroke="${INK}" stroke-width="1"/></g>`;
}

function envelope(cx, cy, w, filled) {
  const h = w * 0.68;
  const x = cx - w / 2;
  const y = cy - h / 2;
  const fill = filled ? INK : '#fff';
  const flap = filled ? '#fff' : INK;
  return `<g class="marker"><rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" fill="${fill}" ` +
    `stroke="${INK}" stroke-width="1"/><path d="M${n(x)},${n(y)} L${n(cx)},${n(cy + h * 0.1)} L${n(x + w)},${n(y)}" ` +
    `fill="none" stroke="${flap}" stroke-width="1"/></g>`;
}

function clock(cx, cy, r) {
  const ticks = [];
  for (let i = 0; i < 12; i++) {
    const a = (i * Math.PI) / 6;
    const r1 = r * (i % 3 === 0 ? 0.68 : 0.8);
    ticks.push(`M${n(cx + r1 * Math.sin(a))},${n(cy - r1 * Math.cos(a))} L${n(cx + r * 0.92 * Math.sin(a))},` +
      `${n(cy - r * 0.92 * Math.cos(a))}`);
  }
  return `<g class="marker"><circle cx="${n(cx)}" cy="${n(cy)}" r="${n(r)}" fill="#fff" stroke="${INK}" ` +
    `stroke-width="1.5"/><path d="${ticks.join(' ')}" stroke="${INK}" stroke-width="1"/>` +
    `<path d="M${n(cx)},${n(cy)} L${n(cx)},${n(cy - r * 0.6)} M${n(cx)},${n(cy)} L${n(cx + r * 0.45)},${n(cy + r * 0.1)}" ` +
    `stroke="${INK}" stroke-width="1.5" stroke-linecap="round"/></g>`;
}

function pentagon(cx, cy, r, filled) {
  const points = [];
  for (let i = 0; i < 5; i++) {
    const a = (i * 2 * Math.PI) / 5;
    points.push({ x: cx + r * Math.sin(a), y: cy - r * Math.cos(a) });
  }
  return `<polygon points="${pts(points)}" fill="${filled ? INK : 'none'}" stroke="${INK}" stroke-width="1.2"/>`;
}

// ---------------------------------------------------------------------------------------------------------- shapes

const is = (el, type) => el && typeof el.$instanceOf === 'function' && el.$instanceOf(type);

function eventDefinitionKind(el) {
  const def = (el.eventDefinitions || [])[0];
  if (!def) return null;
  return def.$type.replace(/^bpmn:/, '').replace(/EventDefinition$/, '').toLowerCase();
}

function eventGlyph(kind, cx, cy, r, throwing) {
  switch (kind) {
    case 'timer': return clock(cx, cy, r * 0.62);
    case 'message': return envelope(cx, cy, r * 1.05, throwing);
    case 'signal': {
      const s = r * 0.6;
      return `<polygon points="${pts([ { x: cx, y: cy - s }, { x: cx + s, y: cy + s * 0.7 }, { x: cx - s, y: cy + s * 0.7 } ])}" ` +
        `fill="${throwing ? INK : 'none'}" stroke="${INK}" stroke-width="1"/>`;
    }
    case 'error': {
      const s = r * 0.55;
      return `<path d="M${n(cx - s)},${n(cy + s)} L${n(cx - s * 0.5)},${n(cy - s)} L${n(cx + s * 0.2)},${n(cy)} ` +
        `L${n(cx + s)},${n(cy - s)} L${n(cx + s * 0.5)},${n(cy + s)} L${n(cx - s * 0.2)},${n(cy)} Z" ` +
        `fill="${throwing ? INK : 'none'}" stroke="${INK}" stroke-width="1"/>`;
    }
    case 'terminate':
      return `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(r * 0.6)}" fill="${INK}"/>`;
    case 'escalation': case 'conditional': case 'link': case 'compensate':
      return `<text class="marker" x="${n(cx)}" y="${n(cy + 4)}" font-size="10" fill="${INK}">${esc(kind[0].toUpperCase())}</text>`;
    default: return '';
  }
}

function drawEvent(el, b) {
  const cx = b.x + b.width / 2;
  const cy = b.y + b.height / 2;
  const r = Math.min(b.width, b.height) / 2;
  const kind = eventDefinitionKind(el);
  const out = [];
  const dashed = (is(el, 'bpmn:StartEvent') && el.isInterrupting === false) ||
    (is(el, 'bpmn:BoundaryEvent') && el.cancelActivity === false) ? ' stroke-dasharray="5 3"' : '';
  if (is(el, 'bpmn:EndEvent')) {
    out.push(`<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(r - 2)}" fill="#fff" stroke="${INK}" stroke-width="4"/>`);
  } else if (is(el, 'bpmn:StartEvent')) {
    out.push(`<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(r)}" fill="#fff" stroke="${INK}" stroke-width="1.5"${dashed}/>`);
  } else {
    out.push(`<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(r)}" fill="#fff" stroke="${INK}" stroke-width="1.5"${dashed}/>`);
    out.push(`<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(r - 3)}" fill="none" stroke="${INK}" stroke-width="1.5"${dashed}/>`);
  }
  const throwing = is(el, 'bpmn:EndEvent') || is(el, 'bpmn:IntermediateThrowEvent');
  out.push(eventGlyph(kind, cx, cy, r * 0.75, throwing));
  return out.join('');
}

function drawGateway(el, b, shape) {
  const cx = b.x + b.width / 2;
  const cy = b.y + b.height / 2;
  const hw = b.width / 2;
  const hh = b.height / 2;
  const out = [ `<polygon points="${pts([ { x: cx, y: b.y }, { x: b.x + b.width, y: cy }, { x: cx, y: b.y + b.height },
    { x: b.x, y: cy } ])}" fill="#fff" stroke="${INK}" stroke-width="1.5"/>` ];
  const s = Math.min(hw, hh) * 0.38;
  if (is(el, 'bpmn:ExclusiveGateway')) {
    if (shape.isMarkerVisible !== false) {
      out.push(`<path d="M${n(cx - s)},${n(cy - s)} L${n(cx + s)},${n(cy + s)} M${n(cx + s)},${n(cy - s)} ` +
        `L${n(cx - s)},${n(cy + s)}" stroke="${INK}" stroke-width="3.5" stroke-linecap="round"/>`);
    }
  } else if (is(el, 'bpmn:ParallelGateway')) {
    const p = s * 1.25;
    out.push(`<path d="M${n(cx)},${n(cy - p)} L${n(cx)},${n(cy + p)} M${n(cx - p)},${n(cy)} L${n(cx + p)},${n(cy)}" ` +
      `stroke="${INK}" stroke-width="3.5"/>`);
  } else if (is(el, 'bpmn:InclusiveGateway')) {
    out.push(`<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(s * 1.2)}" fill="none" stroke="${INK}" stroke-width="2.5"/>`);
  } else if (is(el, 'bpmn:EventBasedGateway')) {
    const r = s * 1.45;
    out.push(`<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(r)}" fill="none" stroke="${INK}" stroke-width="1"/>`);
    if (!el.instantiate) {
      out.push(`<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(r - 2.5)}" fill="none" stroke="${INK}" stroke-width="1"/>`);
    }
    out.push(pentagon(cx, cy + 0.8, r * 0.58, false));
  } else if (is(el, 'bpmn:ComplexGateway')) {
    const p = s * 1.2;
    out.push(`<path d="M${n(cx)},${n(cy - p)} L${n(cx)},${n(cy + p)} M${n(cx - p)},${n(cy)} L${n(cx + p)},${n(cy)} ` +
      `M${n(cx - p * 0.7)},${n(cy - p * 0.7)} L${n(cx + p * 0.7)},${n(cy + p * 0.7)} M${n(cx + p * 0.7)},` +
      `${n(cy - p * 0.7)} L${n(cx - p * 0.7)},${n(cy + p * 0.7)}" stroke="${INK}" stroke-width="2.5"/>`);
  }
  return out.join('');
}

function extension(el, type) {
  const values = (el.extensionElements && el.extensionElements.values) || [];
  return values.find(v => v.$type === type);
}

function drawTask(el, b) {
  const out = [ `<rect x="${n(b.x)}" y="${n(b.y)}" width="${n(b.width)}" height="${n(b.height)}" rx="10" ry="10" ` +
    `fill="#fff" stroke="${INK}" stroke-width="1.5"/>` ];
  let marked = false;
  let type = null;
  if (is(el, 'bpmn:ServiceTask') || is(el, 'bpmn:BusinessRuleTask') || is(el, 'bpmn:SendTask')) {
    const def = extension(el, 'zeebe:TaskDefinition');
    type = def && def.type;
  }
  if (is(el, 'bpmn:ServiceTask')) {
    out.push(gear(b.x + 12, b.y + 12));
    marked = true;
  } else if (is(el, 'bpmn:ScriptTask')) {
    out.push(scroll(b.x + 6, b.y + 5));
    marked = true;
  } else if (is(el, 'bpmn:SendTask') || is(el, 'bpmn:ReceiveTask')) {
    out.push(envelope(b.x + 14, b.y + 12, 14, is(el, 'bpmn:SendTask')));
    marked = true;
  } else if (is(el, 'bpmn:UserTask') || is(el, 'bpmn:ManualTask') || is(el, 'bpmn:BusinessRuleTask') ||
    is(el, 'bpmn:CallActivity')) {
    const tag = { 'bpmn:UserTask': 'user', 'bpmn:ManualTask': 'manual', 'bpmn:BusinessRuleTask': 'rule',
      'bpmn:CallActivity': 'call' }[el.$type];
    out.push(textBlock([ tag ], b.x + 6, b.y + 13, { size: 9, anchor: 'start', fill: MUTED, cls: 'marker' }));
    marked = true;
  }
  if (is(el, 'bpmn:CallActivity')) {
    out[0] = out[0].replace('stroke-width="1.5"', 'stroke-width="4"');
  }
  const size = 12;
  const lineHeight = 14;
  const top = b.y + (marked ? 16 : 4);
  const bottom = b.y + b.height - (type ? 14 : 4);
  const lines = wrap(el.name || '', b.width - 10, size);
  const blockHeight = lines.length * lineHeight;
  const firstBaseline = top + Math.max(0, (bottom - top - blockHeight) / 2) + size - 1;
  out.push(textBlock(lines, b.x + b.width / 2, firstBaseline, { size, lineHeight }));
  if (type) {
    let shown = type;
    while (shown.length > 1 && textWidth(shown, 9) > b.width - 10) shown = shown.slice(0, -1);
    if (shown !== type) shown = `${shown.slice(0, -1)}…`;
    out.push(textBlock([ shown ], b.x + b.width / 2, b.y + b.height - 6, { size: 9, fill: MUTED, cls: 'job-type' }));
  }
  if (el.loopCharacteristics) {
    const seq = el.loopCharacteristics.isSequential;
    const x = b.x + b.width / 2;
    const y = b.y + b.height - (type ? 22 : 10);
    out.push(seq
      ? `<path d="M${n(x - 4)},${n(y - 3)} h8 M${n(x - 4)},${n(y)} h8 M${n(x - 4)},${n(y + 3)} h8" stroke="${INK}"/>`
      : `<path d="M${n(x - 3)},${n(y - 4)} v8 M${n(x)},${n(y - 4)} v8 M${n(x + 3)},${n(y - 4)} v8" stroke="${INK}"/>`);
  }
  return out.join('');
}

function drawSubProcess(el, b, shape) {
  const dashed = el.triggeredByEvent ? ' stroke-dasharray="6 4"' : '';
  const out = [ `<rect x="${n(b.x)}" y="${n(b.y)}" width="${n(b.width)}" height="${n(b.height)}" rx="10" ry="10" ` +
    `fill="#fff" stroke="${INK}" stroke-width="1.5"${dashed}/>` ];
  if (shape.isExpanded === false) {
    out.push(textBlock(wrap(el.name || '', b.width - 10, 12), b.x + b.width / 2, b.y + 24, { size: 12 }));
    const x = b.x + b.width / 2;
    const y = b.y + b.height - 10;
    out.push(`<rect x="${n(x - 7)}" y="${n(y - 7)}" width="14" height="14" fill="#fff" stroke="${INK}"/>` +
      `<path d="M${n(x - 4)},${n(y)} h8 M${n(x)},${n(y - 4)} v8" stroke="${INK}"/>`);
  } else {
    out.push(textBlock(wrap(el.name || '', b.width - 20, 12), b.x + 10, b.y + 18,
      { size: 12, anchor: 'start', cls: 'label title' }));
  }
  return out.join('');
}

function drawPool(el, b) {
  const name = el.name || '';
  const cx = b.x + 15;
  const cy = b.y + b.height / 2;
  const header = is(el, 'bpmn:Participant') ? `<path d="M${n(b.x + 30)},${n(b.y)} v${n(b.height)}" stroke="${INK}"/>` : '';
  return `<rect x="${n(b.x)}" y="${n(b.y)}" width="${n(b.width)}" height="${n(b.height)}" fill="#fff" ` +
    `stroke="${INK}" stroke-width="1.5"/>${header}<text class="label" x="${n(cx)}" y="${n(cy)}" font-size="12" ` +
    `fill="${INK}" transform="rotate(-90 ${n(cx)} ${n(cy)})" dominant-baseline="middle">${esc(name)}</text>`;
}

function drawAnnotation(el, b) {
  const lines = wrap(el.text || '', b.width - 10, 11);
  return `<path d="M${n(b.x + 10)},${n(b.y)} h-10 v${n(b.height)} h10" fill="none" stroke="${INK}"/>` +
    textBlock(lines, b.x + 5, b.y + 14, { size: 11, anchor: 'start' });
}

function drawDataObject(el, b) {
  const f = Math.min(10, b.width / 3);
  return `<path d="M${n(b.x)},${n(b.y)} h${n(b.width - f)} l${n(f)},${n(f)} v${n(b.height - f)} h${n(-b.width)} Z" ` +
    `fill="#fff" stroke="${INK}" stroke-width="1.2"/>`;
}

// ---------------------------------------------------------------------------------------------------------- edges

function arrowHead(from, to, filled = true) {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len;
  const uy = dy / len;
  const L = 10;
  const W = 4;
  const bx = to.x - ux * L;
  const by = to.y - uy * L;
  const p = [ to, { x: bx - uy * W, y: by + ux * W }, { x: bx + uy * W, y: by - ux * W } ];
  return `<polygon points="${pts(p)}" fill="${filled ? INK : '#fff'}" stroke="${INK}" stroke-width="1"/>`;
}

/**
 * Where a flow's name goes when the DI has no label bounds: beside the middle of its first segment, below the
 * source's own label (avoid: its box) when the segment goes down through it.
 */
function flowLabelFallback(text, waypoints, avoid) {
  const [ a, b ] = waypoints;
  const size = 11;
  const lineHeight = size + 2;
  const horizontal = Math.abs(b.x - a.x) >= Math.abs(b.y - a.y);
  if (horizontal) {
    const lines = wrap(text, Math.max(60, Math.abs(b.x - a.x) - 10), size);
    const y = Math.min(a.y, b.y) - 6 - (lines.length - 1) * lineHeight;
    return textBlock(lines, (a.x + b.x) / 2, y, { size, halo: true });
  }
  const lines = wrap(text, 110, size);
  let top = (a.y + b.y) / 2 - (lines.length * lineHeight) / 2;
  if (avoid && b.y > a.y && a.x >= avoid.x && a.x <= avoid.x + avoid.width && top < avoid.y + avoid.height + 3) {
    top = avoid.y + avoid.height + 3;
  }
  return textBlock(lines, a.x + 6, top + size - 1, { size, lineHeight, anchor: 'start', halo: true });
}

function drawEdge(el, edge, labelBoxes) {
  const wps = edge.waypoint || [];
  if (wps.length < 2) return { line: '', label: '' };
  const out = [];
  const last = wps[wps.length - 1];
  const beforeLast = wps[wps.length - 2];
  if (is(el, 'bpmn:MessageFlow')) {
    out.push(`<polyline points="${pts(wps)}" fill="none" stroke="${INK}" stroke-width="1.2" stroke-dasharray="6 4"/>`);
    out.push(`<circle cx="${n(wps[0].x)}" cy="${n(wps[0].y)}" r="3" fill="#fff" stroke="${INK}"/>`);
    out.push(arrowHead(beforeLast, last, false));
  } else if (is(el, 'bpmn:Association') || is(el, 'bpmn:DataInputAssociation') ||
    is(el, 'bpmn:DataOutputAssociation')) {
    out.push(`<polyline points="${pts(wps)}" fill="none" stroke="${INK}" stroke-width="1" stroke-dasharray="2 3"/>`);
  } else {
    out.push(`<polyline points="${pts(wps)}" fill="none" stroke="${INK}" stroke-width="1.5" stroke-linejoin="round"/>`);
    out.push(arrowHead(beforeLast, last));
    const source = el.sourceRef;
    const [ a, b ] = wps;
    const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
    const ux = (b.x - a.x) / len;
    const uy = (b.y - a.y) / len;
    if (source && source.default === el && !is(source, 'bpmn:EventBasedGateway')) {
      // default flow: a slash near the source
      const cx = a.x + ux * 10;
      const cy = a.y + uy * 10;
      out.push(`<path d="M${n(cx - uy * 5 - ux * 3)},${n(cy + ux * 5 - uy * 3)} L${n(cx + uy * 5 + ux * 3)},` +
        `${n(cy - ux * 5 + uy * 3)}" stroke="${INK}" stroke-width="1.5"/>`);
    } else if (el.conditionExpression && source && is(source, 'bpmn:Activity')) {
      // conditional flow out of an activity: a small diamond at the source
      const d = [ a, { x: a.x + ux * 8 - uy * 5, y: a.y + uy * 8 + ux * 5 }, { x: a.x + ux * 16, y: a.y + uy * 16 },
        { x: a.x + ux * 8 + uy * 5, y: a.y + uy * 8 - ux * 5 } ];
      out.push(`<polygon points="${pts(d)}" fill="#fff" stroke="${INK}" stroke-width="1"/>`);
    }
  }
  let label = '';
  if (el.name) {
    label = edge.label && edge.label.bounds ? labelInBounds(el.name, edge.label.bounds)
      : flowLabelFallback(el.name, wps, el.sourceRef && labelBoxes.get(el.sourceRef.id));
  }
  return { line: `<g class="flow" data-id="${esc(el.id)}">${out.join('')}</g>`, label };
}

// ---------------------------------------------------------------------------------------------------------- diagram

function extend(box, x, y) {
  box.minX = Math.min(box.minX, x);
  box.minY = Math.min(box.minY, y);
  box.maxX = Math.max(box.maxX, x);
  box.maxY = Math.max(box.maxY, y);
}

function hasExternalLabel(el) {
  return Boolean(el.name) && (is(el, 'bpmn:Event') || is(el, 'bpmn:Gateway') || is(el, 'bpmn:DataObjectReference') ||
    is(el, 'bpmn:DataStoreReference'));
}

/** The box an event's or gateway's name takes: the DI label bounds (or the Modeler's default), as tall as its lines. */
function externalLabel(el, shape) {
  const b = shape.bounds;
  const lb = shape.label && shape.label.bounds
    ? shape.label.bounds
    // the Modeler's default: centred under the shape
    : { x: b.x + b.width / 2 - 45, y: b.y + b.height + 5, width: 90, height: 14 };
  const lines = wrap(el.name, Math.max(lb.width, 40), 11).length;
  return { x: lb.x, y: lb.y, width: lb.width, height: Math.max(lb.height, lines * 13 + 2) };
}

/** Renders one BPMNDiagram into an SVG string. */
function renderDiagram(diagram, sourceName) {
  const plane = diagram.plane;
  const root = plane.bpmnElement;
  const containers = [];
  const edges = [];
  const nodes = [];
  const labels = [];
  const box = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };

  const labelBoxes = new Map();
  for (const di of plane.planeElement || []) {
    if (is(di, 'bpmndi:BPMNShape') && di.bounds && di.bpmnElement && hasExternalLabel(di.bpmnElement)) {
      labelBoxes.set(di.bpmnElement.id, externalLabel(di.bpmnElement, di));
    }
  }

  for (const di of plane.planeElement || []) {
    const el = di.bpmnElement;
    if (!el) continue;
    if (is(di, 'bpmndi:BPMNEdge')) {
      for (const p of di.waypoint || []) extend(box, p.x, p.y);
      const { line, label } = drawEdge(el, di, labelBoxes);
      edges.push(line);
      if (label) {
        labels.push(label);
        const lb = di.label && di.label.bounds;
        if (lb) {
          extend(box, lb.x, lb.y);
          extend(box, lb.x + lb.width, lb.y + lb.height);
        } else {
          const [ a, b ] = di.waypoint;
          extend(box, Math.min(a.x, b.x) - 50, Math.min(a.y, b.y) - 30);
          extend(box, Math.max(a.x, b.x) + 100, Math.max(a.y, b.y) + 20);
        }
      }
      continue;
    }
    if (!is(di, 'bpmndi:BPMNShape') || !di.bounds) continue;
    const b = di.bounds;
    extend(box, b.x, b.y);
    extend(box, b.x + b.width, b.y + b.height);
    const open = `<g class="shape ${esc(el.$type.replace(/^bpmn:/, ''))}" data-id="${esc(el.id)}">`;
    if (is(el, 'bpmn:Participant') || is(el, 'bpmn:Lane')) {
      containers.push(open + drawPool(el, b) + '</g>');
    } else if (is(el, 'bpmn:SubProcess') && di.isExpanded !== false) {
      containers.push(open + drawSubProcess(el, b, di) + '</g>');
    } else if (is(el, 'bpmn:SubProcess')) {
      nodes.push(open + drawSubProcess(el, b, di) + '</g>');
    } else if (is(el, 'bpmn:Event')) {
      nodes.push(open + drawEvent(el, b) + '</g>');
    } else if (is(el, 'bpmn:Gateway')) {
      nodes.push(open + drawGateway(el, b, di) + '</g>');
    } else if (is(el, 'bpmn:Activity')) {
      nodes.push(open + drawTask(el, b) + '</g>');
    } else if (is(el, 'bpmn:TextAnnotation')) {
      nodes.push(open + drawAnnotation(el, b) + '</g>');
    } else if (is(el, 'bpmn:DataObjectReference') || is(el, 'bpmn:DataStoreReference')) {
      nodes.push(open + drawDataObject(el, b) + '</g>');
    } else {
      continue;
    }
    const lb = labelBoxes.get(el.id);
    if (lb) {
      labels.push(labelInBounds(el.name, lb));
      extend(box, lb.x, lb.y);
      extend(box, lb.x + lb.width, lb.y + lb.height);
    }
  }

  if (box.minX === Infinity) throw new Error(`${sourceName}: diagram ${diagram.id} has no shapes`);
  const x0 = Math.floor(box.minX - MARGIN);
  const y0 = Math.floor(box.minY - MARGIN);
  const width = Math.ceil(box.maxX + MARGIN) - x0;
  const height = Math.ceil(box.maxY + MARGIN) - y0;
  const title = root && root.name ? `${root.name} (${root.id})` : (root ? root.id : diagram.id);

  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<!-- Generated from ${esc(sourceName)} by tools/render-pictures.js; do not edit: change the BPMN and run npm run pictures. -->`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${x0} ${y0} ${width} ${height}" ` +
      `font-family="${FONT}" text-anchor="middle" role="img">`,
    `<title>${esc(title)}</title>`,
    `<rect x="${x0}" y="${y0}" width="${width}" height="${height}" fill="#fff"/>`,
    ...containers,
    ...edges,
    ...nodes,
    ...labels,
    '</svg>',
    ''
  ].join('\n');
}

let moddlePromise;
function moddle() {
  // bpmn-moddle 10 is an ES module; import() works from CommonJS on every Node 20
  moddlePromise = moddlePromise || import('bpmn-moddle').then(m => new (m.BpmnModdle || m.default)({ zeebe: zeebeSchema }));
  return moddlePromise;
}

/** Parses BPMN XML; returns [{ id, svg }], one per diagram (id: the process or collaboration the plane shows). */
async function renderXml(xml, sourceName = 'diagram.bpmn') {
  const { rootElement, warnings } = await (await moddle()).fromXML(xml, 'bpmn:Definitions');
  for (const w of warnings || []) process.stderr.write(`warning: ${sourceName}: ${w.message}\n`);
  const diagrams = rootElement.diagrams || [];
  if (!diagrams.length) throw new Error(`${sourceName} has no diagram (BPMNDiagram): save it from Camunda Modeler`);
  return diagrams.map(diagram => {
    const root = diagram.plane && diagram.plane.bpmnElement;
    if (!root) throw new Error(`${sourceName}: diagram ${diagram.id} shows no process`);
    return { id: root.id, svg: renderDiagram(diagram, sourceName) };
  });
}

/** Renders every *.bpmn in dir (sorted); returns Map(fileName -> svg) under pictures/. */
async function renderDir(dir) {
  const files = fs.readdirSync(dir).filter(f => f.endsWith('.bpmn')).sort();
  const pictures = new Map();
  for (const file of files) {
    const rendered = await renderXml(fs.readFileSync(path.join(dir, file), 'utf8'), file);
    for (const { id, svg } of rendered) {
      const name = `${id}.svg`;
      if (pictures.has(name)) throw new Error(`process id ${id} appears twice (${file})`);
      pictures.set(name, { svg, source: file });
    }
  }
  return pictures;
}

/** Returns the problems: pictures missing, differing from their BPMN, or without a journey. */
async function check(dir) {
  const out = path.join(dir, PICTURES);
  const pictures = await renderDir(dir);
  const problems = [];
  for (const [ name, { svg, source } ] of pictures) {
    const file = path.join(out, name);
    if (!fs.existsSync(file)) problems.push(`${PICTURES}/${name} is missing (from ${source})`);
    // a checkout with CRLF line ends (core.autocrlf) is still current
    else if (fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n') !== svg) problems.push(`${PICTURES}/${name} differs from ${source}`);
  }
  const existing = fs.existsSync(out) ? fs.readdirSync(out).filter(f => f.endsWith('.svg')).sort() : [];
  for (const name of existing) {
    if (!pictures.has(name)) problems.push(`${PICTURES}/${name} has no journey (no process with that id)`);
  }
  return problems;
}

/** Writes every picture (and removes pictures whose journey is gone); returns the names written. */
async function write(dir) {
  const out = path.join(dir, PICTURES);
  const pictures = await renderDir(dir);
  fs.mkdirSync(out, { recursive: true });
  for (const name of fs.readdirSync(out).filter(f => f.endsWith('.svg'))) {
    if (!pictures.has(name)) fs.unlinkSync(path.join(out, name));
  }
  for (const [ name, { svg } ] of pictures) fs.writeFileSync(path.join(out, name), svg);
  return [ ...pictures.keys() ];
}

async function main(argv) {
  let dir = path.resolve(__dirname, '..');
  let checkOnly = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--check') checkOnly = true;
    else if (argv[i] === '--dir' && argv[i + 1]) dir = path.resolve(argv[++i]);
    else {
      process.stderr.write('usage: node tools/render-pictures.js [--check] [--dir DIR]\n');
      return 2;
    }
  }
  if (checkOnly) {
    const problems = await check(dir);
    if (problems.length) {
      for (const p of problems) process.stderr.write(`${p}\n`);
      process.stderr.write(`${problems.length} picture(s) out of date: run npm run pictures and commit ${PICTURES}/\n`);
      return 1;
    }
    return 0;
  }
  const written = await write(dir);
  process.stdout.write(`wrote ${written.length} picture(s) to ${path.relative(process.cwd(), path.join(dir, PICTURES)) || '.'}\n`);
  return 0;
}

module.exports = { renderXml, renderDir, check, write, wrap, textWidth };

if (require.main === module) {
  main(process.argv.slice(2)).then(code => { process.exitCode = code; }, err => {
    process.stderr.write(`${err.stack || err}\n`);
    process.exitCode = 1;
  });
}
