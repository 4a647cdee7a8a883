/**
 * Windows: the Docker Engine through the named pipe.
 *
 * failures.md #31; FAILURES (catalog.ts) keeps them in the order of FAILURE_IDS.
 */
import { msg } from '../../i18n';
import { isKubernetes } from '../../vocabulary';
import { shellRunner } from '../fix-helpers';
import { DIND_LOG, WINDOWS_LOG, CONNECT } from '../log-patterns';
import type { Failure } from '../types';

/** failures.md #31 windows-pipe-binding: no Docker daemon through the named pipe. */
export const WINDOWS_FAILURES: readonly Failure[] = [
  {
    id: 'windows-pipe-binding',
    n: 31,
    title: msg(
      'Windows: no Docker daemon through the named pipe',
      'Windows: 名前付きパイプ経由のDockerデーモンに接続できない',
    ),
    cause: msg(
      'There is no Windows dind image, so services: docker:dind cannot work on docker-windows. Older runners rejected named-pipe volumes, and Docker Desktop in Linux-container mode exposes another pipe (docker_engine_linux).',
      'Windows用のdindイメージはないため、docker-windowsではservices: docker:dindは動きません。古いRunnerは名前付きパイプのボリュームを拒否し、LinuxコンテナモードのDocker Desktopは別のパイプ（docker_engine_linux）を公開します。',
    ),
    fixText: msg(
      'In config.toml set volumes = ["//./pipe/docker_engine://./pipe/docker_engine"] (a runner with named-pipe support, gitlab-runner!1879; check it against your runner version), use a Windows image that contains docker.exe, or use the shell executor with PowerShell.',
      'config.tomlでvolumes = ["//./pipe/docker_engine://./pipe/docker_engine"]を設定し（名前付きパイプに対応したRunnerが必要です。gitlab-runner!1879を参照し、Runnerのバージョンを確認してください）、docker.exeを含むWindowsイメージを使うか、PowerShellのshell executorを使います。',
    ),
    fix: {
      label: msg(
        'Bind the host Docker Engine through the named pipe',
        '名前付きパイプでホストのDocker Engineに接続する',
      ),
      patch: (a) =>
        shellRunner(a)
          ? { os: 'windows', method: 'host' }
          : { os: 'windows', executor: isKubernetes(a) ? 'kubernetes' : 'docker-windows', method: 'pipe' },
      outside: msg(
        'Check that the runner version supports named-pipe volumes and that Docker on the host runs Windows containers (not Docker Desktop in Linux mode).',
        'Runnerのバージョンが名前付きパイプのボリュームに対応していること、ホストのDockerがWindowsコンテナで動いていること（LinuxモードのDocker Desktopではないこと）を確認します。',
      ),
    },
    sources: [
      'https://gitlab.com/gitlab-org/gitlab-runner/issues/4295',
      'https://gitlab.com/gitlab-org/gitlab-runner/-/merge_requests/1879',
      'https://github.com/docker/for-win/issues/11734',
    ],
    recognisers: [
      {
        kw: ['invalid volume specification'],
        re: /invalid volume specification/i,
        context: WINDOWS_LOG,
      },
      {
        kw: ['pipe/docker', 'pipe\\docker'],
        re: /open (?<pipe>(?:\/\/\.\/pipe\/|\\\\\.\\pipe\\)(?:docker_engine\w*|docker\w*Engine)):/i,
      },
      {
        kw: ['at npipe:'],
        re: new RegExp(String.raw`${CONNECT} at npipe:`, 'i'),
      },
      {
        kw: ['no matching manifest for windows'],
        re: /no matching manifest for windows\/amd64/i,
        context: DIND_LOG,
      },
    ],
  },
];
