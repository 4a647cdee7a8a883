/**
 * The troubleshooter's data types: the failure ids of failures.md (section A), a failure of the catalog with its
 * texts, log recognisers and fix, and what recognition and fixing return.
 *
 * Types only (plus FAILURE_IDS): every other troubleshoot module imports this one, and it imports none of them.
 */
import type { Answers } from '../answers';
import type { Msg } from '../i18n';

/** The failure ids of failures.md, in its order (its numbers are the positions plus one); FAILURES follows it. */
export const FAILURE_IDS = [
  'dind-tls-port-mismatch',
  'dind-not-privileged',
  'socket-permission-denied',
  'no-daemon-reachable',
  'docker29-client-too-old',
  'dockerhub-rate-limit',
  'dind-hostname-unresolved',
  'private-ca-x509',
  'socket-plus-dind-conflict',
  'protected-var-empty-login',
  'push-access-denied',
  'k8s-dind-certs-race',
  'k8s-service-args-and-healthcheck',
  'buildx-cache-export-docker-driver',
  'buildx-tls-context',
  'multiplatform-no-emulation',
  'cache-never-hits',
  'dind-startup-healthcheck',
  'buildkit-rootless-share-mount',
  'buildkit-rootless-hang',
  'kaniko-deprecated',
  'kaniko-legacy-pitfalls',
  'buildah-unprivileged',
  'dind-mtu-hang',
  'dind-overlay-vfs',
  'dind-proxy',
  'per-build-network-dns',
  'compose-v1-missing',
  'docker-auth-config',
  'dependency-proxy-auth',
  'windows-pipe-binding',
  'autoscaler-docker-unreachable',
  'windows-unsupported-host-version',
  'windows-linux-volume',
  'k8s-pod-security-rejected',
  'k8s-node-arch-mismatch',
  'rootless-no-subuid',
  'dind-push-blob-unknown',
  'buildx-attestation-blob-unknown',
  'dind-iptables-backend',
  'registry-plain-http',
  'short-name-no-tty',
  'build-oom-killed',
] as const;
/** One failure id of failures.md section A (`dind-tls-port-mismatch` is #1). */
export type FailureId = (typeof FAILURE_IDS)[number];

/** Values read from the matched log line (named groups), e.g. the registry `host` of an x509 error. */
export type Facts = Record<string, string>;

/** How one message of a failure is found in a log. */
export interface Recogniser {
  /** Lowercase literals; a line holding none of them is not tested (the cheap pre-filter). */
  kw: readonly string[];
  /** Tested on each cleaned line. Named groups become facts. */
  re: RegExp;
  /** Extra facts read from the matched line. */
  facts?: RegExp;
  /** A line that also matches this belongs to another failure. */
  unless?: RegExp;
  /** The log must also hold this somewhere (for messages that alone say too little). */
  context?: RegExp;
  /** The log must not hold this anywhere. */
  unlessContext?: RegExp;
  /**
   * Facts read from the first line of the whole log that matches (named groups), when this recogniser matched: e.g.
   * the service image a `Starting service` line names, for a failure recognised on a later line.
   */
  logFacts?: RegExp;
}

/** One answer to a fix question: the answer changes it makes. */
export interface FixOption {
  id: string;
  label: Msg;
  patch: (a: Answers, facts: Facts) => Partial<Answers>;
  /** Whether the option applies to these answers (default: always). */
  available?: (a: Answers) => boolean;
}

/** A choice the user makes when applying a fix (e.g. which builder replaces Kaniko). */
export interface FixQuestion {
  id: string;
  text: Msg;
  options: readonly FixOption[];
  /** The option taken when no choice is given. */
  recommended: (a: Answers) => string;
}

/** How a failure is fixed: a patch of the answers, questions whose options are patches, or both. */
export interface FailureFix {
  /** What applying the fix changes in the answers. */
  label: Msg;
  /** Applied first. */
  patch?: (a: Answers, facts: Facts) => Partial<Answers>;
  /** Choices the user makes; each chosen option's patch is applied after `patch`, in order. */
  questions?: readonly FixQuestion[];
  /** What to do outside the generated files (GitLab settings, the runner host, the cluster). */
  outside?: Msg;
}

/** One failure of failures.md (section A): its texts (en/ja), sources, log recognisers and fix. */
export interface Failure {
  id: FailureId;
  /** Its number in failures.md. */
  n: number;
  title: Msg;
  cause: Msg;
  /** How to fix it, in words (the generated files carry it once the fix is applied). */
  fixText: Msg;
  fix: FailureFix;
  /** The threads and docs failures.md cites for it. */
  sources: readonly string[];
  recognisers: readonly Recogniser[];
  /** Failures whose messages this one causes in the same log (a dind that never started leaves "no such host"). */
  explains?: readonly FailureId[];
  /**
   * Whether a setup, given by its normalized answers, still has this failure's cause, with the facts read from the
   * log (e.g. a dind release inside a daemon regression's range, a Linux path in a Windows volume list). After a
   * fix it tells "the regenerated files already avoid it" from "they still hold it" (`fixOutcome`). Without it, the
   * failure's cause is taken to be gone from any setup its fix leaves unchanged (the fix lies outside the files).
   */
  holds?: (a: Answers, facts: Facts) => boolean;
  /**
   * What the facts read from the log say of this case, in words (e.g. the alias GitLab gave a service image copied
   * into a company registry), or null when they say nothing more than the cause. Shown by the app and the CLI.
   */
  note?: (facts: Facts) => Msg | null;
}

/** One matched line of a log. */
export interface LineMatch {
  /** 1-based line number in the log as given. */
  line: number;
  /** The cleaned line. */
  text: string;
}

/** A failure recognised in a log, with the lines that show it. */
export interface Diagnosis {
  id: FailureId;
  /** Line numbers (1-based) of the matched lines, at most MAX_MATCHES. */
  lines: number[];
  /** The first matched line, cleaned. */
  excerpt: string;
  matches: LineMatch[];
  /** How many lines matched in all. */
  count: number;
  /** Values read from the matched lines (the first value of each name wins). */
  facts: Facts;
  /** Another failure in the same log that explains this one's messages (listed after it). */
  causedBy?: FailureId;
}

/** What reading a log gives: the diagnoses (causes first) and how much of the log was read. */
export interface DiagnoseResult {
  diagnoses: Diagnosis[];
  /** The log was longer than MAX_LOG_CHARS: only its end was read. */
  truncated: boolean;
  /** Lines read. */
  lines: number;
}

/** Choices for a failure's questions: question id -> option id. Missing questions take the recommended option. */
export type FixChoices = Record<string, string>;

/** A check to make when no known failure is recognised in a log. */
export interface GenericCheck {
  title: Msg;
  /** A command or setting to try, when there is one. */
  command?: string;
}
