/**
 * Detectors of the `.gitlab-ci.yml` side: where a catalog finding (`FINDING_RULES` in findings.ts, same id), a known
 * failure of the troubleshooter (`FAILURE_IDS`, same id) or a lint-only rule (`LINT_ONLY_RULES` below) holds in a
 * user's CI file. Each detector reads the files only (never inferred answers) and returns one position per offending
 * line, placed by the placement rules of issue 15: a key or item on the line where it is written (a template's line
 * when a job gets it through `extends`, an anchor, `!reference` or `default:`; reported once), a command on the line
 * inside its block where it starts, an absence on the first build command of each build job, an image on its
 * `image:`/service line (`name:` when written as a map).
 *
 * Jobs: only visible jobs run, so only they are judged (a template used by no visible job has no finding). A job's
 * variables are the global `variables:` it inherits (`inherit: variables`) under its own; a variable an image tag
 * names (`docker:$DOCKER_VERSION`) is resolved from them, and a tag that stays unresolved is not judged.
 *
 * Catalog ids not detected here, and why: `privileged-container`, `docker-group-root`, `host-socket`, `host-pipe`,
 * `shared-host-daemon`, `k8s-socket-containerd`, `certs-volume-shared`, `mounted-config-readonly`,
 * `k8s-build-exemption`, `legacy-registration-token`, `autoscaled-instance-reused`, `docker-machine-deprecated` are
 * on the runner's lines (runner-detectors.ts); `attestations-rejected` is not detectable from files (issue 15);
 * `keyless-sigstore-untrusted` needs to know whether GitLab is self-managed, which no file says;
 * `scan-pull-is-push-credential` needs the CI/CD variables' contents and scopes, which no file holds.
 */
import { FINDING_RULES, SECRET_ARG_NAME, type Severity } from '../findings';
import { msg, type Msg } from '../i18n';
import { FAILURE_IDS } from '../troubleshoot/types';
import { defectsOf } from '../versions';
import {
  buildToolOf,
  ciTree,
  entryOf,
  flatItems,
  isWindowsJob,
  programWords,
  scalarText,
  valueOf,
  type CiTree,
} from './ci';
import { splitShell } from './ci-shell';
import type { CiCommand, CiJob, CiService, Detector, ImportedCi, ImportedSetup, Located, SourcePos } from './types';

// ---------------------------------------------------------------------------------------------------------------
// Lint-only rules

/** A finding that only users' files can have (the generated files never do): its texts live here. */
export interface LintOnlyRule {
  id: string;
  severity: Severity;
  title: Msg;
  reason: Msg;
}

/** The lint-only rules of issue 15, with their texts in both languages. */
export const LINT_ONLY_RULES: readonly LintOnlyRule[] = [
  {
    id: 'folded-command-split',
    severity: 'high',
    title: msg('YAML folding changes the command', 'YAMLの折り返しでコマンドが変わる'),
    reason: msg(
      'In a folded block (>) or a plain multi-line scalar, YAML joins lines with a space and keeps the line break before a more-indented line: a `\\` continuation becomes an escaped space, an option on a more-indented line runs as its own command, and a `#` comment swallows the lines joined after it. The shell then runs something else than what is written. Use a literal block (|) with `\\` continuations, or one command per script item.',
      '折り返しブロック（>）や複数行のプレーンスカラーでは、YAMLは行を空白で連結し、字下げが深い行の前では改行を残します。`\\`による継続はエスケープされた空白になり、字下げの深い行のオプションは別のコマンドとして実行され、`#`のコメントはその後に連結された行を飲み込みます。その結果、シェルは書かれたものとは別のものを実行します。`\\`で継続するリテラルブロック（|）を使うか、スクリプトの項目ごとに1つのコマンドにしてください。',
    ),
  },
  {
    id: 'local-dockerfile-is-file',
    severity: 'high',
    title: msg('--local dockerfile= names a file', '--local dockerfile= がファイルを指している'),
    reason: msg(
      'buildctl\'s `--local dockerfile=` takes the directory that holds the Dockerfile, not the file: with a file path the build fails ("failed to read dockerfile" / "not a directory"). Give the directory (`--local dockerfile=.`) and, for another file name, `--opt filename=NAME`.',
      'buildctlの`--local dockerfile=`にはDockerfileそのものではなく、それを含むディレクトリを指定します。ファイルのパスを渡すとビルドが失敗します（「failed to read dockerfile」「not a directory」）。ディレクトリ（`--local dockerfile=.`）を指定し、別のファイル名には`--opt filename=NAME`を使ってください。',
    ),
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Helpers

/** Positions without repeats (same file and line), in file and line order. */
function unique(positions: readonly (SourcePos | null | undefined)[]): SourcePos[] {
  const seen = new Map<string, SourcePos>();
  for (const p of positions) if (p && !seen.has(`${p.file}\u0000${p.line}`)) seen.set(`${p.file}\u0000${p.line}`, p);
  return [...seen.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
}

/** A visible job with what the detectors read of it. */
interface JobView {
  ci: ImportedCi;
  tree: CiTree;
  job: CiJob;
  /** The variables the job sees: the inherited global ones under its own. */
  vars: Map<string, Located<string>>;
  powershell: boolean;
  /** Commands of before_script and script (after_script runs after the build and cannot change it). */
  main: CiCommand[];
  /** Build commands (before_script and script), in order. */
  builds: CiCommand[];
}

function views(s: ImportedSetup): JobView[] {
  const ci = s.ci;
  const tree = ci ? ciTree(ci) : null;
  if (!ci || !tree) return [];
  return ci.jobs
    .filter((j) => !j.hidden)
    .map((job) => {
      const inherit = tree.inherits.get(job.name)?.variables ?? true;
      const vars = new Map<string, Located<string>>();
      for (const [k, v] of Object.entries(ci.variables))
        if (inherit === true || (Array.isArray(inherit) && inherit.includes(k))) vars.set(k, v);
      for (const [k, v] of Object.entries(job.variables)) vars.set(k, v);
      const main = job.commands.filter((c) => c.section !== 'after_script');
      const image = job.image ? expand(job.image.value, vars) : null;
      return {
        ci,
        tree,
        job,
        vars,
        powershell: isWindowsJob(
          job.image?.value ?? null,
          job.tags.map((t) => t.value),
          job.commands.map((c) => c.text),
        ),
        main,
        builds: main.filter((c) => buildToolOf(c.words, image) !== null),
      };
    });
}

/** `$NAME` / `${NAME}` replaced by the job's variables (two rounds); what stays unresolved keeps its `$`. */
function expand(value: string, vars: ReadonlyMap<string, Located<string>>): string {
  let out = value;
  for (let round = 0; round < 2 && out.includes('$'); round++)
    out = out.replace(
      /\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
      (m, a: string | undefined, b: string | undefined) => vars.get(a ?? b ?? '')?.value ?? m,
    );
  return out;
}

/** An image reference split: registry host (null for Docker Hub's short form), repository path, tag, digest. */
export function splitImageRef(ref: string): {
  registry: string | null;
  path: string;
  tag: string | null;
  digest: string | null;
} {
  let rest = ref.trim();
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let registry: string | null = null;
  const first = rest.split('/')[0] ?? '';
  if (rest.includes('/') && (/[.:]/.test(first) || first === 'localhost' || first.startsWith('$'))) {
    registry = first;
    rest = rest.slice(first.length + 1);
  }
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) return { registry, path: rest.slice(0, colon), tag: rest.slice(colon + 1), digest };
  return { registry, path: rest, tag: null, digest };
}

type ImageKind = 'docker' | 'buildkit' | 'buildah' | 'podman' | 'kaniko';

/** What builder an image is: docker (client and dind), BuildKit, Buildah, Podman, Kaniko, or null. */
export function imageKind(ref: string): ImageKind | null {
  const { path } = splitImageRef(ref);
  const parts = path.toLowerCase().split('/');
  const last = parts[parts.length - 1] ?? '';
  const prev = parts[parts.length - 2] ?? '';
  if (path.toLowerCase().includes('kaniko')) return 'kaniko';
  if (last === 'docker' || last === 'dind') return 'docker';
  if (last === 'buildkit') return 'buildkit';
  if (last === 'buildah' || prev === 'buildah') return 'buildah';
  if (last === 'podman' || prev === 'podman') return 'podman';
  return null;
}

const FULL_VERSION = /^v?\d+\.\d+\.\d+(?:$|[-+_.])/;
/** The x.y.z version at the start of a tag (`29.6.2-dind` -> `29.6.2`, `v0.31.2-rootless` -> `v0.31.2`). */
const tagVersion = (tag: string | null): string | null => /^v?\d+\.\d+\.\d+/.exec(tag ?? '')?.[0] ?? null;

/** Whether an image's tag moves (missing, latest, stable, dind, rootless, no patch version); null when unknown. */
function floating(ref: string): boolean | null {
  const { tag, digest } = splitImageRef(ref);
  if (digest) return false;
  if (tag !== null && tag.includes('$')) return null;
  if (ref.includes('$') && tag === null) return null;
  return tag === null || !FULL_VERSION.test(tag);
}

/** A Docker-in-Docker service: a docker image whose name or tag says dind. */
const isDind = (svc: CiService, vars: ReadonlyMap<string, Located<string>>): boolean => {
  const name = expand(svc.name, vars);
  return imageKind(name) === 'docker' && /dind/i.test(name);
};

/** Hostnames GitLab gives a service: its aliases and the two it derives from the image name (without tag). */
function serviceHosts(svc: CiService, vars: ReadonlyMap<string, Located<string>>): string[] {
  const { registry, path } = splitImageRef(expand(svc.name, vars));
  const full = registry ? `${registry}/${path}` : path;
  const short = full.replace(/^library\//, '');
  return [...svc.alias, short.replace(/\//g, '__'), short.replace(/\//g, '-')];
}

/** The command items of a job's services (the `command:` list), each with the line where it is written. */
function serviceCommandItems(v: JobView): { service: CiService; items: { text: string; pos: SourcePos }[] }[] {
  const job = v.tree.jobs.get(v.job.name);
  const services = flatItems(valueOf(job, 'services'));
  return services.flatMap((node, i) => {
    const service = v.job.services[i];
    if (!service || node.t !== 'map') return [];
    const items = flatItems(valueOf(node, 'command')).flatMap((item) => {
      const text = scalarText(item);
      return text === null ? [] : [{ text, pos: item.pos }];
    });
    return [{ service, items }];
  });
}

/** The variables blocks as written that a job reads: global (if inherited), its own, its services'. */
function variableBlocks(v: JobView): Located<[string, string]>[][] {
  const byOrigin = new Map<string, Located<[string, string]>[]>();
  const add = (block: string, k: string, loc: Located<string>) => {
    byOrigin.set(block, [...(byOrigin.get(block) ?? []), { value: [k, loc.value], pos: loc.pos }]);
  };
  for (const [k, loc] of v.vars) add(v.ci.variables[k] === loc ? '$global' : v.tree.originOf(loc.pos), k, loc);
  v.job.services.forEach((svc, i) => {
    for (const [k, loc] of Object.entries(svc.variables)) add(`$service${i}:${svc.pos.line}`, k, loc);
  });
  return [...byOrigin.values()].map((b) => [...b].sort((x, y) => x.pos.line - y.pos.line));
}

const TLS_OFF_HOST = /^tcp:\/\/[^/\s]+:2375\/?$/;
const isTlsOffVar = ([k, value]: [string, string]): boolean =>
  (k === 'DOCKER_TLS_CERTDIR' && value.trim() === '') || (k === 'DOCKER_HOST' && TLS_OFF_HOST.test(value.trim()));

/** The words after `flag` or in `flag=value`, for every occurrence. */
function flagValues(words: readonly string[], ...flags: string[]): string[] {
  const out: string[] = [];
  words.forEach((w, i) => {
    for (const f of flags) {
      if (w === f && words[i + 1] !== undefined) out.push(words[i + 1] ?? '');
      else if (w.startsWith(`${f}=`)) out.push(w.slice(f.length + 1));
    }
  });
  return out;
}

const bin = (c: CiCommand): string => {
  const w = programWords(c.words)[0] ?? '';
  return w.slice(w.lastIndexOf('/') + 1).replace(/\.exe$/i, '');
};
/** The words of a command after its program, flags kept. */
const args = (c: CiCommand): string[] => programWords(c.words).slice(1);
/** Non-flag words after the program (subcommands and operands). */
const operands = (c: CiCommand): string[] => args(c).filter((w) => !w.startsWith('-'));

/** Whether a job pushes what it builds. */
function pushes(v: JobView): boolean {
  return v.main.some((c) => {
    const b = bin(c);
    const ops = operands(c);
    if (['docker', 'buildah', 'podman'].includes(b) && ops.slice(0, 2).includes('push')) return true;
    if (['crane', 'skopeo', 'regctl'].includes(b) && ops.some((w) => w === 'push' || w === 'copy' || w === 'cp'))
      return true;
    if (c.words.includes('--push') || c.words.some((w) => /(?:^|,)push=true\b|type=registry/.test(w))) return true;
    if (buildToolOf(c.words, v.job.image?.value ?? null) === 'kaniko')
      return !c.words.some((w) => w === '--no-push' || w === '--no-push=true');
    return false;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Catalog detectors

/**
 * `dind-tls-off`: Docker-in-Docker without TLS: `DOCKER_TLS_CERTDIR: ""`, `DOCKER_HOST: tcp://...:2375`, or a dind
 * service command `--tls=false`. Only for jobs with a dind service (issue 15 corpus convention: a TLS variable
 * without a dind daemon is no finding). The first such line of each variables block as written (global, a job's or
 * template's own, a service's) and of each service `command:`. Source: https://docs.gitlab.com/ci/docker/using_docker_build/#docker-in-docker-with-tls-disabled-in-the-docker-executor
 */
const dindTlsOff: Detector = (s) =>
  unique(
    views(s).flatMap((v) => {
      if (!v.job.services.some((svc) => isDind(svc, v.vars))) return [];
      const fromVars = variableBlocks(v).map((block) => block.find((e) => isTlsOffVar(e.value))?.pos);
      const fromCommands = serviceCommandItems(v)
        .filter(({ service }) => isDind(service, v.vars))
        .map(({ items }) => items.find((i) => /^--tls=false$/.test(i.text.trim()))?.pos);
      return [...fromVars, ...fromCommands];
    }),
  );

/**
 * `image-not-fully-pinned`: a docker (client or dind) or BuildKit image of a visible job whose tag is missing,
 * `latest`, `stable`, `dind`, `rootless`, or without a patch version (`docker:24-dind`); a digest pins it, a tag from a
 * variable the file does not set is not judged. The `image:`/service line; the Buildx builder's
 * `--driver-opt image=moby/buildkit:TAG` on its command's line. Buildah and Podman images are not judged, although
 * issue 15's placement rule names them: the catalog's rule is about Docker and BuildKit (client/daemon and builder
 * versions drifting apart), and the generator's own Buildah/Podman images carry minor tags
 * (`quay.io/buildah/stable:v1.43`) without this finding, so importing a preset must not find it.
 */
const imageNotFullyPinned: Detector = (s) =>
  unique(
    views(s).flatMap((v) => {
      const out: SourcePos[] = [];
      const judge = (ref: string, pos: SourcePos) => {
        const r = expand(ref, v.vars);
        const kind = imageKind(r);
        if ((kind === 'docker' || kind === 'buildkit') && floating(r) === true) out.push(pos);
      };
      if (v.job.image) judge(v.job.image.value, v.job.image.pos);
      for (const svc of v.job.services) judge(svc.name, svc.pos);
      for (const c of v.main)
        for (const opt of flagValues(c.words, '--driver-opt')) {
          const m = /(?:^|,)image=([^,]+)/.exec(opt);
          if (m?.[1]) judge(m[1], c.pos);
        }
      return out;
    }),
  );

/**
 * `version-known-defect`: an explicit version in a known defect range of `src/core/versions.ts`, where the setup
 * meets the defect's scope: a dind service (Docker `dind-docker-push` defects) in a job that runs `docker push`: the
 * service line; a Buildx builder image (`--driver-opt image=moby/buildkit:vX.Y.Z`, `buildx-push-gitlab` defects) in
 * a job that pushes: that command's line.
 */
const versionKnownDefect: Detector = (s) =>
  unique(
    views(s).flatMap((v) => {
      const out: SourcePos[] = [];
      const dockerPush = v.main.some((c) => bin(c) === 'docker' && operands(c)[0] === 'push');
      if (dockerPush)
        for (const svc of v.job.services) {
          if (!isDind(svc, v.vars)) continue;
          const version = tagVersion(splitImageRef(expand(svc.name, v.vars)).tag);
          if (version && defectsOf('docker', version).some((d) => d.scope === 'dind-docker-push')) out.push(svc.pos);
        }
      if (pushes(v))
        for (const c of v.main)
          for (const opt of flagValues(c.words, '--driver-opt')) {
            const m = /(?:^|,)image=([^,]+)/.exec(opt);
            const version = m?.[1] ? tagVersion(splitImageRef(expand(m[1], v.vars)).tag) : null;
            if (version && defectsOf('buildkit', version).some((d) => d.scope === 'buildx-push-gitlab'))
              out.push(c.pos);
          }
      return out;
    }),
  );

/**
 * `password-on-command-line`: `docker|buildah|podman|skopeo login ... -p X` / `--password X` / `--password=X` (not
 * `--password-stdin`): the command's line. Source: https://docs.docker.com/reference/cli/docker/login/
 */
const passwordOnCommandLine: Detector = (s) =>
  unique(
    views(s).flatMap((v) =>
      v.job.commands.flatMap((c) => {
        if (!['docker', 'buildah', 'podman', 'skopeo'].includes(bin(c)) || !operands(c).slice(0, 2).includes('login'))
          return [];
        const w = args(c);
        return w.some(
          (x, i) =>
            ((x === '-p' || x === '--password') && w[i + 1] !== undefined) ||
            /^--password=./.test(x) ||
            /^-p\S/.test(x),
        )
          ? [c.pos]
          : [];
      }),
    ),
  );

const NO_SANDBOX = '--oci-worker-no-process-sandbox';
/**
 * `buildkit-no-process-sandbox`: `--oci-worker-no-process-sandbox` in a `BUILDKITD_FLAGS` variable (its line), in a
 * command (buildkitd or rootlesskit) or in a service `command:` item (their lines).
 * Source: https://github.com/moby/buildkit/blob/master/docs/rootless.md
 */
const buildkitNoProcessSandbox: Detector = (s) =>
  unique(
    views(s).flatMap((v) => [
      ...[...v.vars.entries()]
        .filter(([k, loc]) => k === 'BUILDKITD_FLAGS' && loc.value.includes(NO_SANDBOX))
        .map(([, loc]) => loc.pos),
      ...v.job.services.flatMap((svc) =>
        Object.entries(svc.variables)
          .filter(([k, loc]) => k === 'BUILDKITD_FLAGS' && loc.value.includes(NO_SANDBOX))
          .map(([, loc]) => loc.pos),
      ),
      ...v.main.filter((c) => c.words.includes(NO_SANDBOX)).map((c) => c.pos),
      ...serviceCommandItems(v).flatMap(({ items }) =>
        items.filter((i) => i.text.includes(NO_SANDBOX)).map((i) => i.pos),
      ),
    ]),
  );

const UNCONFINED = /^(?:seccomp|apparmor|systempaths)[=:]unconfined$/;
/** `unconfined-security`: a job command's `--security-opt seccomp=unconfined` (or apparmor/systempaths): its line. */
const unconfinedSecurity: Detector = (s) =>
  unique(
    views(s).flatMap((v) =>
      v.job.commands
        .filter((c) => flagValues(c.words, '--security-opt').some((o) => UNCONFINED.test(o)))
        .map((c) => c.pos),
    ),
  );

/**
 * `kaniko-unmaintained`: a `gcr.io/kaniko-project/executor` image (its line), or a `/kaniko/executor` command in a
 * job whose image is no Kaniko image (the command's line). Maintained forks (another repository) are not it.
 * Source: https://github.com/GoogleContainerTools/kaniko (archived 2025-06).
 */
const kanikoUnmaintained: Detector = (s) =>
  unique(
    views(s).flatMap((v) => {
      const image = v.job.image ? expand(v.job.image.value, v.vars) : '';
      const out: SourcePos[] = [];
      if (v.job.image && /(?:^|\/)kaniko-project\/executor$/.test(splitImageRef(image).path)) out.push(v.job.image.pos);
      if (imageKind(image) !== 'kaniko')
        out.push(...v.main.filter((c) => programWords(c.words)[0] === '/kaniko/executor').map((c) => c.pos));
      return out;
    }),
  );

/**
 * `insecure-mirror`: an `http://` registry mirror of a dind service (`--registry-mirror=http://...` or the URL item
 * after `--registry-mirror`: the item's line) or of a `dockerd` command (its line).
 */
const insecureMirror: Detector = (s) =>
  unique(
    views(s).flatMap((v) => [
      ...serviceCommandItems(v).flatMap(({ items }) =>
        items.flatMap((item, i) => {
          const t = item.text.trim();
          if (/^--registry-mirror=http:\/\//.test(t)) return [item.pos];
          const prev = items[i - 1]?.text.trim();
          return prev === '--registry-mirror' && /^http:\/\//.test(t) ? [item.pos] : [];
        }),
      ),
      ...v.main
        .filter(
          (c) => bin(c) === 'dockerd' && flagValues(c.words, '--registry-mirror').some((m) => m.startsWith('http://')),
        )
        .map((c) => c.pos),
    ]),
  );

/**
 * `plain-http-registry`: a registry reached over plain HTTP: a dind service's `--insecure-registry` (its item; the
 * value item when written apart), `dockerd --insecure-registry`, Buildah/Podman/Skopeo `--tls-verify=false` (also
 * `--dest-`/`--src-`), buildctl `registry.insecure=true`, Kaniko `--insecure`/`--insecure-registry`: the command's line.
 */
const plainHttpRegistry: Detector = (s) =>
  unique(
    views(s).flatMap((v) => [
      ...serviceCommandItems(v).flatMap(({ items }) =>
        items.flatMap((item, i) => {
          const t = item.text.trim();
          if (/^--insecure-registry=./.test(t)) return [item.pos];
          return items[i - 1]?.text.trim() === '--insecure-registry' ? [item.pos] : [];
        }),
      ),
      ...v.main
        .filter((c) => {
          const b = bin(c);
          if (b === 'dockerd') return flagValues(c.words, '--insecure-registry').length > 0;
          if (['buildah', 'podman', 'skopeo'].includes(b))
            return c.words.some((w) => /^--(?:(?:src|dest)-)?tls-verify=false$/.test(w));
          if (b === 'buildctl' || b === 'buildctl-daemonless.sh')
            return c.words.some((w) => /registry\.insecure=true/.test(w));
          if (buildToolOf(c.words, v.job.image?.value ?? null) === 'kaniko')
            return c.words.some((w) => /^--insecure(?:-registry)?(?:=|$)/.test(w) && !/=false$/.test(w));
          return false;
        })
        .map((c) => c.pos),
    ]),
  );

/** Docker Hub: no registry host, or docker.io / index.docker.io / registry-1.docker.io. */
const fromDockerHub = (ref: string): boolean => {
  if (ref.includes('$') && splitImageRef(ref).registry?.startsWith('$')) return false;
  const { registry } = splitImageRef(ref);
  return registry === null || /^(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)$/i.test(registry);
};

/** Whether a login command logs in to Docker Hub: no registry operand, or a Docker Hub host. */
function dockerHubLogin(c: CiCommand): boolean {
  const b = bin(c);
  if (!['docker', 'buildah', 'podman', 'skopeo', 'crane'].includes(b)) return false;
  const w = args(c);
  const i = w.indexOf('login');
  if (i === -1) return false;
  const rest: string[] = [];
  for (let j = i + 1; j < w.length; j++) {
    const x = w[j] ?? '';
    if (['-u', '--username', '-p', '--password', '--authfile'].includes(x)) j++;
    else if (!x.startsWith('-')) rest.push(x);
  }
  const registry = rest[rest.length - 1];
  return (
    registry === undefined || /^(?:https?:\/\/)?(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)/i.test(registry)
  );
}

/**
 * `dockerhub-rate-limit`: a build job whose image or services come from Docker Hub with none of: a registry mirror
 * (`--registry-mirror` or `mirrors` anywhere in the job, a `registry-mirrors` daemon.json, a runner service with a
 * mirror), `DOCKER_AUTH_CONFIG`, a Docker Hub login (a login without registry or to docker.io, or credentials
 * keyed `index.docker.io`), the Dependency Proxy (`CI_DEPENDENCY_PROXY_*`). Not for Windows jobs and GitLab-hosted
 * runners (`saas-*` tags), like the catalog's `applies`. The first build command's line.
 * Source: https://docs.docker.com/docker-hub/usage/
 */
const dockerhubRateLimit: Detector = (s) =>
  unique(
    views(s).flatMap((v) => {
      const first = v.builds[0];
      if (!first || v.powershell || v.job.tags.some((t) => /^saas-/.test(t.value))) return [];
      const images = [v.job.image?.value, ...v.job.services.map((x) => x.name)]
        .filter((x): x is string => !!x)
        .map((x) => expand(x, v.vars));
      if (!images.some(fromDockerHub)) return [];
      const text = JSON.stringify([v.job.data, [...v.vars.values()].map((x) => x.value), images]);
      if (
        /CI_DEPENDENCY_PROXY_|DOCKER_AUTH_CONFIG|registry-mirror|\bmirrors\b|index\.docker\.io|registry-1\.docker\.io/.test(
          text,
        )
      )
        return [];
      if (v.vars.has('DOCKER_AUTH_CONFIG') || v.job.services.some((x) => 'DOCKER_AUTH_CONFIG' in x.variables))
        return [];
      if (v.job.commands.some(dockerHubLogin)) return [];
      const mirrors = s.daemonJson?.data['registry-mirrors'];
      if (Array.isArray(mirrors) && mirrors.length > 0) return [];
      // The runner's side: a dind service with a mirror, or a Docker config.json mounted into every job.
      if (s.runner && /registry-mirror|\.docker(?:\/config\.json)?[:"]/.test(JSON.stringify(s.runner.toml))) return [];
      if (s.buildkitd && /"mirrors"/.test(JSON.stringify(s.buildkitd.data))) return [];
      return [first.pos];
    }),
  );

const CACHE_WORD = /^(?:--cache-from|--cache-to|--import-cache|--export-cache|--cache-repo)(?:=|$)/;
/** Whether a build command uses a layer cache (registry/inline/local cache flags, Buildah `--layers`, Kaniko `--cache`). */
function hasLayerCache(c: CiCommand, vars: ReadonlyMap<string, Located<string>>): boolean {
  return c.words.some((w, i) => {
    if (CACHE_WORD.test(w)) return true;
    if ((w === '--layers' || w === '--layers=true') && c.words[i + 1] !== 'false') return true;
    if (w === '--cache' ? c.words[i + 1] !== 'false' : w === '--cache=true') return true;
    return /BUILDKIT_INLINE_CACHE=1/.test(w) || (w === 'BUILDKIT_INLINE_CACHE' && vars.has(w));
  });
}

/** A Docker or Buildx build that talks to the host's daemon (no dind service, no tcp:// DOCKER_HOST). */
function onHostDaemon(v: JobView, c: CiCommand): boolean {
  if (v.tree.incomplete.has(v.job.name)) return false;
  const tool = buildToolOf(c.words, v.job.image?.value ?? null);
  if (tool !== 'docker' && tool !== 'buildx') return false;
  if (v.job.services.some((svc) => isDind(svc, v.vars))) return false;
  const host = v.vars.get('DOCKER_HOST')?.value ?? '';
  return !/^tcp:\/\//.test(host.trim());
}

/**
 * `no-layer-cache`: a build job whose first build command has no `--cache-from`/`--cache-to`/`--import-cache`/
 * `--export-cache`/`--layers`/Kaniko `--cache`/`BUILDKIT_INLINE_CACHE`: that command's line. Not for builds on the
 * host's daemon (its layers stay there; a job whose `extends` or `!reference` reach an included file may get a dind
 * service there, so it is not taken to use the host), nor `buildx bake` (its cache is in the bake file). A job that
 * builds without pushing counts too (it rebuilds every layer all the same; the catalog's generated jobs always push).
 */
const noLayerCache: Detector = (s) =>
  unique(
    views(s).flatMap((v) => {
      const first = v.builds[0];
      if (!first || onHostDaemon(v, first) || operands(first).includes('bake')) return [];
      return hasLayerCache(first, v.vars) ? [] : [first.pos];
    }),
  );

/** An `if:` of rules (or an `only:` list) that runs on protected refs only: default branch, protected refs, tags. */
function protectedOnly(data: Record<string, unknown>): boolean {
  const protectedIf = (e: string) =>
    e
      .split('||')
      .every((part) =>
        /CI_COMMIT_REF_PROTECTED\s*==\s*["']?true|\$CI_COMMIT_(?:BRANCH|REF_NAME)\s*==\s*(?:\$CI_DEFAULT_BRANCH|["']?(?:main|master)["']?)|^\s*\$CI_COMMIT_TAG\s*$/.test(
          part,
        ),
      );
  if (Array.isArray(data.rules)) {
    const running = data.rules.filter(
      (r): r is Record<string, unknown> =>
        typeof r === 'object' && r !== null && (r as Record<string, unknown>).when !== 'never',
    );
    return running.length > 0 && running.every((r) => typeof r.if === 'string' && protectedIf(r.if));
  }
  const only = Array.isArray(data.only) ? data.only : (data.only as Record<string, unknown> | undefined)?.refs;
  if (Array.isArray(only))
    return only.length > 0 && only.every((r) => ['main', 'master', 'tags', '$CI_DEFAULT_BRANCH'].includes(String(r)));
  return false;
}

/**
 * `cache-writable-unprotected`: a build command that exports a registry layer cache (`--cache-to type=registry`,
 * `--export-cache type=registry`, Buildah/Podman `--cache-to`, Kaniko `--cache=true`) in a job whose `rules:`/`only:`
 * do not limit it to protected refs (the default branch, `$CI_COMMIT_REF_PROTECTED == "true"`, tags): the command's
 * line. Source: https://docs.docker.com/build/cache/backends/registry/ and the catalog's reason.
 */
const cacheWritableUnprotected: Detector = (s) =>
  unique(
    views(s).flatMap((v) => {
      // A job whose rules may come from an included template is not judged.
      if (protectedOnly(v.job.data) || v.tree.incomplete.has(v.job.name)) return [];
      return v.builds
        .filter((c) => {
          const tool = buildToolOf(c.words, v.job.image?.value ?? null);
          if (tool === 'buildah' || tool === 'podman') return flagValues(c.words, '--cache-to').length > 0;
          if (tool === 'kaniko')
            return c.words.includes('--cache=true') || (c.words.includes('--cache') && !c.words.includes('false'));
          return [...flagValues(c.words, '--cache-to'), ...flagValues(c.words, '--export-cache')].some((x) =>
            /type=registry/.test(x),
          );
        })
        .map((c) => c.pos);
    }),
  );

/**
 * `build-arg-secret`: a build command's `--build-arg NAME[=...]` (or buildctl `--opt build-arg:NAME=...`) whose NAME
 * looks like a secret (`SECRET_ARG_NAME` of findings.ts): the command's line.
 */
const buildArgSecret: Detector = (s) =>
  unique(
    views(s).flatMap((v) =>
      v.builds
        .filter((c) => {
          const names = [
            ...flagValues(c.words, '--build-arg'),
            ...flagValues(c.words, '--opt')
              .filter((o) => o.startsWith('build-arg:'))
              .map((o) => o.slice('build-arg:'.length)),
          ].map((a) => a.split('=')[0] ?? '');
          return names.some((n) => SECRET_ARG_NAME.test(n));
        })
        .map((c) => c.pos),
    ),
  );

/**
 * `qemu-binfmt-privileged`: `docker run --privileged ... tonistiigi/binfmt` or `multiarch/qemu-user-static`: the
 * command's line. Source: https://docs.docker.com/build/building/multi-platform/#qemu
 */
const qemuBinfmtPrivileged: Detector = (s) =>
  unique(
    views(s).flatMap((v) =>
      v.job.commands
        .filter(
          (c) =>
            bin(c) === 'docker' &&
            operands(c)[0] === 'run' &&
            c.words.some((w) => w === '--privileged' || w === '--privileged=true') &&
            c.words.some((w) => /(?:^|\/)(?:binfmt|qemu-user-static)(?::|@|$)/.test(w)),
        )
        .map((c) => c.pos),
    ),
  );

const TRIVY_SCANS = new Set([
  'image',
  'i',
  'fs',
  'filesystem',
  'rootfs',
  'repo',
  'repository',
  'config',
  'sbom',
  'vm',
  'k8s',
]);
/** A Trivy scan command and whether it fails on findings (`--exit-code` other than 0, or `TRIVY_EXIT_CODE`). */
function trivyScan(c: CiCommand, vars: ReadonlyMap<string, Located<string>>): { fails: boolean } | null {
  if (bin(c) !== 'trivy' || !operands(c).some((w) => TRIVY_SCANS.has(w)) || c.words.includes('--download-db-only'))
    return null;
  const codes = flagValues(c.words, '--exit-code');
  const env = vars.get('TRIVY_EXIT_CODE')?.value;
  const code = codes[codes.length - 1] ?? env;
  return { fails: code !== undefined && code.trim() !== '0' && code.trim() !== '' };
}

/**
 * `scan-never-fails`: a Trivy scan (`trivy image|fs|...`) with `--exit-code 0` or no `--exit-code` (nor
 * `TRIVY_EXIT_CODE`), in a job where no other Trivy scan fails on findings: the command's line. An `include:` of
 * GitLab's Container Scanning template is not reported: what it runs is in the template, which is not read, and the
 * placement rules of issue 15 name Trivy commands only.
 * Source: https://docs.gitlab.com/user/application_security/container_scanning/ , https://trivy.dev/latest/docs/configuration/others/#exit-code
 */
const scanNeverFails: Detector = (s) =>
  unique(
    views(s).flatMap((v) => {
      const scans = v.main.map((c) => ({ c, scan: trivyScan(c, v.vars) })).filter((x) => x.scan !== null);
      if (scans.some((x) => x.scan?.fails)) return [];
      return scans.map((x) => x.c.pos);
    }),
  );

/**
 * `gates-report-only`: a visible job that lints (`hadolint`) or scans (Trivy) with `allow_failure: true`: the line of
 * `allow_failure` as written.
 */
const gatesReportOnly: Detector = (s) =>
  unique(
    views(s).flatMap((v) => {
      if (v.job.data.allow_failure !== true) return [];
      if (!v.main.some((c) => bin(c) === 'hadolint' || trivyScan(c, v.vars) !== null)) return [];
      return [entryOf(v.tree.jobs.get(v.job.name), 'allow_failure')?.keyPos];
    }),
  );

const cosignSign = (c: CiCommand): boolean =>
  bin(c) === 'cosign' && ['sign', 'sign-blob', 'attest'].includes(operands(c)[0] ?? '');
/** `signing-key-variable`: `cosign sign --key ...`: the command's line (the key lives in a CI/CD variable). */
const signingKeyVariable: Detector = (s) =>
  unique(
    views(s).flatMap((v) =>
      v.main.filter((c) => cosignSign(c) && flagValues(c.words, '--key').length > 0).map((c) => c.pos),
    ),
  );

/**
 * `keyless-public-log`: keyless signing (`cosign sign` without `--key`): the job's `id_tokens:` line as written (the
 * token that identifies the signer), else the command's line. Source: https://docs.sigstore.dev/cosign/signing/overview/
 */
const keylessPublicLog: Detector = (s) =>
  unique(
    views(s).flatMap((v) => {
      const keyless = v.main.filter((c) => cosignSign(c) && flagValues(c.words, '--key').length === 0);
      if (!keyless.length) return [];
      const tokens = entryOf(v.tree.jobs.get(v.job.name), 'id_tokens');
      return tokens ? [tokens.keyPos] : keyless.map((c) => c.pos);
    }),
  );

// ---------------------------------------------------------------------------------------------------------------
// Failures the files reveal

/** The runner's `environment` value of a name, when every runner that sets it agrees. */
function runnerEnv(s: ImportedSetup, name: string): string | undefined {
  const runners = Array.isArray(s.runner?.toml.runners) ? (s.runner?.toml.runners as unknown[]) : [];
  const values = new Set<string>();
  for (const r of runners) {
    const env = (r as { environment?: unknown }).environment;
    if (Array.isArray(env))
      for (const e of env) if (typeof e === 'string' && e.startsWith(`${name}=`)) values.add(e.slice(name.length + 1));
  }
  return values.size === 1 ? [...values][0] : undefined;
}

/**
 * `dind-tls-port-mismatch`: a job with a dind service whose `DOCKER_HOST` port contradicts the daemon's TLS: 2375
 * while `DOCKER_TLS_CERTDIR` is set for the service (the docker:dind image sets `/certs` by default: TLS on, port 2376
 * only) or 2376 while it is empty or the service runs `--tls=false`. DOCKER_TLS_CERTDIR is read from the service's
 * variables, then the job's, then the runner's `environment` (when config.toml is given). The DOCKER_HOST line.
 * Source: https://docs.gitlab.com/ci/docker/using_docker_build/#use-the-docker-executor-with-docker-in-docker
 */
const dindTlsPortMismatch: Detector = (s) =>
  unique(
    views(s).flatMap((v) => {
      const host = v.vars.get('DOCKER_HOST');
      const port = host ? /^tcp:\/\/[^/\s]+:(\d+)\/?$/.exec(expand(host.value, v.vars).trim())?.[1] : undefined;
      if (!host || (port !== '2375' && port !== '2376')) return [];
      return v.job.services
        .filter((svc) => isDind(svc, v.vars))
        .flatMap((svc) => {
          const items = serviceCommandItems(v).find((x) => x.service === svc)?.items ?? [];
          const raw =
            svc.variables.DOCKER_TLS_CERTDIR?.value ??
            v.vars.get('DOCKER_TLS_CERTDIR')?.value ??
            runnerEnv(s, 'DOCKER_TLS_CERTDIR') ??
            '/certs';
          const words = items.map((i) => i.text.trim());
          // A command that starts with `dockerd` (not a flag) replaces the image's defaults: TLS only if it says so.
          const custom = words.length > 0 && !(words[0] ?? '').startsWith('-');
          if (raw.includes('$') && !custom) return [];
          const tls = custom
            ? words.some((w) => w === '--tlsverify' || w === '--tls' || w === '--tls=true' || w === '--tlsverify=true')
            : raw.trim() !== '' && !words.includes('--tls=false');
          return (port === '2375' && tls) || (port === '2376' && !tls) ? [host.pos] : [];
        });
    }),
  );

/**
 * `dind-hostname-unresolved`: a job with a dind service whose `DOCKER_HOST` names a host that is none of the
 * service's hostnames (its `alias`es and the two GitLab derives from the image name: `registry.example.com/a/docker`
 * gives `registry.example.com__a__docker` and `registry.example.com-a-docker`), nor localhost. The DOCKER_HOST line.
 * Source: https://docs.gitlab.com/ci/services/#accessing-the-services
 */
const dindHostnameUnresolved: Detector = (s) =>
  unique(
    views(s).flatMap((v) => {
      const host = v.vars.get('DOCKER_HOST');
      const name = host ? /^tcp:\/\/([^/:\s]+)/.exec(expand(host.value, v.vars).trim())?.[1] : undefined;
      const dinds = v.job.services.filter((svc) => isDind(svc, v.vars));
      if (!host || !name || name.includes('$') || !dinds.length || ['localhost', '127.0.0.1', '::1'].includes(name))
        return [];
      return dinds.some((svc) => serviceHosts(svc, v.vars).includes(name)) ? [] : [host.pos];
    }),
  );

/**
 * `buildx-cache-export-docker-driver`: `docker buildx build --cache-to` of a type other than `inline` in a job that
 * creates no builder before it (`docker buildx create`, `--builder`, `BUILDX_BUILDER`): the default docker driver
 * cannot export it. The build command's line. Source: https://docs.docker.com/build/cache/backends/
 */
const buildxCacheExportDockerDriver: Detector = (s) =>
  unique(
    views(s).flatMap((v) => {
      if (v.vars.has('BUILDX_BUILDER')) return [];
      const out: SourcePos[] = [];
      let builder = false;
      for (const c of v.main) {
        const ops = operands(c);
        if (bin(c) === 'docker' && ops[0] === 'buildx' && ops[1] === 'create') builder = true;
        if (buildToolOf(c.words, null) !== 'buildx' || builder || flagValues(c.words, '--builder').length) continue;
        const exports = flagValues(c.words, '--cache-to');
        if (exports.some((x) => !/^type=inline\b/.test(x.trim()) && x.trim() !== '')) out.push(c.pos);
      }
      return out;
    }),
  );

/** The major version of a docker image tag (`stable` is frozen at 19.03), or null. */
const dockerMajor = (tag: string | null): number | null => {
  if (tag === 'stable' || tag === 'stable-dind') return 19;
  const m = /^(\d+)(?:[.-]|$)/.exec(tag ?? '');
  return m ? Number(m[1]) : null;
};

/**
 * `docker29-client-too-old`: a job whose docker client image is older than Docker 25 (API 1.44; `docker:stable` is
 * 19.03) beside a dind service that runs Docker 29 or later or floats (`docker:dind`, `latest`, no version): the
 * client image's line. Source: https://docs.docker.com/engine/release-notes/29/ (minimum API version 1.44).
 */
const docker29ClientTooOld: Detector = (s) =>
  unique(
    views(s).flatMap((v) => {
      const image = v.job.image ? expand(v.job.image.value, v.vars) : null;
      if (!image || !v.job.image || imageKind(image) !== 'docker') return [];
      const client = dockerMajor(splitImageRef(image).tag);
      if (client === null || client >= 25) return [];
      const newDaemon = v.job.services.some((svc) => {
        if (!isDind(svc, v.vars)) return false;
        const ref = splitImageRef(expand(svc.name, v.vars));
        if (ref.digest || ref.tag?.includes('$')) return false;
        const major = dockerMajor(ref.tag);
        return major === null ? /^(?:dind|latest)?$|^dind-rootless$/.test(ref.tag ?? '') : major >= 29;
      });
      return newDaemon ? [v.job.image.pos] : [];
    }),
  );

/**
 * `kaniko-legacy-pitfalls`: a Kaniko job whose image GitLab cannot run a script in: a Kaniko executor image whose tag
 * is not a `debug` one (no shell), or a debug image without `entrypoint: [""]`. The image line.
 * Source: https://github.com/GoogleContainerTools/kaniko#running-kaniko-in-gitlab-ci (issues 430, 1325).
 */
const kanikoLegacyPitfalls: Detector = (s) =>
  unique(
    views(s).flatMap((v) => {
      if (!v.job.image || !v.builds.some((c) => buildToolOf(c.words, v.job.image?.value ?? null) === 'kaniko'))
        return [];
      const ref = splitImageRef(expand(v.job.image.value, v.vars));
      if (!/kaniko/i.test(ref.path) || !/executor$/.test(ref.path)) return [];
      if (ref.tag?.includes('$') || (ref.digest && !ref.tag)) return [];
      const debug = /debug/.test(ref.tag ?? '');
      const emptyEntrypoint = v.job.image.entrypoint !== null && v.job.image.entrypoint.every((e) => e === '');
      return !debug || !emptyEntrypoint ? [v.job.image.pos] : [];
    }),
  );

// ---------------------------------------------------------------------------------------------------------------
// Lint-only detectors

/**
 * `folded-command-split`: a folded (`>`, `>-`) or plain multi-line script item that YAML joins or splits so the
 * shell runs something else: a line ending in a `\` continuation that folding joins to the next (the shell then
 * reads an escaped space), a more-indented line that folding keeps apart and that starts with an option (run as its
 * own command), or a `#` comment that folding joins with the lines after it. The item's first line (the `>`
 * indicator's line for a block, the scalar's line for a plain one), once per item as written.
 * Source: https://yaml.org/spec/1.2.2/#line-folding
 */
const foldedCommandSplit: Detector = (s) => {
  const ci = s.ci;
  const tree = ci ? ciTree(ci) : null;
  if (!ci || !tree) return [];
  const visible = new Set(ci.jobs.filter((j) => !j.hidden).map((j) => j.name));
  return unique(
    tree.scriptItems
      .filter((item) => visible.has(item.job) && (item.style === 'BLOCK_FOLDED' || item.style === 'PLAIN'))
      .filter((item) => {
        const lines = item.source.map((l) => l.trim()).filter((l, i, all) => l !== '' || i < all.length - 1);
        if (lines.length < 2) return false;
        const continued = lines.slice(0, -1).filter((l) => /(?:^|[^\\])\\$/.test(l)).length;
        const kept = (item.text.match(/\\\n/g) ?? []).length;
        if (continued > kept) return true;
        if (splitShell(item.text).some((c) => (c.words[0] ?? '').startsWith('-'))) return true;
        // A comment joined with the next line: the shell ignores everything joined after the `#`.
        return lines.some((l, i) => {
          const next = lines[i + 1];
          return next !== undefined && next !== '' && /(?:^|\s)#/.test(l) && item.text.includes(`${l} ${next}`);
        });
      })
      .map((item) => item.pos),
  );
};

/**
 * `local-dockerfile-is-file`: `buildctl ... --local dockerfile=PATH` where PATH names a file (`Dockerfile`,
 * `Containerfile`, `*.Dockerfile`, `*.dockerfile`), not a directory: the command's line.
 * Source: https://github.com/moby/buildkit#building-a-dockerfile-with-buildctl
 */
const localDockerfileIsFile: Detector = (s) =>
  unique(
    views(s).flatMap((v) =>
      v.main
        .filter((c) => bin(c) === 'buildctl' || bin(c) === 'buildctl-daemonless.sh')
        .filter((c) =>
          flagValues(c.words, '--local').some((x) => {
            const m = /^dockerfile=(.+)$/.exec(x);
            const base = (m?.[1] ?? '').replace(/\/+$/, '').split('/').pop() ?? '';
            return m !== null && /^(?:Dockerfile|Containerfile)(?:\..+)?$|\.(?:dockerfile|containerfile)$/i.test(base);
          }),
        )
        .map((c) => c.pos),
    ),
  );

// ---------------------------------------------------------------------------------------------------------------

/** Finding id (catalog, failure or lint-only) -> detector of `.gitlab-ci.yml`. */
export const CI_DETECTORS: Readonly<Record<string, Detector>> = {
  'dind-tls-off': dindTlsOff,
  'image-not-fully-pinned': imageNotFullyPinned,
  'version-known-defect': versionKnownDefect,
  'password-on-command-line': passwordOnCommandLine,
  'buildkit-no-process-sandbox': buildkitNoProcessSandbox,
  'unconfined-security': unconfinedSecurity,
  'kaniko-unmaintained': kanikoUnmaintained,
  'insecure-mirror': insecureMirror,
  'plain-http-registry': plainHttpRegistry,
  'dockerhub-rate-limit': dockerhubRateLimit,
  'no-layer-cache': noLayerCache,
  'cache-writable-unprotected': cacheWritableUnprotected,
  'build-arg-secret': buildArgSecret,
  'qemu-binfmt-privileged': qemuBinfmtPrivileged,
  'scan-never-fails': scanNeverFails,
  'gates-report-only': gatesReportOnly,
  'signing-key-variable': signingKeyVariable,
  'keyless-public-log': keylessPublicLog,
  'dind-tls-port-mismatch': dindTlsPortMismatch,
  'dind-hostname-unresolved': dindHostnameUnresolved,
  'buildx-cache-export-docker-driver': buildxCacheExportDockerDriver,
  'docker29-client-too-old': docker29ClientTooOld,
  'kaniko-legacy-pitfalls': kanikoLegacyPitfalls,
  'folded-command-split': foldedCommandSplit,
  'local-dockerfile-is-file': localDockerfileIsFile,
};

/** The ids above that are known failures of the troubleshooter (reported with severity high and its texts). */
export const CI_FAILURE_IDS: readonly string[] = Object.keys(CI_DETECTORS).filter((id) =>
  (FAILURE_IDS as readonly string[]).includes(id),
);

/** The ids above that are catalog findings (`FINDING_RULES`). */
export const CI_CATALOG_IDS: readonly string[] = Object.keys(CI_DETECTORS).filter((id) =>
  FINDING_RULES.some((r) => r.id === id),
);
