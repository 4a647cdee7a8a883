/**
 * The troubleshooter: recognises the failures of failures.md (section A) in a pasted GitLab job log, explains them,
 * and repairs the answers so that the generated files no longer have the cause. The public API, imported by the
 * app's troubleshooter page (loaded on demand, as its own chunk), the CLI (`generate --diagnose`) and the tests.
 *
 * - `FAILURES` (catalog.ts, from the area files of failures/): one entry per failure id of failures.md, with its
 *   texts (en/ja), sources, log recognisers and fix.
 * - `diagnose(log)` / `diagnoseLog(log)` (recognise.ts): every failure the log shows, with the matched lines.
 * - `applyFix(answers, failure, choices)` (fix.ts): the answers with the fix applied, normalized.
 * - `genericChecks(tool)` (generic-checks.ts): what to look at when nothing is recognised, for the build tool.
 * - `readLogSetup(log)`, `setupMismatch(answers, setup)` (log-setup.ts): the tool and executor a log comes from, and a
 *   note when the answers describe another setup.
 *
 * Pure: no DOM, no Node.
 */
export { FAILURES, failureById } from './catalog';
export { applyFix, changedAnswers, fixOutcome, fixPatch, questionsFor, type FixOutcome } from './fix';
export { GENERIC_CHECKS, genericChecks, type CheckTool } from './generic-checks';
export { answersTool, readLogSetup, setupMismatch, type LogSetup, type LogTool } from './log-setup';
export { MAX_LINE_CHARS, MAX_LOG_CHARS, MAX_MATCHES, cleanLine, diagnose, diagnoseLog } from './recognise';
export {
  FAILURE_IDS,
  type DiagnoseResult,
  type Diagnosis,
  type Facts,
  type Failure,
  type FailureFix,
  type FailureId,
  type FixChoices,
  type FixOption,
  type FixQuestion,
  type GenericCheck,
  type LineMatch,
  type Recogniser,
} from './types';
