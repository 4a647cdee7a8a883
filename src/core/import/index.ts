/**
 * Bring your own config, the entry point: which kind each file is (`detectKind`), reading them as their tools do
 * (`readFiles`: the CI reader of ci.ts, the runner and daemon readers of runner.ts), and importing them
 * (`importFiles`: the setup, the inferred answers with their evidence and what they do not map, the findings on the
 * user's lines, and the build jobs the fix replaces). Zip archives are unpacked by the app and the CLI (fflate)
 * before they get here. Pure: runs in the browser and in Node.
 */
import { parseAllDocuments } from 'yaml';
import { defaultAnswers, type Answers } from '../answers';
import { msg } from '../i18n';
import { normalize } from '../rules';
import { readGitlabCi } from './ci';
import { inferAnswers, isBuildJob } from './infer';
import { lintSetup } from './lint';
import { readBuildkitdToml, readDaemonJson, readRunnerConfig } from './runner';
import type { ImportKind, ImportResult, ImportedSetup, InputFile, ReadProblem } from './types';

export { inferAnswers } from './infer';
export { lintSetup } from './lint';
export type * from './types';

/** The file name of a path given with `/` or `\` separators. */
const baseName = (path: string): string => path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);

/** A Helm values file with the runner chart's `runners:` key at the top level. */
const HELM_RUNNERS = /^runners:[ \t]*(?:#.*)?$/m;
/** Keys only daemon.json has (dockerd's configuration file). */
const DAEMON_JSON_KEYS =
  /"(?:registry-mirrors|insecure-registries|storage-driver|log-driver|log-opts|data-root|live-restore|default-address-pools|bip|mtu|dns|features|builder|exec-opts|iptables|userns-remap|max-concurrent-downloads|debug|hosts|tls|tlsverify)"\s*:/;

/**
 * What a file is: by its name first (`.gitlab-ci.yml`, `*.gitlab-ci.yml`, `.gitlab-ci.yaml`, `config.toml`,
 * `values.yaml` / `values*.yaml` holding `runners:`, `daemon.json`, `buildkitd.toml`), then by its content for other
 * names (a `[[runners]]` table, BuildKit's `[registry."…"]` / `[worker.oci]` tables, dockerd's keys, GitLab CI's
 * top-level keywords or a job with `script:`). Null when neither says.
 */
export function detectKind(path: string, content: string): ImportKind | null {
  const name = baseName(path).toLowerCase();
  if (/^(?:.*\.)?gitlab-ci\.ya?ml$|^\.gitlab-ci\.ya?ml$/.test(name)) return 'gitlab-ci';
  if (name === 'config.toml') return 'config-toml';
  if (name === 'buildkitd.toml') return 'buildkitd-toml';
  if (name === 'daemon.json') return 'daemon-json';
  if (/^values.*\.ya?ml$/.test(name) && HELM_RUNNERS.test(content)) return 'helm-values';
  return sniffKind(name, content);
}

/** GitLab CI's top-level keywords (a job is any other key whose value is a map). */
const CI_GLOBALS = new Set(['stages', 'include', 'workflow', 'default', 'variables', 'spec', 'image', 'services']);
/** Keys that make a map a job. */
const JOB_KEYS = ['script', 'run', 'trigger', 'extends', 'stage'];

/** The top-level maps of every YAML document of `text` (a CI component is `spec:`, `---`, then its jobs). */
function yamlMaps(text: string): Record<string, unknown>[] {
  try {
    return parseAllDocuments(text, { version: '1.1', uniqueKeys: false, prettyErrors: false })
      .flatMap((d) => ('contents' in d ? [d.toJS({ maxAliasCount: 100 }) as unknown] : []))
      .filter((v): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v));
  } catch {
    return []; // not YAML, or an alias bomb: not a file of a YAML kind
  }
}

/**
 * The kind of a file whose name does not say it, from its content read by the real parsers' rules (no regular
 * expression over the whole text that could backtrack): JSON with dockerd's keys; TOML tables of the runner or of
 * buildkitd (never for a `.yml`/`.yaml` name: a CI heredoc or Helm's `runners.config` holds TOML too); YAML whose top
 * level is the Helm chart's `runners:` with `config` or `gitlabUrl`, or GitLab CI's keywords or a job.
 */
function sniffKind(name: string, content: string): ImportKind | null {
  const text = content.replace(/^\uFEFF/, '');
  if (text.trimStart().startsWith('{')) return DAEMON_JSON_KEYS.test(text) ? 'daemon-json' : null;
  const yamlName = /\.ya?ml$/.test(name);
  if (!yamlName) {
    const lines = text.split('\n').map((l) => l.trim());
    if (lines.some((l) => l.startsWith('[[runners]]') || /^concurrent\s*=\s*\d+$/.test(l))) return 'config-toml';
    if (lines.some((l) => /^\[(?:registry\.|worker\.(?:oci|containerd)\]|grpc\]|history\]|dns\])/.test(l)))
      return 'buildkitd-toml';
    if (/\.toml$/.test(name)) return null;
  }
  for (const top of yamlMaps(text)) {
    const runners = top.runners;
    if (runners && typeof runners === 'object' && ('config' in runners || 'gitlabUrl' in top)) return 'helm-values';
    const keys = Object.keys(top);
    const job = keys.some((k) => {
      const v = top[k];
      return !CI_GLOBALS.has(k) && v !== null && typeof v === 'object' && JOB_KEYS.some((j) => j in v);
    });
    if (job || (keys.some((k) => CI_GLOBALS.has(k)) && keys.some((k) => k.startsWith('.')))) return 'gitlab-ci';
  }
  return null;
}

/** A note at line 1 of a file that was not read (a second file of a kind, or a file of no known kind). */
const skipped = (file: InputFile, kind: ImportKind | null): ReadProblem => ({
  kind: 'note',
  severity: 'info',
  pos: { file: file.path, line: 1 },
  message:
    kind === null
      ? msg(
          `${file.path} is not a file this tool reads (.gitlab-ci.yml, config.toml, Helm values.yaml, daemon.json, buildkitd.toml): not read.`,
          `${file.path}はこのツールが読むファイル（.gitlab-ci.yml、config.toml、Helmのvalues.yaml、daemon.json、buildkitd.toml）ではないため、読み込みません。`,
        )
      : msg(
          `${file.path} is a second ${kind} file: only the first one given is read.`,
          `${file.path}は2つ目の${kind}ファイルです。最初に渡されたものだけを読みます。`,
        ),
});

/**
 * Reads the files as their tools do: each file's kind (`detectKind`), then the reader of that kind. One file of
 * each kind is read (config.toml and values.yaml are both the runner's: the first one counts); a second one, or a
 * file of no known kind, is listed with a note. Problems of every reader are collected in `problems`.
 */
export function readFiles(files: InputFile[]): ImportedSetup {
  const setup: ImportedSetup = { files: [], ci: null, runner: null, daemonJson: null, buildkitd: null, problems: [] };
  const taken = new Set<string>();
  for (const file of files) {
    const kind = detectKind(file.path, file.content);
    setup.files.push({ ...file, kind });
    const slot = kind === 'helm-values' ? 'config-toml' : kind;
    if (kind === null || taken.has(slot ?? '')) {
      setup.problems.push(skipped(file, kind));
      continue;
    }
    taken.add(slot ?? '');
    switch (kind) {
      case 'gitlab-ci': {
        const { ci, problems } = readGitlabCi(file);
        setup.ci = ci;
        setup.problems.push(...problems);
        break;
      }
      case 'config-toml':
      case 'helm-values': {
        const { runner, problems } = readRunnerConfig(file, kind);
        setup.runner = runner;
        setup.problems.push(...problems);
        break;
      }
      case 'daemon-json': {
        const { config, problems } = readDaemonJson(file);
        setup.daemonJson = config;
        setup.problems.push(...problems);
        break;
      }
      case 'buildkitd-toml': {
        const { config, problems } = readBuildkitdToml(file);
        setup.buildkitd = config;
        setup.problems.push(...problems);
        break;
      }
    }
  }
  return setup;
}

/**
 * Imports a set of files: reads them (`readFiles`), infers the answers that best describe them (`inferAnswers`,
 * normalized, defaults where the files say nothing), lints them on their own lines with the catalogs' texts and
 * fixes for those answers (`lintSetup`), and names the jobs that build images (the ones the fix replaces).
 */
export function importFiles(files: InputFile[]): ImportResult {
  const setup = readFiles(files);
  const inference = inferAnswers(setup);
  const answers: Answers = normalize({ ...defaultAnswers(), ...inference.answers });
  return {
    setup,
    answers,
    evidence: inference.evidence,
    unmapped: inference.unmapped,
    findings: lintSetup(setup, answers),
    buildJobs: setup.ci ? setup.ci.jobs.filter(isBuildJob).map((j) => j.name) : [],
  };
}
