/**
 * Lint on the user's own lines: the detectors of the CI side (`CI_DETECTORS`, ci-detectors.ts) and of the runner
 * side (`RUNNER_DETECTORS`, runner-detectors.ts) say where each cause is in the user's files; this module gives each
 * position the texts of its catalog so that a finding reads the same as for generated files:
 * - a `FINDING_RULES` id (findings.ts): its severity, title, reason (a reason that depends on the plan is worded
 *   for `makePlan(answers)`) and fix (`fix(answers)` with `fixLabel`);
 * - a troubleshooter failure id (`FAILURE_IDS`, e.g. `dind-tls-port-mismatch`): severity `high`, the failure's
 *   title and cause, and its fix (`fixPatch`, with the failure's fix label);
 * - a lint-only id of a detector module's `LINT_ONLY_RULES` (`folded-command-split`, `local-dockerfile-is-file`):
 *   its own severity, title and reason, no fix patch;
 * plus the readers' problems (parse, schema, unknown keys, masked secrets) at their lines; their notes stay in
 * `ImportedSetup.problems` (not findings).
 * Findings are deduplicated on (id, file, line) and sorted by severity, then file, then line.
 */
import type { Answers } from '../answers';
import { FINDING_RULES, SEVERITY_ORDER, type Severity } from '../findings';
import { msg, type Msg } from '../i18n';
import { makePlan, type Plan } from '../plan';
import { failureById, fixPatch } from '../troubleshoot';
import { CI_DETECTORS, LINT_ONLY_RULES, type LintOnlyRule } from './ci-detectors';
import { RUNNER_DETECTORS } from './runner-detectors';
import type { Detector, ImportedSetup, LintFinding, ReadProblem, SourcePos } from './types';

/** Titles of the readers' problems, by kind. */
const PROBLEM_TITLES: Readonly<Record<ReadProblem['kind'], Msg>> = {
  parse: msg('The file does not parse', 'ファイルを解析できません'),
  schema: msg('Not valid for the tool that reads it', '読み込むツールの仕様に合いません'),
  'unknown-key': msg('Unknown key', '不明なキー'),
  secret: msg('A secret in the file', 'ファイル内のシークレット'),
  note: msg('Note', '注記'),
};

/** The detector tables of both sides (finding id -> detector), in the order they run. */
const DETECTOR_TABLES: readonly Readonly<Record<string, Detector>>[] = [CI_DETECTORS, RUNNER_DETECTORS];
/** The lint-only rules of the detector modules (the first table that names an id wins). */
const LINT_ONLY_TABLES: readonly (readonly LintOnlyRule[])[] = [LINT_ONLY_RULES];

function lintOnlyRules(): Map<string, LintOnlyRule> {
  const out = new Map<string, LintOnlyRule>();
  for (const table of LINT_ONLY_TABLES) for (const rule of table) if (!out.has(rule.id)) out.set(rule.id, rule);
  return out;
}

/** Runs one detector; a detector that throws on a malformed setup finds nothing (the readers report the file). */
function run(detector: Detector, s: ImportedSetup): SourcePos[] {
  try {
    return detector(s);
  } catch {
    return [];
  }
}

/** The catalog texts of one finding id placed at `pos`, or null for an id no catalog knows. */
function catalogFinding(
  id: string,
  pos: SourcePos,
  answers: Answers,
  plan: () => Plan,
  lintOnly: ReadonlyMap<string, LintOnlyRule>,
): LintFinding | null {
  const rule = FINDING_RULES.find((r) => r.id === id);
  if (rule) {
    return {
      id,
      severity: rule.severity,
      pos,
      title: rule.title,
      reason: typeof rule.reason === 'function' ? rule.reason(plan()) : rule.reason,
      fix: {
        label: typeof rule.fixLabel === 'function' ? rule.fixLabel(answers) : rule.fixLabel,
        patch: rule.fix(answers),
      },
    };
  }
  const failure = failureById(id);
  if (failure) {
    let patch: Partial<Answers>;
    try {
      patch = fixPatch(answers, failure.id);
    } catch {
      patch = {};
    }
    return {
      id,
      severity: 'high',
      pos,
      title: failure.title,
      reason: failure.cause,
      fix: { label: failure.fix.label, patch },
    };
  }
  const own = lintOnly.get(id);
  if (own) return { id, severity: own.severity, pos, title: own.title, reason: own.reason, fix: null };
  return null;
}

const rank = (s: Severity): number => SEVERITY_ORDER.indexOf(s);

/**
 * Findings of the user's files: every detector of both sides plus the readers' problems, with the catalogs' texts
 * and fixes for `answers` (the inferred answers, normalized). Deduplicated on (id, file, line); sorted by severity
 * (critical first), then file, then line. Pure; a detector that throws contributes nothing.
 */
export function lintSetup(s: ImportedSetup, answers: Answers): LintFinding[] {
  let planned: Plan | null = null;
  const plan = (): Plan => (planned ??= makePlan(answers));
  const lintOnly = lintOnlyRules();
  const out: LintFinding[] = [];
  const seen = new Set<string>();
  const push = (f: LintFinding) => {
    const key = `${f.id}\u0000${f.pos.file}\u0000${f.pos.line}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(f);
  };
  const detectors = DETECTOR_TABLES.flatMap((t) => Object.entries(t));
  for (const [id, detector] of detectors)
    for (const pos of run(detector, s)) {
      const f = catalogFinding(id, pos, answers, plan, lintOnly);
      if (f) push(f);
    }
  // Notes (an include left unresolved, a file not read) are not findings: the setup's problems keep them.
  for (const p of s.problems)
    if (p.kind !== 'note')
      push({
        id: p.kind,
        severity: p.severity,
        pos: p.pos,
        title: PROBLEM_TITLES[p.kind],
        reason: p.message,
        fix: null,
      });
  return out.sort(
    (a, b) =>
      rank(a.severity) - rank(b.severity) ||
      (a.pos.file < b.pos.file ? -1 : a.pos.file > b.pos.file ? 1 : 0) ||
      a.pos.line - b.pos.line ||
      (a.pos.column ?? 0) - (b.pos.column ?? 0) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}
