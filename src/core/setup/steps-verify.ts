/**
 * SETUP.md's last step, "Verify": what the first job's log shows, the commands that check the runner, and the
 * sub-sections for Docker-in-Docker's known limits, the buildkitd service and the move from Kaniko to rootless
 * BuildKit. Reads the plan's facts and groups only (see `./steps.ts`).
 */
import type { Plan } from '../plan';
import { assertExpansion, shQuote } from '../quote';
import { joinsDockerGroup } from './steps-host';
import type { StepWriter } from './step-writer';
import { code, joined, spans, text } from './types';

/**
 * Step "Verify": the job log to expect (`docker info`'s `Server:` section for the Docker CLI), `kubectl get pods` on
 * Kubernetes, `docker info` as gitlab-runner when it joined the docker group, then the sub-sections that apply
 * (`dindLimits`, `buildkitdServiceReason`, `kanikoTable`).
 */
export function verifyStep(w: StepWriter, p: Plan): void {
  const { t, step, para, command } = w;
  const dockerGroup = joinsDockerGroup(p);
  step(t('Verify', '確認する'));
  if (p.method.tool === 'docker')
    para(
      t(
        spans`The job log starts with ${code('docker info')}: it must show a ${code('Server:')} section (the daemon answered). Then the build runs.`,
        spans`ジョブログは${code('docker info')}で始まります。${code('Server:')}セクションが表示されること（デーモンが応答したこと）を確認します。続いてビルドが実行されます。`,
      ),
    );
  else
    para(
      t(
        'The job log shows the build steps and, when pushing, the pushed digest.',
        'ジョブログにビルドステップと、プッシュ時はプッシュしたダイジェストが表示されます。',
      ),
    );
  if (p.build.push && p.build.registry === 'gitlab')
    para(
      t(
        spans`The pushed image is listed in the project's container registry: ${code('Deploy > Container registry')} in the left sidebar (its path is ${code('$CI_REGISTRY_IMAGE')}).`,
        spans`プッシュしたイメージはプロジェクトのコンテナレジストリに表示されます。左サイドバーの${code('デプロイ > コンテナレジストリ')}です（パスは${code('$CI_REGISTRY_IMAGE')}）。`,
      ),
    );
  else if (p.build.push)
    para(
      t(
        spans`The pushed image is in its registry as ${code(p.build.image)}.`,
        spans`プッシュしたイメージはレジストリの${code(p.build.image)}にあります。`,
      ),
    );
  if (p.k8s) command('sh', `kubectl get pods --namespace ${shQuote(p.runner.k8sNamespace)}`);
  multiArchCheck(w, p);
  if (dockerGroup) command('sh', 'sudo -u gitlab-runner -H docker info');
  dindLimits(w, p);
  buildkitdServiceReason(w, p);
  kanikoTable(w, p);
}

/**
 * A multi-platform image that was pushed: how to see that the tag is a manifest list holding every platform, with
 * the Docker CLI (`docker buildx imagetools inspect`) or without a daemon (`skopeo inspect --raw`, the list as the
 * registry serves it; its sha256 is the `IMAGE_DIGEST` the last build or manifest job reported).
 */
export function multiArchCheck(w: StepWriter, p: Plan): void {
  const { t, para, command } = w;
  const ma = p.multiArch;
  if (!ma || !p.build.push) return;
  const ref = `${p.build.image}:<commit SHA>`;
  para(
    t(
      spans`The pushed tag must be a manifest list with one image per platform (${joined(ma.platforms.map(code), ', ')}); ${code('$CI_REGISTRY_IMAGE')} is the project's registry path:`,
      spans`プッシュしたタグは、プラットフォームごとに1つのイメージを持つマニフェストリストである必要があります（${joined(ma.platforms.map(code), '、')}）。${code('$CI_REGISTRY_IMAGE')}はプロジェクトのレジストリのパスです:`,
    ),
  );
  // Double quotes, so that `$CI_REGISTRY_IMAGE` expands where it is set; `<commit SHA>` is the placeholder to replace.
  const quoted = (prefix: string): string => {
    try {
      assertExpansion(p.build.image);
      return `"${prefix}${p.build.image}:<commit SHA>"`;
    } catch {
      return shQuote(`${prefix}${ref}`);
    }
  };
  command('sh', `docker buildx imagetools inspect ${quoted('')}\nskopeo inspect --raw ${quoted('docker://')}`);
}

/** Sub-section "Known limits of Docker-in-Docker", only with a dind service (`p.daemon === 'dind-service'`). */
export function dindLimits(w: StepWriter, p: Plan): void {
  const { t, subheading, list } = w;
  if (p.daemon === 'dind-service') {
    subheading(t('Known limits of Docker-in-Docker', 'Docker-in-Dockerの既知の制限'));
    list([
      t(
        'Each job gets an empty daemon: no layer cache unless you add one (Cache).',
        'ジョブごとに空のデーモンになります。キャッシュを追加しない限りレイヤーキャッシュはありません。',
      ),
      t(
        spans`${code('docker compose')} (v2) is in the docker image; the old ${code('docker-compose')} binary is not.`,
        spans`${code('docker compose')}（v2）はdockerイメージに含まれますが、古い${code('docker-compose')}バイナリは含まれません。`,
      ),
      t(
        spans`The service does not share the job's file system: mount paths under ${code('/builds/$CI_PROJECT_PATH')} into child containers (${code('MOUNT_POINT: /builds/$CI_PROJECT_PATH/mnt')}).`,
        spans`サービスはジョブのファイルシステムを共有しません。子コンテナには${code('/builds/$CI_PROJECT_PATH')}配下のパスをマウントします（${code('MOUNT_POINT: /builds/$CI_PROJECT_PATH/mnt')}）。`,
      ),
      t(
        spans`Check the storage driver with ${code('docker info | grep "Storage Driver"')}: overlay2 is expected.`,
        spans`${code('docker info | grep "Storage Driver"')}でストレージドライバーを確認します。overlay2が期待値です。`,
      ),
    ]);
  }
}

/** Sub-section "Why a buildkitd service and not docker:dind", only with a buildkitd service. */
export function buildkitdServiceReason(w: StepWriter, p: Plan): void {
  const { t, subheading, para } = w;
  if (p.daemon === 'buildkitd-service') {
    subheading(t('Why a buildkitd service and not docker:dind', 'docker:dindではなくbuildkitdサービスを使う理由'));
    para(
      t(
        'buildctl talks to a BuildKit daemon (BUILDKIT_HOST), not to dockerd: with only a docker:dind service it has nothing to connect to. The job therefore runs buildkitd in a privileged service container, reached at tcp://buildkitd:1234.',
        'buildctlはdockerdではなくBuildKitデーモン（BUILDKIT_HOST）に接続します。docker:dindサービスだけでは接続先がありません。そのためジョブはbuildkitdを特権サービスコンテナで実行し、tcp://buildkitd:1234で接続します。',
      ),
    );
  }
}

/** Sub-section "From Kaniko to rootless BuildKit", only when migrating from Kaniko: a table of equivalent options. */
export function kanikoTable(w: StepWriter, p: Plan): void {
  const { t, subheading, add } = w;
  if (p.method.fromKaniko) {
    subheading(t('From Kaniko to rootless BuildKit', 'KanikoからルートレスBuildKitへ'));
    add({
      kind: 'table',
      head: [[text('Kaniko')], [text('BuildKit')]],
      rows: [
        [
          spans`${code('gcr.io/kaniko-project/executor:debug')}, ${code('entrypoint: [""]')}`,
          spans`${code('moby/buildkit:<version>-rootless')}, ${code('entrypoint: [""]')}`,
        ],
        [
          [code('/kaniko/executor --context $CI_PROJECT_DIR')],
          [code('buildctl-daemonless.sh build --local context=.')],
        ],
        [
          [code('--dockerfile $CI_PROJECT_DIR/Dockerfile')],
          spans`${code('--local dockerfile=.')} (${t('a directory, never the file', 'ファイルではなくディレクトリ')})`,
        ],
        [[code('--destination $IMAGE:$TAG')], [code('--output type=image,name=$IMAGE:$TAG,push=true')]],
        [[code('/kaniko/.docker/config.json')], [code('~/.docker/config.json')]],
      ],
    });
  }
}
