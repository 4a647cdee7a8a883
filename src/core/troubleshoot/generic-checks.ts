/**
 * What to look at when no known failure is recognised in a log: generic checks, each with a command or setting to
 * try where there is one (shown by the app's troubleshooter and by `generate --diagnose`, which then exits 2).
 */
import { msg } from '../i18n';
import type { GenericCheck } from './types';

/** The generic checks, in the order they are shown. */
export const GENERIC_CHECKS: readonly GenericCheck[] = [
  {
    title: msg(
      'Print the client and daemon versions at the start of the job: does the client reach a daemon, and which one?',
      'ジョブの最初にクライアントとデーモンのバージョンを表示し、クライアントがデーモンに到達しているか、どのデーモンに接続しているかを確認します。',
    ),
    command: 'docker version && docker info',
  },
  {
    title: msg(
      "Show the service containers' own logs (dind, buildkitd) in the job log with the CI/CD variable CI_DEBUG_SERVICES.",
      'CI/CD変数CI_DEBUG_SERVICESで、サービスコンテナ（dind、buildkitd）自身のログをジョブログに表示します。',
    ),
    command: 'variables:\n  CI_DEBUG_SERVICES: "true"',
  },
  {
    title: msg(
      'Check the connection settings the job really sees (DOCKER_HOST, TLS, proxies).',
      'ジョブが実際に受け取っている接続設定（DOCKER_HOST、TLS、プロキシ）を確認します。',
    ),
    command:
      'echo "DOCKER_HOST=$DOCKER_HOST DOCKER_TLS_CERTDIR=$DOCKER_TLS_CERTDIR"; env | grep -i -E "^(no|https?)_proxy=" | cut -d= -f1',
  },
  {
    title: msg(
      'Check name resolution and the network MTU from inside the job.',
      'ジョブ内から名前解決とネットワークのMTUを確認します。',
    ),
    command: 'cat /etc/resolv.conf; cat /sys/class/net/eth0/mtu; nslookup docker || true',
  },
  {
    title: msg(
      'Run the runner in debug mode on its host to see how it starts the job and its services, and check its version.',
      'RunnerホストでRunnerをデバッグモードで実行し、ジョブとサービスがどう起動されるかを確認します。Runnerのバージョンも確認します。',
    ),
    command: 'gitlab-runner --version; sudo gitlab-runner --debug run',
  },
  {
    title: msg(
      'On Kubernetes, inspect the job pod and the logs of its service containers.',
      'Kubernetesでは、ジョブのPodとサービスコンテナのログを確認します。',
    ),
    command:
      'kubectl -n gitlab-runner get pods; kubectl -n gitlab-runner describe pod <pod>; kubectl -n gitlab-runner logs <pod> -c svc-0',
  },
  {
    title: msg(
      'Compare your .gitlab-ci.yml and config.toml with the files generated for your answers: most failures come from a setting that differs.',
      'あなたの.gitlab-ci.ymlとconfig.tomlを、回答から生成したファイルと比べます。ほとんどの失敗は設定の違いから起きます。',
    ),
  },
];
