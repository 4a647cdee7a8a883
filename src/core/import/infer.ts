/**
 * Inference: the answers (src/core/answers.ts) that best describe a user's imported files (`ImportedSetup`), the
 * line each answer was read from, and what no answer says (jobs and settings kept as they are).
 *
 * Two steps:
 * 1. Reading. Each answer the files show is read from its line: the build method from the build jobs' tools, their
 *    services and the runner's volumes; the executor and OS from config.toml / values.yaml (or what the CI file
 *    implies); the dind connection, MTU, mirrors and insecure registries from DOCKER_HOST / DOCKER_TLS_CERTDIR and
 *    the daemon's flags or daemon.json / buildkitd.toml; the versions from the image tags; the target image, tags,
 *    Dockerfile, build arguments, secrets, platforms, cache and attestations from the build command's options; the
 *    registry logins (CI/CD variable NAMES only, never a value); proxies; the runner tags; the gates (hadolint,
 *    Trivy, cosign). Each of these is the inverse of what the method modules (src/core/methods/*) and the
 *    generators write for the answer, and keeps its line in `evidence`.
 * 2. Fitting. Answers no line decides (an enumerated or yes/no answer whose effect is spread over several lines,
 *    e.g. `otherBranches` or `cacheProtectedWrite`) are chosen so that the files regenerated from the answers are
 *    the closest to the user's (fewest differing lines), by coordinate descent from the read answers: an answer
 *    changes only when the regenerated files get strictly closer, and answers with evidence are never changed. For
 *    files the generator wrote, the regenerated files are then the same byte for byte (roundtrip.test.ts).
 *
 * The answers are normalized (`normalize` in rules.ts) at the end: `Inference.answers` holds every answer.
 */
import {
  AnswersSchema,
  CACHE_EXPORT_MODES,
  CLOUDS,
  DEFAULT_ANSWERS,
  DIND_IPTABLES_BACKENDS,
  OTHER_BRANCHES,
  PLATFORMS,
  WINDOWS_VERSIONS,
  defaultAnswers,
  type Answers,
  type AuthMethod,
  type Method,
} from '../answers';
import { generateGitlabCi } from '../generators/gitlab-ci.generator';
import {
  generateBuildkitdToml,
  generateConfigToml,
  generateDaemonJson,
  generateHelmValues,
} from '../generators/runner.generators';
import { msg, type Lang, type Msg } from '../i18n';
import { makePlan } from '../plan';
import { isRelevant, normalize, OPTIONS, whyNot } from '../rules';
import { secretKind } from '../secrets';
import type {
  BuildTool,
  CiCommand,
  CiJob,
  CiService,
  ImportKind,
  ImportedSetup,
  Inference,
  Located,
  SourcePos,
} from './types';
import * as v from 'valibot';

type Evidence = Inference['evidence'];
type Unmapped = Inference['unmapped'];

/** A TOML/YAML table read from a parsed document (anything that is not a plain object reads as empty). */
type Table = Record<string, unknown>;
const isTable = (x: unknown): x is Table => typeof x === 'object' && x !== null && !Array.isArray(x);
const tableAt = (x: unknown, key: string): Table => {
  const t = isTable(x) ? x[key] : undefined;
  return isTable(t) ? t : {};
};
const arrayAt = (x: unknown, key: string): unknown[] => {
  const t = isTable(x) ? x[key] : undefined;
  return Array.isArray(t) ? t : [];
};
const stringAt = (x: unknown, key: string): string | null => {
  const t = isTable(x) ? x[key] : undefined;
  return typeof t === 'string' ? t : null;
};

/** Whether one answer's value passes its schema (answers.ts): values read from files are checked before use. */
function validAnswer<K extends keyof Answers>(key: K, value: Answers[K]): boolean {
  const schema = AnswersSchema.entries[key] as v.GenericSchema;
  return v.safeParse(schema, value).success;
}

/** The answers being read, with their evidence and the notes of what no answer says. */
class Reading {
  readonly answers: Partial<Answers> = {};
  readonly evidence = new Map<keyof Answers, SourcePos>();
  readonly unmapped: Unmapped = [];
  /** Answers read from a line that still leave room for the fitting (a tag that another answer also writes). */
  readonly weak = new Set<keyof Answers>();
  /** NO_PROXY as written (job variables or the runner's environment), read by `finishNoProxy`. */
  rawNoProxy: Located<string> | null = null;
  /** The build job that logs in nowhere (no login command, no auths written, no DOCKER_AUTH_CONFIG). */
  noLogin: SourcePos | null = null;

  /**
   * Records an answer read at `pos` (the first reading wins unless `override`). A value its schema refuses (a name
   * that looks like a secret, a malformed version) is not taken: it becomes an unmapped note at its line.
   */
  set<K extends keyof Answers>(key: K, value: Answers[K], pos: SourcePos | null, override = false, weak = false): void {
    if (key in this.answers && !override) return;
    if (!validAnswer(key, value)) {
      if (pos)
        this.note(
          pos,
          msg(
            `The value read for "${key}" here cannot be an answer (it is refused by the answer's syntax); the default is kept.`,
            `ここで読んだ「${key}」の値は回答にできません（回答の書式に合いません）。既定値のままにします。`,
          ),
        );
      return;
    }
    this.answers[key] = value;
    if (pos) this.evidence.set(key, pos);
    else this.evidence.delete(key);
    if (weak) this.weak.add(key);
    else this.weak.delete(key);
  }

  /** Records an answer the fitting may still change (see `weak`). */
  setWeak<K extends keyof Answers>(key: K, value: Answers[K], pos: SourcePos | null): void {
    this.set(key, value, pos, false, true);
  }

  has(key: keyof Answers): boolean {
    return key in this.answers;
  }

  note(pos: SourcePos, what: Msg): void {
    if (this.unmapped.some((u) => samePos(u.pos, pos) && u.what.en === what.en)) return;
    this.unmapped.push({ pos, what });
  }
}

const samePos = (a: SourcePos, b: SourcePos): boolean => a.file === b.file && a.line === b.line;

// ---------------------------------------------------------------------------------------------------------------
// Images

/** The tools whose images the inference recognises, with the repository path that names them. */
const TOOL_REPOS: readonly { tool: 'docker' | 'buildkit' | 'buildah' | 'podman' | 'kaniko'; path: RegExp }[] = [
  { tool: 'buildkit', path: /(?:^|\/)moby\/buildkit$/ },
  { tool: 'buildah', path: /(?:^|\/)buildah\/(?:stable|buildah|upstream)$/ },
  { tool: 'podman', path: /(?:^|\/)podman\/(?:stable|podman|upstream)$/ },
  { tool: 'kaniko', path: /(?:^|\/)kaniko-project\/executor$|(?:^|\/)kaniko(?:\/executor)?$/ },
  { tool: 'docker', path: /(?:^|\/)(?:library\/)?docker$/ },
];

/** An image reference split: repository (without tag or digest), tag ('' when none), the tool and its prefix. */
export interface ImageRef {
  repository: string;
  tag: string;
  digest: string;
  tool: (typeof TOOL_REPOS)[number]['tool'] | null;
  /** What comes before the tool's own path (`registry.example.com/mirror` of `…/mirror/docker:29-dind`), or ''. */
  prefix: string;
}

/** Splits an image reference (`[host[:port]/]path[:tag][@digest]`) and names the tool it is an image of. */
export function parseImage(ref: string): ImageRef {
  let rest = ref.trim();
  let digest = '';
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  const tag = colon > slash ? rest.slice(colon + 1) : '';
  const repository = colon > slash ? rest.slice(0, colon) : rest;
  for (const { tool, path } of TOOL_REPOS) {
    const m = path.exec(repository);
    if (!m) continue;
    let prefix = repository.slice(0, m.index);
    // A tool's own registry is not a prefix (quay.io/buildah/stable, gcr.io/kaniko-project/executor, docker.io/x).
    if (/^(?:quay\.io|gcr\.io|docker\.io|index\.docker\.io|registry-1\.docker\.io)$/.test(prefix)) prefix = '';
    return { repository, tag, digest, tool, prefix };
  }
  return { repository, tag, digest, tool: null, prefix: '' };
}

/** The version at the start of an image tag (`29.6.2` of `29.6.2-dind`, `v0.31.2` of `v0.31.2-rootless`), or null. */
export function tagVersion(tag: string, withV: boolean): string | null {
  const m = /^(v?)(\d{1,3}(?:\.\d{1,3}){0,2})(?:$|[-_])/.exec(tag);
  if (!m) return null;
  return withV ? `${m[1] === '' ? 'v' : ''}${m[1] ?? ''}${m[2] ?? ''}` : (m[2] ?? null);
}

// ---------------------------------------------------------------------------------------------------------------
// Commands

/** Values of an option in a command's words: `--name value`, `--name=value`, and short aliases (`-t value`). */
function optionValues(words: readonly string[], names: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    for (const name of names) {
      if (w === name && i + 1 < words.length) out.push(words[i + 1] ?? '');
      else if (name.startsWith('--') && w.startsWith(`${name}=`)) out.push(w.slice(name.length + 1));
    }
  }
  return out;
}
const hasFlag = (words: readonly string[], name: string): boolean =>
  words.some((w) => w === name || w.startsWith(`${name}=`));

/** The build tool a command runs (`docker build`, `docker buildx build`, `buildctl build`, ...), or null. */
function commandTool(words: readonly string[]): BuildTool | null {
  const [first = '', second = '', third = ''] = words;
  const bin = first.slice(first.lastIndexOf('/') + 1);
  if (bin === 'docker' && second === 'buildx' && (third === 'build' || third === 'b')) return 'buildx';
  if (bin === 'docker' && (second === 'build' || second === 'image') && words.includes('build')) return 'docker';
  if ((bin === 'buildctl' || bin === 'buildctl-daemonless.sh') && second === 'build') return 'buildctl';
  if ((bin === 'buildah' && (second === 'build' || second === 'bud')) || (bin === 'buildah' && second === 'push'))
    return second === 'push' ? null : 'buildah';
  if (bin === 'podman' && second === 'build') return 'podman';
  if (bin === 'executor' || first === '/kaniko/executor') return 'kaniko';
  return null;
}

/** The login commands of a job: the tool, the registry ('' for Docker Hub) and the variable names. */
interface LoginCommand {
  registry: string;
  userVar: string | null;
  passwordVar: string | null;
  stdin: boolean;
  pos: SourcePos;
}

/** `$NAME` / `${NAME}` / `"$NAME"` as a variable name, or null. */
const varName = (word: string): string | null => /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(word)?.[1] ?? null;

function loginOf(c: CiCommand): LoginCommand | null {
  const words = c.words;
  const loginAt = words.findIndex(
    (w, i) => w === 'login' && /(?:^|\/)(?:docker|buildah|podman|skopeo|crane)$/.test(words[i - 1] ?? ''),
  );
  if (loginAt < 0) return null;
  const args = words.slice(loginAt + 1);
  const user = optionValues(args, ['--username', '-u'])[0] ?? null;
  const password = optionValues(args, ['--password', '-p'])[0] ?? null;
  const stdin = hasFlag(args, '--password-stdin');
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const w = args[i] ?? '';
    if (w === '--username' || w === '-u' || w === '--password' || w === '-p') i++;
    else if (!w.startsWith('-')) positional.push(w);
  }
  // `echo "$X" | docker login`: the password's variable is the echoed one.
  const echoed =
    /^\s*(?:(?:echo|printf\s+'%s\\?n?')\s+)?"?\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?"?\s*\|/.exec(c.text)?.[1] ?? null;
  return {
    registry: positional[0] ?? '',
    userVar: user ? varName(user) : null,
    passwordVar: password ? varName(password) : stdin ? echoed : null,
    stdin,
    pos: c.pos,
  };
}

const isGitlabRegistry = (registry: string): boolean => /^\$\{?CI_REGISTRY\}?$/.test(registry);
const isDockerHub = (registry: string): boolean =>
  registry === '' || /^(?:https?:\/\/)?(?:index\.|registry-1\.)?docker\.io(?:\/v1\/?)?$/.test(registry);

// ---------------------------------------------------------------------------------------------------------------
// The CI side

/** The variables a job sees: the file's `variables:`, then the job's own (which win). */
function jobVariables(ci: NonNullable<ImportedSetup['ci']>, job: CiJob): Record<string, Located<string>> {
  return { ...ci.variables, ...job.variables };
}

const isDindService = (s: CiService): boolean => {
  const img = parseImage(s.name);
  return img.tool === 'docker' && (/dind/.test(img.tag) || s.alias.includes('docker') || s.command.length > 0);
};
const isBuildkitService = (s: CiService): boolean => parseImage(s.name).tool === 'buildkit';

/** Flags of a daemon's command line (`--mtu=1450`, `--registry-mirror URL`), as `name -> [values]`. */
function daemonFlags(words: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    if (!w.startsWith('--')) continue;
    const eq = w.indexOf('=');
    const name = eq > 0 ? w.slice(0, eq) : w;
    let value = eq > 0 ? w.slice(eq + 1) : '';
    if (eq < 0 && i + 1 < words.length && !(words[i + 1] ?? '').startsWith('-')) value = words[++i] ?? '';
    out.set(name, [...(out.get(name) ?? []), value]);
  }
  return out;
}

/** Jobs the generated pipelines add around the build, recognised by what they run. */
type SideJob = 'lint' | 'scan' | 'sign' | 'promote' | 'manifest' | 'test' | 'tags' | 'binfmt';

function sideJobKind(job: CiJob): SideJob | null {
  const image = job.image ? parseImage(job.image.value) : null;
  const text = job.commands.map((c) => c.text).join('\n');
  if (image && /hadolint/.test(image.repository)) return 'lint';
  if (/\bhadolint\b/.test(text)) return 'lint';
  if ((image && /trivy/.test(image.repository)) || /\btrivy\s+image\b/.test(text)) return 'scan';
  if (/\bcosign\s+sign\b/.test(text)) return 'sign';
  if (
    /\b(?:crane|skopeo)\s+copy\b|\bregctl\s+image\s+copy\b|imagetools\s+create\b.*--tag/.test(text) &&
    /promot/i.test(job.name)
  )
    return 'promote';
  if (/\bmanifest\s+(?:create|push)\b|imagetools\s+create\b/.test(text)) return 'manifest';
  if (/\bdocker(?:-|\s+)compose\b/.test(text)) return 'test';
  if (/binfmt|qemu-user-static/.test(text)) return 'binfmt';
  if (/IMAGE_TAGS|image-tags/.test(job.name) || /^\s*(?:export\s+)?IMAGE_TAGS=/m.test(text)) return 'tags';
  return null;
}

/**
 * Whether a job builds an image: a job that runs (not hidden) whose script runs a build tool (the reader's `build`,
 * or a build command this module recognises).
 */
export function isBuildJob(job: CiJob): boolean {
  return !job.hidden && (job.build !== null || job.commands.some((c) => commandTool(c.words) !== null));
}

/** PowerShell's `${env:NAME}` and `$env:NAME` written as `$NAME` (the form answers use). */
const shVars = (text: string): string =>
  text.replace(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g, '$$$1').replace(/\$env:([A-Za-z_][A-Za-z0-9_]*)/g, '$$$1');

/** A job with its commands' words and text in `$NAME` form (PowerShell jobs of Windows runners). */
const withShVars = (job: CiJob): CiJob => ({
  ...job,
  commands: job.commands.map((c) => ({ ...c, words: c.words.map(shVars), text: shVars(c.text) })),
});

function readCi(s: ImportedSetup, r: Reading): { buildJobs: CiJob[] } {
  const ci = s.ci;
  if (!ci) return { buildJobs: [] };
  const jobs = ci.jobs.filter((j) => !j.hidden).map(withShVars);
  const buildJobs = jobs.filter(isBuildJob);
  const job = buildJobs[0] ?? null;

  // Jobs outside image building are kept as they are.
  for (const j of jobs) {
    if (buildJobs.includes(j)) continue;
    const side = sideJobKind(j);
    if (side) continue;
    r.note(
      j.pos,
      msg(
        `Job "${j.name}" does not build an image: it is kept as it is.`,
        `ジョブ「${j.name}」はイメージをビルドしないため、そのまま残します。`,
      ),
    );
  }
  for (const inc of ci.includes)
    if (/(?:^|\/)Container-Scanning\.gitlab-ci\.yml$/.test(inc.value.replace(/^template:\s*/, '')))
      r.set('scan', 'gitlab', inc.pos);
  for (const inc of ci.includes)
    r.note(
      inc.pos,
      msg(
        `include: ${inc.value} is not read (never fetched): jobs and variables it adds are not part of the inference.`,
        `include: ${inc.value} は読み込みません（取得しません）。それが追加するジョブや変数は推定に含まれません。`,
      ),
    );

  readTags(ci, jobs, buildJobs, r);
  readSideJobs(jobs, r);
  if (!job) return { buildJobs };
  const vars = jobVariables(ci, job);
  readMethod(s, job, vars, r);
  readBuildCommand(job, buildJobs, r);
  readDaemonSide(job, vars, r);
  readAuth(job, vars, r);
  readProxy(vars, r, 'job');
  for (const [name, value] of Object.entries(vars)) {
    if (name === 'DOCKER_DRIVER' && value.value === 'overlay2') r.set('overlay2', 'job', value.pos);
    if (name === 'DOCKER_IPTABLES_LEGACY')
      r.set('dindIptables', value.value === '1' ? 'legacy' : 'nftables', value.pos);
  }
  return { buildJobs };
}

/** Runner tags and what they imply: GitLab.com's hosted runner tags (`saas-linux-*`) mean gitlab-hosted. */
function readTags(ci: NonNullable<ImportedSetup['ci']>, jobs: CiJob[], buildJobs: CiJob[], r: Reading): void {
  const job = buildJobs[0] ?? jobs[0];
  if (!job) return;
  const hosted = job.tags.find((t) => /^saas-(?:linux|macos|windows)-/.test(t.value));
  if (hosted) {
    r.set('runnerKind', 'gitlab-hosted', hosted.pos);
    return;
  }
  if (job.tags.length > 0) {
    const first = job.tags[0];
    // Native multi-arch jobs add the architecture tag (archTagAmd64 / archTagArm64) after the runner tags.
    const native = buildJobs.length > 1 && buildJobs.every((j) => j.tags.length === job.tags.length);
    const tags = job.tags.map((t) => t.value);
    if (native) {
      const archTag = tags[tags.length - 1] ?? '';
      const others = buildJobs.map((j) => j.tags[j.tags.length - 1]?.value ?? '');
      const shared = tags.slice(0, -1);
      if (others.length === 2 && others[0] !== others[1]) {
        r.set('archTagAmd64', archTag, job.tags[job.tags.length - 1]?.pos ?? null);
        const arm = buildJobs[1]?.tags[buildJobs[1].tags.length - 1];
        if (arm) r.set('archTagArm64', arm.value, arm.pos);
        r.set('runnerTags', shared, first?.pos ?? null);
        return;
      }
    }
    r.set('runnerTags', tags, first?.pos ?? null);
  } else if (buildJobs.length > 0) {
    r.set('runnerTags', [], job.pos);
  }
  void ci;
}

/**
 * True when the CI file shows everything its jobs get: no `include:` and no `extends` / `!reference` target that the
 * reader could not find (those may bring a dind service or DOCKER_HOST the file does not show).
 */
function fullyRead(s: ImportedSetup): boolean {
  const ci = s.ci;
  if (!ci || ci.includes.length > 0) return false;
  return !s.problems.some(
    (p) =>
      p.pos.file === ci.path && (p.kind === 'note' || p.kind === 'schema') && /extends|!reference/.test(p.message.en),
  );
}

/** The build method, executor hints and versions from the build job's tool, images and services. */
function readMethod(s: ImportedSetup, job: CiJob, vars: Record<string, Located<string>>, r: Reading): void {
  const buildCmd = job.commands.find((c) => commandTool(c.words) !== null);
  const tool = job.build ?? (buildCmd ? commandTool(buildCmd.words) : null);
  const image = job.image ? parseImage(job.image.value) : null;
  const imagePos = job.image?.pos ?? null;
  const toolPos = buildCmd?.pos ?? job.pos;
  const setPrefix = (img: ImageRef, pos: SourcePos | null) => {
    if (img.prefix === '') return;
    if (/^\$\{?CI_DEPENDENCY_PROXY_(?:GROUP_IMAGE_PREFIX|DIRECT_GROUP_IMAGE_PREFIX)\}?$/.test(img.prefix))
      r.set('dependencyProxy', true, pos);
    else r.set('toolImagePrefix', img.prefix, pos);
  };
  if (image) setPrefix(image, imagePos);

  const method = (m: Method, pos: SourcePos | null) => r.set('method', m, pos);
  switch (tool) {
    case 'kaniko':
      method('buildkit-rootless', toolPos);
      r.set('fromKaniko', true, imagePos ?? toolPos);
      r.note(
        imagePos ?? toolPos,
        msg(
          'Kaniko has no answer of its own (it is unmaintained): the answers describe its replacement, rootless BuildKit (the Kaniko migration).',
          'Kanikoに対応する回答はありません（メンテナンス終了）。代わりにルートレスBuildKit（Kanikoからの移行）として回答を推定します。',
        ),
      );
      break;
    case 'buildctl': {
      const daemonless =
        job.commands.some((c) => /\bbuildctl-daemonless\.sh\b/.test(c.text)) || vars.BUILDKITD_FLAGS !== undefined;
      const rootlessImage = image?.tool === 'buildkit' && /rootless/.test(image.tag);
      const service = job.services.find(isBuildkitService);
      if (daemonless || (rootlessImage && !service)) method('buildkit-rootless', toolPos);
      else method('buildctl', service?.pos ?? toolPos);
      const bk = image?.tool === 'buildkit' ? image : service ? parseImage(service.name) : null;
      const version = bk ? tagVersion(bk.tag, true) : null;
      if (version) r.set('buildkitVersion', version, imagePos ?? service?.pos ?? null);
      if (service) setPrefix(parseImage(service.name), service.pos);
      break;
    }
    case 'buildah':
    case 'podman': {
      method(tool, toolPos);
      const version = image && image.tool === tool ? tagVersion(image.tag, true) : null;
      if (version) r.set(tool === 'buildah' ? 'buildahVersion' : 'podmanVersion', version, imagePos);
      break;
    }
    case 'docker':
    case 'buildx': {
      r.set('buildx', tool === 'buildx', toolPos);
      const dind = job.services.find(isDindService);
      const host = vars.DOCKER_HOST;
      if (image?.tool === 'docker') {
        const version = tagVersion(image.tag, false);
        if (version) r.set('dockerVersion', version, imagePos);
        const win = /windowsservercore-(ltsc\d{4})/.exec(image.tag)?.[1];
        if (win) {
          r.set('os', 'windows', imagePos);
          if ((WINDOWS_VERSIONS as readonly string[]).includes(win))
            r.set('windowsVersion', win as Answers['windowsVersion'], imagePos);
        }
      }
      if (dind) {
        method('dind', dind.pos);
        const img = parseImage(dind.name);
        const version = tagVersion(img.tag, false);
        if (version) r.set('dockerVersion', version, dind.pos);
        setPrefix(img, dind.pos);
      } else if (host && /^unix:\/\/\/var\/run\/docker\.sock$/.test(host.value)) {
        method('socket', host.pos);
      } else if (host && /^npipe:/.test(host.value)) {
        method('pipe', host.pos);
      } else if (!host && !s.runner && s.ci && fullyRead(s)) {
        // No daemon service, no DOCKER_HOST, and nothing the file leaves unread: the Docker CLI talks to
        // /var/run/docker.sock, which only a runner that mounts the host's socket provides (socket binding).
        method('socket', toolPos);
      }
      // Otherwise the daemon is the runner's (its socket, a service it defines) or comes from an include or a template
      // the file does not show: the runner file, when given, decides; else the default.
      break;
    }
    default:
      break;
  }
  void s;
}

/** The image references a build command names (`--tag`, buildctl's `name=`, Kaniko's `--destination`). */
function refsOf(words: readonly string[]): { refs: string[]; push: boolean } {
  const tool = commandTool(words);
  if (tool === 'buildctl') {
    let refs: string[] = [];
    let push = false;
    for (const out of optionValues(words, ['--output', '-o'])) {
      // `name="a,b"` holds a comma list of names inside the comma list of fields.
      const quoted = /(?:^|,)name=\\?"([^"\\]+)\\?"/.exec(out)?.[1];
      const plain = /(?:^|,)name=([^,"]+)/.exec(out)?.[1];
      if (quoted) refs = quoted.split(',');
      else if (plain) refs = [plain];
      if (/(?:^|,)push=true(?:,|$)/.test(out)) push = true;
    }
    return { refs, push };
  }
  if (tool === 'kaniko')
    return { refs: optionValues(words, ['--destination', '-d']), push: !hasFlag(words, '--no-push') };
  return {
    refs: [...optionValues(words, ['--tag', '-t']), ...optionValues(words, ['--manifest'])],
    push: hasFlag(words, '--push') || optionValues(words, ['--output']).some((o) => /push=true/.test(o)),
  };
}

/** Names a job gives the built image after the build: `docker|buildah|podman tag SRC DST`, `manifest push SRC DST`. */
function laterRefs(job: CiJob): string[] {
  const out: string[] = [];
  for (const c of job.commands) {
    const [bin = '', sub = '', third = ''] = c.words;
    if (!/(?:^|\/)(?:docker|buildah|podman)$/.test(bin)) continue;
    const args = c.words.filter((w, i) => i > 1 && !w.startsWith('-'));
    if (sub === 'tag' && args.length >= 2) out.push(...args.slice(1));
    if (sub === 'manifest' && third === 'push') {
      const dest = args.slice(1).at(-1);
      if (dest && args.length >= 3) out.push(dest.replace(/^docker:\/\//, ''));
    }
  }
  return out;
}

/** The `if:` expressions of a job's `rules:`. */
function ruleIfs(job: CiJob): string[] {
  const rules = job.data.rules;
  if (!Array.isArray(rules)) return [];
  return rules.flatMap((r) => (isTable(r) && typeof r.if === 'string' ? [r.if] : []));
}

/** Whether a job pushes: its build command pushes, or a `docker|buildah|podman push` follows. */
function jobPushes(job: CiJob, cmd: CiCommand): boolean {
  if (refsOf(cmd.words).push) return true;
  return job.commands.some((c) => {
    const [bin = '', sub = '', third = ''] = c.words;
    return (
      /(?:^|\/)(?:docker|buildah|podman)$/.test(bin) &&
      (sub === 'push' || ((sub === 'image' || sub === 'manifest') && third === 'push'))
    );
  });
}

/** Build arguments the generated jobs add for other answers: proxy forwarding, inline cache, Dependency Proxy. */
const IMPLIED_BUILD_ARG =
  /^(?:(HTTPS?_PROXY|NO_PROXY|https?_proxy|no_proxy)(?:=\$\{?\1\}?)?|BUILDKIT_INLINE_CACHE=1|CI_DEPENDENCY_PROXY_[A-Z_]+=.*)$/;

/** The target image, tags, push, Dockerfile, context and build options of the build command. */
function readBuildCommand(job: CiJob, buildJobs: CiJob[], r: Reading): void {
  const cmd = job.commands.find((c) => commandTool(c.words) !== null);
  if (!cmd) return;
  const tool = commandTool(cmd.words);
  const w = cmd.words;
  const pos = cmd.pos;
  if (tool === 'buildctl') {
    const locals = optionValues(w, ['--local']);
    const context = locals.find((l) => l.startsWith('context='))?.slice(8);
    const dockerfileDir = locals.find((l) => l.startsWith('dockerfile='))?.slice(11);
    const opts = optionValues(w, ['--opt']);
    const filename = opts.find((o) => o.startsWith('filename='))?.slice(9);
    if (context) r.set('context', context, pos);
    if (filename)
      r.set('dockerfile', dockerfileDir && dockerfileDir !== '.' ? `${dockerfileDir}/${filename}` : filename, pos);
    const target = opts.find((o) => o.startsWith('target='))?.slice(7);
    if (target) r.set('buildTarget', target, pos);
    const platform = opts.find((o) => o.startsWith('platform='))?.slice(9);
    if (platform) readPlatforms(platform, pos, r);
    const args = opts.filter((o) => o.startsWith('build-arg:')).map((o) => o.slice(10));
    readBuildArgs(args, pos, r);
    const sbom = opts.find((o) => o.startsWith('attest:sbom'));
    if (sbom !== undefined) r.set('sbom', true, pos);
    const prov = opts.find((o) => o.startsWith('attest:provenance='))?.slice(18);
    if (prov) readProvenance(prov, pos, r);
    readCacheOptions(optionValues(w, ['--import-cache']), optionValues(w, ['--export-cache']), pos, r);
    readSecrets(optionValues(w, ['--secret']), pos, r);
  } else if (tool === 'kaniko') {
    const context = optionValues(w, ['--context', '-c'])[0];
    if (context) r.set('context', context.replace(/^\$\{?CI_PROJECT_DIR\}?\/?/, '') || '.', pos);
    const dockerfile = optionValues(w, ['--dockerfile', '-f'])[0];
    if (dockerfile) r.set('dockerfile', dockerfile.replace(/^\$\{?CI_PROJECT_DIR\}?\//, ''), pos);
    readBuildArgs(optionValues(w, ['--build-arg']), pos, r);
    if (hasFlag(w, '--cache')) r.set('cache', 'registry', pos);
  } else {
    const file = optionValues(w, ['--file', '-f'])[0];
    if (file) r.set('dockerfile', file, pos);
    const positional = lastPositional(w);
    if (positional) r.set('context', positional, pos);
    const target = optionValues(w, ['--target'])[0];
    if (target) r.set('buildTarget', target, pos);
    const platform = optionValues(w, ['--platform'])[0];
    if (platform) readPlatforms(platform, pos, r);
    readBuildArgs(optionValues(w, ['--build-arg']), pos, r);
    readSecrets(optionValues(w, ['--secret']), pos, r);
    const sbom = optionValues(w, ['--sbom'])[0];
    if (sbom !== undefined) r.set('sbom', sbom !== 'false', pos);
    const prov = optionValues(w, ['--provenance'])[0];
    if (prov !== undefined) readProvenance(prov, pos, r);
    readCacheOptions(optionValues(w, ['--cache-from']), optionValues(w, ['--cache-to']), pos, r);
    if ((tool === 'buildah' || tool === 'podman') && hasFlag(w, '--layers')) {
      const from = optionValues(w, ['--cache-from'])[0];
      if (from) {
        r.set('cache', 'registry', pos, true);
        r.set('cacheRef', from.replace(/\/\$\{?CI_(?:COMMIT_REF|DEFAULT_BRANCH)_SLUG\}?$/, ''), pos, true);
      }
    }
    if (optionValues(w, ['--build-arg']).includes('BUILDKIT_INLINE_CACHE=1')) r.set('cache', 'inline', pos, true);
    const labels = optionValues(w, ['--label']);
    if (labels.some((l) => l.startsWith('org.opencontainers.image.'))) r.set('ociLabels', true, pos);
  }
  // Every build job's names: a pipeline may push `latest` from a default-branch job and the SHA from another.
  const refs: string[] = [];
  let push = false;
  const platforms = new Set<string>();
  for (const j of buildJobs) {
    const c = j.commands.find((x) => commandTool(x.words) !== null);
    if (!c) continue;
    refs.push(...refsOf(c.words).refs, ...laterRefs(j));
    push ||= jobPushes(j, c);
    const p =
      optionValues(c.words, ['--platform'])[0] ??
      optionValues(c.words, ['--opt'])
        .find((o) => o.startsWith('platform='))
        ?.slice(9);
    if (p) platforms.add(p);
  }
  r.set('push', push, pos);
  readRefs(refs, pos, r);
  readTests(buildJobs, refs, r);
  readBranchJobs(buildJobs, r);
  // Native multi-arch: one build job per platform (each with its own single platform).
  if (platforms.size > 1 && [...platforms].every((p) => !p.includes(','))) {
    r.set('multiArch', 'native', buildJobs[1]?.pos ?? pos);
    readPlatforms([...platforms].join(','), pos, r);
  }
}

/**
 * What the build jobs' `rules:` say: a job only for protected refs next to one for the others is the protected
 * cache writer (`cacheProtectedWrite`); next to the jobs that push `latest` (default branch) or the git tag, the job
 * for the other branches pushes the SHA (`push-sha`), builds without pushing (`build-only`), or is absent (`skip`).
 */
function readBranchJobs(buildJobs: CiJob[], r: Reading): void {
  const protectedJob = buildJobs.find((j) => ruleIfs(j).some((x) => /\$CI_COMMIT_REF_PROTECTED\s*==\s*"true"/.test(x)));
  const unprotected = buildJobs.find((j) => ruleIfs(j).some((x) => /\$CI_COMMIT_REF_PROTECTED\s*!=\s*"true"/.test(x)));
  if (protectedJob && unprotected) r.set('cacheProtectedWrite', true, protectedJob.pos);
  const refJob = (j: CiJob) => {
    const c = j.commands.find((x) => commandTool(x.words) !== null);
    const refs = c ? [...refsOf(c.words).refs, ...laterRefs(j)] : [];
    return { refs, pushes: c ? jobPushes(j, c) : false };
  };
  const latest = buildJobs.find((j) => ruleIfs(j).some((x) => /\$CI_COMMIT_BRANCH\s*==\s*\$CI_DEFAULT_BRANCH/.test(x)));
  const release = buildJobs.find((j) => ruleIfs(j).some((x) => /^\s*\$CI_COMMIT_TAG\s*$/.test(x)));
  if (latest && refJob(latest).refs.some((ref) => ref.endsWith(':latest'))) r.set('tagLatest', true, latest.pos, true);
  if (release && refJob(release).refs.some((ref) => /:\$\{?CI_COMMIT_TAG\}?$/.test(ref)))
    r.set('tagGitTag', true, release.pos, true);
  if (!latest && !release) return;
  const others = buildJobs.find((j) => j !== latest && j !== release && j !== protectedJob);
  if (!others) r.setWeak('otherBranches', 'skip', (latest ?? release)?.pos ?? null);
  else r.setWeak('otherBranches', refJob(others).pushes ? 'push-sha' : 'build-only', others.pos);
}

/**
 * The test run after the build: `docker run --rm <built image> sh -c <command>` (runTests, testCommand), or
 * `docker compose -f <file> ...` (compose, composeFile).
 */
function readTests(buildJobs: CiJob[], refs: string[], r: Reading): void {
  for (const job of buildJobs)
    for (const c of job.commands) {
      const [bin = '', sub = ''] = c.words;
      if (bin === 'docker-compose' || (bin === 'docker' && sub === 'compose')) {
        r.set('compose', true, c.pos);
        const f = optionValues(c.words, ['--file', '-f'])[0];
        if (f) r.set('composeFile', f, c.pos);
      }
      if (bin !== 'docker') continue;
      if (sub === 'run' && refs.some((ref) => c.words.includes(ref))) {
        const shAt = c.words.findIndex((w, i) => w === '-c' && /(?:^|\/)(?:ba)?sh$/.test(c.words[i - 1] ?? ''));
        const command = shAt >= 0 ? c.words[shAt + 1] : undefined;
        r.set('runTests', true, c.pos);
        if (command) r.set('testCommand', command, c.pos);
      }
    }
}

function lastPositional(words: readonly string[]): string | null {
  // docker build [OPTIONS] PATH: the last word that is neither an option nor an option's value.
  const valueOptions = new Set([
    '--tag',
    '-t',
    '--file',
    '-f',
    '--target',
    '--platform',
    '--build-arg',
    '--secret',
    '--cache-from',
    '--cache-to',
    '--label',
    '--network',
    '--output',
    '-o',
    '--builder',
    '--provenance',
    '--sbom',
    '--metadata-file',
    '--iidfile',
    '--digestfile',
    '--annotation',
    '--progress',
    '--format',
    '--build-context',
    '--add-host',
    '--ssh',
    '--shm-size',
    '--ulimit',
  ]);
  let last: string | null = null;
  const start = words[1] === 'buildx' ? 3 : words[1] === 'image' ? 3 : 2;
  for (let i = start; i < words.length; i++) {
    const word = words[i] ?? '';
    if (valueOptions.has(word)) {
      i++;
      continue;
    }
    if (word.startsWith('-')) continue;
    last = word;
  }
  return last;
}

function readPlatforms(value: string, pos: SourcePos, r: Reading): void {
  const list = value.split(',').map((p) => p.trim());
  if (list.every((p) => (PLATFORMS as readonly string[]).includes(p))) r.set('platforms', list, pos, true);
  else
    r.note(
      pos,
      msg(
        `Platforms ${value} are not all among the platforms the answers offer: kept as the runner's own platform.`,
        `プラットフォーム ${value} には回答で選べないものが含まれます。Runner自身のプラットフォームとして扱います。`,
      ),
    );
}

/** Build arguments: `NAME=value` pairs become `buildArgs`; `NAME` alone forwards a variable (proxy settings). */
function readBuildArgs(args: string[], pos: SourcePos, r: Reading): void {
  const literal = args.filter((a) => a.includes('=') && !IMPLIED_BUILD_ARG.test(a));
  const kept = literal.filter((a) => secretKind(a.slice(a.indexOf('=') + 1)) === null);
  if (kept.length > 0) r.set('buildArgs', kept, pos);
  if (kept.length < literal.length)
    r.note(
      pos,
      msg(
        'A build argument holds what looks like a secret: it is not copied into the answers (use a build secret).',
        'ビルド引数にシークレットらしき値があります。回答には写しません（ビルドシークレットを使ってください）。',
      ),
    );
}

function readSecrets(values: string[], pos: SourcePos, r: Reading): void {
  const names = values
    .map((s) => /(?:^|,)id=([A-Za-z_][A-Za-z0-9_]*)/.exec(s)?.[1])
    .filter((n): n is string => n !== undefined);
  if (names.length > 0) r.set('buildSecrets', names, pos);
}

function readProvenance(value: string, pos: SourcePos, r: Reading): void {
  if (value === 'false' || value === '0') r.set('provenance', 'off', pos);
  else if (/mode=max/.test(value)) r.set('provenance', 'max', pos);
  else if (/mode=min|^true$|^1$/.test(value)) r.set('provenance', 'min', pos);
}

/** Cache options (`type=registry,ref=X,mode=max`, `type=inline`) of Buildx, buildctl and Buildah. */
function readCacheOptions(from: string[], to: string[], pos: SourcePos, r: Reading): void {
  const fields = (o: string) =>
    new Map(o.split(',').map((f) => [f.slice(0, Math.max(0, f.indexOf('='))), f.slice(f.indexOf('=') + 1)] as const));
  for (const o of to) {
    const f = fields(o);
    if (f.get('type') === 'inline') {
      r.set('cache', 'inline', pos);
      return;
    }
    if (f.get('type') === 'registry') {
      r.set('cache', 'registry', pos);
      const ref = f.get('ref');
      const mode = f.get('mode');
      if (mode === 'max' || mode === 'min') r.set('cacheMode', mode, pos);
      if (ref) {
        const perRef = /:\$\{?CI_COMMIT_REF_SLUG\}?$/.exec(ref);
        if (perRef) r.set('cachePerRef', true, pos);
        else r.set('cacheRef', ref, pos);
      }
      return;
    }
  }
  for (const o of from) {
    const f = fields(o);
    if (f.get('type') === 'registry' || (!o.includes('=') && o !== '')) {
      const ref = f.get('ref') ?? o;
      if (/:\$\{?CI_(?:COMMIT_REF|DEFAULT_BRANCH)_SLUG\}?$/.test(ref)) r.set('cachePerRef', true, pos);
      // `--cache-from <the image>` without `--cache-to`: the inline cache of the pushed image.
      if (!o.includes('=') && to.length === 0) r.set('cache', 'inline', pos);
      else {
        r.set('cache', 'registry', pos);
        if (!/SLUG\}?$/.test(ref)) r.set('cacheRef', ref, pos);
      }
      return;
    }
  }
}

/** Target image and tag scheme from the pushed references (`$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA`, `...:latest`). */
function readRefs(refs: string[], pos: SourcePos, r: Reading): void {
  if (refs.length === 0) return;
  const split = refs.map((ref) => {
    const slash = ref.lastIndexOf('/');
    const colon = ref.lastIndexOf(':');
    return colon > slash ? { repo: ref.slice(0, colon), tag: ref.slice(colon + 1) } : { repo: ref, tag: '' };
  });
  const repo = split[0]?.repo ?? '';
  if (repo) r.set('image', repo, pos);
  const tags = split.map((x) => x.tag);
  if (tags.some((t) => /^\$\{?IMAGE_TAG/.test(t))) {
    // Tags computed in the job (tags from git): the scheme is decided by the fitting step.
    return;
  }
  // Weak: the inline cache also tags `latest`, and the fitting tells which answer wrote it.
  r.setWeak(
    'tagSha',
    tags.some((t) => /^\$\{?CI_COMMIT_SHA\}?$/.test(t)),
    pos,
  );
  r.setWeak('tagLatest', tags.includes('latest'), pos);
  r.setWeak(
    'tagGitTag',
    tags.some((t) => /^\$\{?CI_COMMIT_TAG\}?$/.test(t)),
    pos,
  );
}

/** The dind connection, TLS, MTU, mirror and insecure registry from the variables and the dind service. */
function readDaemonSide(job: CiJob, vars: Record<string, Located<string>>, r: Reading): void {
  const host = vars.DOCKER_HOST;
  const certdir = vars.DOCKER_TLS_CERTDIR;
  const dind = job.services.find(isDindService);
  if (host) {
    if (/^tcp:\/\/[^:/]+:2375\/?$/.test(host.value) || (certdir && certdir.value === ''))
      r.set('dindConnection', 'plain-tcp', certdir?.value === '' ? certdir.pos : host.pos);
    else if (/^tcp:\/\/[^:/]+:2376\/?$/.test(host.value)) r.set('dindConnection', 'tls', host.pos);
    else if (/^unix:\/\//.test(host.value) && !/\/var\/run\/docker\.sock$/.test(host.value))
      r.set('dindConnection', 'socket-volume', host.pos);
  }
  if (dind) {
    const flags = daemonFlags(dind.command);
    const mtu = Number(flags.get('--mtu')?.[0] ?? NaN);
    if (Number.isInteger(mtu)) r.set('mtu', mtu, dind.pos);
    const mirror = flags.get('--registry-mirror')?.[0];
    if (mirror) {
      r.set('mirrorUrl', mirror, dind.pos);
      r.set('mirrorPlace', 'ci-service', dind.pos);
    }
    const insecure = flags.get('--insecure-registry')?.[0];
    if (insecure) r.set('plainHttpRegistry', insecure, dind.pos);
    const iptables = dind.variables.DOCKER_IPTABLES_LEGACY;
    if (iptables) r.set('dindIptables', iptables.value === '1' ? 'legacy' : 'nftables', iptables.pos);
  }
  const bkFlags = vars.BUILDKITD_FLAGS;
  if (bkFlags && /--config\s/.test(bkFlags.value)) r.set('mirrorPlace', 'buildkitd', bkFlags.pos);
}

/** Registry authentication: logins (variable names), DOCKER_AUTH_CONFIG, the Dependency Proxy, a custom CA. */
function readAuth(job: CiJob, vars: Record<string, Located<string>>, r: Reading): void {
  const logins = job.commands.map(loginOf).filter((l): l is LoginCommand => l !== null);
  const text = job.commands.map((c) => c.text).join('\n');
  let method: AuthMethod | null = null;
  let methodPos: SourcePos | null = null;
  const authConfig = job.commands.find((c) =>
    /\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?"?\s*>\s*"?\$?\{?HOME\}?\/\.docker\/config\.json/.test(c.text),
  );
  if (authConfig) {
    const name = /\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?"?\s*>/.exec(authConfig.text)?.[1];
    if (name) {
      method = 'docker-auth-config';
      methodPos = authConfig.pos;
      r.set('authConfigVar', name, authConfig.pos);
    }
  } else if (vars.DOCKER_AUTH_CONFIG) {
    method = 'docker-auth-config';
    methodPos = vars.DOCKER_AUTH_CONFIG.pos;
  }
  if (logins.length > 0) {
    method ??= 'login';
    methodPos ??= logins[0]?.pos ?? null;
    r.set(
      'passwordStdin',
      logins.every((l) => l.stdin),
      logins[0]?.pos ?? null,
    );
    r.set(
      'registryGitlab',
      logins.some((l) => isGitlabRegistry(l.registry)),
      logins[0]?.pos ?? null,
    );
    const hub = logins.find((l) => isDockerHub(l.registry));
    r.set('registryDockerHub', hub !== undefined, hub?.pos ?? logins[0]?.pos ?? null);
    if (hub?.userVar) r.set('dockerHubUserVar', hub.userVar, hub.pos);
    if (hub?.passwordVar) r.set('dockerHubPasswordVar', hub.passwordVar, hub.pos);
    const other = logins.find(
      (l) => !isGitlabRegistry(l.registry) && !isDockerHub(l.registry) && !/CI_DEPENDENCY_PROXY/.test(l.registry),
    );
    r.set('registryOther', other !== undefined, other?.pos ?? logins[0]?.pos ?? null);
    if (other) {
      r.set('otherRegistryHost', other.registry.replace(/^https?:\/\//, ''), other.pos);
      if (other.userVar) r.set('otherUserVar', other.userVar, other.pos);
      if (other.passwordVar) r.set('otherPasswordVar', other.passwordVar, other.pos);
    }
  } else {
    // BuildKit / Kaniko jobs write ~/.docker/config.json: one `auths` entry per registry, from two variables.
    const entries = authEntries(job);
    if (entries.length > 0) {
      method ??= 'login';
      methodPos ??= entries[0]?.pos ?? null;
    }
    const gitlab = entries.find((e) => isGitlabRegistry(e.registry));
    const hub = entries.find((e) => isDockerHub(e.registry));
    const other = entries.find(
      (e) => !isGitlabRegistry(e.registry) && !isDockerHub(e.registry) && !/CI_DEPENDENCY_PROXY/.test(e.registry),
    );
    // No login at all: decided once the runner side is read (a mounted config.json logs in without a login).
    if (entries.length === 0 && !method) r.noLogin = job.pos;
    else r.set('registryGitlab', gitlab !== undefined, gitlab?.pos ?? null);
    if (hub) {
      r.set('registryDockerHub', true, hub.pos);
      if (hub.userVar) r.set('dockerHubUserVar', hub.userVar, hub.pos);
      if (hub.passwordVar) r.set('dockerHubPasswordVar', hub.passwordVar, hub.pos);
    }
    if (other) {
      r.set('registryOther', true, other.pos);
      r.set('otherRegistryHost', other.registry.replace(/^https?:\/\//, ''), other.pos);
      if (other.userVar) r.set('otherUserVar', other.userVar, other.pos);
      if (other.passwordVar) r.set('otherPasswordVar', other.passwordVar, other.pos);
    }
  }
  if (/CI_DEPENDENCY_PROXY_(?:USER|PASSWORD|SERVER)/.test(text)) {
    const pos = job.commands.find((c) => /CI_DEPENDENCY_PROXY/.test(c.text))?.pos ?? null;
    r.set('dependencyProxy', true, pos);
  }
  if (method) r.set('authMethod', method, methodPos);
  // A custom CA: a File-type variable appended to the CA bundle.
  const ca = job.commands.find((c) => /\bca-certificates\.crt\b.*"\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?"/.test(c.text));
  const caVar = ca ? /"\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?"\s*>/.exec(ca.text)?.[1] : undefined;
  if (ca && caVar) r.set('customCaVar', caVar, ca.pos);
}

/**
 * The `auths` entries of a docker config.json a job writes with `echo "{ \"auths\": { \"<registry>\": { \"auth\":
 * \"$(printf "%s:%s" "${USER}" "${PASSWORD}" | base64 ...)\" } } }"`: registry and variable names, at the line of
 * the command that writes them.
 */
function authEntries(job: CiJob): LoginCommand[] {
  const out: LoginCommand[] = [];
  for (const c of job.commands) {
    const re =
      /\\?"([^"\\\s]+)\\?"\s*:\s*\{\s*\\?"auth\\?"\s*:\s*\\?"\$\(printf\s+"%s:%s"\s+"\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?"\s+"\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?"/g;
    for (const m of c.text.matchAll(re)) {
      const registry = (m[1] ?? '').replace(/^\$\{(CI_REGISTRY)\}$/, '$$$1');
      out.push({ registry, userVar: m[2] ?? null, passwordVar: m[3] ?? null, stdin: true, pos: c.pos });
    }
  }
  return out;
}

/** HTTP_PROXY / HTTPS_PROXY / NO_PROXY of a `variables:` block or a runner's `environment`. */
function readProxy(vars: Record<string, Located<string>>, r: Reading, place: 'job' | 'runner'): void {
  const get = (name: string) => vars[name] ?? vars[name.toLowerCase()];
  const http = get('HTTP_PROXY');
  const https = get('HTTPS_PROXY');
  const no = get('NO_PROXY');
  if (!http && !https) return;
  r.set('proxy', place, (http ?? https)?.pos ?? null);
  if (http) r.set('httpProxy', http.value, http.pos);
  if (https) r.set('httpsProxy', https.value, https.pos);
  // The user's own entries are told from the setup's once every answer is read (`finishNoProxy`).
  if (no) r.rawNoProxy ??= no;
}

/**
 * NO_PROXY as generated lists the setup's own hosts first (`noProxyList` in plan.ts: the dind alias, loopback,
 * buildkitd, GitLab's host, `$CI_SERVER_HOST`, the other registry's host), then the user's entries: the answer
 * `noProxy` is what is left. The entry just before `$CI_SERVER_HOST` is GitLab's host (the instance URL, when no
 * runner file gives it).
 */
function finishNoProxy(r: Reading): void {
  const raw = r.rawNoProxy;
  if (!raw) return;
  const entries = raw.value.split(',').filter((e) => e !== '');
  const server = entries.findIndex((e) => /^\$\{?CI_SERVER_HOST\}?$/.test(e));
  const gitlabHost = server > 0 ? entries[server - 1] : undefined;
  if (gitlabHost && !['docker', 'localhost', '127.0.0.1', 'buildkitd'].includes(gitlabHost))
    r.setWeak('gitlabUrl', `https://${gitlabHost}/`, raw.pos);
  let urlHost: string;
  try {
    urlHost = new URL(r.answers.gitlabUrl ?? DEFAULT_ANSWERS.gitlabUrl).hostname;
  } catch {
    urlHost = '';
  }
  const implied = new Set(['docker', 'localhost', '127.0.0.1', 'buildkitd', urlHost, gitlabHost ?? '']);
  if (r.answers.registryOther && r.answers.otherRegistryHost)
    implied.add(r.answers.otherRegistryHost.replace(/:\d+$/, ''));
  const own = entries.filter((e) => !implied.has(e) && !/^\$\{?CI_SERVER_HOST\}?$/.test(e));
  if (own.length > 0) r.set('noProxy', own.join(','), raw.pos);
}

/** The gates and the supply chain: hadolint, Trivy / Container Scanning, cosign, promotion. */
function readSideJobs(jobs: CiJob[], r: Reading): void {
  for (const job of jobs) {
    const kind = sideJobKind(job);
    const text = job.commands.map((c) => c.text).join('\n');
    const cmdPos = (re: RegExp) => job.commands.find((c) => re.test(c.text))?.pos ?? job.pos;
    switch (kind) {
      case 'lint': {
        r.set('lint', true, job.pos);
        const threshold = /--failure-threshold[= ]\s*"?(error|warning|info|style)/.exec(text)?.[1];
        if (threshold) r.set('lintThreshold', threshold as Answers['lintThreshold'], cmdPos(/--failure-threshold/));
        break;
      }
      case 'scan': {
        r.set('scan', 'trivy', job.pos);
        const sev = /--severity[= ]\s*"?([A-Z,]+)/.exec(text)?.[1];
        const lowest = sev?.split(',').pop();
        if (lowest && ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'].includes(lowest))
          r.set('scanSeverity', lowest as Answers['scanSeverity'], cmdPos(/--severity/));
        break;
      }
      case 'sign': {
        const key = /--key[= ]\s*"?\$\{?([A-Za-z_][A-Za-z0-9_]*)/.exec(text)?.[1];
        if (key) {
          r.set('sign', 'key', cmdPos(/cosign\s+sign/));
          r.set('cosignKeyVar', key, cmdPos(/--key/));
          const password = job.variables.COSIGN_PASSWORD;
          const passwordVar = password ? varName(password.value) : null;
          if (password && passwordVar) r.set('cosignPasswordVar', passwordVar, password.pos);
        } else r.set('sign', 'keyless', cmdPos(/cosign\s+sign/));
        break;
      }
      case 'promote': {
        const targets: string[] = [];
        let pos: SourcePos | null = null;
        for (const c of job.commands) {
          const m = /\b(?:skopeo|crane|regctl)\b.*\bcopy\b.*\s"?(?:docker:\/\/)?([^"\s]+):\$\{?tag\}?"?/.exec(c.text);
          if (m?.[1] && !targets.includes(m[1])) {
            targets.push(m[1]);
            pos ??= c.pos;
          }
        }
        if (targets.length > 0) r.set('promoteTargets', targets, pos);
        break;
      }
      case 'tags': {
        const c = job.commands.find((x) => /\bTAG_PREFIX=|^\s*IMAGE_TAGS="/m.test(x.text));
        if (!c) break;
        const prefix = /\bTAG_PREFIX=(?:'([^']*)'|"([^"]*)"|([^\s'"]*))/.exec(c.text);
        if (prefix) {
          r.set('tagScheme', 'semver', c.pos);
          r.set('tagPrefix', prefix[1] ?? prefix[2] ?? prefix[3] ?? '', c.pos);
          const latest = /\bTAG_LATEST=(\d)/.exec(c.text)?.[1];
          if (latest !== undefined) r.set('tagSemverLatest', latest === '1', c.pos);
          break;
        }
        const template = /^\s*IMAGE_TAGS="([^"]*)"\s*\n\s*export IMAGE_TAGS\b/m.exec(c.text)?.[1];
        if (template !== undefined) {
          r.set('tagScheme', 'template', c.pos);
          r.set('tagTemplate', template, c.pos);
        }
        break;
      }
      default:
        break;
    }
    if (kind === 'lint' || kind === 'scan') {
      const allow = job.data.allow_failure;
      if (allow === true) r.set('gatePolicy', 'report', job.pos);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The runner side

/**
 * The runner side: config.toml, or the Helm chart's values.yaml and its `runners.config`. Returns the runner's
 * `privileged` setting (decided on once the method is known: see `inferAnswers`).
 */
function readRunner(s: ImportedSetup, r: Reading): Located<boolean> | null {
  const runner = s.runner;
  if (!runner) return null;
  const line = (path: (string | number)[]) => runner.lineOf(path);
  const first = (arrayAt(runner.toml, 'runners')[0] ?? {}) as Table;
  const at = (...path: (string | number)[]) => line(['runners', 0, ...path]);
  r.set('runnerKind', 'self-managed', at('executor') ?? line(['runners']));
  if (runner.kind === 'helm-values') {
    r.set('helm', true, line(['$helm', 'runners', 'config']));
    const url = stringAt(runner.helm, 'gitlabUrl');
    if (url) r.set('gitlabUrl', url, line(['$helm', 'gitlabUrl']));
    const token = stringAt(runner.helm, 'runnerRegistrationToken');
    if (token !== null) r.set('registration', 'legacy', line(['$helm', 'runnerRegistrationToken']));
  } else if (stringAt(first, 'executor') === 'kubernetes') {
    r.set('helm', false, at('executor'));
  }
  const name = stringAt(first, 'name');
  if (name) r.set('runnerDescription', name, at('name'));
  const url = stringAt(first, 'url');
  if (url) r.set('gitlabUrl', url, at('url'));
  // The Helm chart's runners.config defaults to the Kubernetes executor.
  const executor = stringAt(first, 'executor') ?? (runner.kind === 'helm-values' ? 'kubernetes' : null);
  if (executor) {
    const pos = at('executor');
    switch (executor) {
      case 'docker':
      case 'docker-autoscaler':
      case 'docker+machine':
      case 'kubernetes':
        r.set('executor', executor, pos ?? line(['$helm', 'runners', 'config']));
        break;
      case 'docker-windows':
        r.set('executor', 'docker-windows', pos);
        r.set('os', 'windows', pos);
        break;
      case 'shell':
        r.set('executor', 'shell', pos);
        r.set('method', 'host', pos, true);
        if (stringAt(first, 'shell') === 'powershell' || stringAt(first, 'shell') === 'pwsh')
          r.set('os', 'windows', at('shell'));
        break;
      default:
        r.note(
          pos ?? { file: runner.path, line: 1 },
          msg(
            `Executor "${executor}" has no answer: the answers keep the Docker executor.`,
            `executor「${executor}」に対応する回答はありません。Docker executorとして扱います。`,
          ),
        );
    }
  }
  const env = arrayAt(first, 'environment').filter((e): e is string => typeof e === 'string');
  const envVars: Record<string, Located<string>> = {};
  env.forEach((e, i) => {
    const eq = e.indexOf('=');
    if (eq <= 0) return;
    envVars[e.slice(0, eq)] = {
      value: e.slice(eq + 1),
      pos: at('environment', i) ?? at('environment') ?? { file: runner.path, line: 1 },
    };
  });
  readProxy(envVars, r, 'runner');
  if (envVars.DOCKER_DRIVER?.value === 'overlay2') r.set('overlay2', 'runner', envVars.DOCKER_DRIVER.pos);

  const docker = tableAt(first, 'docker');
  const k8s = tableAt(first, 'kubernetes');
  // A dind service in the CI file decides the method over a socket the runner also mounts.
  const dindInCi = r.answers.method === 'dind' && r.evidence.get('method')?.file !== runner.path;
  const section = executor === 'kubernetes' ? 'kubernetes' : 'docker';
  const cfg = section === 'kubernetes' ? k8s : docker;
  let privileged: Located<boolean> | null = null;
  if (section === 'kubernetes') {
    const ns = stringAt(k8s, 'namespace');
    if (ns) r.set('k8sNamespace', ns, at('kubernetes', 'namespace'));
    const selector = tableAt(k8s, 'node_selector');
    const osSel = selector['kubernetes.io/os'];
    if (osSel === 'windows') r.set('os', 'windows', at('kubernetes', 'node_selector', 'kubernetes.io/os'));
    const arch = selector['kubernetes.io/arch'];
    // Windows nodes get their own selector (amd64): the node architecture answer is about Linux nodes.
    if ((arch === 'amd64' || arch === 'arm64') && osSel !== 'windows')
      r.set('k8sNodeArch', arch, at('kubernetes', 'node_selector'));
    const build = tableAt(k8s, 'volumes');
    for (const [i, hp] of arrayAt(build, 'host_path').entries()) {
      const mount = stringAt(hp, 'mount_path') ?? '';
      if (/docker\.sock$/.test(mount)) r.set('method', 'socket', at('kubernetes', 'volumes', 'host_path', i));
      if (/docker_engine/.test(mount)) r.set('method', 'pipe', at('kubernetes', 'volumes', 'host_path', i));
    }
    for (const kind of ['config_map', 'secret'] as const)
      for (const [i, vol] of arrayAt(build, kind).entries())
        if (/\.docker(?:\/config\.json)?$/.test(stringAt(vol, 'mount_path') ?? ''))
          r.set('authMethod', 'mounted-config', at('kubernetes', 'volumes', kind, i));
    const mem = stringAt(k8s, 'memory_limit') ?? stringAt(k8s, 'service_memory_limit');
    if (mem)
      r.set(
        'buildMemory',
        mem,
        at('kubernetes', stringAt(k8s, 'memory_limit') ? 'memory_limit' : 'service_memory_limit'),
      );
  } else {
    const volumes = arrayAt(docker, 'volumes').filter((x): x is string => typeof x === 'string');
    volumes.forEach((vol, i) => {
      const pos = at('docker', 'volumes', i) ?? at('docker', 'volumes');
      const cliMethod = r.answers.method === undefined || ['dind', 'socket', 'pipe'].includes(r.answers.method);
      if (/^\/var\/run\/docker\.sock:/.test(vol)) r.set('method', 'socket', pos, cliMethod && !dindInCi);
      else if (/docker_engine/.test(vol)) {
        r.set('method', 'pipe', pos, cliMethod && !dindInCi);
        r.set('os', 'windows', pos);
      } else if (/\.docker(?:\/config\.json)?:/.test(vol)) r.set('authMethod', 'mounted-config', pos);
      else if (/^\/etc\/docker\/certs\.d(?:\/|:)/.test(vol)) readCaMount(vol, pos, r);
    });
    const image = stringAt(docker, 'image');
    if (image && /windowsservercore|nanoserver|^mcr\.microsoft\.com\/windows/.test(image))
      r.set('os', 'windows', at('docker', 'image'));
    const helper = stringAt(docker, 'helper_image');
    if (helper && executor === 'docker-windows') r.set('windowsHelperImage', helper, at('docker', 'helper_image'));
    readRunnerServices(docker, 'docker', at, r);
    const mem = stringAt(docker, 'memory') ?? stringAt(docker, 'service_memory');
    if (mem) {
      const m = /^(\d+)([mg])$/i.exec(mem);
      if (m)
        r.set(
          'buildMemory',
          `${m[1]}${m[2]?.toLowerCase() === 'g' ? 'Gi' : 'Mi'}`,
          at('docker', stringAt(docker, 'memory') ? 'memory' : 'service_memory'),
        );
    }
  }
  if (section === 'kubernetes') readRunnerServices(k8s, 'kubernetes', at, r);
  readAutoscaler(first, at, r);
  const privPos = at(section, 'privileged');
  if (typeof cfg.privileged === 'boolean' && privPos) privileged = { value: cfg.privileged, pos: privPos };
  return privileged;
}

/**
 * A registry CA the runner mounts into the daemon (`/etc/docker/certs.d[/<host>/ca.crt]`): a custom CA is used. The
 * CI/CD variable that holds it appears only in SETUP.md, so its name is the usual one; the host when the path names it.
 */
function readCaMount(path: string, pos: SourcePos | null, r: Reading): void {
  r.setWeak('customCaVar', r.answers.customCaVar ?? 'REGISTRY_CA_FILE', pos);
  const host = /^\/etc\/docker\/certs\.d\/([^/:]+(?::\d+)?)\//.exec(path)?.[1];
  if (host) r.set('customCaHost', host, pos);
  else if (pos)
    r.note(
      pos,
      msg(
        'The registry CA is mounted from the runner host; the CI/CD variable and the registry host it is for are not in these files (the answers use REGISTRY_CA_FILE).',
        'レジストリのCAはRunnerホストからマウントされています。CI/CD変数と対象のレジストリホストはこれらのファイルにないため、回答ではREGISTRY_CA_FILEとします。',
      ),
    );
}

/** The dind service a runner defines (`[[runners.docker.services]]`, `[[runners.kubernetes.services]]`). */
function readRunnerServices(
  cfg: Table,
  section: 'docker' | 'kubernetes',
  at: (...path: (string | number)[]) => SourcePos | null,
  r: Reading,
): void {
  {
    const services = arrayAt(cfg, 'services');
    services.forEach((svc, i) => {
      const svcName = stringAt(svc, 'name') ?? '';
      const img = parseImage(svcName);
      if (img.tool !== 'docker') return;
      const pos = at(section, 'services', i, 'name') ?? at(section, 'services', i);
      const cliMethod = r.answers.method === undefined || ['dind', 'socket', 'pipe'].includes(r.answers.method);
      r.set('method', 'dind', pos, cliMethod);
      const version = tagVersion(img.tag, false);
      if (version) r.set('dockerVersion', version, pos);
      const command = arrayAt(svc, 'command').filter((c): c is string => typeof c === 'string');
      const flags = daemonFlags(command);
      const mirror = flags.get('--registry-mirror')?.[0];
      const cmdPos = at(section, 'services', i, 'command') ?? pos;
      if (mirror) {
        r.set('mirrorUrl', mirror, cmdPos);
        r.set('mirrorPlace', 'runner-service', cmdPos);
      }
      const mtu = Number(flags.get('--mtu')?.[0] ?? NaN);
      if (Number.isInteger(mtu)) r.set('mtu', mtu, cmdPos);
    });
  }
}

function readAutoscaler(first: Table, at: (...path: (string | number)[]) => SourcePos | null, r: Reading): void {
  const auto = tableAt(first, 'autoscaler');
  if (Object.keys(auto).length > 0) {
    const plugin = stringAt(auto, 'plugin') ?? '';
    const cloud = /aws/.test(plugin) ? 'aws' : /google/.test(plugin) ? 'gcp' : /azure/.test(plugin) ? 'azure' : null;
    if (cloud) r.set('cloud', cloud, at('autoscaler', 'plugin'));
    const cap = auto.capacity_per_instance;
    if (typeof cap === 'number') r.set('capacityPerInstance', cap, at('autoscaler', 'capacity_per_instance'));
    const max = auto.max_instances;
    if (typeof max === 'number') r.set('maxInstances', max, at('autoscaler', 'max_instances'));
    const use = auto.max_use_count;
    if (typeof use === 'number') r.set('maxUseCount', use, at('autoscaler', 'max_use_count'));
    const pc = tableAt(auto, 'plugin_config');
    const group = stringAt(pc, 'name');
    if (group) r.set('instanceGroup', group, at('autoscaler', 'plugin_config', 'name'));
    const region = stringAt(pc, 'region') ?? stringAt(pc, 'zone') ?? stringAt(pc, 'location');
    if (region) r.set('cloudRegion', region, at('autoscaler', 'plugin_config'));
    const project = stringAt(pc, 'project') ?? stringAt(pc, 'subscription_id');
    if (project) r.set('cloudProject', project, at('autoscaler', 'plugin_config'));
    const rg = stringAt(pc, 'resource_group_name');
    if (rg) r.set('cloudResourceGroup', rg, at('autoscaler', 'plugin_config', 'resource_group_name'));
    const conn = tableAt(auto, 'connector_config');
    const user = stringAt(conn, 'username');
    if (user) r.set('connectorUser', user, at('autoscaler', 'connector_config', 'username'));
    const policy = arrayAt(auto, 'policy')[0];
    if (isTable(policy)) {
      if (typeof policy.idle_count === 'number')
        r.set('idleCount', policy.idle_count, at('autoscaler', 'policy', 0, 'idle_count'));
      const idle = stringAt(policy, 'idle_time');
      const minutes = idle ? durationMinutes(idle) : null;
      if (minutes !== null) r.set('idleMinutes', minutes, at('autoscaler', 'policy', 0, 'idle_time'));
    }
  }
  const machine = tableAt(first, 'machine');
  if (Object.keys(machine).length > 0) {
    const driver = stringAt(machine, 'MachineDriver') ?? '';
    const cloud = driver === 'amazonec2' ? 'aws' : driver === 'google' ? 'gcp' : driver === 'azure' ? 'azure' : null;
    if (cloud) r.set('cloud', cloud, at('machine', 'MachineDriver'));
    if (typeof machine.IdleCount === 'number') r.set('idleCount', machine.IdleCount, at('machine', 'IdleCount'));
    if (typeof machine.IdleTime === 'number')
      r.set('idleMinutes', Math.max(1, Math.round(machine.IdleTime / 60)), at('machine', 'IdleTime'));
    if (typeof machine.MaxBuilds === 'number') r.set('maxUseCount', machine.MaxBuilds, at('machine', 'MaxBuilds'));
    const options = arrayAt(machine, 'MachineOptions').filter((o): o is string => typeof o === 'string');
    options.forEach((o, i) => {
      const eq = o.indexOf('=');
      const [name, value] = [o.slice(0, eq), o.slice(eq + 1)];
      const pos = at('machine', 'MachineOptions', i) ?? at('machine', 'MachineOptions');
      if (/^(?:amazonec2-region|google-zone|azure-location)$/.test(name)) r.set('cloudRegion', value, pos);
      if (/^(?:google-project|azure-subscription-id)$/.test(name)) r.set('cloudProject', value, pos);
      if (name === 'azure-resource-group') r.set('cloudResourceGroup', value, pos);
    });
  }
}

/** `20m0s`, `1h`, `300s` as whole minutes, or null. */
function durationMinutes(text: string): number | null {
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text);
  if (!m || text === '') return null;
  const minutes = Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0) + Math.round(Number(m[3] ?? 0) / 60);
  return minutes > 0 ? minutes : null;
}

// ---------------------------------------------------------------------------------------------------------------
// daemon.json and buildkitd.toml

function readDaemons(s: ImportedSetup, r: Reading): void {
  const dj = s.daemonJson;
  if (dj) {
    const mirrors = arrayAt(dj.data, 'registry-mirrors');
    const mirror = mirrors[0];
    if (typeof mirror === 'string') {
      const pos = dj.lineOf(['registry-mirrors', 0]) ?? dj.lineOf(['registry-mirrors']);
      r.set('mirrorUrl', mirror, pos);
      r.set('mirrorPlace', 'daemon-json', pos);
    }
    const insecure = arrayAt(dj.data, 'insecure-registries')[0];
    if (typeof insecure === 'string')
      r.set('plainHttpRegistry', insecure, dj.lineOf(['insecure-registries', 0]) ?? dj.lineOf(['insecure-registries']));
    if (typeof dj.data.mtu === 'number') r.set('mtu', dj.data.mtu, dj.lineOf(['mtu']));
    for (const key of Object.keys(dj.data))
      if (!['registry-mirrors', 'insecure-registries', 'mtu'].includes(key)) {
        const pos = dj.lineOf([key]);
        if (pos)
          r.note(
            pos,
            msg(
              `daemon.json "${key}" has no answer: kept as it is.`,
              `daemon.jsonの「${key}」に対応する回答はありません。そのまま残します。`,
            ),
          );
      }
  }
  const bk = s.buildkitd;
  if (bk) {
    const registries = tableAt(bk.data, 'registry');
    for (const [host, cfg] of Object.entries(registries)) {
      const mirrors = arrayAt(cfg, 'mirrors');
      const pos = bk.lineOf(['registry', host, 'mirrors']) ?? bk.lineOf(['registry', host]);
      if (host === 'docker.io' && typeof mirrors[0] === 'string') {
        const m = mirrors[0];
        r.set('mirrorUrl', /^https?:\/\//.test(m) ? m : `https://${m}`, pos);
        r.set('mirrorPlace', 'buildkitd', pos);
      }
      if (isTable(cfg) && (cfg.http === true || cfg.insecure === true) && host !== 'docker.io')
        r.set('plainHttpRegistry', host, bk.lineOf(['registry', host, cfg.http === true ? 'http' : 'insecure']));
    }
    // A mirror host declared plain HTTP is an http:// mirror.
    const mirrorUrl = r.answers.mirrorUrl;
    if (mirrorUrl && r.answers.mirrorPlace === 'buildkitd') {
      const host = mirrorUrl.replace(/^https?:\/\//, '');
      const cfg = tableAt(registries, host);
      if (cfg.http === true) r.set('mirrorUrl', `http://${host}`, bk.lineOf(['registry', host, 'http']), true);
      if (r.answers.plainHttpRegistry === host) delete r.answers.plainHttpRegistry;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// What the CI file implies when no runner file is given

function impliedRunner(s: ImportedSetup, r: Reading): void {
  if (s.runner) return;
  if (r.answers.runnerKind === 'gitlab-hosted') return;
  // Build jobs without tags and no runner file: GitLab.com's hosted runners take untagged jobs (a self-managed
  // runner needs run_untagged). Only where the method builds on hosted runners.
  const tags = r.answers.runnerTags;
  if (tags && tags.length === 0 && s.ci) {
    const hosted = { ...defaultAnswers(), ...r.answers, runnerKind: 'gitlab-hosted' } as Answers;
    if (whyNot(hosted, 'method', hosted.method) === null && whyNot(hosted, 'os', hosted.os) === null)
      r.setWeak('runnerKind', 'gitlab-hosted', r.evidence.get('runnerTags') ?? null);
  }
  if (r.answers.os === 'windows' && !r.has('executor'))
    r.set('executor', 'docker-windows', r.evidence.get('os') ?? null);
}

// ---------------------------------------------------------------------------------------------------------------
// Fitting: the answers no line decides, chosen so the regenerated files are the closest to the user's.

/** The file each importable kind is regenerated as. */
const KIND_FILE: Readonly<Record<ImportKind, string>> = {
  'gitlab-ci': '.gitlab-ci.yml',
  'config-toml': 'config.toml',
  'helm-values': 'values.yaml',
  'daemon-json': 'daemon.json',
  'buildkitd-toml': 'buildkitd.toml',
};

/** The generated text of the importable files (by generated path) for normalized answers. */
export function importableFiles(a: Answers, lang: Lang): Map<string, string> {
  const plan = makePlan(a);
  const out = new Map<string, string>();
  for (const path of plan.files) {
    switch (path) {
      case '.gitlab-ci.yml':
        out.set(path, generateGitlabCi(plan, lang).text);
        break;
      case 'config.toml':
        out.set(path, generateConfigToml(plan, lang));
        break;
      case 'values.yaml':
        out.set(path, generateHelmValues(plan, lang));
        break;
      case 'daemon.json':
        out.set(path, generateDaemonJson(plan));
        break;
      case 'buildkitd.toml':
        out.set(path, generateBuildkitdToml(plan, lang));
        break;
      default:
        break;
    }
  }
  return out;
}

/** The language of the user's comments: Japanese when a file holds Japanese text, else English. */
export function commentLanguage(s: ImportedSetup): Lang {
  return s.files.some((f) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(f.content)) ? 'ja' : 'en';
}

/** Enumerated answers the fitting may choose, with their options. */
const ENUM_OPTIONS: Partial<Record<keyof Answers, readonly unknown[]>> = {
  ...OPTIONS,
  windowsVersion: WINDOWS_VERSIONS,
  cloud: CLOUDS,
  dindIptables: DIND_IPTABLES_BACKENDS,
  otherBranches: OTHER_BRANCHES,
  cacheMode: CACHE_EXPORT_MODES,
};

/**
 * Answers the fitting never chooses: what builds and where it runs must be read from the files (a shorter
 * regenerated file is no reason to switch builders), and so must the jobs a pipeline has or lacks.
 */
const NOT_FITTED: ReadonlySet<keyof Answers> = new Set<keyof Answers>([
  'method',
  'executor',
  'runnerKind',
  'buildx',
  'push',
  'cache',
  'lint',
  'scan',
  'sign',
  'compose',
  'runTests',
]);

/** Most regenerations the fitting makes (about 1 ms each). */
const FIT_BUDGET = 600;

/** A text's lines with their counts. */
function lineCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of text.split('\n')) counts.set(line, (counts.get(line) ?? 0) + 1);
  return counts;
}

/**
 * How far a regenerated file is from the user's: the lines one has and the other lacks (as multisets, so it costs
 * O(lines) however different the files are), plus 1 when the texts differ only in the order of their lines.
 */
function lineDistance(generated: string, target: string, targetCounts: ReadonlyMap<string, number>): number {
  if (generated === target) return 0;
  const counts = new Map(targetCounts);
  let d = 0;
  for (const line of generated.split('\n')) {
    const n = counts.get(line) ?? 0;
    if (n > 0) counts.set(line, n - 1);
    else d++;
  }
  for (const n of counts.values()) d += n;
  return d === 0 ? 1 : d;
}

/**
 * Coordinate descent over the enumerated and yes/no answers without evidence: the change that makes the
 * regenerated files strictly closer to the user's is kept; stops when they are the same, when a pass changes
 * nothing, or after `FIT_BUDGET` regenerations.
 */
function fit(s: ImportedSetup, start: Answers, fixed: ReadonlySet<keyof Answers>): Answers {
  const lang = commentLanguage(s);
  const targets = new Map<string, { text: string; counts: Map<string, number> }>();
  for (const f of s.files)
    if (f.kind && !targets.has(KIND_FILE[f.kind]))
      targets.set(KIND_FILE[f.kind], { text: f.content, counts: lineCounts(f.content) });
  if (targets.size === 0) return start;
  let evaluations = 0;
  const distance = (a: Answers): number => {
    evaluations++;
    let files: Map<string, string>;
    try {
      files = importableFiles(a, lang);
    } catch {
      return Number.POSITIVE_INFINITY;
    }
    let d = 0;
    for (const [path, target] of targets) d += lineDistance(files.get(path) ?? '', target.text, target.counts);
    return d;
  };
  let current = start;
  let best = distance(current);
  const keys = (Object.keys(DEFAULT_ANSWERS) as (keyof Answers)[]).filter(
    (k) =>
      !fixed.has(k) && !NOT_FITTED.has(k) && (typeof DEFAULT_ANSWERS[k] === 'boolean' || ENUM_OPTIONS[k] !== undefined),
  );
  for (let pass = 0; pass < 3 && best > 0; pass++) {
    let changed = false;
    for (const key of keys) {
      if (best === 0 || evaluations >= FIT_BUDGET) break;
      // A question that does not apply to the current answers changes no file.
      if (!isRelevant(current, key)) continue;
      const options = typeof DEFAULT_ANSWERS[key] === 'boolean' ? [true, false] : (ENUM_OPTIONS[key] ?? []);
      for (const option of options) {
        if (current[key] === option) continue;
        const candidate = normalize({ ...current, [key]: option } as Answers);
        // Neither a read answer nor one the fitting never chooses may move as a consequence (a Pod Security level
        // that rules out Docker-in-Docker would switch the builder through normalize).
        if ([...fixed, ...NOT_FITTED].some((k) => JSON.stringify(candidate[k]) !== JSON.stringify(current[k])))
          continue;
        const d = distance(candidate);
        if (d < best) {
          best = d;
          current = candidate;
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  return current;
}

// ---------------------------------------------------------------------------------------------------------------

/**
 * The answers that best describe the imported files (see the module comment): every answer (defaults where the
 * files say nothing), normalized; `evidence` maps each answer read from a line to that line; `unmapped` lists the
 * jobs, includes and settings no answer expresses, each at its line with an en/ja text. Pure; never throws on a
 * setup the readers produced (an empty setup gives the default answers).
 */
export function inferAnswers(s: ImportedSetup): Inference {
  const r = new Reading();
  readCi(s, r);
  const privileged = readRunner(s, r);
  readDaemons(s, r);
  // `privileged = false` says the runner refuses privileged containers only where the method would need them (the
  // generated config.toml writes false for every method that does not).
  if (privileged?.value === true) r.set('allowPrivileged', true, privileged.pos);
  else if (
    privileged &&
    (r.answers.method === undefined || r.answers.method === 'dind' || r.answers.method === 'buildctl')
  )
    r.set('allowPrivileged', false, privileged.pos);
  finishNoProxy(r);
  // Weak: the normalization logs in to the registry the image is pushed to.
  if (r.noLogin && r.answers.authMethod !== 'mounted-config') r.setWeak('registryGitlab', false, r.noLogin);
  impliedRunner(s, r);
  const base = defaultAnswers();
  const read = normalize({ ...base, ...r.answers } as Answers);
  // Evidence holds only for answers normalize kept as read.
  const kept = [...r.evidence].filter(([k]) => JSON.stringify(read[k]) === JSON.stringify(r.answers[k]));
  const fixed = new Set(kept.map(([k]) => k).filter((k) => !r.weak.has(k)));
  const answers = normalize(fit(s, read, fixed));
  // Evidence of the answers the fitting left as read.
  const evidence: Evidence = Object.fromEntries(
    kept.filter(([k]) => JSON.stringify(answers[k]) === JSON.stringify(read[k])),
  );
  return {
    answers,
    evidence,
    unmapped: r.unmapped.sort((a, b) => a.pos.file.localeCompare(b.pos.file) || a.pos.line - b.pos.line),
  };
}
