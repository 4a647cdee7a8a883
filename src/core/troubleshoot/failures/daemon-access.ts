/**
 * Reaching a Docker daemon: the host socket (permissions, absence, a socket beside a dind service).
 *
 * failures.md #3, #4, #9; FAILURES (catalog.ts) keeps them in the order of FAILURE_IDS.
 */
import { msg } from '../../i18n';
import { dockerExecutor, shellRunner } from '../fix-helpers';
import { CONNECT } from '../log-patterns';
import type { Failure } from '../types';

/**
 * failures.md #3 socket-permission-denied, #4 no-daemon-reachable and #9 socket-plus-dind-conflict, in that
 * order.
 */
export const DAEMON_ACCESS_FAILURES: readonly Failure[] = [
  {
    id: 'socket-permission-denied',
    n: 3,
    title: msg('Permission denied on the Docker socket', 'Dockerソケットへのアクセスが拒否された'),
    cause: msg(
      'The job talks to the host daemon through /var/run/docker.sock but may not open it: with the shell executor, the gitlab-runner user is not in the docker group; with socket binding, the job image runs as a user without access to the socket.',
      'ジョブは/var/run/docker.sock経由でホストのデーモンに接続しますが、ソケットを開く権限がありません。shell executorではgitlab-runnerユーザーがdockerグループに入っていません。ソケットバインディングでは、ジョブのイメージがソケットにアクセスできないユーザーで動いています。',
    ),
    fixText: msg(
      'On the runner host: `sudo usermod -aG docker gitlab-runner`, then `sudo gitlab-runner restart`. Membership in the docker group is equivalent to root on the host. Or build without the host daemon.',
      'Runnerホストで`sudo usermod -aG docker gitlab-runner`を実行し、`sudo gitlab-runner restart`で再起動します。dockerグループのメンバーはホストのrootと同等です。または、ホストのデーモンを使わずにビルドします。',
    ),
    fix: {
      label: msg(
        'Grant socket access, or build without the host daemon',
        'ソケットへのアクセスを許可するか、ホストのデーモンなしでビルドする',
      ),
      questions: [
        {
          id: 'daemon',
          text: msg('Keep using the host Docker daemon?', 'ホストのDockerデーモンを使い続けますか？'),
          recommended: () => 'docker-group',
          options: [
            {
              id: 'docker-group',
              label: msg(
                'Yes: add gitlab-runner to the docker group (root on the host)',
                'はい: gitlab-runnerをdockerグループに追加する（ホストのroot相当）',
              ),
              patch: (a) => (shellRunner(a) ? { method: 'host' } : { method: 'socket' }),
            },
            {
              id: 'no-daemon',
              label: msg(
                'No: Docker executor with rootless BuildKit (no host daemon)',
                'いいえ: Docker executorとルートレスBuildKit（ホストのデーモンなし）',
              ),
              patch: (a) =>
                shellRunner(a) ? { executor: 'docker', method: 'buildkit-rootless' } : { method: 'buildkit-rootless' },
            },
          ],
        },
      ],
      outside: msg(
        'The docker group change is made on the runner host (SETUP.md has the commands); restart the runner afterwards.',
        'dockerグループの変更はRunnerホストで行います（コマンドはSETUP.mdにあります）。その後Runnerを再起動します。',
      ),
    },
    sources: [
      'https://gitlab.com/gitlab-org/gitlab-runner/-/issues/4660',
      'https://docs.gitlab.com/17.6/ci/docker/using_docker_build',
    ],
    recognisers: [
      {
        kw: ['permission denied while trying to connect to the docker'],
        re: /permission denied while trying to connect to the Docker (?:daemon socket|API) at (?<socket>unix:\/\/[^\s;:]+)/i,
      },
      {
        kw: ['connect: permission denied'],
        re: /dial unix (?<socket>\/[^\s:]*docker\.sock): connect: permission denied/i,
      },
    ],
  },
  {
    id: 'no-daemon-reachable',
    n: 4,
    title: msg('No Docker daemon reachable from the job', 'ジョブから到達できるDockerデーモンがない'),
    cause: msg(
      'The job has a docker CLI but neither a dind service (with DOCKER_HOST) nor a mounted socket, so the client falls back to unix:///var/run/docker.sock, which does not exist. On Kubernetes, nodes running containerd or CRI-O have no docker.sock to mount at all.',
      'ジョブにdocker CLIはありますが、dindサービス（とDOCKER_HOST）もマウントされたソケットもないため、クライアントは存在しないunix:///var/run/docker.sockに接続しようとします。Kubernetesでは、containerdやCRI-Oのノードにはマウントできるdocker.sockがそもそもありません。',
    ),
    fixText: msg(
      'Give the job a daemon: a docker:dind service with DOCKER_HOST (privileged runner), or on the Docker executor volumes = ["/var/run/docker.sock:/var/run/docker.sock", "/cache"]. On Kubernetes, use Docker-in-Docker, rootless BuildKit or Buildah instead of the node socket. With the shell executor, start Docker on the host (`sudo systemctl start docker`).',
      'ジョブにデーモンを用意します。DOCKER_HOST付きのdocker:dindサービス（特権Runner）か、Docker executorでvolumes = ["/var/run/docker.sock:/var/run/docker.sock", "/cache"]を使います。Kubernetesではノードのソケットの代わりに、Docker-in-Docker、ルートレスBuildKit、Buildahを使います。shell executorではホストでDockerを起動します（`sudo systemctl start docker`）。',
    ),
    fix: {
      label: msg(
        'Use a build method that brings its own daemon or needs none',
        'デーモンを持つか、デーモン不要のビルド方法を使う',
      ),
      questions: [
        {
          id: 'builder',
          text: msg('How should the image be built?', 'イメージのビルド方法は？'),
          recommended: (a) => (shellRunner(a) ? 'buildah' : a.allowPrivileged ? 'dind' : 'rootless'),
          options: [
            {
              id: 'dind',
              label: msg('Docker-in-Docker service (privileged runner)', 'Docker-in-Dockerサービス（特権Runner）'),
              patch: () => ({ method: 'dind' }),
              available: (a) => a.allowPrivileged && !shellRunner(a),
            },
            {
              id: 'rootless',
              label: msg('Rootless BuildKit (no daemon, unprivileged)', 'ルートレスBuildKit（デーモンなし、非特権）'),
              patch: () => ({ method: 'buildkit-rootless' }),
              available: (a) => !shellRunner(a),
            },
            {
              id: 'buildah',
              label: msg('Buildah (no daemon)', 'Buildah（デーモンなし）'),
              patch: () => ({ method: 'buildah' }),
            },
          ],
        },
      ],
    },
    sources: [
      'https://gitlab.com/gitlab-org/gitlab/-/issues/428875',
      'https://gitlab.com/gitlab-org/gitlab-runner/issues/2590',
    ],
    recognisers: [
      {
        kw: ['cannot connect to the docker daemon at unix', 'failed to connect to the docker api at unix'],
        re: new RegExp(String.raw`${CONNECT} at (?<socket>unix://[^\s;]*?\.sock)`, 'i'),
      },
      {
        kw: ['connect: no such file or directory'],
        re: /dial unix (?<socket>\/[^\s:]*docker\.sock): connect: no such file or directory/i,
      },
    ],
  },
  {
    id: 'socket-plus-dind-conflict',
    n: 9,
    title: msg(
      'Host socket mounted beside a Docker-in-Docker service',
      'Docker-in-Dockerサービスと同時にホストのソケットをマウントしている',
    ),
    cause: msg(
      "The runner's volumes include the host's /var/run/docker.sock, and runner volumes are mounted into service containers too: the docker:dind service cannot create its own socket.",
      'Runnerのvolumesにホストの/var/run/docker.sockが含まれており、Runnerのボリュームはサービスコンテナにもマウントされます。そのためdocker:dindサービスが自分のソケットを作成できません。',
    ),
    fixText: msg(
      'Use one approach per runner: give Docker-in-Docker runners no socket volume, and separate socket-binding runners from dind runners with tags.',
      'Runnerごとに方式を1つにします。Docker-in-DockerのRunnerにはソケットのボリュームを設定せず、ソケットバインディングのRunnerとdindのRunnerはタグで分けます。',
    ),
    fix: {
      label: msg('Keep one daemon approach for the runner', 'Runnerのデーモン方式を1つにする'),
      questions: [
        {
          id: 'approach',
          text: msg('Which daemon should the jobs use?', 'ジョブが使うデーモンは？'),
          recommended: (a) => (a.allowPrivileged ? 'dind' : 'socket'),
          options: [
            {
              id: 'dind',
              label: msg(
                'Docker-in-Docker only (no socket volume)',
                'Docker-in-Dockerのみ（ソケットのボリュームなし）',
              ),
              patch: () => ({ method: 'dind' }),
            },
            {
              id: 'socket',
              label: msg(
                'The host daemon through the socket only (no dind service)',
                'ソケット経由のホストのデーモンのみ（dindサービスなし）',
              ),
              patch: () => ({ method: 'socket' }),
              available: dockerExecutor,
            },
          ],
        },
      ],
      outside: msg(
        'Remove "/var/run/docker.sock:/var/run/docker.sock" from the volumes of the Docker-in-Docker runner in config.toml, restart it, and give each kind of runner its own tags.',
        'config.tomlでDocker-in-DockerのRunnerのvolumesから"/var/run/docker.sock:/var/run/docker.sock"を削除して再起動し、Runnerの種類ごとに別のタグを付けます。',
      ),
    },
    sources: [
      'https://gitlab.com/gitlab-org/gitlab-runner/-/issues/4260',
      'https://gitlab.com/postgres-ai/database-lab/-/issues/634',
    ],
    explains: ['dind-startup-healthcheck', 'dind-hostname-unresolved', 'dind-tls-port-mismatch', 'no-daemon-reachable'],
    recognisers: [
      {
        kw: ["can't create unix socket"],
        re: /can't create unix socket (?<socket>\/[^\s:]*docker\.sock): (?:is a directory|device or resource busy|address already in use)/i,
      },
      {
        kw: ['failed to load listeners'],
        re: /failed to load listeners:.{0,600}?docker\.sock: (?:is a directory|device or resource busy|address already in use)/i,
      },
    ],
  },
];
