/**
 * The documented setups (presets) as the start page shows them: grouped by where the jobs run (executor or
 * GitLab-hosted runners), each with its builder and the keywords a newcomer searches for ("helm", "arm64",
 * "privileged", "ルートレス"), in both languages. Reads the presets' answers only (no plan: this is first-screen
 * code).
 */
import type { Answers } from '../core/answers';
import { msg, type Msg } from '../core/i18n';
import { methodLabels } from '../core/methods/options';
import { PRESETS, type Preset } from '../core/presets';
import { isKubernetes, isMultiPlatform, needsPrivileged, usesBuildx } from '../core/vocabulary';

/** Where a setup's jobs run: the start page's groups, in this order. */
export const PRESET_GROUPS = ['docker', 'kubernetes', 'shell', 'windows', 'hosted'] as const;
export type PresetGroup = (typeof PRESET_GROUPS)[number];

export const GROUP_LABELS: Readonly<Record<PresetGroup, Msg>> = {
  docker: msg('Docker executor', 'Docker executor'),
  kubernetes: msg('Kubernetes executor (Helm chart)', 'Kubernetes executor（Helmチャート）'),
  shell: msg('Shell executor', 'Shell executor'),
  windows: msg('Windows runners', 'Windows Runner'),
  hosted: msg('GitLab-hosted runners', 'GitLabホストのRunner'),
};

/** One preset with what the start page shows and searches. */
export interface PresetEntry {
  preset: Preset;
  group: PresetGroup;
  /** The builder, e.g. "Docker-in-Docker", "Buildx", "rootless BuildKit". */
  builder: Msg;
  /** Search words beyond the titles, in both languages. */
  keywords: Msg[];
}

const groupOf = (a: Answers): PresetGroup => {
  if (a.runnerKind === 'gitlab-hosted') return 'hosted';
  if (isKubernetes(a)) return 'kubernetes';
  if (a.os === 'windows') return 'windows';
  if (a.executor === 'shell') return 'shell';
  return 'docker';
};

/** The keywords of a setup's answers: each entry is one concept, worded in both languages. */
function keywordsOf(a: Answers): Msg[] {
  const k: Msg[] = [];
  const add = (cond: boolean, en: string, ja: string) => {
    if (cond) k.push(msg(en, ja));
  };
  add(isKubernetes(a), 'kubernetes k8s helm pod cluster', 'kubernetes クラスター ポッド helm');
  add(a.os === 'windows', 'windows pipe', 'windows パイプ');
  add(a.executor === 'shell', 'shell host', 'シェル ホスト');
  add(needsPrivileged(a), 'privileged', '特権');
  // Not "unprivileged" / "非特権": a search matches inside words, so "privileged" / "特権" would find these too.
  add(
    !needsPrivileged(a) && a.method !== 'socket' && a.method !== 'pipe' && a.method !== 'host',
    'rootless daemonless',
    'ルートレス デーモンレス',
  );
  add(
    isMultiPlatform(a),
    `multi-platform multi-arch ${a.platforms.join(' ')}`,
    `マルチプラットフォーム マルチアーキテクチャ ${a.platforms.join(' ')}`,
  );
  add(a.cache !== 'none', 'cache layer cache', 'キャッシュ レイヤーキャッシュ');
  add(a.mirrorUrl !== '', 'mirror registry mirror', 'ミラー レジストリミラー');
  add(a.proxy !== 'none', 'proxy http_proxy', 'プロキシ');
  add(a.method === 'dind' && a.dindConnection === 'plain-tcp', 'tls off 2375 insecure', 'TLSなし 2375');
  add(a.method === 'dind' && a.dindConnection === 'tls', 'tls 2376 certificates', 'TLS 2376 証明書');
  add(a.method === 'socket', 'socket docker.sock binding', 'ソケット docker.sock');
  add(
    a.authMethod !== 'login',
    `auth credentials ${a.authMethod === 'mounted-config' ? 'config.json' : 'DOCKER_AUTH_CONFIG'}`,
    `認証 ${a.authMethod === 'mounted-config' ? 'config.json' : 'DOCKER_AUTH_CONFIG'}`,
  );
  add(a.registryDockerHub, 'docker hub login', 'Docker Hub ログイン');
  add(a.dependencyProxy, 'dependency proxy', '依存プロキシ');
  add(a.customCaVar !== '', 'ca certificate x509 self-signed', 'CA 証明書 x509 自己署名');
  add(a.fromKaniko, 'kaniko migration', 'kaniko 移行');
  add(a.overlay2 !== 'default', 'overlay2 storage driver', 'overlay2 ストレージドライバー');
  add(a.tagLatest || a.tagGitTag, 'tags latest release', 'タグ latest リリース');
  return k;
}

/** Every preset with its group, builder and keywords, in catalog order. */
export const PRESET_ENTRIES: readonly PresetEntry[] = PRESETS.map((preset) => {
  const a = preset.answers;
  const method = methodLabels(a.method).title;
  return {
    preset,
    group: groupOf(a),
    builder: usesBuildx(a) ? msg(`Buildx (${method.en})`, `Buildx（${method.ja}）`) : method,
    keywords: keywordsOf(a),
  };
});

/** Lowercase, full-width folded (NFKC), so that "ＨＥＬＭ" finds "helm". */
const fold = (s: string): string => s.normalize('NFKC').toLowerCase();

/**
 * True when every word of `query` (split on spaces) occurs in the entry's id, titles, group, builder, keywords or
 * source section, in either language: a Japanese page finds "helm" and an English page finds "特権".
 */
export function matchesPreset(e: PresetEntry, query: string): boolean {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const { preset: p } = e;
  const hay = fold(
    [
      p.id,
      p.title.en,
      p.title.ja,
      p.source,
      GROUP_LABELS[e.group].en,
      GROUP_LABELS[e.group].ja,
      e.builder.en,
      e.builder.ja,
      ...e.keywords.flatMap((k) => [k.en, k.ja]),
    ].join(' '),
  );
  return words.every((w) => hay.includes(w));
}
