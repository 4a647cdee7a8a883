/**
 * Rootless BuildKit: namespaces it may not create, and the entrypoint that hangs the job.
 *
 * failures.md #19, #20; FAILURES (catalog.ts) keeps them in the order of FAILURE_IDS.
 */
import { msg } from '../../i18n';
import { BUILDKIT_LOG } from '../log-patterns';
import type { Failure } from '../types';

/** failures.md #19 buildkit-rootless-share-mount and #20 buildkit-rootless-hang, in that order. */
export const BUILDKIT_FAILURES: readonly Failure[] = [
  {
    id: 'buildkit-rootless-share-mount',
    n: 19,
    title: msg('Rootless BuildKit cannot create its namespaces', 'ルートレスBuildKitが名前空間を作成できない'),
    cause: msg(
      'AppArmor or seccomp blocks mount/unshare in the unprivileged build container; Ubuntu 23.10 and later also restrict unprivileged user namespaces. buildkitd never starts, so buildctl cannot connect to its socket.',
      'AppArmorまたはseccompが、非特権のビルドコンテナでのmount/unshareを禁止しています。Ubuntu 23.10以降は非特権ユーザー名前空間も制限しています。buildkitdが起動しないため、buildctlがソケットに接続できません。',
    ),
    fixText: msg(
      'Job: BUILDKITD_FLAGS: --oci-worker-no-process-sandbox. Docker executor: security_opt = ["seccomp:unconfined", "apparmor:unconfined"]. Kubernetes: the pod annotation container.apparmor.security.beta.kubernetes.io/build = "unconfined". This weakens isolation (still far less than privileged).',
      'ジョブ: BUILDKITD_FLAGS: --oci-worker-no-process-sandbox。Docker executor: security_opt = ["seccomp:unconfined", "apparmor:unconfined"]。Kubernetes: Podのアノテーションcontainer.apparmor.security.beta.kubernetes.io/build = "unconfined"。分離は弱まります（それでも特権モードよりはるかに安全です）。',
    ),
    fix: {
      label: msg(
        'Regenerate rootless BuildKit with the flags and security options it needs',
        '必要なフラグとセキュリティオプション付きでルートレスBuildKitを生成し直す',
      ),
      patch: () => ({ method: 'buildkit-rootless' }),
      outside: msg(
        'Apply security_opt (or the pod annotation) from the generated runner configuration and restart the runner. On Ubuntu 23.10+ hosts, unprivileged user namespaces may also need to be allowed (kernel.apparmor_restrict_unprivileged_userns).',
        '生成したRunner設定のsecurity_opt（またはPodのアノテーション）を反映し、Runnerを再起動します。Ubuntu 23.10以降のホストでは、非特権ユーザー名前空間の許可（kernel.apparmor_restrict_unprivileged_userns）も必要な場合があります。',
      ),
    },
    sources: [
      'https://github.com/moby/buildkit/issues/2441',
      'https://gitlab.com/gitlab-org/gitlab-runner/-/issues/38266',
      'https://gitlab.com/gitlab-org/gitlab/-/issues/574252',
    ],
    recognisers: [
      {
        kw: ['failed to share mount point'],
        re: /failed to share mount point: (?<mount>\S+?):? (?:permission denied|operation not permitted)/i,
      },
      {
        kw: ['failed to start the child'],
        re: /failed to start the child: fork\/exec \/proc\/self\/exe: (?:operation not permitted|permission denied)/i,
      },
      {
        kw: ['buildkitd.sock after'],
        re: /could not connect to (?<addr>unix:\/\/[^\s]*buildkitd\.sock) after \d+ trials/i,
      },
      {
        kw: ['uid_map'],
        re: /newuidmap: write to uid_map failed: Operation not permitted/i,
        context: BUILDKIT_LOG,
      },
    ],
  },
  {
    id: 'buildkit-rootless-hang',
    n: 20,
    title: msg('Rootless BuildKit job hangs until the timeout', 'ルートレスBuildKitのジョブがタイムアウトまで止まる'),
    cause: msg(
      "The moby/buildkit image's default entrypoint starts a long-running buildkitd instead of running the job's script.",
      'moby/buildkitイメージのデフォルトのエントリポイントが、ジョブのスクリプトを実行する代わりに常駐するbuildkitdを起動します。',
    ),
    fixText: msg(
      'Use image: {name: moby/buildkit:rootless, entrypoint: [""]}, then `buildctl-daemonless.sh build --frontend dockerfile.v0 --local context=. --local dockerfile=. --output type=image,name=$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA,push=true`, with the registry credentials in ~/.docker/config.json.',
      'image: {name: moby/buildkit:rootless, entrypoint: [""]}を使い、`buildctl-daemonless.sh build --frontend dockerfile.v0 --local context=. --local dockerfile=. --output type=image,name=$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA,push=true`を実行します。レジストリの認証情報は~/.docker/config.jsonに書き込みます。',
    ),
    fix: {
      label: msg(
        'Regenerate the rootless BuildKit job with an empty entrypoint',
        '空のエントリポイントでルートレスBuildKitのジョブを生成し直す',
      ),
      patch: () => ({ method: 'buildkit-rootless' }),
    },
    sources: [
      'https://gitlab.com/gitlab-org/gitlab/-/issues/549941',
      'https://gitlab.com/gitlab-org/gitlab/-/merge_requests/244172',
    ],
    recognisers: [
      {
        kw: ['execution took longer than'],
        re: /Job failed: execution took longer than (?<timeout>[\dhms.]+)/i,
        context: BUILDKIT_LOG,
      },
    ],
  },
];
