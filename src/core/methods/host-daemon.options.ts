/** What the wizard needs of the host daemon: its labels (one wording for the wizard's options, SETUP.md and the diagram) and its constraints. */
import { msg } from '../i18n';
import type { MethodLabels } from './types';
import { isHosted } from '../vocabulary';
import {
  buildxNeeded,
  never,
  podSecurity,
  shellRunner,
  windowsContainers,
  type MethodCheck,
  type MethodRows,
} from './constraints';
import type { Method } from '../answers';

/** The wizard's option, its note and the title in SETUP.md and the diagram, for socket binding, pipe binding and the shell runner's host daemon. */
export const HOST_DAEMON_LABELS: Readonly<Partial<Record<Method, MethodLabels>>> = {
  socket: {
    option: msg('Socket binding (/var/run/docker.sock)', 'ソケットバインディング（/var/run/docker.sock）'),
    note: msg(
      'Fast, shares the host cache, but every job is root on the host.',
      '高速でホストのキャッシュを共有しますが、すべてのジョブがホストのrootになります。',
    ),
    title: msg('Docker socket binding', 'Dockerソケットバインディング'),
  },
  pipe: {
    option: msg('Pipe binding (\\\\.\\pipe\\docker_engine)', 'パイプバインディング（\\\\.\\pipe\\docker_engine）'),
    note: msg(
      'Windows containers use the host Docker Engine; jobs control the host.',
      'WindowsコンテナがホストのDocker Engineを使います。ジョブがホストを操作できます。',
    ),
    title: msg('Docker pipe binding', 'Dockerパイプバインディング'),
  },
  host: {
    option: msg('Host daemon (shell executor)', 'ホストのデーモン（shell executor）'),
    note: msg(
      'Jobs run on the host; the runner user must be in the docker group (= root).',
      'ジョブはホストで実行。Runnerユーザーはdockerグループ（= root）が必要です。',
    ),
    title: msg('the host Docker daemon', 'ホストのDockerデーモン'),
  },
};

const always = (): boolean => true;

/** What rules socket binding, pipe binding and the shell runner's host daemon out, in order. */
export const HOST_DAEMON_CONSTRAINTS: Readonly<Partial<Record<Method, readonly MethodCheck[]>>> = {
  socket: [
    podSecurity('hostPath'),
    windowsContainers(false),
    shellRunner(never),
    (a) =>
      isHosted(a)
        ? msg(
            'Socket binding needs a runner you administer.',
            'ソケットバインディングには自分で管理するRunnerが必要です。',
          )
        : null,
  ],
  pipe: [
    windowsContainers(true),
    () =>
      msg(
        'Pipe binding is for Windows containers (docker-windows, or Kubernetes with Windows nodes).',
        'パイプバインディングはWindowsコンテナ用です。',
      ),
  ],
  host: [
    windowsContainers(false),
    shellRunner(always),
    () =>
      msg(
        'The host daemon is reached directly only by the shell executor; containers use socket binding.',
        'ホストのデーモンに直接つなぐのはshell executorだけです。コンテナからはソケットバインディングを使います。',
      ),
  ],
};

/** The host daemon's rows of the other questions: Buildx and the layer cache are not generated for Windows builds. */
export const HOST_DAEMON_ROWS: Readonly<Partial<Record<Method, MethodRows>>> = {
  socket: { buildx: buildxNeeded },
  host: { buildx: buildxNeeded },
  pipe: {
    buildx: (_a, on) =>
      on
        ? msg('Buildx does not build Windows containers here.', 'BuildxはここではWindowsコンテナをビルドしません。')
        : null,
    cache: (_a, cache) =>
      cache === 'none'
        ? null
        : msg(
            'Layer cache for Windows builds is not generated here.',
            'Windowsビルドのレイヤーキャッシュはここでは生成しません。',
          ),
  },
};
