/**
 * Docker-in-Docker on the Kubernetes executor: the client certificates and the service flags and health check.
 *
 * failures.md #12, #13; FAILURES (catalog.ts) keeps them in the order of FAILURE_IDS.
 */
import { msg } from '../../i18n';
import { K8S_LOG } from '../log-patterns';
import type { Failure } from '../types';

/** failures.md #12 k8s-dind-certs-race and #13 k8s-service-args-and-healthcheck, in that order. */
export const KUBERNETES_FAILURES: readonly Failure[] = [
  {
    id: 'k8s-dind-certs-race',
    n: 12,
    title: msg('Kubernetes: the dind client certificates are missing', 'Kubernetes: dindのクライアント証明書がない'),
    cause: msg(
      'On Kubernetes there is no shared /certs/client volume unless the runner declares one, or the script starts before dind has written its certificates.',
      'Kubernetesでは、Runnerで宣言しない限り共有の/certs/clientボリュームがありません。または、dindが証明書を書き込む前にスクリプトが始まっています。',
    ),
    fixText: msg(
      'Declare [[runners.kubernetes.volumes.empty_dir]] name = "docker-certs", mount_path = "/certs/client", medium = "Memory" in config.toml, and set HEALTHCHECK_TCP_PORT: "2376" on the service so that the job waits for dockerd. As a fallback, start the script with `until docker info; do sleep 1; done`.',
      'config.tomlで[[runners.kubernetes.volumes.empty_dir]] name = "docker-certs"、mount_path = "/certs/client"、medium = "Memory"を宣言し、サービスにHEALTHCHECK_TCP_PORT: "2376"を設定して、ジョブがdockerdを待つようにします。予備策として、スクリプトの先頭で`until docker info; do sleep 1; done`を実行します。',
    ),
    fix: {
      label: msg(
        'Regenerate the Kubernetes dind setup with the certificate volume and the health check',
        '証明書ボリュームとヘルスチェック付きでKubernetesのdind構成を生成し直す',
      ),
      patch: () => ({ method: 'dind', dindConnection: 'tls' }),
      outside: msg(
        'Apply the empty_dir volume from the generated config.toml (or Helm values.yaml) to the runner and restart it.',
        '生成したconfig.toml（またはHelmのvalues.yaml）のempty_dirボリュームをRunnerに反映し、再起動します。',
      ),
    },
    sources: [
      'https://gitlab.com/gitlab-org/gitlab-runner/-/issues/27384',
      'https://gitlab.com/gitlab-org/gitlab-runner/-/issues/27306',
    ],
    explains: ['dind-tls-port-mismatch'],
    recognisers: [
      {
        kw: ['.pem'],
        re: /open (?<path>\/[^\s:]*\/(?:ca|cert|key)\.pem): no such file or directory/i,
        context: K8S_LOG,
      },
    ],
  },
  {
    id: 'k8s-service-args-and-healthcheck',
    n: 13,
    title: msg(
      'Kubernetes: dind service flags mangled, or no wait for the service',
      'Kubernetes: dindサービスのフラグが壊れている、またはサービスを待っていない',
    ),
    cause: msg(
      'The Kubernetes executor historically put both entrypoint and command into the container command, and CI/CD variables are not expanded in services command/entrypoint, so dockerd receives a literal $VAR or runs a flag as a program. Kubernetes cannot detect a service port: without HEALTHCHECK_TCP_PORT the job does not wait for dind at all.',
      'Kubernetes executorは以前、entrypointとcommandの両方をコンテナのcommandに入れていました。またservicesのcommand/entrypointではCI/CD変数が展開されないため、dockerdがリテラルの$VARを受け取ったり、フラグをプログラムとして実行したりします。Kubernetesはサービスのポートを検出できないため、HEALTHCHECK_TCP_PORTがないとジョブはdindを待ちません。',
    ),
    fixText: msg(
      'Write literal flags (command: ["--mtu=1450"]), set HEALTHCHECK_TCP_PORT on the service, and use DOCKER_HOST tcp://docker:2376.',
      'フラグはリテラルで書き（command: ["--mtu=1450"]）、サービスにHEALTHCHECK_TCP_PORTを設定し、DOCKER_HOSTにtcp://docker:2376を使います。',
    ),
    fix: {
      label: msg(
        'Regenerate the dind service with literal flags and HEALTHCHECK_TCP_PORT',
        'リテラルのフラグとHEALTHCHECK_TCP_PORT付きでdindサービスを生成し直す',
      ),
      patch: () => ({ method: 'dind' }),
      outside: msg(
        'Upgrade GitLab Runner if the service command is still run as a program.',
        'サービスのcommandがまだプログラムとして実行される場合は、GitLab Runnerを更新します。',
      ),
    },
    sources: [
      'https://gitlab.com/gitlab-org/gitlab-runner/-/issues/3071',
      'https://gitlab.com/gitlab-org/gitlab-runner/-/issues/3808',
      'https://gitlab.com/gitlab-org/gitlab-runner/-/issues/27215',
    ],
    explains: ['dind-startup-healthcheck', 'dind-hostname-unresolved', 'dind-tls-port-mismatch', 'no-daemon-reachable'],
    recognisers: [
      {
        kw: ['invalid argument "$'],
        re: /invalid argument "(?<value>\$\{?[A-Za-z_][A-Za-z0-9_]*\}?)" for "(?<flag>-{1,2}[\w-]+)" flag/,
      },
      {
        kw: ['executable file not found'],
        re: /exec: "(?<arg>-{1,2}[A-Za-z][\w-]*(?:=[^"]*)?)": executable file not found in \$PATH/,
      },
    ],
  },
];
