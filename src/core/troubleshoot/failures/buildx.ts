/**
 * Buildx and the layer cache: cache export, TLS contexts, multi-platform builds, a cache that never hits.
 *
 * failures.md #14, #15, #16, #17; FAILURES (catalog.ts) keeps them in the order of FAILURE_IDS.
 */
import { CACHE_REPOSITORY } from '../../answers';
import { msg } from '../../i18n';
import { usesDockerCli } from '../../vocabulary';
import { K8S_LOG_WITHOUT_CROSS_PLATFORM_BUILD } from '../log-patterns';
import type { Failure } from '../types';

/**
 * failures.md #14 buildx-cache-export-docker-driver, #15 buildx-tls-context, #16 multiplatform-no-emulation and
 * #17 cache-never-hits, in that order.
 */
export const BUILDX_FAILURES: readonly Failure[] = [
  {
    id: 'buildx-cache-export-docker-driver',
    n: 14,
    title: msg('Buildx cache export with the docker driver', 'dockerドライバーでのBuildxキャッシュのエクスポート'),
    cause: msg(
      "The default docker driver of buildx only supports inline cache unless the containerd image store is enabled; GitLab's docs flag this for Docker 27.0.1 and later.",
      'buildxのデフォルトのdockerドライバーは、containerdイメージストアを有効にしない限りインラインキャッシュしか扱えません。GitLabのドキュメントではDocker 27.0.1以降の注意点とされています。',
    ),
    fixText: msg(
      'Create a builder first: `docker buildx create --driver docker-container --use` (with TLS dind, on a docker context, see buildx-tls-context), or export the cache inline with --cache-to type=inline.',
      '先にビルダーを作成します: `docker buildx create --driver docker-container --use`（TLSのdindではdockerコンテキスト上に作成。buildx-tls-contextを参照）。またはキャッシュを--cache-to type=inlineでインラインにエクスポートします。',
    ),
    fix: {
      label: msg(
        'Export the cache in a way the builder supports',
        'ビルダーが対応する方法でキャッシュをエクスポートする',
      ),
      questions: [
        {
          id: 'cache',
          text: msg('Which layer cache?', 'どのレイヤーキャッシュを使いますか？'),
          recommended: () => 'builder',
          options: [
            {
              id: 'builder',
              label: msg(
                'Registry cache with a docker-container builder',
                'docker-containerビルダーとレジストリキャッシュ',
              ),
              patch: (a) => ({ cache: 'registry', ...(usesDockerCli(a) ? { buildx: true } : {}) }),
            },
            {
              id: 'inline',
              label: msg('Inline cache (in the pushed image)', 'インラインキャッシュ（プッシュするイメージ内）'),
              patch: () => ({ cache: 'inline' }),
            },
          ],
        },
      ],
    },
    sources: ['https://github.com/docker/buildx/issues/701', 'https://docs.gitlab.com/ci/docker/docker_layer_caching/'],
    recognisers: [
      {
        kw: ['docker driver'],
        re: /cache export (?:feature )?is (?:currently )?not supported for (?:the )?docker driver/i,
      },
    ],
  },
  {
    id: 'buildx-tls-context',
    n: 15,
    title: msg(
      'Buildx builder cannot use TLS settings from the environment',
      'BuildxビルダーがTLS設定を環境変数から使えない',
    ),
    cause: msg(
      'With TLS dind, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH are set, and `docker buildx create` refuses to create a builder from TLS data in the environment.',
      'TLSのdindではDOCKER_TLS_VERIFYとDOCKER_CERT_PATHが設定されており、`docker buildx create`は環境変数のTLS情報からビルダーを作成しません。',
    ),
    fixText: msg(
      'Create a context first: `docker context create tls-env`, then `docker buildx create --name builder --driver docker-container --use tls-env`.',
      '先にコンテキストを作成します: `docker context create tls-env`の後に`docker buildx create --name builder --driver docker-container --use tls-env`を実行します。',
    ),
    fix: {
      label: msg('Create the buildx builder on a docker context', 'dockerコンテキスト上にbuildxビルダーを作成する'),
      patch: (a) => (usesDockerCli(a) ? { buildx: true } : {}),
    },
    sources: [
      'https://github.com/docker/buildx/issues/413',
      'https://github.com/docker/setup-buildx-action/issues/105',
    ],
    recognisers: [
      {
        kw: ['tls data loaded from environment'],
        re: /could not create a builder instance with TLS data loaded from environment/i,
      },
    ],
  },
  {
    id: 'multiplatform-no-emulation',
    n: 16,
    title: msg(
      'Multi-platform build without a capable builder or emulation',
      '対応するビルダーやエミュレーションなしでのマルチプラットフォームビルド',
    ),
    cause: msg(
      'The build uses the default docker driver, which cannot build several platforms, or no QEMU binfmt handlers are registered (hosted runners have lost them before), or the builder was created before binfmt was installed.',
      'ビルドが複数プラットフォームを扱えないデフォルトのdockerドライバーを使っているか、QEMUのbinfmtハンドラーが登録されていない（ホストされたRunnerで消えたことがあります）か、binfmtを導入する前にビルダーを作成しています。',
    ),
    fixText: msg(
      'Run `docker run --privileged --rm tonistiigi/binfmt --install all`, then create a builder (`docker buildx create --use tls-env`), then `docker buildx build --platform linux/amd64,linux/arm64 --push`. Native arm64 runners avoid emulation.',
      '`docker run --privileged --rm tonistiigi/binfmt --install all`を実行してからビルダーを作成し（`docker buildx create --use tls-env`）、`docker buildx build --platform linux/amd64,linux/arm64 --push`を実行します。ネイティブのarm64 Runnerならエミュレーションは不要です。',
    ),
    fix: {
      label: msg(
        'Build the platforms with a buildx builder after registering QEMU',
        'QEMUを登録してからbuildxビルダーで各プラットフォームをビルドする',
      ),
      patch: (a) => ({
        platforms: a.platforms.length > 1 ? a.platforms : ['linux/amd64', 'linux/arm64'],
        ...(usesDockerCli(a) ? { buildx: true } : {}),
      }),
      outside: msg(
        'Daemonless builders (rootless BuildKit, Buildah) use the host kernel: register the binfmt handlers on the runner host or nodes (SETUP.md has the command).',
        'デーモンなしのビルダー（ルートレスBuildKit、Buildah）はホストのカーネルを使います。Runnerホストまたはノードでbinfmtハンドラーを登録します（コマンドはSETUP.mdに記載）。',
      ),
    },
    sources: [
      'https://github.com/docker/buildx/issues/1996',
      'https://github.com/moby/buildkit/issues/2437',
      'https://gitlab.com/gitlab-org/gitlab/-/issues/457554',
    ],
    recognisers: [
      {
        kw: ['multi-platform build is not supported'],
        re: /Multi-platform build is not supported for the docker driver/i,
      },
      {
        kw: ['exec format error'],
        re: /exec (?<path>\/[^\s:]+): exec format error|exec user process caused:? "?exec format error/i,
        // On Kubernetes without any cross-platform build, the pod's container itself is of another architecture
        // than its node (k8s-node-arch-mismatch): QEMU is not the fix there.
        unlessContext: K8S_LOG_WITHOUT_CROSS_PLATFORM_BUILD,
      },
    ],
  },
  {
    id: 'cache-never-hits',
    n: 17,
    title: msg('The layer cache never hits', 'レイヤーキャッシュが一度も効かない'),
    cause: msg(
      'Every Docker-in-Docker daemon starts empty. With BuildKit, --cache-from only works on images built with cache metadata (inline or a registry cache export), and some registries reject the legacy cache manifest format.',
      'Docker-in-Dockerのデーモンは毎回空の状態で起動します。BuildKitの--cache-fromは、キャッシュのメタデータ付き（インライン、またはレジストリキャッシュのエクスポート）でビルドしたイメージでしか機能しません。また一部のレジストリは旧形式のキャッシュマニフェストを拒否します。',
    ),
    fixText: msg(
      'Export and import a registry cache with OCI manifests: --cache-from type=registry,ref=$CI_REGISTRY_IMAGE/cache:$CI_COMMIT_REF_SLUG --cache-to type=registry,ref=…,mode=max,image-manifest=true,oci-mediatypes=true, or use inline cache (--build-arg BUILDKIT_INLINE_CACHE=1).',
      'OCIマニフェストでレジストリキャッシュをエクスポート・インポートします: --cache-from type=registry,ref=$CI_REGISTRY_IMAGE/cache:$CI_COMMIT_REF_SLUG --cache-to type=registry,ref=…,mode=max,image-manifest=true,oci-mediatypes=true。またはインラインキャッシュ（--build-arg BUILDKIT_INLINE_CACHE=1）を使います。',
    ),
    fix: {
      label: msg(
        'Add a registry cache with OCI cache manifests',
        'OCIキャッシュマニフェストのレジストリキャッシュを追加する',
      ),
      patch: (a) => ({
        cache: 'registry',
        push: true,
        ...(a.method === 'buildah' || a.method === 'podman' ? { cacheRef: CACHE_REPOSITORY } : {}),
      }),
    },
    sources: ['https://gitlab.com/gitlab-org/gitlab-foss/issues/65670', 'https://github.com/moby/buildkit/issues/2251'],
    recognisers: [
      { kw: ['invalid build cache from'], re: /error on cache query: invalid build cache from/i },
      {
        kw: [
          'error writing manifest blob',
          'error writing layer blob',
          'failed to export cache',
          'error exporting cache',
        ],
        re: /(?:error writing (?:manifest|layer) blob|failed to export cache|error exporting cache).{0,600}(?:400 Bad Request|unexpected status)/i,
      },
      { kw: ['failed to configure registry cache'], re: /failed to configure registry cache (?:importer|exporter)/i },
    ],
  },
];
