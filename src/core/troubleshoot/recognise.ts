/**
 * Recognition: the failures of FAILURES (catalog.ts) that a GitLab job log shows, with the matched lines.
 *
 * ANSI colours, GitLab section markers and runner timestamps are removed from each line (`cleanLine`). One linear
 * pass over the lines; each line is first checked against cheap lowercase keywords (the index below, built from the
 * catalog here rather than beside it so that the catalog imports nothing of recognition), and only lines holding a
 * keyword meet the regexes (which have no nested quantifiers). Logs longer than `MAX_LOG_CHARS` are read from their
 * end (errors are at the end; GitLab itself cuts logs at 4 MiB by default), and lines are matched on their first
 * `MAX_LINE_CHARS` characters. Matched lines have their secrets redacted (`secrets.ts`), and facts that look like
 * secrets are dropped.
 */
import { redactSecrets, secretKind } from '../secrets';
import { FAILURES } from './catalog';
import type { DiagnoseResult, Diagnosis, Facts, Failure, FailureId, Recogniser } from './types';

/** Logs longer than this are read from their end (GitLab cuts job logs at 4 MiB by default). */
export const MAX_LOG_CHARS = 5 * 1024 * 1024;
/** Each line is matched on its first characters only (a minified blob on one line stays cheap). */
export const MAX_LINE_CHARS = 8192;
/** Matched lines kept per failure (the count of all matches is kept). */
export const MAX_MATCHES = 20;

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]{0,32}[ -/]{0,4}[@-~]|\x1b\][^\x07\x1b]{0,512}(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;
const SECTION = /section_(?:start|end):\d{1,20}:[A-Za-z0-9_.-]{1,200}(?:\[[^\]\r\n]{0,200}\])?\r?/g;
/** GitLab's own prefix (`2026-11-20T10:11:12.123456Z 01O `, `01E+` for continuations) or a plain ISO timestamp. */
const TIMESTAMP = /^(?:\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)? (?:\d{2}[OE]\+? ?)?)+/;

/** One log line as a reader sees it: no colours, section markers, runner timestamp or carriage returns. */
export function cleanLine(raw: string): string {
  let s = raw.length > MAX_LINE_CHARS ? raw.slice(0, MAX_LINE_CHARS) : raw;
  if (s.includes('\x1b')) s = s.replace(ANSI, '');
  if (s.includes('section_')) s = s.replace(SECTION, '');
  if (s.endsWith('\r')) s = s.slice(0, -1);
  if (s.includes('\r')) s = s.replace(/\r+/g, ' ');
  s = s.replace(TIMESTAMP, '');
  return s.trimEnd();
}

interface Candidate {
  failure: Failure;
  recogniser: Recogniser;
  line: number;
  text: string;
  groups: Facts;
}

const KEYWORDS: { kw: string; index: number }[] = [];
const RECOGNISERS: { failure: Failure; recogniser: Recogniser }[] = [];
for (const failure of FAILURES)
  for (const recogniser of failure.recognisers) {
    const index = RECOGNISERS.length;
    RECOGNISERS.push({ failure, recogniser });
    for (const kw of recogniser.kw) KEYWORDS.push({ kw, index });
  }

function groupsOf(m: RegExpExecArray | null): Facts {
  const out: Facts = {};
  if (m?.groups) for (const [k, v] of Object.entries(m.groups)) if (v !== undefined) out[k] = v;
  return out;
}

/**
 * Every failure of FAILURES that the log shows (a whole job log or an excerpt, LF, CRLF or CR lines): causes first,
 * then the failures they explain, each group by first matched line, then in catalog order. Line numbers are those
 * of the log as given (1-based), also when only its last MAX_LOG_CHARS characters were read. Never throws.
 */
export function diagnoseLog(log: string): DiagnoseResult {
  let text = log;
  let lineOffset = 0;
  let truncated = false;
  if (text.length > MAX_LOG_CHARS) {
    truncated = true;
    let start = text.length - MAX_LOG_CHARS;
    const nl = text.indexOf('\n', start);
    start = nl === -1 ? start : nl + 1;
    for (let i = text.indexOf('\n'); i !== -1 && i < start; i = text.indexOf('\n', i + 1)) lineOffset++;
    text = text.slice(start);
  }
  // Old Mac-style logs end lines with a lone CR: read them as lines.
  const newline = text.includes('\n') || !text.includes('\r') ? '\n' : '\r';
  const candidates: Candidate[] = [];
  const hit = new Set<number>();
  let lineNo = 0;
  let pos = 0;
  while (pos <= text.length) {
    const end = text.indexOf(newline, pos);
    const raw = text.slice(pos, end === -1 ? text.length : end);
    pos = end === -1 ? text.length + 1 : end + 1;
    lineNo++;
    if (raw.length === 0) continue;
    const line = cleanLine(raw);
    if (line.length === 0) continue;
    const lower = line.toLowerCase();
    hit.clear();
    for (const k of KEYWORDS) if (!hit.has(k.index) && lower.includes(k.kw)) hit.add(k.index);
    for (const index of hit) {
      const { failure, recogniser } = RECOGNISERS[index] as (typeof RECOGNISERS)[number];
      const m = recogniser.re.exec(line);
      if (!m) continue;
      if (recogniser.unless?.test(line)) continue;
      const groups = groupsOf(m);
      if (recogniser.facts) Object.assign(groups, { ...groupsOf(recogniser.facts.exec(line)), ...groups });
      candidates.push({ failure, recogniser, line: lineOffset + lineNo, text: redactSecrets(line.trim()), groups });
    }
  }
  // Log-wide conditions, evaluated once per recogniser that matched.
  const contextOk = new Map<Recogniser, boolean>();
  const holds = (r: Recogniser): boolean => {
    let ok = contextOk.get(r);
    if (ok === undefined) {
      ok = (!r.context || r.context.test(text)) && (!r.unlessContext || !r.unlessContext.test(text));
      contextOk.set(r, ok);
    }
    return ok;
  };
  // Facts read from the whole log, once per recogniser that matched.
  const logFacts = new Map<Recogniser, Facts>();
  const logFactsOf = (r: Recogniser): Facts => {
    let f = logFacts.get(r);
    if (f === undefined) {
      f = r.logFacts ? groupsOf(r.logFacts.exec(text)) : {};
      logFacts.set(r, f);
    }
    return f;
  };
  const byId = new Map<FailureId, Diagnosis>();
  for (const c of candidates) {
    if (!holds(c.recogniser)) continue;
    if (c.recogniser.logFacts) c.groups = { ...logFactsOf(c.recogniser), ...c.groups };
    let d = byId.get(c.failure.id);
    if (!d) {
      d = { id: c.failure.id, lines: [], excerpt: c.text, matches: [], count: 0, facts: {} };
      byId.set(c.failure.id, d);
    }
    if (d.lines.includes(c.line)) continue;
    d.count++;
    if (d.matches.length < MAX_MATCHES) {
      d.matches.push({ line: c.line, text: c.text });
      d.lines.push(c.line);
    }
    for (const [k, v] of Object.entries(c.groups)) if (!(k in d.facts) && secretKind(v) === null) d.facts[k] = v;
  }
  for (const d of byId.values()) {
    const cause = FAILURES.find((f) => f.id !== d.id && byId.has(f.id) && f.explains?.includes(d.id));
    if (cause) d.causedBy = cause.id;
  }
  // Causes first, then their consequences; each group in the order of the first matched line.
  const order = new Map(FAILURES.map((f, i) => [f.id, i]));
  const diagnoses = [...byId.values()].sort(
    (x, y) =>
      Number(x.causedBy !== undefined) - Number(y.causedBy !== undefined) ||
      (x.lines[0] ?? 0) - (y.lines[0] ?? 0) ||
      (order.get(x.id) ?? 0) - (order.get(y.id) ?? 0),
  );
  return { diagnoses, truncated, lines: lineNo };
}

/** Every failure the log shows (see diagnoseLog). */
export function diagnose(log: string): Diagnosis[] {
  return diagnoseLog(log).diagnoses;
}
