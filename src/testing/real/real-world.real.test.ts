/**
 * The real-world failures (src/testing/fixtures/real-world/): each reporter's answers, with the fix the
 * troubleshooter derives from the reporter's log applied, run against real tools like the presets. Windows cases
 * cannot run here (no Windows containers); a docker-autoscaler setup runs its jobs as the Docker executor it drives
 * on each instance. Network names point at the sandbox's stand-ins (`sandboxed`); the fix's own answers are kept.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { restoreAnswers } from '../../core/restore';
import { normalize } from '../../core/rules';
import { applyFix, diagnoseLog } from '../../core/troubleshoot';
import { realSuite, sandboxed, stubNote, type SuiteCase } from './suite';

const DIR = fileURLToPath(new URL('../fixtures/real-world/', import.meta.url));

const cases: SuiteCase[] = [];
for (const file of readdirSync(DIR)
  .filter((f) => f.endsWith('.log'))
  .sort()) {
  const id = file.replace(/\.log$/, '');
  const restored = restoreAnswers({ kind: 'file', raw: readFileSync(join(DIR, `${id}.answers.json`), 'utf8') });
  if (!restored.ok) throw new Error(`${id}: answers refused (${restored.error.code})`);
  const cause = diagnoseLog(readFileSync(join(DIR, file), 'utf8')).diagnoses.find((d) => !d.causedBy);
  if (!cause) throw new Error(`${id}: nothing recognised`);
  const fixed = applyFix(normalize(restored.answers), cause);
  if (fixed.os === 'windows') continue;
  const a = sandboxed({ ...fixed, executor: fixed.executor === 'docker-autoscaler' ? 'docker' : fixed.executor });
  const note = stubNote(a);
  cases.push({
    id,
    answers: a,
    name: `${id}: the fix for ${cause.id} (${a.executor} / ${a.method})${note ? ` (${note})` : ''}`,
    expect: 'pass',
  });
}

realSuite(`real tools: the fixed setups of ${cases.length} real-world failures`, cases);
