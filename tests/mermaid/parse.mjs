// Parses Mermaid diagrams with Mermaid's own parser and describes what it read.
// stdin: a JSON list of {"name": ..., "text": ...}; stdout: a JSON list with, for each, the
// parse error or the diagram's type, configuration and parts (a flowchart's nodes, edges,
// subgraphs and class definitions; a Gantt chart's title, sections, tasks and links; a pie
// chart's title and slices), each
// label also as the text and the number of HTML elements a browser makes of it. Exits 1, naming each diagram that failed, if any did not parse.
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

// Mermaid's sanitizer (DOMPurify) needs a DOM; it looks for `window` when it is loaded.
const { window } = new JSDOM('');
globalThis.window = window;
globalThis.document = window.document;
const mermaid = (await import('mermaid')).default;
// "loose" keeps click handlers and links that "strict" would drop, so that a label that
// adds one is seen here, whatever a reader's renderer is set to.
mermaid.initialize({ startOnLoad: false, securityLevel: 'loose' });

// Mermaid marks entity codes with these characters while parsing and turns the drawn
// diagram's text back into HTML character references; a browser then reads it as HTML.
function asHtml(text) {
  const decoded = String(text ?? '')
    .replace(/ﬂ°°/g, '&#')
    .replace(/ﬂ°/g, '&')
    .replace(/¶ß/g, ';');
  const div = document.createElement('div');
  div.innerHTML = decoded;
  return { text: div.textContent, elements: div.querySelectorAll('*').length };
}

function label(text, labelType) {
  return { ...asHtml(text), raw: text ?? null, type: labelType ?? null };
}

function describeFlowchart(db) {
  return {
    direction: db.getDirection() ?? null,
    nodes: [...db.getVertices().values()].map((v) => ({
      id: v.id,
      label: label(v.text, v.labelType),
      link: v.link ?? null,
      callback: Boolean(v.haveCallback),
      tooltip: db.getTooltip(v.id) ?? null,
      classes: v.classes ?? [],
      styles: v.styles ?? [],
    })),
    edges: db.getEdges().map((e) => ({
      start: e.start,
      end: e.end,
      label: e.text ? label(e.text, e.labelType) : null,
    })),
    subgraphs: db.getSubGraphs().map((s) => ({
      id: s.id,
      title: label(s.title, s.labelType),
      nodes: s.nodes,
    })),
    classDefs: [...db.getClasses().keys()],
  };
}

function describeGantt(db) {
  const day = (moment) => moment.toISOString().slice(0, 10);
  return {
    title: label(db.getDiagramTitle()),
    sections: db.getSections().map((s) => label(s)),
    tasks: db.getTasks().map((t) => ({
      id: t.id,
      label: label(t.task),
      section: label(t.section),
      start: day(t.startTime),
      end: day(t.endTime),
      classes: t.classes ?? [],
    })),
    links: [...db.getLinks().entries()],
  };
}

function describePie(db) {
  return {
    title: label(db.getDiagramTitle()),
    showData: db.getShowData(),
    slices: [...db.getSections().entries()].map(([text, value]) => ({ label: label(text), value })),
  };
}

const DESCRIBE = { 'flowchart-v2': describeFlowchart, gantt: describeGantt, pie: describePie };

async function describe({ name, text }) {
  try {
    const { diagramType, config } = await mermaid.parse(text);
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const details = DESCRIBE[diagramType]?.(diagram.db) ?? {};
    return { name, error: null, type: diagramType, config, ...details };
  } catch (err) {
    return { name, error: String(err?.message ?? err) };
  }
}

const blocks = JSON.parse(readFileSync(0, 'utf8'));
const results = [];
for (const block of blocks) {
  results.push(await describe(block));
}
process.stdout.write(JSON.stringify(results));
const failed = results.filter((r) => r.error !== null);
for (const r of failed) {
  process.stderr.write(`mermaid could not parse ${r.name}:\n${r.error}\n`);
}
process.exitCode = failed.length ? 1 : 0;
