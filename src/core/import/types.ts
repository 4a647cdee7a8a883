/**
 * Bring your own config: the shapes shared by the readers of a user's existing files, the linter that places the
 * findings on the user's own lines, the inference of the answers that describe the setup, and the fix that edits
 * the user's documents. Types only: every import module imports this one, and it imports no import module.
 *
 * Files are read as the real tools read them: `.gitlab-ci.yml` as YAML 1.1 like GitLab (anchors and merge keys,
 * `extends`, `!reference`, `default`, hidden jobs; `include:` named and left unresolved), `config.toml` and the Helm
 * chart's `runners.config` as gitlab-runner does, `daemon.json` as dockerd does, `buildkitd.toml` as buildkitd does.
 * Nothing leaves the browser; secrets found in the files are reported masked and never stored or put in a link.
 */
import type { Answers } from '../answers';
import type { Severity } from '../findings';
import type { Msg } from '../i18n';
import type { KeyPath } from '../render/line-index';

/** What a file is, decided by its name first and its content second (`detectKind`). */
export type ImportKind = 'gitlab-ci' | 'config-toml' | 'helm-values' | 'daemon-json' | 'buildkitd-toml';

/** A file as the user gave it: its name (or path) and its text. */
export interface InputFile {
  path: string;
  content: string;
}

/** A place in a user's file: the file's path as given, 1-based line, optional 1-based columns (end exclusive). */
export interface SourcePos {
  file: string;
  line: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
}

/** A value read from a user's file, with the place it was read from. */
export interface Located<T> {
  value: T;
  pos: SourcePos;
}

/**
 * A problem found while reading, before any finding: the file does not parse, breaks GitLab's CI schema, or holds
 * a key its tool does not know (gitlab-runner, dockerd and buildkitd key sets), or a note (an `include:` left
 * unresolved, a masked secret). `message` names the problem and the place in both languages.
 */
export interface ReadProblem {
  kind: 'parse' | 'schema' | 'unknown-key' | 'secret' | 'note';
  severity: Severity;
  pos: SourcePos;
  message: Msg;
}

/** A service of a job (after `extends`, `default:` and `!reference` are resolved), or of the runner's config. */
export interface CiService {
  name: string;
  /** `alias` split on commas and spaces; empty when the job gives none (GitLab then derives two from the name). */
  alias: string[];
  command: string[];
  entrypoint: string[];
  variables: Record<string, Located<string>>;
  pos: SourcePos;
}

/** The build tool a job's script runs, when it builds an image. */
export type BuildTool = 'docker' | 'buildx' | 'buildctl' | 'buildah' | 'podman' | 'kaniko';

/** One shell command of a job as it runs: its words (quotes removed, variables left as written) and its line. */
export interface CiCommand {
  section: 'before_script' | 'script' | 'after_script';
  words: string[];
  /** The script item's text as GitLab passes it to the shell (a folded or literal block is one item). */
  text: string;
  pos: SourcePos;
  /** The job, hidden job or `default:` whose script this line comes from (after `extends` / `!reference`). */
  origin: string;
}

/** One job of `.gitlab-ci.yml` with `extends`, `default:`, anchors and `!reference` resolved as GitLab does. */
export interface CiJob {
  name: string;
  /** The line of the job's key. */
  pos: SourcePos;
  /** Hidden jobs (name starting with `.`) are templates: read for `extends`, never run. */
  hidden: boolean;
  stage: string | null;
  image: (Located<string> & { entrypoint: string[] | null }) | null;
  services: CiService[];
  /** The job's own variables after `extends` (the file's global `variables:` are in `ImportedCi.variables`). */
  variables: Record<string, Located<string>>;
  commands: CiCommand[];
  tags: Located<string>[];
  /** The tool of the first build command, or null when the job does not build an image. */
  build: BuildTool | null;
  /** The job's keys as resolved data (for what the typed fields do not carry: rules, cache, artifacts...). */
  data: Record<string, unknown>;
}

/** `.gitlab-ci.yml` read as GitLab reads it. */
export interface ImportedCi {
  path: string;
  jobs: CiJob[];
  variables: Record<string, Located<string>>;
  stages: Located<string>[];
  /** Each `include:` entry as written (local, project, remote, template, component): named, never fetched. */
  includes: Located<string>[];
  /** The line of a key path of the document as written (before `extends`), e.g. `['build', 'services', 0]`. */
  lineOf(path: KeyPath): SourcePos | null;
}

/** A runner's configuration: `config.toml`, or a Helm `values.yaml` whose `runners.config` holds the same TOML. */
export interface ImportedRunner {
  path: string;
  kind: 'config-toml' | 'helm-values';
  /** The parsed TOML (for Helm, of `runners.config`). */
  toml: Record<string, unknown>;
  /** The parsed values.yaml (null for config.toml). */
  helm: Record<string, unknown> | null;
  /**
   * The user's line of a key path of the TOML (`['runners', 0, 'docker', 'privileged']`); for Helm the line inside
   * the `runners.config` block scalar, counted in values.yaml. Paths starting with `'$helm'` address values.yaml
   * itself (`['$helm', 'rbac', 'create']`).
   */
  lineOf(path: KeyPath): SourcePos | null;
}

/** `daemon.json` or `buildkitd.toml`: its parsed data and the line of a key path. */
export interface ImportedDaemonConfig {
  path: string;
  data: Record<string, unknown>;
  lineOf(path: KeyPath): SourcePos | null;
}

/** Everything read from the user's files. Absent files are null; unknown files are listed with `kind: null`. */
export interface ImportedSetup {
  files: (InputFile & { kind: ImportKind | null })[];
  ci: ImportedCi | null;
  runner: ImportedRunner | null;
  daemonJson: ImportedDaemonConfig | null;
  buildkitd: ImportedDaemonConfig | null;
  problems: ReadProblem[];
}

/**
 * Finds where one finding of the catalog (`FINDING_RULES` in findings.ts, same id) holds in the user's files.
 * Reads the files only, never inferred answers: each position returned is a line that has the finding's cause.
 */
export type Detector = (s: ImportedSetup) => SourcePos[];

/** What the reader of one side (CI or runner) infers: answers, the line each was read from, and what has no answer. */
export interface Inference {
  answers: Partial<Answers>;
  evidence: Partial<Record<keyof Answers, SourcePos>>;
  /** Jobs and settings kept as they are: outside image building, or without an answer that says them. */
  unmapped: { pos: SourcePos; what: Msg }[];
}

/** A finding placed on a user's line: catalog findings (same id, severity, texts and fix as for generated files). */
export interface LintFinding {
  /** A `FINDING_RULES` id, or the reader's problem kind (`parse`, `schema`, `unknown-key`, `secret`). */
  id: string;
  severity: Severity;
  pos: SourcePos;
  title: Msg;
  reason: Msg;
  /** The answers change that removes it, applied to the inferred answers; null for reader problems. */
  fix: { label: Msg; patch: Partial<Answers> } | null;
}

/** What importing a set of files gives. */
export interface ImportResult {
  setup: ImportedSetup;
  /** The answers that best describe the files (defaults where the files say nothing), normalized. */
  answers: Answers;
  evidence: Partial<Record<keyof Answers, SourcePos>>;
  unmapped: { pos: SourcePos; what: Msg }[];
  /** Sorted by severity, then file and line. */
  findings: LintFinding[];
  /** The names of the jobs that build images (the ones the fix replaces). */
  buildJobs: string[];
}
