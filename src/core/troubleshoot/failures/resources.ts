/**
 * Resources of the containers that build: memory.
 *
 * Issue 16 ("a tidy troubleshooter": `exit code 137` was not recognised). FAILURES (catalog.ts) keeps them in the
 * order of FAILURE_IDS.
 */
import { msg } from '../../i18n';
import { limitsBuildMemory } from '../../vocabulary';
import type { Failure } from '../types';

/** A memory amount twice as large as `q` (`4Gi` -> `8Gi`, `512Mi` -> `1Gi`), capped at the answer's grammar. */
function doubled(q: string): string {
  const m = /^(\d+)(Mi|Gi)$/.exec(q);
  if (!m) return '4Gi';
  const mi = Number(m[1]) * (m[2] === 'Gi' ? 1024 : 1) * 2;
  if (mi % 1024 === 0) return `${Math.min(mi / 1024, 9999)}Gi`;
  return `${mi}Mi`;
}

/** build-oom-killed: the container that builds went over its memory limit (or the node ran out) and was killed. */
export const RESOURCE_FAILURES: readonly Failure[] = [
  {
    id: 'build-oom-killed',
    n: 43,
    title: msg(
      'The build was killed: out of memory (exit code 137)',
      'ビルドが強制終了された: メモリ不足（終了コード137）',
    ),
    cause: msg(
      'Exit code 137 is 128 + 9: the process got SIGKILL, almost always from the kernel’s OOM killer because the container went over its memory limit (Kubernetes reports OOMKilled). The limit comes from the runner (memory_limit, service_memory_limit; [runners.docker] memory), from the namespace’s LimitRange when the runner sets none, or the node itself ran out. With Docker-in-Docker or a buildkitd service, the build runs in the service container, so it is that container’s limit that counts.',
      '終了コード137は128+9で、プロセスがSIGKILLを受けたことを示します。ほとんどの場合、コンテナがメモリ上限を超えたためにカーネルのOOM killerが終了させたものです（KubernetesではOOMKilledと表示されます）。上限はRunner（memory_limit、service_memory_limit、[runners.docker] memory）、Runnerが設定しない場合はネームスペースのLimitRangeから来ます。ノード自体のメモリ不足のこともあります。Docker-in-Dockerやbuildkitdサービスではビルドはサービスコンテナで動くため、そのコンテナの上限が効きます。',
    ),
    fixText: msg(
      'Give the container that builds enough memory: request and limit it in the runner’s configuration (the build container, or the dind/buildkitd service), and keep parallel build steps within it (e.g. make -j, NODE_OPTIONS=--max-old-space-size).',
      'ビルドするコンテナに十分なメモリを与えます。Runnerの設定で（ビルドコンテナ、またはdind/buildkitdサービスに）要求と上限を指定し、並列のビルド処理をその範囲に収めます（例: make -j、NODE_OPTIONS=--max-old-space-size）。',
    ),
    fix: {
      label: msg('Request and limit more memory for the build', 'ビルドに要求・上限とするメモリを増やす'),
      patch: (a) => ({ buildMemory: a.buildMemory ? doubled(a.buildMemory) : '4Gi' }),
      outside: msg(
        'Kubernetes: the namespace’s LimitRange and ResourceQuota must allow the amount, and a node must have it free (kubectl describe node). GitLab.com hosted runners: use a larger machine (tags such as saas-linux-medium-amd64). A host daemon (socket binding, shell executor): the build runs in the host’s Docker Engine; give the host more memory or limit the build (docker build --memory with the classic builder).',
        'Kubernetes: ネームスペースのLimitRangeとResourceQuotaがその量を許し、ノードに空きがある必要があります（kubectl describe node）。GitLab.comのホステッドRunner: より大きなマシン（saas-linux-medium-amd64などのタグ）を使います。ホストのデーモン（ソケットバインド、shell executor）: ビルドはホストのDocker Engineで動くため、ホストのメモリを増やすかビルドを制限します（従来のビルダーではdocker build --memory）。',
      ),
    },
    sources: [
      'https://github.com/kubernetes/kubernetes/issues/135490',
      'https://docs.gitlab.com/runner/executors/kubernetes/#overwrite-container-resources',
      'https://docs.gitlab.com/runner/configuration/advanced-configuration/#the-runnersdocker-section',
      'https://docs.docker.com/engine/containers/resource_constraints/',
    ],
    recognisers: [
      {
        // `ERROR: Job failed: exit code 137`, `Error in container build: exit code: 137, reason: 'OOMKilled'`,
        // BuildKit `did not complete successfully: exit code: 137`, the classic builder's `returned a non-zero code:
        // 137`, Buildah/Podman `exit status 137`.
        kw: ['137'],
        re: /(?:exit (?:code|status):? 137|returned a non-zero code: 137|exited with (?:code|status) 137)\b/i,
        facts: /Error in container (?<container>[a-z0-9-]+)/,
      },
      {
        kw: ['oomkilled'],
        re: /\bOOMKilled\b/,
        facts: /container (?:"|')?(?<container>[a-z0-9-]+)/,
      },
      {
        kw: ['out of memory'],
        re: /\b(?:Memory cgroup out of memory|Out of memory): Kill(?:ed)? process\b/i,
      },
    ],
    holds: (a) => !limitsBuildMemory(a) || a.buildMemory === '',
    note: (facts) => {
      const c = facts.container;
      if (!c) return null;
      return /^svc-\d+$/.test(c)
        ? msg(
            `The killed container is ${c}, a service: the daemon that builds (dind, buildkitd) ran out of memory, so the service’s limit (service_memory_limit) is the one to raise.`,
            `強制終了されたのはサービスのコンテナ${c}です。ビルドするデーモン（dind、buildkitd）のメモリが不足したため、上げるべきはサービスの上限（service_memory_limit）です。`,
          )
        : msg(
            `The killed container is ${c}: its limit (memory_limit for the build container) is the one to raise.`,
            `強制終了されたのはコンテナ${c}です。上げるべきはその上限（ビルドコンテナならmemory_limit）です。`,
          );
    },
  },
];
