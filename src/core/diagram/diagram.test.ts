/**
 * The diagram (issue 7) against the generated files: for every preset and both languages, the files are parsed
 * independently of the plan (`.gitlab-ci.yml` as YAML, the runner's config.toml or the Helm values' runners.config as
 * TOML, daemon.json, buildkitd.toml) and the model must show what they configure: a DinD daemon in a privileged
 * service with TLS on 2376 (plain TCP on 2375 without), a host daemon across the host boundary for socket and pipe
 * binding, no daemon outside the job for rootless BuildKit, Buildah and Podman, the volumes, mirror, proxy, cache and
 * registry that the files name. The SVG is parsed by a strict XML reader; hostile strings stay text.
 */
import { parse as parseToml } from '@iarna/toml';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { defaultAnswers, type Answers } from '../answers';
import {
  FINDING_ANCHORS,
  describeDiagram,
  diagramModel,
  escapeXml,
  findingAnchor,
  renderDiagramSvg,
  type DiagramModel,
  type DiagramNode,
} from '.';
import { FINDING_RULES } from '../findings';
import { generate, zipFiles, type GenerateResult } from '../generate';
import { LANGS, type Lang } from '../i18n';
import { PRESETS } from '../presets';
import { answersArb } from '../../testing/arbitraries';
import { unzipSync, strFromU8 } from 'fflate';

const RUNS = Number(process.env.FC_RUNS ?? 300);

// ---------------------------------------------------------------------------------------------------------------
// A strict XML reader (well-formedness only: elements, attributes, text, the five entities and character refs)

interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Decoded text directly inside this element. */
  text: string;
}

const NAME = /^[A-Za-z_][\w.:-]*/;

function decode(raw: string, where: string): string {
  if (raw.includes('<')) throw new Error(`raw < in ${where}`);
  return raw.replace(/&([^;]*);?/g, (m, body: string) => {
    if (!m.endsWith(';')) throw new Error(`unterminated entity in ${where}: ${m}`);
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (body in named) return named[body] ?? '';
    const num = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(body);
    if (num) return String.fromCodePoint(parseInt(num[1] ?? num[2] ?? '', num[1] ? 16 : 10));
    throw new Error(`unknown entity &${body}; in ${where}`);
  });
}

/** Parses one XML document (no prolog, comments, CDATA or DTD: the generator writes none) or throws. */
function parseXml(xml: string): XmlElement {
  let i = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(xml)) throw new Error('character not allowed in XML');
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = lt === -1 ? xml.slice(i) : xml.slice(i, lt);
    if (text) {
      const top = stack[stack.length - 1];
      if (!top) {
        if (text.trim()) throw new Error(`text outside the root: ${text.slice(0, 40)}`);
      } else top.text += decode(text, `text of <${top.name}>`);
    }
    if (lt === -1) break;
    if (xml.startsWith('</', lt)) {
      const end = xml.indexOf('>', lt);
      const name = xml.slice(lt + 2, end).trim();
      const top = stack.pop();
      if (!top || top.name !== name) throw new Error(`</${name}> closes <${top?.name ?? 'nothing'}>`);
      i = end + 1;
      continue;
    }
    let j = lt + 1;
    const nameMatch = NAME.exec(xml.slice(j));
    if (!nameMatch) throw new Error(`bad tag at ${lt}: ${xml.slice(lt, lt + 20)}`);
    const el: XmlElement = { name: nameMatch[0], attrs: {}, children: [], text: '' };
    j += nameMatch[0].length;
    for (;;) {
      const ws = /^\s*/.exec(xml.slice(j))?.[0] ?? '';
      j += ws.length;
      if (xml.startsWith('/>', j) || xml.startsWith('>', j)) break;
      if (!ws) throw new Error(`no space before attribute in <${el.name}> at ${j}`);
      const attr = /^([A-Za-z_][\w.:-]*)="([^"]*)"/.exec(xml.slice(j));
      if (!attr) throw new Error(`bad attribute in <${el.name}>: ${xml.slice(j, j + 30)}`);
      const key = attr[1] ?? '';
      if (key in el.attrs) throw new Error(`duplicate attribute ${key} in <${el.name}>`);
      el.attrs[key] = decode(attr[2] ?? '', `${key} of <${el.name}>`);
      j += attr[0].length;
    }
    const selfClosing = xml.startsWith('/>', j);
    i = j + (selfClosing ? 2 : 1);
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else if (root) throw new Error('second root element');
    else root = el;
    if (!selfClosing) stack.push(el);
  }
  if (stack.length) throw new Error(`unclosed <${stack.map((e) => e.name).join('> <')}>`);
  if (!root) throw new Error('no root element');
  return root;
}

const walk = (el: XmlElement): XmlElement[] => [el, ...el.children.flatMap(walk)];
const allText = (el: XmlElement): string => el.text + el.children.map(allText).join('');

// ---------------------------------------------------------------------------------------------------------------
// The generated files, read without the plan

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const asObj = (v: unknown): Obj => (isObj(v) ? v : {});
const asArr = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

interface Service {
  name: string;
  alias: string;
  command: string[];
}

interface Facts {
  /** Every script line of every job (before_script, script, after_script), as GitLab runs them. */
  scripts: string[];
  ci: Obj;
  variables: Obj;
  jobImage: string;
  services: Service[];
  runner: Obj | null;
  executor: string;
  privileged: boolean | null;
  dockerVolumes: string[];
  hostPaths: string[];
  emptyDirs: string[];
  configMaps: string[];
  runnerEnv: string[];
  runnerUrl: string;
  daemonJson: Obj | null;
  buildkitdToml: Obj | null;
}

function service(v: unknown): Service {
  if (typeof v === 'string') return { name: v, alias: '', command: [] };
  const o = asObj(v);
  return { name: str(o.name), alias: str(o.alias), command: asArr(o.command).map(str) };
}

function facts(r: GenerateResult): Facts {
  const file = (path: string) => r.files.find((f) => f.path === path)?.content;
  const ciText = file('.gitlab-ci.yml') ?? '';
  const ci = asObj(parseYaml(ciText));
  const def = asObj(ci.default);
  const jobs = Object.entries(ci).filter(([, v]) => isObj(v) && 'script' in v);
  // The build jobs' image (a later test job runs the built image instead).
  const image =
    def.image ??
    jobs
      .filter(([, j]) => asObj(j).stage === 'build')
      .map(([, j]) => asObj(j).image)
      .find((x) => x !== undefined);
  let runnerToml: string | undefined = file('config.toml');
  let runnerUrl = '';
  const values = file('values.yaml');
  if (values !== undefined) {
    const v = asObj(parseYaml(values));
    runnerToml = str(asObj(v.runners).config);
    runnerUrl = str(v.gitlabUrl);
  }
  const runner = runnerToml === undefined ? null : asObj(asArr(asObj(parseToml(runnerToml)).runners)[0]);
  const docker = asObj(runner?.docker);
  const k8s = asObj(runner?.kubernetes);
  const vols = asObj(k8s.volumes);
  const lines = (o: Obj) => [o.before_script, o.script, o.after_script].flatMap(asArr).map(str);
  const scripts = [...lines(def), ...jobs.flatMap(([, j]) => lines(asObj(j)))];
  const ciServices = [...asArr(def.services), ...jobs.flatMap(([, j]) => asArr(asObj(j).services))].map(service);
  const runnerServices = [...asArr(docker.services), ...asArr(k8s.services)].map(service);
  const daemonJson = file('daemon.json');
  const buildkitd = file('buildkitd.toml');
  return {
    scripts,
    ci,
    variables: asObj(ci.variables),
    jobImage: typeof image === 'string' ? image : str(asObj(image).name),
    services: [...ciServices, ...runnerServices],
    runner,
    executor: str(runner?.executor),
    privileged:
      typeof docker.privileged === 'boolean'
        ? docker.privileged
        : typeof k8s.privileged === 'boolean'
          ? k8s.privileged
          : null,
    dockerVolumes: asArr(docker.volumes).map(str),
    hostPaths: asArr(vols.host_path).map((v) => str(asObj(v).host_path)),
    emptyDirs: asArr(vols.empty_dir).map((v) => str(asObj(v).mount_path)),
    configMaps: asArr(vols.config_map).map((v) => str(asObj(v).name)),
    runnerEnv: asArr(runner?.environment).map(str),
    runnerUrl: runnerUrl || str(runner?.url),
    daemonJson: daemonJson === undefined ? null : asObj(JSON.parse(daemonJson)),
    buildkitdToml: buildkitd === undefined ? null : asObj(parseToml(buildkitd)),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Model helpers

const nodeOf = (m: DiagramModel, id: string): DiagramNode => {
  const n = m.nodes.find((x) => x.id === id);
  if (!n) throw new Error(`no node ${id} (nodes: ${m.nodes.map((x) => x.id).join(', ')})`);
  return n;
};
const hasNode = (m: DiagramModel, id: string) => m.nodes.some((n) => n.id === id);
const edgeOf = (m: DiagramModel, id: string) => {
  const e = m.edges.find((x) => x.id === id);
  if (!e) throw new Error(`no edge ${id} (edges: ${m.edges.map((x) => x.id).join(', ')})`);
  return e;
};
const ancestors = (m: DiagramModel, id: string): string[] => {
  const out: string[] = [];
  for (let p = nodeOf(m, id).parent; p; p = nodeOf(m, p).parent) out.push(p);
  return out;
};
const boundariesOf = (m: DiagramModel, kind: string) => m.boundaries.filter((b) => b.kind === kind);
const inBoundary = (m: DiagramModel, kind: string, id: string) =>
  boundariesOf(m, kind).some((b) => b.members.includes(id));

/** Invariants of any model: ids, references, anchors. */
function checkStructure(m: DiagramModel, r: GenerateResult): void {
  const ids = [...m.nodes.map((n) => n.id), ...m.edges.map((e) => e.id), ...m.boundaries.map((b) => b.id)];
  expect(new Set(ids).size, `unique ids: ${ids.join(', ')}`).toBe(ids.length);
  const nodes = new Set(m.nodes.map((n) => n.id));
  for (const n of m.nodes) {
    if (n.parent !== null) expect(nodes.has(n.parent), `parent of ${n.id}`).toBe(true);
    expect(n.label.trim()).not.toBe('');
  }
  expect(m.nodes.filter((n) => n.kind === 'host')).toHaveLength(1);
  for (const e of m.edges) {
    expect(nodes.has(e.from), `${e.id} from ${e.from}`).toBe(true);
    expect(nodes.has(e.to), `${e.id} to ${e.to}`).toBe(true);
    for (const b of e.crossesBoundary) {
      const bd = m.boundaries.find((x) => x.id === b);
      expect(bd, `${e.id} crosses ${b}`).toBeDefined();
      expect(bd?.members.includes(e.from)).not.toBe(bd?.members.includes(e.to));
    }
  }
  for (const b of m.boundaries) {
    expect(b.members.length, b.id).toBeGreaterThan(0);
    for (const id of b.members) expect(nodes.has(id), `${b.id} member ${id}`).toBe(true);
  }
  // Every finding of the result is anchored, to the element its rule names, and that element exists.
  expect(m.findings.map((f) => f.id)).toEqual(r.findings.map((f) => f.id));
  for (const f of r.findings) {
    const anchored = m.findings.find((x) => x.id === f.id);
    expect(anchored?.anchor, f.id).toBe(findingAnchor(f));
    expect(ids, `anchor of ${f.id}`).toContain(findingAnchor(f));
  }
  // Everything builds in exactly one daemon or builder.
  expect(m.nodes.filter((n) => n.id === 'daemon' && (n.kind === 'daemon' || n.kind === 'builder'))).toHaveLength(1);
}

/** The model against the files. */
function checkAgainstFiles(m: DiagramModel, f: Facts, r: GenerateResult): void {
  const dind = f.services.find((s) => /(^|\/)docker:[^/]*-dind$/.test(s.name));
  const buildkitdService = f.services.find((s) => s.alias === 'buildkitd');
  const dockerHost = str(f.variables.DOCKER_HOST);
  const socketBinding =
    f.dockerVolumes.some((v) => v.startsWith('/var/run/docker.sock')) || f.hostPaths.includes('/var/run/docker.sock');
  const pipeBinding = [...f.dockerVolumes, ...f.hostPaths].some((v) => v.includes('pipe\\docker_engine'));
  const rootless = 'BUILDKITD_FLAGS' in f.variables;
  const daemonless = f.scripts.some((l) => /^(buildah|podman) build\b/.test(l));

  // The job and its image.
  if (f.jobImage) expect(nodeOf(m, 'job').detail).toContain(f.jobImage);
  if (f.executor === 'shell') {
    expect(f.jobImage).toBe('');
    expect(inBoundary(m, 'host', 'job'), 'a shell job runs on the host').toBe(true);
  }

  if (dind) {
    // A DinD setup has a daemon node in a privileged service.
    const daemon = nodeOf(m, 'daemon');
    expect(daemon.kind).toBe('daemon');
    expect(ancestors(m, 'daemon')).toContain('service-dind');
    expect(nodeOf(m, 'service-dind').detail).toContain(dind.name);
    expect(inBoundary(m, 'privileged', 'daemon')).toBe(true);
    expect(inBoundary(m, 'privileged', 'service-dind')).toBe(true);
    if (f.runner) expect(f.privileged, 'the runner runs privileged containers').toBe(true);
    const e = edgeOf(m, 'edge-client-daemon');
    expect([e.from, e.to]).toEqual(['job', 'daemon']);
    const tcp = /^tcp:\/\/([^:]+):(\d+)$/.exec(dockerHost);
    if (tcp) {
      const port = Number(tcp[2]);
      expect(e.port).toBe(port);
      expect(nodeOf(m, 'service-dind').detail).toContain(`${tcp[1]}:${port}`);
      if (str(f.variables.DOCKER_TLS_CERTDIR) !== '') {
        // TLS on: an edge on 2376 marked TLS.
        expect(port).toBe(2376);
        expect(e.protocol).toBe('tls');
        expect(e.secure).toBe(true);
        expect(e.label).toContain('2376');
      } else {
        expect(port).toBe(2375);
        expect(e.protocol).toBe('tcp');
        expect(e.secure).toBe(false);
        expect(e.label).toContain('2375');
      }
    } else {
      const unix = /^unix:\/\/(.*)\/docker\.sock$/.exec(dockerHost);
      expect(unix, `DOCKER_HOST ${dockerHost}`).not.toBeNull();
      expect(e.protocol).toBe('unix');
      expect(nodeOf(m, 'volume-socket').label).toBe(unix?.[1]);
      if (f.runner) expect(f.dockerVolumes).toContain(unix?.[1]);
    }
  } else {
    expect(hasNode(m, 'service-dind')).toBe(false);
  }

  if (f.dockerVolumes.includes('/certs/client') || f.emptyDirs.includes('/certs/client')) {
    expect(nodeOf(m, 'volume-certs').label).toBe('/certs/client');
    expect(edgeOf(m, 'edge-mount-volume-certs-job').protocol).toBe('mount');
    expect(edgeOf(m, 'edge-mount-volume-certs-service-dind').protocol).toBe('mount');
  } else if (f.runner) expect(hasNode(m, 'volume-certs')).toBe(false);

  if (buildkitdService) {
    expect(str(f.variables.BUILDKIT_HOST)).toBe('tcp://buildkitd:1234');
    expect(ancestors(m, 'daemon')).toContain('service-buildkitd');
    expect(inBoundary(m, 'privileged', 'daemon')).toBe(true);
    const e = edgeOf(m, 'edge-client-daemon');
    expect(e).toMatchObject({ protocol: 'tcp', port: 1234, secure: false });
  }

  if (socketBinding || pipeBinding) {
    // Socket (pipe) binding: the host daemon, outside the job, reached across the host boundary.
    const daemon = nodeOf(m, 'daemon');
    expect(daemon.kind).toBe('daemon');
    expect(daemon.parent).toBe('host');
    const e = edgeOf(m, 'edge-client-daemon');
    expect([e.from, e.to]).toEqual(['job', 'daemon']);
    expect(e.protocol).toBe(socketBinding ? 'unix' : 'pipe');
    expect(e.secure).toBe(false);
    const host = boundariesOf(m, 'host');
    expect(host).toHaveLength(1);
    expect(e.crossesBoundary).toContain(host[0]?.id);
    expect(inBoundary(m, 'host', 'daemon')).toBe(true);
    expect(inBoundary(m, 'host', 'job')).toBe(false);
    expect(inBoundary(m, 'host-root', 'job') && inBoundary(m, 'host-root', 'daemon')).toBe(true);
    expect(nodeOf(m, socketBinding ? 'socket' : 'pipe').parent).toBe('host');
    expect(f.privileged).toBe(false);
  }

  if (rootless || daemonless) {
    // No daemon outside the job.
    for (const n of m.nodes.filter((x) => x.kind === 'daemon' || x.kind === 'builder'))
      expect(ancestors(m, n.id), n.id).toContain('job');
    expect(m.nodes.filter((x) => x.kind === 'daemon')).toEqual([]);
    expect(m.nodes.filter((x) => x.kind === 'service')).toEqual([]);
    expect(boundariesOf(m, 'privileged')).toEqual([]);
    expect(boundariesOf(m, 'host-root')).toEqual([]);
    expect(m.edges.some((e) => e.id === 'edge-client-daemon')).toBe(false);
    if (f.runner) expect(f.privileged ?? false).toBe(false);
  }
  // The privileged boundary exists exactly when the runner is configured privileged (own runners).
  if (f.runner) expect(boundariesOf(m, 'privileged').length > 0).toBe(f.privileged === true);

  // Files and mounts.
  expect(hasNode(m, 'daemon-json')).toBe(f.daemonJson !== null);
  expect(hasNode(m, 'buildkitd-toml')).toBe(f.buildkitdToml !== null);
  const mountedConfig =
    f.dockerVolumes.some((v) => v.includes('/.docker/config.json')) || f.configMaps.includes('docker-client-config');
  expect(hasNode(m, 'config-json')).toBe(mountedConfig);
  if (mountedConfig) expect(edgeOf(m, 'edge-mount-config-json-job').to).toBe('job');

  // The registry mirror, wherever the files configure it.
  const mirrors = [
    ...f.services.flatMap((s) => s.command.filter((_, i, all) => all[i - 1] === '--registry-mirror')),
    ...asArr(f.daemonJson?.['registry-mirrors']).map(str),
    ...asArr(asObj(asObj(asObj(f.buildkitdToml?.registry)['docker.io'])).mirrors).map(str),
  ];
  if (mirrors.length) {
    const mirror = nodeOf(m, 'mirror');
    for (const u of mirrors)
      expect(mirror.detail.join(' ').toLowerCase()).toContain(u.replace(/\/+$/, '').toLowerCase());
    expect(edgeOf(m, 'edge-mirror').from).toBe('daemon');
    // Plain HTTP for the mirror's host (buildkitd.toml also lists other plain-HTTP registries).
    const hosts = mirrors.map((u) => u.replace(/^https?:\/\//, '').replace(/\/.*$/, ''));
    const plainHttp =
      mirrors.some((u) => u.startsWith('http://')) ||
      Object.entries(asObj(f.buildkitdToml?.registry)).some(
        ([host, reg]) => hosts.includes(host) && asObj(reg).http === true,
      );
    expect(edgeOf(m, 'edge-mirror').secure).toBe(!plainHttp);
  } else expect(hasNode(m, 'mirror')).toBe(false);

  // The proxy, from the job's variables or the runner's environment.
  const proxies = [
    str(f.variables.HTTP_PROXY),
    str(f.variables.HTTPS_PROXY),
    ...f.runnerEnv.filter((x) => /^HTTPS?_PROXY=/.test(x)).map((x) => x.replace(/^HTTPS?_PROXY=/, '')),
  ].filter((x) => x !== '');
  const proxyConfigured = 'NO_PROXY' in f.variables || f.runnerEnv.some((x) => x.startsWith('NO_PROXY='));
  expect(hasNode(m, 'proxy')).toBe(proxyConfigured);
  if (proxyConfigured) {
    // `$$` is GitLab's literal dollar sign in variables.
    for (const u of proxies) expect(nodeOf(m, 'proxy').detail.join(' ')).toContain(u.replace(/\$\$/g, '$'));
    expect(edgeOf(m, 'edge-job-proxy').to).toBe('proxy');
  }

  // The cache ref the build reads, and the push, from the build and push commands of the jobs.
  const vars = (v: string) => v.replace(/\$\{(?:env:)?(\w+)\}/g, '$$$1');
  const builds = f.scripts.filter((l) =>
    /^(docker (buildx )?build|buildah build|podman build|buildctl(-daemonless\.sh)? build)\b/.test(l),
  );
  const cacheRefs = builds.flatMap((l) =>
    [...l.matchAll(/(?:--cache-from|--import-cache)[ \\`\n]+["']?(?:type=registry,ref=)?([^\s"',]+)/g)].map((x) =>
      vars(x[1] ?? ''),
    ),
  );
  expect(hasNode(m, 'cache')).toBe(cacheRefs.length > 0);
  // Every reference the build reads is listed, in the order of the command (per ref: own ref, then default branch).
  if (cacheRefs.length)
    expect(nodeOf(m, 'cache').detail.slice(0, new Set(cacheRefs).size).map(vars)).toEqual([...new Set(cacheRefs)]);

  // The registry, when the image is pushed.
  const pushes =
    f.scripts.some((l) =>
      // A job with computed tags pushes each of them in a loop (`for tag in $IMAGE_TAGS; do docker push ...`).
      /^(?:for tag in \$IMAGE_TAGS; do )?(?:(docker|buildah|podman) push\b|(buildah|podman) manifest push\b)/.test(l),
    ) || builds.some((l) => /--push\b|push=true/.test(l));
  expect(hasNode(m, 'registry')).toBe(pushes);
  if (pushes) {
    // Plain HTTP when the files declare the image's registry insecure to the builder.
    const host = r.answers.image.split('/')[0] ?? '';
    const plain =
      f.services.some((s) =>
        s.command.some(
          (w, i, all) => (all[i - 1] === '--insecure-registry' && w === host) || w === `--insecure-registry=${host}`,
        ),
      ) ||
      asArr(f.daemonJson?.['insecure-registries']).map(str).includes(host) ||
      asObj(asObj(f.buildkitdToml?.registry)[host]).http === true ||
      f.scripts.some((l) => l.includes(`location = "${host}"`) || l.includes(`[registry."${host}"]`));
    expect(edgeOf(m, 'edge-push')).toMatchObject({
      from: 'daemon',
      to: 'registry',
      protocol: plain ? 'http' : 'https',
    });
    expect(nodeOf(m, 'registry').detail).toContain(r.answers.image);
  }

  // GitLab, at the URL the runner uses.
  if (f.runnerUrl) expect(nodeOf(m, 'gitlab').detail).toContain(f.runnerUrl);
  expect(edgeOf(m, 'edge-runner-gitlab')).toMatchObject({ from: 'runner', to: 'gitlab' });
}

/** The SVG: well-formed, self-contained, every element present, focusable and named, findings attached. */
function checkSvg(svg: string, m: DiagramModel, lang: Lang, prefix = 'dg-'): XmlElement {
  const root = parseXml(svg);
  expect(root.name).toBe('svg');
  expect(root.attrs.xmlns).toBe('http://www.w3.org/2000/svg');
  expect(root.attrs.lang).toBe(lang);
  const title = root.children.find((c) => c.name === 'title');
  const desc = root.children.find((c) => c.name === 'desc');
  expect(title?.text).toBe(m.title);
  expect(desc?.text).toBe(describeDiagram(m, lang).join(' '));
  expect(root.attrs['aria-labelledby']).toBe(title?.attrs.id);
  expect(title?.attrs.id).toBe(`${prefix}title`);
  const els = walk(root);
  // Self-contained: no script, image, link, foreign content, external font or URL.
  for (const el of els) {
    expect(['script', 'image', 'a', 'foreignObject', 'iframe', 'use', 'feImage']).not.toContain(el.name);
    for (const [k, v] of Object.entries(el.attrs)) {
      // No event handler, no link, no external resource (text such as aria-label may quote a URL).
      expect(k.toLowerCase()).not.toMatch(/^on|href$|^src$/);
      expect(v).not.toMatch(/url\((?!#)/);
      if (v.includes('url(#')) expect(v).toMatch(new RegExp(`^url\\(#${prefix}`));
    }
  }
  const style = els.find((e) => e.name === 'style')?.text ?? '';
  expect(style).not.toMatch(/@import|url\(|@font-face|https?:/);
  expect(style).toMatch(/prefers-color-scheme:\s*dark/);
  expect(style).toMatch(/currentColor/);
  // Every node, edge and boundary: data-id, focusable, role, name; findings listed on their anchor.
  const focusable = els.filter((e) => e.attrs.tabindex === '0');
  const byId = new Map(focusable.map((e) => [e.attrs['data-id'] ?? '', e]));
  expect(byId.size).toBe(focusable.length);
  const ids = [...m.nodes.map((n) => n.id), ...m.edges.map((e) => e.id), ...m.boundaries.map((b) => b.id)];
  expect([...byId.keys()].sort()).toEqual([...ids].sort());
  for (const id of ids) {
    const el = byId.get(id);
    expect(el?.attrs.role, id).toMatch(/^graphics-(symbol|object)$/);
    expect(el?.attrs['aria-label'], id).toBeTruthy();
    const anchored = m.findings.filter((f) => f.anchor === id).map((f) => f.id);
    expect(el?.attrs['data-findings']?.split(' ') ?? [], `data-findings of ${id}`).toEqual(anchored);
    for (const f of m.findings.filter((x) => x.anchor === id)) expect(el?.attrs['aria-label']).toContain(f.title);
  }
  // Every node's label is in the drawing (its element's name and tooltip carry it in full).
  for (const n of m.nodes) {
    const el = byId.get(n.id);
    expect(el?.attrs['aria-label'], n.id).toContain(n.label);
    expect(el?.children.find((c) => c.name === 'title')?.text, n.id).toContain(n.label);
    // The label is drawn whole, on as many lines as its box needs: never cut.
    const labelLines = (el?.children ?? []).filter((c) => c.name === 'text' && c.attrs.class === 'dg-label');
    const shown = labelLines.map((c) => c.text ?? '').join(' ');
    expect(shown.replace(/\s+/g, ''), `${n.id}: ${shown}`).toBe(n.label.replace(/\s+/g, ''));
  }
  return root;
}

function checkDescription(lines: string[], m: DiagramModel): void {
  expect(lines).toHaveLength(m.nodes.length + m.edges.length + m.boundaries.length + m.findings.length);
  const text = lines.join('\n');
  for (const n of m.nodes) expect(text, n.id).toContain(n.label);
  for (const n of m.nodes) for (const d of n.detail) expect(text, `${n.id} ${d}`).toContain(d);
  for (const b of m.boundaries) expect(text).toContain(b.label);
  for (const f of m.findings) expect(text).toContain(f.title);
  for (const l of lines) expect(l).not.toContain('\n');
}

// ---------------------------------------------------------------------------------------------------------------

describe('the model covers every finding rule', () => {
  it('each finding rule has an anchor, and the anchors are element ids of the scheme', () => {
    for (const rule of FINDING_RULES) expect(Object.keys(FINDING_ANCHORS), rule.id).toContain(rule.id);
    expect(findingAnchor({ id: 'not-a-rule', file: 'config.toml' })).toBe('runner');
    expect(findingAnchor({ id: 'not-a-rule', file: 'elsewhere' })).toBe('host');
  });
});

describe.each(PRESETS.map((p) => [p.id, p] as const))('%s', (_id, preset) => {
  it.each([...LANGS])('the diagram matches the generated files (%s)', (lang) => {
    const r = generate(preset.answers, { lang });
    const m = diagramModel(r, lang);
    checkStructure(m, r);
    checkAgainstFiles(m, facts(r), r);
    const svgFile = r.files.find((f) => f.path === 'diagram.svg');
    expect(svgFile?.language).toBe('xml');
    expect(svgFile?.content).toBe(renderDiagramSvg(m, { lang }));
    checkSvg(svgFile?.content ?? '', m, lang);
    const lines = describeDiagram(m, lang);
    checkDescription(lines, m);
    // The result carries the model and the description it drew, so the app never computes them again.
    expect(r.diagram).toEqual(m);
    expect(r.diagramDescription).toEqual(lines);
    const setup = r.files.find((f) => f.path === 'SETUP.md')?.content ?? '';
    expect(setup).toContain('](diagram.svg)');
    for (const l of lines) expect(setup).toContain(`- ${l}`);
    if (lang === 'ja') expect(lines.join('')).toMatch(/[\u3040-\u30ff]/);
  });
});

describe('specific setups', () => {
  const model = (patch: Partial<Answers>, lang: Lang = 'en') => {
    const r = generate({ ...defaultAnswers(), ...patch }, { lang });
    return { r, m: diagramModel(r, lang) };
  };

  it('DinD with TLS: daemon in a privileged service, TLS on 2376; without TLS: plain TCP on 2375', () => {
    const tls = model({}).m;
    expect(edgeOf(tls, 'edge-client-daemon')).toMatchObject({ protocol: 'tls', port: 2376, secure: true });
    expect(inBoundary(tls, 'privileged', 'daemon')).toBe(true);
    const off = model({ dindConnection: 'plain-tcp' });
    expect(edgeOf(off.m, 'edge-client-daemon')).toMatchObject({ protocol: 'tcp', port: 2375, secure: false });
    expect(off.m.findings.find((f) => f.id === 'dind-tls-off')?.anchor).toBe('edge-client-daemon');
    const svg = renderDiagramSvg(off.m, { lang: 'en' });
    expect(svg).toMatch(/data-id="edge-client-daemon" data-findings="dind-tls-off"/);
    expect(svg).toContain('plain TCP 2375');
  });

  it('socket binding on Kubernetes: the node socket, across the host boundary, with both findings', () => {
    const { m } = model({ executor: 'kubernetes', method: 'socket' });
    const e = edgeOf(m, 'edge-client-daemon');
    expect(e.crossesBoundary).toContain('boundary-host');
    expect(m.findings.filter((f) => f.anchor === 'socket').map((f) => f.id)).toEqual(
      expect.arrayContaining(['host-socket', 'k8s-socket-containerd']),
    );
    expect(inBoundary(m, 'pod', 'job')).toBe(true);
  });

  it('GitLab-hosted runners: a disposable VM, privileged DinD, no runner files', () => {
    const { m, r } = model({ runnerKind: 'gitlab-hosted' });
    expect(r.files.map((f) => f.path)).toEqual(['.gitlab-ci.yml', 'SETUP.md', 'diagram.svg']);
    expect(nodeOf(m, 'host').label).toMatch(/GitLab-hosted/);
    expect(inBoundary(m, 'privileged', 'daemon')).toBe(true);
    expect(r.findings.some((f) => f.id === 'privileged-container')).toBe(false);
  });

  it('a plain-HTTP mirror is an insecure edge carrying its finding', () => {
    const { m } = model({ mirrorUrl: 'http://mirror.internal:5000', mirrorPlace: 'daemon-json' });
    expect(edgeOf(m, 'edge-mirror')).toMatchObject({ protocol: 'http', secure: false });
    expect(m.findings.find((f) => f.id === 'insecure-mirror')?.anchor).toBe('edge-mirror');
    expect(nodeOf(m, 'daemon-json').parent).toBe('host');
  });

  it('the shell executor with the host daemon: docker group boundary holds the job', () => {
    const { m } = model({ executor: 'shell', method: 'host' });
    expect(inBoundary(m, 'host-root', 'job')).toBe(true);
    expect(m.findings.find((f) => f.id === 'docker-group-root')?.anchor).toBe('boundary-host-root');
  });

  it('hostile strings stay text in the SVG, the description and SETUP.md', () => {
    const hostile = `<script>alert("x")</script> & 'q' ]]> <!-- --> &amp;`;
    const { m, r } = model({
      runnerDescription: hostile,
      runnerTags: ['<b>"&\''],
      gitlabUrl: 'https://gitlab.example.com/a?x=1&y=2',
      proxy: 'job',
      httpProxy: 'http://proxy.example.com:3128/?a=1&b=2',
    });
    for (const lang of LANGS) {
      const svg = renderDiagramSvg(diagramModel(r, lang), { lang });
      expect(svg).not.toContain('<script');
      expect(svg).not.toContain('<b>');
      expect(svg).not.toContain('<!--');
      expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;q&apos;');
      const root = checkSvg(svg, diagramModel(r, lang), lang);
      const text = walk(root)
        .map((e) => `${allText(e)} ${Object.values(e.attrs).join(' ')}`)
        .join(' ');
      expect(text).toContain(hostile);
      expect(text).toContain('https://gitlab.example.com/a?x=1&y=2');
      expect(text).toContain('http://proxy.example.com:3128/?a=1&b=2');
    }
    expect(nodeOf(m, 'runner').detail).toContain(hostile);
    expect(describeDiagram(m, 'en').join('\n')).toContain(hostile);
  });

  it('escapeXml escapes markup and drops what XML cannot carry', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
    expect(escapeXml('a\u0000b\u0008c\u001Fd\uFFFEe\uD800f\tg\nh\u00e9\u{1F600}')).toBe('abcdef\tg\nh\u00e9\u{1F600}');
  });

  it('is deterministic and takes an id prefix for the internal ids', () => {
    const { m } = model({ dindConnection: 'plain-tcp' });
    expect(renderDiagramSvg(m, { lang: 'en' })).toBe(renderDiagramSvg(m, { lang: 'en' }));
    const svg = renderDiagramSvg(m, { lang: 'en', idPrefix: 'p1-' });
    checkSvg(svg, m, 'en', 'p1-');
    expect(svg).toContain('id="p1-title"');
    expect(svg).toContain('marker-end="url(#p1-arrow-bad)"');
    expect(svg).not.toContain('id="dg-');
  });

  it('the zip carries diagram.svg, and SETUP.md points at it', () => {
    const r = generate(defaultAnswers());
    const files = unzipSync(zipFiles(r));
    expect(Object.keys(files)).toContain('diagram.svg');
    expect(strFromU8(files['diagram.svg'] ?? new Uint8Array())).toBe(
      r.files.find((f) => f.path === 'diagram.svg')?.content,
    );
    expect(r.files.find((f) => f.path === 'SETUP.md')?.content).toMatch(
      /^!\[Diagram of this setup\]\(diagram\.svg\)$/m,
    );
    const ja = generate(defaultAnswers(), { lang: 'ja' });
    expect(ja.files.find((f) => f.path === 'SETUP.md')?.content).toMatch(/^!\[この構成の図\]\(diagram\.svg\)$/m);
  });

  it('the XML reader rejects what is not well-formed (so that passing means something)', () => {
    expect(() => parseXml('<svg><g></svg>')).toThrow();
    expect(() => parseXml('<svg>a & b</svg>')).toThrow();
    expect(() => parseXml('<svg a="<"/>')).toThrow();
    expect(() => parseXml('<svg a="1" a="2"/>')).toThrow();
    expect(() => parseXml('<svg/><svg/>')).toThrow();
    expect(() => parseXml('<svg>&nbsp;</svg>')).toThrow();
    expect(() => parseXml('<svg a=1/>')).toThrow();
    expect(parseXml('<svg a="&lt;&#65;&#x42;"><t>x &amp; y</t></svg>').attrs.a).toBe('<AB');
  });
});

describe('any accepted combination', () => {
  it(`${RUNS} generated answer combinations: consistent model, well-formed SVG, full description`, () => {
    let runs = 0;
    fc.assert(
      fc.property(answersArb, fc.constantFrom(...LANGS), (generated, lang) => {
        runs++;
        // Paths and the test command only reach the job scripts, where the checks above read options: keep them
        // plain; every other typed value (runner description, tags, URLs, hosts, refs) stays adversarial.
        const d = defaultAnswers();
        const a = {
          ...generated,
          dockerfile: d.dockerfile,
          context: d.context,
          composeFile: d.composeFile,
          testCommand: d.testCommand,
        };
        const r = generate(a, { lang });
        const m = diagramModel(r, lang);
        checkStructure(m, r);
        checkAgainstFiles(m, facts(r), r);
        checkSvg(r.files.find((f) => f.path === 'diagram.svg')?.content ?? '', m, lang);
        checkDescription(describeDiagram(m, lang), m);
      }),
      { numRuns: RUNS },
    );
    expect(runs).toBeGreaterThanOrEqual(RUNS);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The diagram reads the plan only: `Plan.a` (the raw answers) is deprecated and will be removed.

/** The diagram's sources, tests excluded, as text keyed by path (`./model.ts`). */
const SOURCES = import.meta.glob<string>(['./**/*.ts', '!./**/*.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** A read of the raw answers: a property named `a` (`p.a`, `p.a.method`, `input.plan.a`) or `{ a }` destructured. */
const RAW_ANSWERS_READ = [/\.a\b/, /\{\s*a\s*[,}]/];
const rawReads = (source: string): string[] =>
  source.split('\n').filter((line) => RAW_ANSWERS_READ.some((re) => re.test(line)));

describe('the diagram reads the plan only', () => {
  it('the scan sees every source of the diagram and no test', () => {
    const paths = Object.keys(SOURCES);
    for (const file of ['./model.ts', './labels.ts', './outside.ts', './mounts.ts', './boundaries.ts', './svg.ts'])
      expect(paths).toContain(file);
    expect(paths.filter((f) => f.endsWith('.test.ts'))).toEqual([]);
    for (const source of Object.values(SOURCES)) expect(source.length).toBeGreaterThan(0);
  });

  it('the scan finds raw reads (so that passing means something)', () => {
    expect(
      rawReads('const a = p.a;\nif (p.a.method) x();\nf(input.plan.a);\nconst { a } = p;\nconst { a, k8s } = p;'),
    ).toHaveLength(5);
    expect(rawReads('p.auth.method; (a.x < b.x); p.method.tool; node.attrs; const { p, t } = ctx;')).toEqual([]);
  });

  it.each(Object.keys(SOURCES))('%s does not read p.a', (path) => {
    expect(rawReads(SOURCES[path] ?? '')).toEqual([]);
  });
});
