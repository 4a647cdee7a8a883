/** The diagram's model, outside the host: GitLab, the proxy, the registry, the layer cache and the pull sources. */
import type { Builder } from './builder';

/** Outside the host: GitLab, and the proxy with the elements that use it. */
export function gitlabAndProxy(ctx: Builder, daemonParent: string): void {
  const { p, t, node, edge, configFile } = ctx;
  node('gitlab', 'gitlab', null, 'GitLab', [p.runner.gitlabUrl]);
  const gitlabTls = p.runner.gitlabUrl.startsWith('https:');
  edge({
    id: 'edge-runner-gitlab',
    from: 'runner',
    to: 'gitlab',
    label: t('fetches jobs', 'ジョブを取得'),
    protocol: gitlabTls ? 'https' : 'http',
    secure: gitlabTls,
  });

  const { proxy, httpProxy, httpsProxy } = p.network;
  if (proxy !== 'none') {
    node('proxy', 'proxy', null, t('HTTP(S) proxy', 'HTTP(S)プロキシ'), [
      httpProxy || httpsProxy ? '' : t('URLs from CI/CD variables', 'URLはCI/CD変数から'),
      httpProxy && `HTTP_PROXY ${httpProxy}`,
      httpsProxy && httpsProxy !== httpProxy && `HTTPS_PROXY ${httpsProxy}`,
      proxy === 'runner'
        ? t(`runner environment (${configFile})`, `Runnerの環境変数（${configFile}）`)
        : t('variables in .gitlab-ci.yml', '.gitlab-ci.ymlの変数'),
    ]);
    const viaProxy = (from: string) =>
      // HTTPS is tunnelled through the proxy (CONNECT): the proxy sees host names, not contents.
      edge({
        id: `edge-${from}-proxy`,
        from,
        to: 'proxy',
        label: t('via proxy', 'プロキシ経由'),
        protocol: 'proxy',
        secure: true,
      });
    if (proxy === 'runner') viaProxy('runner');
    viaProxy('job');
    const daemonUsesProxy =
      daemonParent === 'host'
        ? p.daemonJson !== null && 'proxies' in p.daemonJson
        : daemonParent !== 'job' && proxy === 'job';
    if (daemonUsesProxy) viaProxy('daemon');
  }
}

/** Outside the host: the registry the image is pushed to, and the layer cache. */
export function registryAndCache(ctx: Builder): void {
  const { p, t, node, edge } = ctx;
  const image = p.build.image;
  if (p.build.push) {
    const target = p.build.registry;
    node(
      'registry',
      'registry',
      null,
      target === 'gitlab'
        ? t('GitLab container registry', 'GitLabコンテナレジストリ')
        : target === 'dockerhub'
          ? 'Docker Hub'
          : target === 'other'
            ? p.auth.otherRegistryHost
            : t('Registry', 'レジストリ'),
      [image],
    );
    // A push to the registry that speaks plain HTTP (`plainHttpRegistry`) is unencrypted.
    const plain = p.network.plainHttpRegistry !== null && image.startsWith(`${p.network.plainHttpRegistry}/`);
    edge({
      id: 'edge-push',
      from: 'daemon',
      to: 'registry',
      label: plain ? t('push, plain HTTP', 'プッシュ、平文HTTP') : t('push', 'プッシュ'),
      protocol: plain ? 'http' : 'https',
      secure: !plain,
    });
  }
  supplyChain(ctx);
  // Native multi-arch (issue 14, item 5): the other architectures' runners are parts of the setup too; each
  // pushes its image by digest, and the manifest job merges them into the list under the tags.
  const ma = p.multiArch;
  if (ma?.mode === 'native' && p.build.push) {
    node('arch-runners', 'runner', null, t('Runners per architecture', 'アーキテクチャごとのRunner'), [
      ...ma.archs.map((x) =>
        p.k8s
          ? `${x.platform}: kubernetes.io/arch=${x.arch}`
          : t(`${x.platform}: tags ${(x.tags ?? []).join(', ')}`, `${x.platform}: タグ ${(x.tags ?? []).join('、')}`),
      ),
      t('manifest job merges the list', 'マニフェストジョブがリストを作成'),
    ]);
    edge({
      id: 'edge-arch-push',
      from: 'arch-runners',
      to: 'registry',
      label: t('push per arch, by digest', 'アーキテクチャごとにダイジェストでプッシュ'),
      protocol: 'https',
      secure: true,
    });
  }
  const cache = p.cache;
  if (cache.kind !== 'none') {
    // Per ref, the cache references read in order (the ref's own, then the default branch's) come first.
    node('cache', 'cache', null, t('Layer cache', 'レイヤーキャッシュ'), [
      // A native multi-arch build keeps one registry cache per architecture (`<ref>-<arch>`).
      ...(cache.kind !== 'registry'
        ? [`${image}:latest`]
        : ma?.mode === 'native'
          ? ma.archs.flatMap((x) => cache.imports.map((r) => `${r}-${x.arch}`))
          : cache.imports),
      cache.kind === 'registry'
        ? p.method.tool === 'buildah' || p.method.tool === 'podman'
          ? t('registry cache', 'レジストリキャッシュ')
          : t(`registry cache, mode=${cache.exportMode}`, `レジストリキャッシュ、mode=${cache.exportMode}`)
        : t('inline cache', 'インラインキャッシュ'),
      ...(cache.protectedWrite ? [t('written by protected refs only', '書き込みは保護されたrefのみ')] : []),
    ]);
    edge({
      id: 'edge-cache',
      from: 'daemon',
      to: 'cache',
      label: t('cache', 'キャッシュ'),
      protocol: 'https',
      secure: true,
    });
  }
}

/**
 * The scan jobs (issue 14, gates), beside the build job on the same executor: the scanner image and the build jobs
 * they follow, and the pull of the pushed digest with a read-only credential (never the build's push login).
 */
export function scanner(ctx: Builder): void {
  const { p, t, node, edge } = ctx;
  const scan = p.gates.scan;
  if (!scan || !p.build.push) return;
  node(
    'scanner',
    'job',
    'executor',
    scan.kind === 'trivy'
      ? t('Scan job (Trivy)', 'スキャンジョブ（Trivy）')
      : t('Scan job (Container Scanning)', 'スキャンジョブ（Container Scanning）'),
    [
      scan.image ?? t("GitLab's analyzer (template)", 'GitLabのアナライザー（テンプレート）'),
      scan.kind === 'trivy'
        ? t(`fails at ${scan.severities.join(',')}`, `${scan.severities.join(',')}で失敗`)
        : t(`reports ${scan.threshold} and above`, `${scan.threshold}以上を報告`),
    ],
  );
  edge({
    id: 'edge-scan-pull',
    from: 'scanner',
    to: 'registry',
    label:
      scan.pull === 'job-token'
        ? t('pulls $IMAGE_REF, job token', '$IMAGE_REFを取得、ジョブトークン')
        : t('pulls $IMAGE_REF, read-only token', '$IMAGE_REFを取得、読み取り専用トークン'),
    protocol: 'https',
    secure: true,
  });
}

/** Outside the host: where base images come from (Dependency Proxy, mirror, upstream registry). */
export function pullSources(ctx: Builder): void {
  const { p, t, node, edge, configFile } = ctx;
  const { mirror } = p.network;
  if (p.auth.dependencyProxy) {
    node('dependency-proxy', 'mirror', null, t('GitLab Dependency Proxy', 'GitLab依存プロキシ'), [
      '${CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX}',
    ]);
    edge({
      id: 'edge-dependency-proxy',
      from: 'daemon',
      to: 'dependency-proxy',
      label: t('base images', 'ベースイメージ'),
      protocol: 'https',
      secure: true,
    });
  }
  if (mirror) {
    const place =
      mirror.place === 'ci-service'
        ? t('dind service flag (.gitlab-ci.yml)', 'dindサービスのフラグ（.gitlab-ci.yml）')
        : mirror.place === 'runner-service'
          ? t(`runner service (${configFile})`, `Runnerのサービス（${configFile}）`)
          : mirror.place === 'daemon-json'
            ? 'daemon.json'
            : 'buildkitd.toml';
    node('mirror', 'mirror', null, t('Registry mirror', 'レジストリミラー'), [mirror.url, place]);
    edge({
      id: 'edge-mirror',
      from: 'daemon',
      to: 'mirror',
      label: mirror.insecure ? t('pull, plain HTTP', 'pull、平文HTTP') : 'pull',
      protocol: mirror.insecure ? 'http' : 'https',
      secure: !mirror.insecure,
    });
  }
  node(
    'upstream',
    'upstream',
    null,
    p.windows ? t('Base image registry', 'ベースイメージのレジストリ') : 'Docker Hub',
    [p.windows ? 'mcr.microsoft.com' : t('docker.io, base images', 'docker.io、ベースイメージ')],
  );
  if (!mirror && !p.auth.dependencyProxy)
    edge({ id: 'edge-pull', from: 'daemon', to: 'upstream', label: 'pull', protocol: 'https', secure: true });
  if (mirror)
    edge({
      id: 'edge-mirror-upstream',
      from: 'mirror',
      to: 'upstream',
      label: t('mirrors', 'ミラー元'),
      protocol: 'https',
      secure: true,
    });
  if (p.auth.dependencyProxy)
    edge({
      id: 'edge-dependency-proxy-upstream',
      from: 'dependency-proxy',
      to: 'upstream',
      label: t('caches', 'キャッシュ元'),
      protocol: 'https',
      secure: true,
    });
}

/**
 * Outside the host (issue 14, items 3 and 6): the signing service of keyless signing (the public Sigstore, or the
 * user's own for a self-managed GitLab) and the repositories the image is promoted to, copied from the registry.
 */
function supplyChain(ctx: Builder): void {
  const { p, t, node, edge } = ctx;
  const { sign, promote } = p.supplyChain;
  if (sign?.mode === 'keyless') {
    node('sigstore', 'upstream', null, t('Signing service (Sigstore)', '署名サービス（Sigstore）'), [
      sign.ownSigstoreNeeded
        ? t('your own Fulcio, Rekor, CT log', '独自のFulcio、Rekor、CTログ')
        : t('Fulcio, Rekor (public)', 'Fulcio、Rekor（公開）'),
      t(`ID token of ${sign.issuer}, aud sigstore`, `${sign.issuer}のIDトークン、aud sigstore`),
    ]);
    edge({
      id: 'edge-sign',
      from: 'job',
      to: 'sigstore',
      label: t('keyless signing', 'キーレス署名'),
      protocol: 'https',
      secure: true,
    });
  }
  if (promote) {
    node('promote-targets', 'registry', null, t('Promotion targets', '昇格先'), promote.targets);
    edge({
      id: 'edge-promote',
      from: 'registry',
      to: 'promote-targets',
      label: t('copy by digest', 'ダイジェストでコピー'),
      protocol: 'https',
      secure: true,
    });
  }
}
