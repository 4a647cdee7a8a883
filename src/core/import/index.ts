/**
 * Bring your own config, the entry point: which kind each file is (`detectKind`), reading them as their tools do
 * (`readFiles`: the CI reader of ci.ts, the runner and daemon readers of runner.ts), and importing them
 * (`importFiles`: the setup, the inferred answers with their evidence and what they do not map, the findings on the
 * user's lines, and the build jobs the fix replaces). Zip archives are unpacked by the app and the CLI (fflate)
 * before they get here. Pure: runs in the browser and in Node.
 */
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
  return sniffKind(content);
}

function sniffKind(content: string): ImportKind | null {
  const text = content.replace(/^\uFEFF/, '');
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) return DAEMON_JSON_KEYS.test(text) ? 'daemon-json' : null;
  if (/^\s*\[\[runners\]\]/m.test(text) || /^\s*concurrent\s*=\s*\d+/m.test(text)) return 'config-toml';
  if (/^\s*\[(?:registry\.|worker\.(?:oci|containerd)\b|grpc\b|history\b|dns\b)/m.test(text)) return 'buildkitd-toml';
  if (HELM_RUNNERS.test(text) && (/^\s+config:\s*[|>]/m.test(text) || /^gitlabUrl:/m.test(text))) return 'helm-values';
  if (
    /^(?:stages|include|workflow|default|variables|image|services|before_script):/m.test(text) &&
    /^\s+(?:script|stage|image|extends):/m.test(text)
  )
    return 'gitlab-ci';
  if (/^[^\s#][^:\n]*:[ \t]*\n(?:[ \t]+.*\n)*?[ \t]+script:/m.test(text)) return 'gitlab-ci';
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
