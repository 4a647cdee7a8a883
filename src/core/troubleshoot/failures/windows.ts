/**
 * Windows: the Docker Engine through the named pipe.
 *
 * failures.md #31, then the real-world reports windows-unsupported-host-version and docker-windows-linux-cache-volume
 * (issue 13); FAILURES (catalog.ts) keeps them in the order of FAILURE_IDS.
 */
import { msg } from '../../i18n';
import { isKubernetes } from '../../vocabulary';
import { shellRunner } from '../fix-helpers';
import { DIND_LOG, WINDOWS_LOG, CONNECT } from '../log-patterns';
import type { Failure } from '../types';

/**
 * A Linux-style volume (a path from `/`, not the named pipe `//./pipe/...`) quoted in an `invalid volume
 * specification` error: the Windows volume parser of the runner (or dockerd) wants a drive letter.
 */
const LINUX_VOLUME_SPEC = /invalid volume specification: ["'](?<volume>\/(?!\/\.\/pipe)[^"'\s]*)["']/i;

/** The helper images of the runner's Windows base tags: 21H2 (Server 2022, also run by newer hosts) and 1809. */
const HELPER = 'registry.gitlab.com/gitlab-org/gitlab-runner/gitlab-runner-helper:x86_64-v${CI_RUNNER_VERSION}';

/**
 * The helper image for a Windows host build the runner has no helper for: the Server 2022 (21H2) helper for builds
 * from 20348 on (gitlab-runner!5170 runs it on 24H2 hosts: Windows runs older process-isolated images on newer
 * hosts from Server 2022 on), the 1809 helper for older builds. `build` is the log's text (`10.0 26200 (...)`).
 */
export function helperImageFor(build: string | undefined): string {
  const n = Number(/\b(1\d{4}|[2-9]\d{4})\b/.exec(build ?? '')?.[1] ?? '26100');
  return `${HELPER}-servercore${n < 20348 ? '1809' : '21H2'}`;
}

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
        // A Linux path in the list is windows-linux-volume, not the pipe.
        unless: LINUX_VOLUME_SPEC,
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
  {
    id: 'windows-unsupported-host-version',
    n: 33,
    title: msg('Windows: no helper image for this host build', 'Windows: このホストビルド用のヘルパーイメージがない'),
    cause: msg(
      'The docker-windows executor picks its helper image from the host\'s Windows build, and this GitLab Runner release maps no helper to that build (a newer Windows Server or Windows 11 release): preparation stops at "detecting base image".',
      'docker-windows executorはホストのWindowsビルドからヘルパーイメージを選びますが、このGitLab Runnerのリリースにはそのビルド（新しいWindows ServerやWindows 11のリリース）に対応するヘルパーがありません。準備は「detecting base image」で止まります。',
    ),
    fixText: msg(
      'Upgrade GitLab Runner to a release that knows the build, or set [runners.docker] helper_image to a Windows helper of a compatible base, such as the Server 2022 (servercore21H2) helper that gitlab-runner!5170 uses for 24H2 hosts.',
      'そのビルドに対応したGitLab Runnerのリリースへアップグレードするか、[runners.docker]のhelper_imageに互換性のあるベースのWindowsヘルパーを設定します。例えばgitlab-runner!5170が24H2ホストに使うServer 2022（servercore21H2）のヘルパーです。',
    ),
    fix: {
      label: msg(
        'Set helper_image to a Windows helper of a compatible base',
        'helper_imageに互換性のあるベースのWindowsヘルパーを設定する',
      ),
      patch: (_a, facts) => ({
        os: 'windows',
        executor: 'docker-windows',
        method: 'pipe',
        windowsHelperImage: helperImageFor(facts.build),
      }),
      outside: msg(
        'Upgrading GitLab Runner on the host also fixes it; then the helper_image override can go.',
        'ホストのGitLab Runnerをアップグレードしても解決します。その後はhelper_imageの上書きを外せます。',
      ),
    },
    sources: [
      'https://gitlab.com/gitlab-org/gitlab-runner/-/merge_requests/5170',
      'https://gitlab.com/gitlab-org/gitlab-runner/-/work_items/39326',
      'https://gitlab.com/gitlab-org/gitlab-runner/-/issues/33918',
    ],
    recognisers: [
      {
        kw: ['unsupported windows version'],
        re: /unsupported Windows version:? (?<build>[\w. ()-]+)/i,
      },
    ],
    // The cause stays while a docker-windows runner lets the runner pick the helper for an unmapped build.
    holds: (a) => a.runnerKind !== 'gitlab-hosted' && a.executor === 'docker-windows' && a.windowsHelperImage === '',
  },
  {
    id: 'windows-linux-volume',
    n: 34,
    title: msg('Windows: a Linux path in the volumes', 'Windows: volumesにLinuxのパスがある'),
    cause: msg(
      'The docker-windows executor parses volumes as Windows paths: a path without a drive letter, such as /cache or /certs/client, is refused with "invalid volume specification" before any job runs. register writes c:\\cache, but a config.toml merged from a Linux example keeps /cache.',
      'docker-windows executorはvolumesをWindowsのパスとして解釈します。/cacheや/certs/clientのようにドライブ文字のないパスは、ジョブの実行前に「invalid volume specification」で拒否されます。registerはc:\\cacheを書き込みますが、Linuxの例から統合したconfig.tomlには/cacheが残ります。',
    ),
    fixText: msg(
      'In [runners.docker] volumes of a docker-windows runner, use Windows paths: "c:\\cache" instead of "/cache", and the named pipe for the Docker Engine.',
      'docker-windows Runnerの[runners.docker] volumesにはWindowsのパスを使います。"/cache"の代わりに"c:\\cache"、Docker Engineには名前付きパイプを使います。',
    ),
    fix: {
      label: msg('Use Windows paths in the volumes', 'volumesにWindowsのパスを使う'),
      patch: () => ({ os: 'windows', executor: 'docker-windows', method: 'pipe' }),
      outside: msg(
        'Replace the volumes line of the runner in C:\\GitLab-Runner\\config.toml with the one of the generated config.toml, then restart the runner.',
        'C:\\GitLab-Runner\\config.tomlのRunnerのvolumes行を生成されたconfig.tomlのものに置き換え、Runnerを再起動します。',
      ),
    },
    sources: [
      'https://docs.gitlab.com/runner/executors/docker/',
      'https://gitlab.com/gitlab-org/gitlab-runner/issues/4295',
    ],
    recognisers: [
      {
        kw: ['invalid volume specification'],
        re: LINUX_VOLUME_SPEC,
        context: WINDOWS_LOG,
      },
    ],
  },
];
