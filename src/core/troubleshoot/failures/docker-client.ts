/**
 * The Docker client in the job: too old for the engine, or without the Compose v1 binary.
 *
 * failures.md #5, #28; FAILURES (catalog.ts) keeps them in the order of FAILURE_IDS.
 */
import { DEFAULT_ANSWERS } from '../../answers';
import { msg } from '../../i18n';
import type { Failure } from '../types';

/** The major version of a Docker version answer ("29.1" -> 29, "v28" -> 28; 0 when it has none). */
const major = (version: string): number => Number(/^v?(\d+)/.exec(version)?.[1] ?? '0');

/** failures.md #5 docker29-client-too-old and #28 compose-v1-missing, in that order. */
export const DOCKER_CLIENT_FAILURES: readonly Failure[] = [
  {
    id: 'docker29-client-too-old',
    n: 5,
    title: msg('Docker client too old for Docker Engine 29', 'DockerクライアントがDocker Engine 29に対して古すぎる'),
    cause: msg(
      'Docker Engine 29 (November 2025) raised the minimum API version to 1.44 (Docker 25). A floating docker:dind, or a host engine upgraded to 29, meets an old client: docker:stable, an old tool image, or an old runner or docker-machine (which then fail at "Preparation failed").',
      'Docker Engine 29（2025年11月）で最小APIバージョンが1.44（Docker 25）に引き上げられました。タグを固定していないdocker:dindや29に更新したホストのエンジンが、古いクライアント（docker:stable、古いツールイメージ、古いRunnerやdocker-machine。この場合は「Preparation failed」で失敗）と組み合わさっています。',
    ),
    fixText: msg(
      'Pin a matching pair, such as image docker:29-cli with service docker:29-dind; never use docker:stable. If the runner itself fails at "Preparation failed", upgrade GitLab Runner (runner#39129) or hold the host engine at 28.',
      'docker:29-cliのイメージとdocker:29-dindのサービスのように、対応するバージョンの組で固定します。docker:stableは使いません。Runner自体が「Preparation failed」で失敗する場合は、GitLab Runnerを更新する（runner#39129）か、ホストのエンジンを28のままにします。',
    ),
    fix: {
      label: msg('Pin the Docker client to a current version', 'Dockerクライアントを現行バージョンに固定する'),
      patch: (a) => (major(a.dockerVersion) < 29 ? { dockerVersion: DEFAULT_ANSWERS.dockerVersion } : {}),
      outside: msg(
        'If the error appears before the job starts ("Preparation failed"), upgrade GitLab Runner on the runner host.',
        'ジョブの開始前（「Preparation failed」）にエラーが出る場合は、RunnerホストのGitLab Runnerを更新します。',
      ),
    },
    sources: [
      'https://gitlab.com/gitlab-org/gitlab/-/issues/580731',
      'https://github.com/docker-library/docker/issues/559',
      'https://gitlab.com/gitlab-org/gitlab-runner/-/issues/39129',
    ],
    recognisers: [
      {
        kw: ['is too old'],
        re: /client version (?<client>\d+\.\d+) is too old\. Minimum supported API version is (?<min>\d+\.\d+)/i,
      },
    ],
  },
  {
    id: 'compose-v1-missing',
    n: 28,
    title: msg('docker-compose (v1) not found', 'docker-compose（v1）が見つからない'),
    cause: msg(
      'The docker image ships the Compose v2 plugin (`docker compose`), not the v1 docker-compose binary, and tmaier/docker-compose is deprecated.',
      'dockerイメージに入っているのはCompose v2プラグイン（`docker compose`）で、v1のdocker-composeバイナリではありません。tmaier/docker-composeは非推奨です。',
    ),
    fixText: msg(
      'Use `docker compose -f docker-compose.test.yml up -d` (with a space).',
      '`docker compose -f docker-compose.test.yml up -d`（スペース区切り）を使います。',
    ),
    fix: {
      label: msg('Run Compose v2 (docker compose)', 'Compose v2（docker compose）で実行する'),
      patch: () => ({ compose: true }),
    },
    sources: [
      'https://gitlab.com/gitlab-org/gitlab-ce/issues/30426',
      'https://github.com/tmaier/docker-compose/blob/master/README.md',
    ],
    recognisers: [
      { kw: ['docker-compose'], re: /docker-compose: (?:command )?not found/i },
      { kw: ['docker-compose'], re: /The term 'docker-compose' is not recognized/i },
    ],
  },
];
