/**
 * Kaniko: unmaintained, and the pitfalls of existing Kaniko jobs.
 *
 * failures.md #21, #22; FAILURES (catalog.ts) keeps them in the order of FAILURE_IDS.
 */
import { msg } from '../../i18n';
import { KANIKO_LOG } from '../log-patterns';
import type { Failure, FixQuestion } from '../types';

/** What replaces a Kaniko job (both Kaniko failures ask it). */
const KANIKO_REPLACEMENT: FixQuestion = {
  id: 'builder',
  text: msg('Build with what instead of Kaniko?', 'Kanikoの代わりに何でビルドしますか？'),
  recommended: () => 'buildkit',
  options: [
    {
      id: 'buildkit',
      label: msg('Rootless BuildKit (closest to Kaniko)', 'ルートレスBuildKit（Kanikoに最も近い）'),
      patch: () => ({ method: 'buildkit-rootless' }),
    },
    { id: 'buildah', label: msg('Buildah', 'Buildah'), patch: () => ({ method: 'buildah' }) },
  ],
};

/** failures.md #21 kaniko-deprecated and #22 kaniko-legacy-pitfalls, in that order. */
export const KANIKO_FAILURES: readonly Failure[] = [
  {
    id: 'kaniko-deprecated',
    n: 21,
    title: msg('Kaniko is no longer maintained', 'Kanikoはメンテナンスされていない'),
    cause: msg(
      'GitLab\'s page now reads "Use kaniko to build Docker images (removed)" and the upstream repository is unmaintained (archived): no more fixes.',
      'GitLabのページは「Use kaniko to build Docker images (removed)」となり、上流のリポジトリはメンテナンスされていません（アーカイブ済み）。今後修正は出ません。',
    ),
    fixText: msg(
      'Migrate to rootless BuildKit or Buildah. Community forks (chainguard-dev, osscontainertools) exist, but new Kaniko jobs should not be written.',
      'ルートレスBuildKitまたはBuildahに移行します。コミュニティのフォーク（chainguard-dev、osscontainertools）はありますが、新たにKanikoのジョブを書くべきではありません。',
    ),
    fix: {
      label: msg('Replace the Kaniko job', 'Kanikoのジョブを置き換える'),
      questions: [KANIKO_REPLACEMENT],
      outside: msg(
        'Replace the Kaniko job in your .gitlab-ci.yml with the generated build job, and apply the generated runner configuration: it adds the security options rootless BuildKit and Buildah need (no privileged mode).',
        '.gitlab-ci.ymlのKanikoのジョブを生成したビルドジョブに置き換え、生成したRunner設定を反映します。ルートレスBuildKitやBuildahに必要なセキュリティオプションが追加されます（特権モードは不要です）。',
      ),
    },
    sources: [
      'https://github.com/GoogleContainerTools/kaniko/issues/3348',
      'https://docs.gitlab.com/ci/docker/using_kaniko',
      'https://gitlab.com/gitlab-org/gitlab-runner/-/issues/38957',
    ],
    recognisers: [
      { kw: ['kaniko-project/executor'], re: /gcr\.io\/kaniko-project\/executor/i },
      { kw: ['/kaniko/executor'], re: /(?:^|[\s"'=$>])\/kaniko\/executor\b/ },
      { kw: ['kaniko'], re: /(?:chainguard|osscontainertools)\/kaniko/i },
    ],
  },
  {
    id: 'kaniko-legacy-pitfalls',
    n: 22,
    title: msg('Kaniko job pitfalls (existing pipelines)', 'Kanikoジョブの落とし穴（既存のパイプライン）'),
    cause: msg(
      'The non-debug Kaniko image has no shell, so GitLab cannot run the script in it (and on Kubernetes the build container is gone before the script attaches); or the key in /kaniko/.docker/config.json does not match the destination host exactly.',
      'debug版でないKanikoイメージにはシェルがないため、GitLabはその中でスクリプトを実行できません（Kubernetesではスクリプトが接続する前にbuildコンテナが終了します）。または/kaniko/.docker/config.jsonのキーがプッシュ先のホストと完全には一致していません。',
    ),
    fixText: msg(
      'For an existing Kaniko job: use the :debug image with entrypoint: [""], and key /kaniko/.docker/config.json by the exact destination host (https://index.docker.io/v1/ for Docker Hub). Better, migrate to rootless BuildKit or Buildah.',
      '既存のKanikoジョブでは、:debugイメージをentrypoint: [""]で使い、/kaniko/.docker/config.jsonのキーをプッシュ先のホストと完全に一致させます（Docker Hubはhttps://index.docker.io/v1/）。できればルートレスBuildKitかBuildahに移行します。',
    ),
    fix: {
      label: msg('Replace the Kaniko job', 'Kanikoのジョブを置き換える'),
      questions: [KANIKO_REPLACEMENT],
      outside: msg(
        'Replace the Kaniko job in your .gitlab-ci.yml with the generated build job, and apply the generated runner configuration: it adds the security options rootless BuildKit and Buildah need (no privileged mode).',
        '.gitlab-ci.ymlのKanikoのジョブを生成したビルドジョブに置き換え、生成したRunner設定を反映します。ルートレスBuildKitやBuildahに必要なセキュリティオプションが追加されます（特権モードは不要です）。',
      ),
    },
    sources: [
      'https://github.com/GoogleContainerTools/kaniko/issues/430',
      'https://github.com/GoogleContainerTools/kaniko/issues/1325',
      'https://github.com/GoogleContainerTools/kaniko/issues/3418',
    ],
    explains: ['push-access-denied'],
    recognisers: [
      {
        kw: ['stat /bin/'],
        re: /exec: \\?"\/bin\/(?:sh|bash)\\?": stat \/bin\/(?:sh|bash): no such file or directory/,
        context: KANIKO_LOG,
      },
      {
        kw: ['unable to upgrade connection'],
        re: /unable to upgrade connection: container not found \("(?<container>[\w-]+)"\)/,
        context: KANIKO_LOG,
      },
      {
        kw: ['error checking push permissions'],
        re: /error checking push permissions -- make sure you entered the correct tag name/i,
      },
    ],
  },
];
