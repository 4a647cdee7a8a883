/**
 * The diagram's model: the nodes, edges, trust boundaries and finding anchors of a setup, built from the plan by one
 * builder per area, in drawing order (the order of the nodes and edges is the order of the SVG and the description).
 * This file draws the host side (host, runner, executor, job, service, daemon, the client's connection) and assembles
 * the model; mounts.ts, outside.ts and boundaries.ts draw the rest.
 */
import type { Lang } from '../i18n';
import { FILE_ANCHORS, findingAnchor } from './anchors';
import { trustBoundaries } from './boundaries';
import { builder, type Builder, type Placement } from './builder';
import { OS_NAME, executorLabel, methodTitle } from './labels';
import { files, volumes } from './mounts';
import { gitlabAndProxy, pullSources, registryAndCache, scanner } from './outside';
import type { DiagramEdge, DiagramFinding, DiagramInput, DiagramModel } from './types';

/** The host (GitLab-hosted VM, Kubernetes node or runner host) and the runner on it. */
function runnerHost(ctx: Builder): void {
  const { p, t, node } = ctx;
  if (p.hosted)
    node('host', 'host', null, t('GitLab-hosted runner VM', 'GitLabホストのRunner VM'), [
      'Linux',
      t('discarded after each job', 'ジョブごとに破棄'),
    ]);
  else if (p.k8s) node('host', 'host', null, t('Kubernetes node', 'Kubernetesノード'), [OS_NAME(p, t)]);
  else
    node('host', 'host', null, t('Runner host', 'Runnerホスト'), [
      OS_NAME(p, t),
      (p.runner.executor === 'docker-autoscaler' || p.runner.executor === 'docker+machine') &&
        t('an autoscaled instance per job', 'ジョブごとにオートスケールされたインスタンス'),
    ]);

  if (p.hosted) node('runner', 'runner', 'host', 'GitLab Runner', [t('managed by GitLab', 'GitLabが管理')]);
  else if (p.k8s)
    node('runner', 'runner', 'host', 'GitLab Runner', [
      p.runner.helm ? t('Helm chart', 'Helmチャート') : t('runner in the cluster', 'クラスター内のRunner'),
      t(`namespace ${p.runner.k8sNamespace}`, `ネームスペース ${p.runner.k8sNamespace}`),
    ]);
  else
    node('runner', 'runner', 'host', 'GitLab Runner', [
      p.runner.description,
      p.runner.tags.length > 0 && t(`tags: ${p.runner.tags.join(', ')}`, `タグ: ${p.runner.tags.join('、')}`),
    ]);
}

/** The executor and the job it runs, with the client that talks to the builder. */
function executorAndJob(ctx: Builder): void {
  const { p, t, node } = ctx;
  node('executor', 'executor', 'host', executorLabel(p, t), [
    p.shellExecutor
      ? t('jobs run on the host as gitlab-runner', 'ジョブはホスト上でgitlab-runnerとして実行')
      : p.k8s
        ? t(
            `job and services share one pod (${p.runner.k8sNamespace})`,
            `ジョブとサービスが1つのPodを共有（${p.runner.k8sNamespace}）`,
          )
        : t('one container per job and service', 'ジョブとサービスごとにコンテナ'),
  ]);

  const client =
    p.daemon === 'buildkitd-service'
      ? t('buildctl client', 'buildctlクライアント')
      : p.daemon === 'in-job'
        ? p.method.rootlessBuildKit
          ? 'buildctl-daemonless.sh'
          : p.method.tool
        : p.buildx
          ? t('docker CLI with Buildx', 'docker CLI（Buildx）')
          : 'docker CLI';
  node(
    'job',
    'job',
    'executor',
    p.shellExecutor ? t('Job (shell on the host)', 'ジョブ（ホスト上のシェル）') : t('Job container', 'ジョブコンテナ'),
    [p.jobImage ?? t('user gitlab-runner', 'ユーザー gitlab-runner'), client],
  );
}

/** The service (DinD, buildkitd) and the daemon or daemonless builder that builds the image. */
function serviceAndDaemon(ctx: Builder): Placement {
  const { p, t, node, configFile } = ctx;
  const service = p.service ?? p.runnerServices[0] ?? null;
  const fromRunner = !p.service && service !== null;
  let daemonParent = 'job';
  if (p.daemon === 'dind-service' && service) {
    const alias = service.alias ?? 'docker';
    node('service-dind', 'service', 'executor', t('Docker-in-Docker service', 'Docker-in-Dockerサービス'), [
      service.name,
      p.tlsPort ? `${alias}:${p.tlsPort}` : t(`${alias}, socket on a volume`, `${alias}、ボリューム上のソケット`),
      fromRunner && t(`started for every job (${configFile})`, `すべてのジョブで起動（${configFile}）`),
    ]);
    daemonParent = 'service-dind';
    node('daemon', 'daemon', 'service-dind', t('dockerd (Docker daemon)', 'dockerd（Dockerデーモン）'), [
      t('privileged container', '特権コンテナ'),
      p.tlsPort === 2376
        ? t('listens on TLS 2376', 'TLS 2376で待ち受け')
        : p.tlsPort === 2375
          ? t('listens on plain TCP 2375', '平文TCP 2375で待ち受け')
          : t('listens on a unix socket', 'UNIXソケットで待ち受け'),
      p.buildx && t('Buildx builder (docker-container)', 'Buildxビルダー（docker-container）'),
    ]);
  } else if (p.daemon === 'buildkitd-service' && service) {
    node('service-buildkitd', 'service', 'executor', t('BuildKit service', 'BuildKitサービス'), [
      service.name,
      `${service.alias ?? 'buildkitd'}:1234`,
    ]);
    daemonParent = 'service-buildkitd';
    node('daemon', 'daemon', 'service-buildkitd', t('buildkitd (BuildKit daemon)', 'buildkitd（BuildKitデーモン）'), [
      t('privileged container', '特権コンテナ'),
      t('tcp://0.0.0.0:1234, no TLS', 'tcp://0.0.0.0:1234、TLSなし'),
    ]);
  } else if (p.daemon === 'host-socket' || p.daemon === 'host-pipe' || p.daemon === 'host') {
    daemonParent = 'host';
    node(
      'daemon',
      'daemon',
      'host',
      p.k8s
        ? t('Docker Engine on the node', 'ノードのDocker Engine')
        : t('Docker Engine on the host', 'ホストのDocker Engine'),
      [
        p.runner.os === 'windows'
          ? t('dockerd, runs as SYSTEM', 'dockerd、SYSTEMで動作')
          : p.runner.os === 'macos'
            ? t('Docker Desktop VM', 'Docker DesktopのVM')
            : t('dockerd, runs as root', 'dockerd、rootで動作'),
        t('shared by every job', 'すべてのジョブで共有'),
        p.buildx && t('Buildx builder (docker-container)', 'Buildxビルダー（docker-container）'),
      ],
    );
  } else if (p.method.rootlessBuildKit) {
    node('daemon', 'builder', 'job', t('buildkitd (rootless)', 'buildkitd（ルートレス）'), [
      t('in the job: no daemon outside it', 'ジョブ内：ジョブの外にデーモンなし'),
      t('unprivileged, no process sandbox', '非特権、プロセスサンドボックスなし'),
    ]);
  } else {
    const builderName = p.method.tool === 'podman' ? 'Podman' : 'Buildah';
    node('daemon', 'builder', 'job', t(`${builderName} (no daemon)`, `${builderName}（デーモンなし）`), [
      t('rootless, chroot isolation', 'ルートレス、chroot分離'),
      t('vfs storage', 'vfsストレージ'),
    ]);
  }
  const dindConsumer = p.daemon === 'dind-service' && service ? 'service-dind' : null;
  return { daemonParent, dindConsumer };
}

/** The edge from the job's client to the daemon: TLS, plain TCP, socket or pipe. */
function clientDaemonEdge(ctx: Builder): void {
  const { p, t, edge } = ctx;
  if (p.daemon === 'dind-service') {
    if (p.tlsPort === 2376)
      edge({
        id: 'edge-client-daemon',
        from: 'job',
        to: 'daemon',
        label: 'TLS 2376',
        protocol: 'tls',
        port: 2376,
        secure: true,
      });
    else if (p.tlsPort === 2375)
      edge({
        id: 'edge-client-daemon',
        from: 'job',
        to: 'daemon',
        label: t('plain TCP 2375', '平文TCP 2375'),
        protocol: 'tcp',
        port: 2375,
        secure: false,
      });
    else
      edge({
        id: 'edge-client-daemon',
        from: 'job',
        to: 'daemon',
        label: t('unix socket', 'UNIXソケット'),
        protocol: 'unix',
        secure: true,
      });
  } else if (p.daemon === 'buildkitd-service') {
    edge({
      id: 'edge-client-daemon',
      from: 'job',
      to: 'daemon',
      label: t('plain TCP 1234', '平文TCP 1234'),
      protocol: 'tcp',
      port: 1234,
      secure: false,
    });
  } else if (p.daemon === 'host-socket') {
    edge({
      id: 'edge-client-daemon',
      from: 'job',
      to: 'daemon',
      label: t('docker.sock: host root', 'docker.sock：ホストのroot'),
      protocol: 'unix',
      secure: false,
    });
  } else if (p.daemon === 'host-pipe' || (p.daemon === 'host' && p.runner.os === 'windows')) {
    edge({
      id: 'edge-client-daemon',
      from: 'job',
      to: 'daemon',
      label: t('named pipe: host', '名前付きパイプ：ホスト'),
      protocol: 'pipe',
      secure: false,
    });
  } else if (p.daemon === 'host') {
    edge({
      id: 'edge-client-daemon',
      from: 'job',
      to: 'daemon',
      label:
        p.runner.os === 'linux'
          ? t('docker group = root', 'dockerグループ = root')
          : t('Docker socket', 'Dockerソケット'),
      protocol: 'unix',
      secure: false,
    });
  }
}

/** The diagram's model for these answers (the plan) and their findings, in one language. */
export function diagramModel(input: DiagramInput, lang: Lang): DiagramModel {
  const p = input.plan;
  const ctx = builder(p, lang);
  const { t, nodes, edges } = ctx;
  runnerHost(ctx);
  executorAndJob(ctx);
  const { daemonParent, dindConsumer } = serviceAndDaemon(ctx);
  clientDaemonEdge(ctx);
  volumes(ctx, dindConsumer);
  files(ctx, dindConsumer);
  gitlabAndProxy(ctx, daemonParent);
  registryAndCache(ctx);
  scanner(ctx);
  pullSources(ctx);
  const boundaries = trustBoundaries(ctx, daemonParent);

  const finalEdges: DiagramEdge[] = edges.map((e) => ({
    ...e,
    crossesBoundary: boundaries.filter((b) => b.members.includes(e.from) !== b.members.includes(e.to)).map((b) => b.id),
  }));

  const ids = new Set<string>([
    ...nodes.map((n) => n.id),
    ...finalEdges.map((e) => e.id),
    ...boundaries.map((b) => b.id),
  ]);
  const findings: DiagramFinding[] = input.findings.map((f) => {
    const preferred = findingAnchor(f);
    const anchor = ids.has(preferred)
      ? preferred
      : ids.has(FILE_ANCHORS[f.file] ?? '')
        ? (FILE_ANCHORS[f.file] ?? 'host')
        : 'host';
    return { id: f.id, severity: f.severity, title: f.title, anchor };
  });

  return {
    lang,
    title: t(`Diagram of this setup: ${methodTitle(p, t)}`, `この構成の図：${methodTitle(p, t)}`),
    nodes,
    edges: finalEdges,
    boundaries,
    findings,
  };
}
