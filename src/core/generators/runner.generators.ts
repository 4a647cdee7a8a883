/**
 * Runner-side files: `config.toml` (the `[[runners]]` section), Helm `values.yaml`, `register.sh` / `register.ps1`,
 * `daemon.json`, `buildkitd.toml` and `kubernetes.sh`. Structures are built as data; TOML text comes from
 * `@iarna/toml`'s serializer (its browser-safe `stringify.js`), JSON from `JSON.stringify`.
 */
import stringifyToml from '@iarna/toml/stringify.js';
import { tr, type Lang } from '../i18n';
import {
  K8S_DEFAULT_IMAGE,
  type AutoscalePlan,
  type K8sSecurityContext,
  type K8sVolume,
  type Plan,
  type ServiceSpec,
} from '../plan';
import { exp, lit, psQuote, raw, renderCommand, shQuote, type Token } from '../quote';
import { tomlLineIndex, type KeyPath } from '../render/line-index';
import { toYaml } from '../yaml-doc';

type TomlTable = Record<string, unknown>;

/** A comment placed before the line of a key of the serialized TOML. */
interface TomlComment {
  path: KeyPath;
  text: string;
}

/**
 * Inserts `# comment` lines before the line of each key path (found by the TOML line index of the serialized
 * text), with that line's indentation. A path the text does not hold gets no comment.
 */
export function insertTomlComments(text: string, comments: readonly TomlComment[]): string {
  const index = tomlLineIndex(text);
  const lines = text.split('\n');
  const placed = comments
    .map((c) => ({ c, line: index.lineOf(c.path) }))
    .filter((x): x is { c: TomlComment; line: number } => x.line !== null)
    .sort((x, y) => y.line - x.line);
  for (const { c, line } of placed) {
    const indent = /^\s*/.exec(lines[line - 1] ?? '')?.[0] ?? '';
    lines.splice(line - 1, 0, ...c.text.split('\n').map((t) => `${indent}# ${t}`));
  }
  return lines.join('\n');
}

function serviceToml(s: ServiceSpec): TomlTable {
  const t: TomlTable = { name: s.name };
  if (s.alias) t.alias = s.alias;
  if (s.command) t.command = s.command;
  // Service variables (HEALTHCHECK_TCP_PORT) are `environment` entries in config.toml.
  if (s.variables) t.environment = Object.entries(s.variables).map(([k, v]) => `${k}=${v}`);
  return t;
}

function k8sVolumesToml(volumes: K8sVolume[]): TomlTable | null {
  if (volumes.length === 0) return null;
  const out: Record<string, TomlTable[]> = {};
  for (const v of volumes) {
    const entry: TomlTable = { name: v.name, mount_path: v.mountPath };
    if (v.hostPath !== undefined) entry.host_path = v.hostPath;
    if (v.medium !== undefined) entry.medium = v.medium;
    if (v.subPath !== undefined) entry.sub_path = v.subPath;
    if (v.readOnly !== undefined) entry.read_only = v.readOnly;
    (out[v.kind] ??= []).push(entry);
  }
  return out;
}

/**
 * The fleeting plugin of each cloud, as an OCI reference that `gitlab-runner fleeting install` resolves
 * (https://docs.gitlab.com/runner/fleet_scaling/fleeting/: `<repository>/<name>[:<version constraint>]`).
 */
export const FLEETING_PLUGINS = {
  aws: 'gitlab-org/fleeting/plugins/aws',
  gcp: 'gitlab-org/fleeting/plugins/googlecompute',
  azure: 'gitlab-org/fleeting/plugins/azure',
} as const;

/**
 * Waits until dockerd answers the connector user on a new instance (at most 5 minutes): `docker info` fails while
 * dockerd is not started yet and when the user is not in the docker group, which the job would otherwise meet as
 * `Cannot connect to the Docker daemon at http://internal.tunnel.invalid` (gitlab-runner!4709 added the option).
 */
export const INSTANCE_READY_COMMAND = "timeout 300 sh -c 'until docker info >/dev/null 2>&1; do sleep 2; done'";

/** Weekend periods in which no idle instance is kept (Docker Machine's cron has seconds and years; fleeting's not). */
const WEEKEND = { fleeting: '* * * * sat,sun', machine: '* * * * * sat,sun *' };

/**
 * `[runners.autoscaler]` of docker-autoscaler: the fleeting plugin of the cloud and its instance group, the SSH
 * connector, the capacity and a policy (idle instances on working days, none at weekends). GitLab doc "Docker
 * Autoscaler executor", https://docs.gitlab.com/runner/executors/docker_autoscaler/.
 */
function autoscalerToml(s: AutoscalePlan): TomlTable {
  const pluginConfig: TomlTable =
    s.cloud === 'aws'
      ? { name: s.instanceGroup, region: s.region }
      : s.cloud === 'gcp'
        ? { name: s.instanceGroup, project: s.project, zone: s.region }
        : { name: s.instanceGroup, subscription_id: s.project, resource_group_name: s.resourceGroup };
  const idleTime = `${s.idleMinutes}m0s`;
  return {
    plugin: FLEETING_PLUGINS[s.cloud],
    capacity_per_instance: s.capacityPerInstance,
    max_use_count: s.maxUseCount,
    max_instances: s.maxInstances,
    instance_ready_command: INSTANCE_READY_COMMAND,
    plugin_config: pluginConfig,
    connector_config: { username: s.connectorUser, use_external_addr: true },
    policy: [
      { periods: ['* * * * *'], idle_count: s.idleCount, idle_time: idleTime },
      { periods: [WEEKEND.fleeting], idle_count: 0, idle_time: idleTime },
    ],
  };
}

/** Docker Machine's driver and its options for the cloud (region or zone, project or subscription). */
function machineDriver(s: AutoscalePlan): { driver: string; options: string[] } {
  if (s.cloud === 'aws') return { driver: 'amazonec2', options: [`amazonec2-region=${s.region}`] };
  if (s.cloud === 'gcp')
    return { driver: 'google', options: [`google-project=${s.project}`, `google-zone=${s.region}`] };
  return {
    driver: 'azure',
    options: [
      `azure-subscription-id=${s.project}`,
      `azure-resource-group=${s.resourceGroup}`,
      `azure-location=${s.region}`,
    ],
  };
}

/**
 * `[runners.machine]` of docker+machine: the driver and its options, a machine name with `%s` (the runner puts a
 * unique id there), idle machines and their lifetime in seconds, the builds per machine, and no idle machine at
 * weekends. GitLab doc "Docker Machine Executor autoscale configuration",
 * https://docs.gitlab.com/runner/configuration/autoscale/ (deprecated in 17.5, removed in 20.0).
 */
function machineToml(s: AutoscalePlan): TomlTable {
  const { driver, options } = machineDriver(s);
  const idleSeconds = s.idleMinutes * 60;
  return {
    IdleCount: s.idleCount,
    IdleTime: idleSeconds,
    MaxBuilds: s.maxUseCount,
    MachineDriver: driver,
    MachineName: 'gitlab-docker-machine-%s',
    MachineOptions: options,
    autoscaling: [{ Periods: [WEEKEND.machine], IdleCount: 0, IdleTime: idleSeconds, Timezone: 'UTC' }],
  };
}

/**
 * A security context as config.toml keys (GitLab Runner's `KubernetesPodSecurityContext` and
 * `KubernetesContainerSecurityContext`: run_as_*, fs_group, allow_privilege_escalation, capabilities.drop,
 * seccomp_profile.type).
 */
function securityContextToml(c: K8sSecurityContext): TomlTable {
  const t: TomlTable = {};
  if (c.allowPrivilegeEscalation !== undefined) t.allow_privilege_escalation = c.allowPrivilegeEscalation;
  if (c.runAsNonRoot !== undefined) t.run_as_non_root = c.runAsNonRoot;
  if (c.runAsUser !== undefined) t.run_as_user = c.runAsUser;
  if (c.runAsGroup !== undefined) t.run_as_group = c.runAsGroup;
  if (c.fsGroup !== undefined) t.fs_group = c.fsGroup;
  if (c.dropCapabilities) t.capabilities = { drop: c.dropCapabilities };
  if (c.seccomp) t.seccomp_profile = { type: c.seccomp };
  return t;
}

/** The `[[runners]]` entry as data. `forHelm` leaves out what the Helm chart sets itself (url, token). */
export function runnerEntry(p: Plan, forHelm: boolean): TomlTable {
  const r: TomlTable = {};
  if (!forHelm) {
    r.name = p.runner.description;
    r.url = p.runner.gitlabUrl;
  }
  r.executor = p.k8s ? 'kubernetes' : p.runner.executor;
  if (p.runnerEnvironment.length) r.environment = p.runnerEnvironment;
  if (Object.keys(p.featureFlags).length) r.feature_flags = p.featureFlags;
  if (!p.k8s && p.runner.dockerExecutor) {
    const d: TomlTable = {
      tls_verify: false,
      // The runner's default image; jobs name their own (with the Dependency Proxy prefix when asked).
      image: p.runnerImage,
      privileged: p.privileged,
      disable_cache: false,
      volumes: p.dockerVolumes,
    };
    if (p.securityOpt.length) d.security_opt = p.securityOpt;
    if (p.runnerServices.length) d.services = p.runnerServices.map(serviceToml);
    if (p.runner.helperImage) d.helper_image = p.runner.helperImage;
    // Docker takes binary units: 4g is 4 GiB (https://docs.docker.com/engine/containers/resource_constraints/).
    if (p.buildMemory)
      d[p.buildMemory.place === 'service' ? 'service_memory' : 'memory'] = p.buildMemory.quantity
        .replace(/Gi$/, 'g')
        .replace(/Mi$/, 'm');
    r.docker = d;
  }
  if (p.autoscale?.kind === 'fleeting') r.autoscaler = autoscalerToml(p.autoscale);
  if (p.autoscale?.kind === 'docker-machine') r.machine = machineToml(p.autoscale);
  if (p.k8s) {
    const k: TomlTable = {
      namespace: p.runner.k8sNamespace,
      image: p.windows ? p.method.dockerCliImage : K8S_DEFAULT_IMAGE,
      privileged: p.privileged,
    };
    const pod = p.k8sPod;
    if (pod?.allowPrivilegeEscalation === false) k.allow_privilege_escalation = false;
    if (pod?.nodeSelectorOverwrite) k.node_selector_overwrite_allowed = pod.nodeSelectorOverwrite;
    if (Object.keys(p.nodeSelector).length) k.node_selector = p.nodeSelector;
    if (pod?.pod) k.pod_security_context = securityContextToml(pod.pod);
    if (pod?.build) k.build_container_security_context = securityContextToml(pod.build);
    if (pod?.helper) k.helper_container_security_context = securityContextToml(pod.helper);
    if (pod?.service) k.service_container_security_context = securityContextToml(pod.service);
    if (pod?.initPermissions) k.init_permissions_container_security_context = securityContextToml(pod.initPermissions);
    if (Object.keys(p.podAnnotations).length) k.pod_annotations = p.podAnnotations;
    if (p.buildMemory) {
      // Request = limit: the container that builds is neither evicted first nor killed above what it was given.
      const prefix = p.buildMemory.place === 'service' ? 'service_' : '';
      k[`${prefix}memory_request`] = p.buildMemory.quantity;
      k[`${prefix}memory_limit`] = p.buildMemory.quantity;
    }
    if (p.runnerServices.length) k.services = p.runnerServices.map(serviceToml);
    const vols = k8sVolumesToml(p.k8sVolumes);
    if (vols) k.volumes = vols;
    r.kubernetes = k;
  }
  return r;
}

function runnerComments(p: Plan, lang: Lang, forHelm = false): TomlComment[] {
  const t = (en: string, ja: string) => tr(lang, en, ja);
  const list: TomlComment[] = [];
  const R = ['runners', 0];
  list.push({
    path: [...R, 'executor'],
    text: forHelm
      ? t(
          'url and token: set by the chart from gitlabUrl and the secret',
          'urlとtoken: チャートがgitlabUrlとシークレットから設定します',
        )
      : t(
          'token: written by register (never stored in this file)',
          'token: registerが書き込みます（このファイルには保存しません）',
        ),
  });
  if (p.privileged)
    list.push({
      path: [...R, p.k8s ? 'kubernetes' : 'docker', 'privileged'],
      text: t(
        'Needed by the daemon in the service container; it can reach the host (container breakout).',
        'サービスコンテナ内のデーモンに必要です。ホストに到達できます（コンテナブレイクアウト）。',
      ),
    });
  if (p.dockerVolumes.includes('/certs/client'))
    list.push({
      path: [...R, 'docker', 'volumes'],
      text: t(
        '/certs/client carries the TLS client certificates from the dind service to the job.',
        '/certs/clientはdindサービスからジョブへTLSクライアント証明書を渡します。',
      ),
    });
  else if (p.dockerVolumes.some((v) => v.startsWith('/var/run/docker.sock')))
    list.push({
      path: [...R, 'docker', 'volumes'],
      text: t(
        'The host socket: every job controls the host daemon (root on the host).',
        'ホストのソケット: すべてのジョブがホストのデーモンを操作できます（ホストのroot権限）。',
      ),
    });
  else if (p.dockerVolumes.includes('/runner/services/docker'))
    list.push({
      path: [...R, 'docker', 'volumes'],
      text: t(
        'Temporary volume shared by the build and service containers: dind creates docker.sock here.\nUsed instead of /certs/client, which persists between builds: concurrent DinD jobs would write their certificates to the same path.',
        'ビルドとサービスのコンテナで共有する一時ボリューム: dindがここにdocker.sockを作ります。\n/certs/clientはビルド間で永続化され、同時実行のDinDジョブが同じパスに証明書を書き込むため、代わりにこちらを使います。',
      ),
    });
  if (p.securityOpt.length)
    list.push({
      path: [...R, 'docker', 'security_opt'],
      text: t(
        'Lets the unprivileged builder create user namespaces and mounts; weakens the container sandbox.',
        '非特権ビルダーがユーザー名前空間とマウントを作れるようにします。コンテナのサンドボックスは弱まります。',
      ),
    });
  if (p.k8sVolumes.some((v) => v.name === 'docker-certs'))
    list.push({
      path: [
        ...R,
        'kubernetes',
        'volumes',
        'empty_dir',
        p.k8sVolumes.filter((v) => v.kind === 'empty_dir').findIndex((v) => v.name === 'docker-certs'),
      ],
      text: t(
        'In-memory volume for the TLS certificates, shared by the job and the dind service.',
        'TLS証明書用のメモリ上のボリューム。ジョブとdindサービスで共有します。',
      ),
    });
  if (Object.keys(p.podAnnotations).length)
    list.push({
      path: [...R, 'kubernetes', 'pod_annotations'],
      text:
        p.method.tool === 'buildctl'
          ? t(
              'AppArmor blocks the mounts rootless BuildKit needs in the build container.',
              'AppArmorはビルドコンテナでルートレスBuildKitが必要とするマウントをブロックします。',
            )
          : t(
              `AppArmor blocks the mounts ${p.method.tool === 'podman' ? 'Podman' : 'Buildah'} needs in the build container.`,
              `AppArmorはビルドコンテナで${p.method.tool === 'podman' ? 'Podman' : 'Buildah'}が必要とするマウントをブロックします。`,
            ),
    });
  const pod = p.k8sPod;
  if (pod?.allowPrivilegeEscalation === false)
    list.push({
      path: [...R, 'kubernetes', 'allow_privilege_escalation'],
      text: t(
        `Pod Security "${pod.level}": no container may gain privileges (each container's context below may override it).`,
        `Pod Security「${pod.level}」: どのコンテナも権限を昇格できません（下の各コンテナのコンテキストで上書きできます）。`,
      ),
    });
  if (pod?.nodeSelectorOverwrite)
    list.push({
      path: [...R, 'kubernetes', 'node_selector_overwrite_allowed'],
      text: t(
        'Mixed amd64/arm64 nodes: a job picks its nodes with KUBERNETES_NODE_SELECTOR_ARCH: "kubernetes.io/arch=arm64"; the helper image follows.',
        'amd64とarm64の混在ノード: ジョブはKUBERNETES_NODE_SELECTOR_ARCH: "kubernetes.io/arch=arm64"でノードを選びます。ヘルパーイメージもそれに従います。',
      ),
    });
  if (pod && pod.nodeArch !== 'any')
    list.push({
      path: [...R, 'kubernetes', 'node_selector'],
      text: t(
        'The runner picks the helper image for this architecture; an image of another architecture fails with "no match for platform in manifest" or "exec format error".',
        'Runnerはこのアーキテクチャ用のヘルパーイメージを選びます。別のアーキテクチャのイメージは「no match for platform in manifest」や「exec format error」で失敗します。',
      ),
    });
  if (pod?.pod)
    list.push({
      path: [...R, 'kubernetes', 'pod_security_context'],
      text:
        pod.level === 'restricted'
          ? t(
              'Pod Security "restricted": a non-root user and the RuntimeDefault seccomp profile for every container.',
              'Pod Security「restricted」: すべてのコンテナを非rootユーザーとRuntimeDefaultのseccompプロファイルで実行します。',
            )
          : t(
              'The builder\'s user (1000) owns the subuid/subgid ranges its user namespace needs; another UID fails with "cannot write uid_map".',
              'ビルダーのユーザー（1000）はユーザー名前空間に必要なsubuid/subgidの範囲を持ちます。他のUIDでは「cannot write uid_map」で失敗します。',
            ),
    });
  if (pod && pod.buildExceptions.length > 0 && pod.build)
    list.push({
      path: [...R, 'kubernetes', 'build_container_security_context'],
      text: t(
        `Beyond Pod Security "${pod.level}": the builder creates a user namespace in this container. The namespace's policy must exempt it (SETUP.md).`,
        `Pod Security「${pod.level}」の範囲外: ビルダーはこのコンテナでユーザー名前空間を作ります。ネームスペースのポリシーでの除外が必要です（SETUP.md）。`,
      ),
    });
  if (p.runner.cacheVolume?.startsWith('c:'))
    list.push({
      path: [...R, 'docker', 'volumes'],
      text: t(
        'Windows containers: every volume needs a drive letter or a named pipe (a Linux path such as /cache is refused).',
        'Windowsコンテナ: ボリュームにはドライブ文字か名前付きパイプが必要です（/cacheのようなLinuxのパスは拒否されます）。',
      ),
    });
  if (p.runner.helperImage)
    list.push({
      path: [...R, 'docker', 'helper_image'],
      text: t(
        'The helper image for a host build this runner release has no helper for (gitlab-runner!5170 reuses the 21H2 helper for 24H2 hosts).',
        'このRunnerのリリースにヘルパーがないホストビルド用のヘルパーイメージ（gitlab-runner!5170は24H2ホストに21H2のヘルパーを使います）。',
      ),
    });
  if (p.autoscale?.kind === 'fleeting') {
    const A = [...R, 'autoscaler'];
    list.push(
      {
        path: [...A, 'plugin'],
        text: t(
          'Install the plugin on the runner manager with `gitlab-runner fleeting install` (see SETUP.md).',
          'Runnerマネージャーで`gitlab-runner fleeting install`によりプラグインをインストールします（SETUP.md参照）。',
        ),
      },
      {
        path: [...A, 'max_use_count'],
        text: t(
          'Jobs per instance before it is deleted (0: no limit). 1 gives every job a fresh instance.',
          'インスタンスを削除するまでに実行するジョブ数（0: 無制限）。1ならジョブごとに新しいインスタンスです。',
        ),
      },
      {
        path: [...A, 'instance_ready_command'],
        text: t(
          'Waits until dockerd answers the connector user: without it, early jobs fail with "Cannot connect to the Docker daemon at http://internal.tunnel.invalid".',
          'dockerdが接続ユーザーに応答するまで待ちます。これがないと初期のジョブが「Cannot connect to the Docker daemon at http://internal.tunnel.invalid」で失敗します。',
        ),
      },
      {
        path: [...A, 'plugin_config'],
        text: t(
          'The instance group the plugin scales: give it its own group, with no scaling policy of its own.',
          'プラグインがスケールするインスタンスグループ。専用のグループにし、グループ自身のスケーリングポリシーは設定しません。',
        ),
      },
      {
        path: [...A, 'connector_config', 'username'],
        text: t(
          'The SSH user on the instances; it must be in their docker group.',
          'インスタンス上のSSHユーザー。インスタンスのdockerグループに入っている必要があります。',
        ),
      },
      {
        path: [...A, 'policy', 1],
        text: t('No idle instance at weekends.', '週末はアイドルのインスタンスを置きません。'),
      },
    );
  }
  if (p.autoscale?.kind === 'docker-machine') {
    const M = [...R, 'machine'];
    list.push(
      {
        path: [...M, 'MachineDriver'],
        text: t(
          'Docker Machine is deprecated (GitLab 17.5) and removed in GitLab 20.0: move to docker-autoscaler.',
          'Docker Machineは非推奨（GitLab 17.5）で、GitLab 20.0で削除されます。docker-autoscalerへ移行してください。',
        ),
      },
      {
        path: [...M, 'MachineName'],
        text: t('%s is replaced by a unique id for each machine.', '%sはマシンごとの一意なIDに置き換えられます。'),
      },
      {
        path: [...M, 'autoscaling', 0],
        text: t('No idle machine at weekends.', '週末はアイドルのマシンを置きません。'),
      },
    );
  }
  if (p.featureFlags.FF_USE_POWERSHELL_PATH_RESOLVER)
    list.push({
      path: [...R, 'feature_flags'],
      text: t(
        'PowerShell resolves Windows paths correctly when the runner runs on Linux and targets Windows nodes.',
        'LinuxのRunnerからWindowsノードを対象にするとき、PowerShellがWindowsのパスを正しく解決します。',
      ),
    });
  return list;
}

/**
 * The `[[runners]]` entry of config.toml as TOML text, with comments in `lang` and a header naming the file to merge
 * it into (`/etc/gitlab-runner/`, `~/.gitlab-runner/` or `C:\GitLab-Runner\`). GitLab doc: "Advanced configuration".
 */
export function generateConfigToml(p: Plan, lang: Lang): string {
  const text = stringifyToml({ runners: [runnerEntry(p, false)] } as never);
  const script = p.registerScript === 'ps1' ? 'register.ps1' : 'register.sh';
  const path = p.windows
    ? 'C:\\GitLab-Runner\\config.toml'
    : p.runner.os === 'macos'
      ? '~/.gitlab-runner/config.toml'
      : '/etc/gitlab-runner/config.toml';
  const header = tr(
    lang,
    `# The [[runners]] entry for this setup. \`${script}\` writes url, token and the flags it can express;\n# merge the rest into ${path}, then run \`gitlab-runner restart\`.\n`,
    `# この構成の[[runners]]エントリ。\`${script}\`がurl、tokenとフラグで指定できる設定を書き込みます。\n# 残りを${path}に統合し、\`gitlab-runner restart\`を実行します。\n`,
  );
  return header + insertTomlComments(text, runnerComments(p, lang));
}

/**
 * values.yaml for the gitlab/gitlab-runner Helm chart: the token secret's name, RBAC, and the runner's config.toml
 * as a TOML string under `runners.config` (tags too with a legacy registration token).
 */
export function generateHelmValues(p: Plan, lang: Lang): string {
  const toml = insertTomlComments(
    stringifyToml({ runners: [runnerEntry(p, true)] } as never),
    runnerComments(p, lang, true),
  );
  const runners: Record<string, unknown> = { secret: 'gitlab-runner-secret' };
  if (p.runner.registration === 'legacy') runners.tags = p.runner.tags.join(',');
  runners.config = toml;
  const values = { gitlabUrl: p.runner.gitlabUrl, rbac: { create: true }, runners };
  return toYaml(
    values,
    [
      {
        path: ['runners', 'secret'],
        text: tr(
          lang,
          'Kubernetes secret holding the runner token (created by kubernetes.sh).',
          'Runnerトークンを保持するKubernetesシークレット（kubernetes.shで作成）。',
        ),
      },
      {
        path: ['runners', 'config'],
        text: tr(
          lang,
          'The runner configuration (config.toml) used by the chart.',
          'チャートが使うRunner設定（config.toml）。',
        ),
      },
    ],
    tr(lang, 'Helm values for the gitlab/gitlab-runner chart.', 'gitlab/gitlab-runnerチャートのHelm値。'),
  );
}

/** Arguments of `gitlab-runner register`, as tokens (quoted later for sh or PowerShell). */
function registerArgs(p: Plan, tokenVar: string, freeTextInEnv = false): Token[] {
  const runner = p.runner;
  const args: Token[] = [lit('--non-interactive'), lit('--url'), lit(runner.gitlabUrl)];
  if (runner.registration === 'legacy') args.push(lit('--registration-token'), exp(`$${tokenVar}`));
  else args.push(lit('--token'), exp(`$${tokenVar}`));
  args.push(lit('--executor'), lit(runner.executor));
  if (!freeTextInEnv) args.push(lit('--description'), lit(runner.description));
  // Tags, locking and access level belong to the runner created in GitLab when a runner authentication token is used.
  if (runner.registration === 'legacy' && runner.tags.length && !freeTextInEnv)
    args.push(lit('--tag-list'), lit(runner.tags.join(',')));
  if (runner.dockerExecutor) {
    args.push(lit('--docker-image'), lit(p.runnerImage));
    if (p.privileged) args.push(lit('--docker-privileged'));
    // register appends the cache volume itself (`/cache`, `c:\cache` for docker-windows): config.toml shows it last.
    for (const v of p.dockerVolumes) if (v !== runner.cacheVolume) args.push(lit('--docker-volumes'), lit(v));
    for (const s of p.securityOpt) args.push(lit('--docker-security-opt'), lit(s));
    if (runner.helperImage) args.push(lit('--docker-helper-image'), lit(runner.helperImage));
  }
  const machine = p.autoscale?.kind === 'docker-machine' ? machineToml(p.autoscale) : null;
  if (machine) {
    args.push(lit('--machine-machine-driver'), lit(String(machine.MachineDriver)));
    args.push(lit('--machine-machine-name'), lit(String(machine.MachineName)));
    for (const o of machine.MachineOptions as string[]) args.push(lit('--machine-machine-options'), lit(o));
    args.push(lit('--machine-idle-nodes'), lit(String(machine.IdleCount)));
    args.push(lit('--machine-idle-time'), lit(String(machine.IdleTime)));
    args.push(lit('--machine-max-builds'), lit(String(machine.MaxBuilds)));
  }
  for (const e of p.runnerEnvironment) args.push(lit('--env'), lit(e));
  return args;
}

/**
 * register.sh: `gitlab-runner register --non-interactive` with the plan's flags. The token is read from the
 * environment variable `runner.tokenVariable`, never written; the script stops when it is unset.
 */
export function generateRegisterSh(p: Plan, lang: Lang): string {
  const runner = p.runner;
  const tokenVar = runner.tokenVariable;
  const sudo = runner.os === 'macos' ? [] : [raw('sudo')];
  const cmd = renderCommand([...sudo, lit('gitlab-runner'), lit('register'), ...registerArgs(p, tokenVar)], 'sh', {
    multiline: true,
  });
  const hint =
    runner.registration === 'legacy'
      ? tr(lang, 'the legacy registration token (deprecated)', 'レガシー登録トークン（非推奨）')
      : tr(
          lang,
          'the runner authentication token (glrt-...) shown when you created the runner in GitLab',
          'GitLabでRunnerを作成したときに表示されるRunner認証トークン（glrt-...）',
        );
  return [
    '#!/bin/sh',
    `# ${tr(lang, 'Registers the runner. The token is read from the environment, never written here:', 'Runnerを登録します。トークンはここに書かず、環境変数から読み取ります:')}`,
    `#   ${tokenVar}=... sh register.sh`,
    'set -eu',
    `: "\${${tokenVar}:?${tr(lang, 'set', '設定してください:')} ${tokenVar} (${hint.replace(/["`$\\]/g, '')})}"`,
    cmd,
    '',
  ].join('\n');
}

/**
 * register.ps1: the same registration in PowerShell. Description and tags go through RUNNER_NAME and
 * RUNNER_TAG_LIST: Windows PowerShell 5.1 drops empty arguments and splits those holding double quotes.
 */
export function generateRegisterPs1(p: Plan, lang: Lang): string {
  const runner = p.runner;
  const tokenVar = runner.tokenVariable;
  const cmd = renderCommand([raw('.\\gitlab-runner.exe'), lit('register'), ...registerArgs(p, tokenVar, true)], 'ps', {
    multiline: true,
  });
  // Always a quoted string: an assignment's right-hand side is an expression, where a bare word is a command.
  const psString = (s: string) => (psQuote(s).startsWith("'") ? psQuote(s) : `'${s}'`);
  const tags = runner.registration === 'legacy' ? runner.tags.join(',') : '';
  return [
    `# ${tr(lang, 'Registers the runner. The token is read from the environment, never written here:', 'Runnerを登録します。トークンはここに書かず、環境変数から読み取ります:')}`,
    `#   $env:${tokenVar} = '...'; .\\register.ps1`,
    "$ErrorActionPreference = 'Stop'",
    `if (-not $env:${tokenVar}) { throw ${psQuote(`${tr(lang, 'Set', '設定してください:')} $env:${tokenVar}`)} }`,
    `# ${tr(lang, 'Description and tags reach register through its environment variables: Windows PowerShell 5.1 drops empty arguments and splits arguments holding double quotes when it starts gitlab-runner.exe.', '説明とタグはregisterの環境変数で渡します。Windows PowerShell 5.1はgitlab-runner.exeの起動時に空の引数を落とし、二重引用符を含む引数を分割します。')}`,
    `$env:RUNNER_NAME = ${psString(runner.description)}`,
    `$env:RUNNER_TAG_LIST = ${psString(tags)}`,
    cmd,
    '',
  ].join('\n');
}

/** daemon.json of the Docker daemon (registry mirror, proxies): 2-space JSON and a newline; `{}` when it has none. */
export function generateDaemonJson(p: Plan): string {
  return `${JSON.stringify(p.daemonJson ?? {}, null, 2)}\n`;
}

/** buildkitd.toml (registry mirrors of rootless BuildKit) after a header comment in `lang`; empty body when none. */
export function generateBuildkitdToml(p: Plan, lang: Lang): string {
  const text = stringifyToml((p.buildkitdToml ?? {}) as never);
  return `# ${tr(lang, 'buildkitd configuration, read through BUILDKITD_FLAGS --config. Commit it at the repository root.', 'buildkitdの設定。BUILDKITD_FLAGSの--configで読み込みます。リポジトリのルートにコミットします。')}\n${text}`;
}

/**
 * kubernetes.sh: kubectl commands for the namespace, the ConfigMaps the runner mounts and, with Helm, the token
 * secret (read from the environment) and `helm upgrade --install` of the gitlab/gitlab-runner chart.
 */
export function generateKubernetesSh(p: Plan, lang: Lang): string {
  const runner = p.runner;
  const t = (en: string, ja: string) => tr(lang, en, ja);
  const ns = shQuote(runner.k8sNamespace);
  const lines = [
    '#!/bin/sh',
    `# ${t('Kubernetes commands for this setup. Run them with kubectl pointed at the cluster.', 'この構成のKubernetesコマンド。クラスターを指すkubectlで実行します。')}`,
    'set -eu',
    `NAMESPACE=${ns}`,
    '',
  ];
  lines.push(`# ${t('Namespace of the runner and of the job pods', 'Runnerとジョブポッドのネームスペース')}`);
  lines.push('kubectl create namespace "$NAMESPACE" --dry-run=client -o yaml | kubectl apply -f -');
  for (const cm of p.configMaps) {
    lines.push('');
    const what =
      cm.name === 'docker-daemon'
        ? t(
            'daemon.json for every dind service (registry mirror)',
            'すべてのdindサービス用のdaemon.json（レジストリミラー）',
          )
        : cm.name === 'registry-ca'
          ? t(
              'CA certificate of the registry, trusted by the dind daemon (ca.crt from your PKI)',
              'dindデーモンが信頼するレジストリのCA証明書（PKIのca.crt）',
            )
          : t(
              'Docker client config.json with registry credentials (create it with docker login, never commit it)',
              'レジストリ認証情報を含むDockerクライアントのconfig.json（docker loginで作成し、コミットしない）',
            );
    lines.push(`# ${what}`);
    lines.push(
      `kubectl create configmap ${shQuote(cm.name)} --namespace "$NAMESPACE" --from-file ${shQuote(cm.fromFile)}`,
    );
  }
  if (runner.helm) {
    const tokenVar = runner.tokenVariable;
    lines.push('');
    lines.push(
      `# ${t(`The runner token, read from the environment (${tokenVar}=... sh kubernetes.sh)`, `Runnerトークン。環境変数から読み取ります（${tokenVar}=... sh kubernetes.sh）`)}`,
    );
    lines.push(`: "\${${tokenVar}:?${t('set', '設定してください:')} ${tokenVar}}"`);
    const secret =
      runner.registration === 'legacy'
        ? `--from-literal=runner-registration-token="$${tokenVar}" --from-literal=runner-token=""`
        : `--from-literal=runner-registration-token="" --from-literal=runner-token="$${tokenVar}"`;
    lines.push(`kubectl create secret generic gitlab-runner-secret --namespace "$NAMESPACE" ${secret}`);
    lines.push('');
    lines.push(
      `# ${t('Install or upgrade the runner with the values of values.yaml', 'values.yamlの値でRunnerをインストールまたはアップグレード')}`,
    );
    lines.push('helm repo add gitlab https://charts.gitlab.io');
    lines.push('helm repo update gitlab');
    lines.push(
      'helm upgrade --install gitlab-runner gitlab/gitlab-runner --namespace "$NAMESPACE" --values values.yaml',
    );
  }
  if (runner.eksDockerdRename && p.daemon === 'host-pipe') {
    lines.push('');
    lines.push(
      `# ${t('AWS EKS Windows nodes: run eks-dockerd.ps1 from SETUP.md on each node', 'AWS EKSのWindowsノード: SETUP.mdのeks-dockerd.ps1を各ノードで実行します')}`,
    );
  }
  lines.push('');
  return lines.join('\n');
}
