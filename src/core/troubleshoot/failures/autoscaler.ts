/**
 * Autoscaled instances (docker-autoscaler): the Docker Engine of an instance, reached through the fleeting
 * connector's tunnel.
 *
 * Real-world report docker-autoscaler-tunnel-daemon (issue 13); FAILURES (catalog.ts) keeps them in the order of
 * FAILURE_IDS.
 */
import { msg } from '../../i18n';
import { CONNECT } from '../log-patterns';
import type { Failure } from '../types';

/** autoscaler-docker-unreachable: the job's instance has no Docker Engine the connector user can reach (yet). */
export const AUTOSCALER_FAILURES: readonly Failure[] = [
  {
    id: 'autoscaler-docker-unreachable',
    n: 32,
    title: msg(
      'docker-autoscaler: no Docker daemon on the instance',
      'docker-autoscaler: インスタンスのDockerデーモンに接続できない',
    ),
    cause: msg(
      'The runner reaches dockerd on the autoscaled instance through the connector (SSH, shown as http://internal.tunnel.invalid), as the connector user. dockerd is not started yet when the job arrives, or that user is not in the docker group of the instance image. A config.toml without [runners.autoscaler] is refused outright ("executor requires autoscaler config").',
      'Runnerはオートスケールされたインスタンスのdockerdに、コネクター（SSH。http://internal.tunnel.invalidと表示されます）経由で接続ユーザーとして接続します。ジョブが届いた時点でdockerdがまだ起動していないか、そのユーザーがインスタンスのイメージでdockerグループに入っていません。[runners.autoscaler]のないconfig.tomlはそもそも拒否されます（「executor requires autoscaler config」）。',
    ),
    fixText: msg(
      "Give config.toml a complete [runners.autoscaler] with instance_ready_command waiting for `docker info`, and bake Docker Engine (enabled at boot) and the connector user's docker group membership into the instance image.",
      'config.tomlに完全な[runners.autoscaler]を用意し、instance_ready_commandで`docker info`を待ちます。インスタンスのイメージにはDocker Engine（起動時に有効）と接続ユーザーのdockerグループ所属を焼き込みます。',
    ),
    fix: {
      label: msg(
        'Generate [runners.autoscaler] with an instance-ready check',
        'インスタンスの準備確認付きの[runners.autoscaler]を生成する',
      ),
      patch: () => ({ runnerKind: 'self-managed', os: 'linux', executor: 'docker-autoscaler' }),
      outside: msg(
        'In the instance image: `sudo systemctl enable docker` and `sudo usermod -aG docker <connector user>` (SETUP.md has them); then `gitlab-runner fleeting install` on the runner manager and restart it.',
        'インスタンスのイメージで`sudo systemctl enable docker`と`sudo usermod -aG docker <接続ユーザー>`を実行します（SETUP.mdにあります）。その後Runnerマネージャーで`gitlab-runner fleeting install`を実行し、再起動します。',
      ),
    },
    sources: [
      'https://gitlab.com/gitlab-org/fleeting/plugins/aws/-/issues/74',
      'https://docs.gitlab.com/runner/executors/docker_autoscaler/',
      'https://gitlab.com/gitlab-org/gitlab-runner/-/merge_requests/4709',
    ],
    recognisers: [
      {
        kw: ['internal.tunnel.invalid'],
        re: new RegExp(
          String.raw`(?:${CONNECT}|permission denied while trying to connect to the Docker (?:daemon socket|API)) at (?:https?|tcp)://internal\.tunnel\.invalid`,
          'i',
        ),
      },
      {
        kw: ['requires autoscaler config'],
        re: /executor requires autoscaler config/i,
      },
    ],
  },
];
