/**
 * Failures of a release, known to the versions table (versions.ts): a daemon release whose push is broken
 * (moby/moby#53293), a BuildKit release whose attestations the GitLab registry refuses (moby/buildkit#7007), and a
 * dind release whose iptables backend the host kernel lacks (docker-library/docker#463). Their `holds` read the same
 * table as the defaults and the findings.
 *
 * FAILURES (catalog.ts) keeps them in the order of FAILURE_IDS.
 */
import type { Answers } from '../../answers';
import { msg } from '../../i18n';
import { usesDockerCliDaemon, versionDefectsOf } from '../../vocabulary';
import { DIND_IPTABLES, TABLE_DEFAULTS, VERSIONS_TABLE, defectById, nearestGood } from '../../versions';
import type { Failure, Facts } from '../types';

/** A BuildKit push: the exporter's lines (BuildKit pushes attestations and manifests by digest). */
const BUILDKIT_PUSH = /exporting attestation manifest|pushing manifest for \S+@sha256:/i;
/** The Docker daemon's own push (`docker push`): its progress lines per layer. */
const DAEMON_PUSH = /The push refers to repository|: Layer already exists|: Mounted from \S+|: Pushed\b/;

const MOBY_53293 = defectById('moby-53293');
const BUILDKIT_7007 = defectById('buildkit-7007');

/** Whether the setup meets the table's defect `id` (its version in range, and the setup in the defect's scope). */
const meets = (a: Answers, id: string): boolean => versionDefectsOf(a).some((h) => h.defect.id === id);

/** The iptables backend that failed in the log (`facts.backend`): `legacy` or `nf_tables` (the default). */
const failedBackend = (facts: Facts): 'legacy' | 'nf_tables' => (facts.backend === 'legacy' ? 'legacy' : 'nf_tables');

/** A version 29.6.2 of the current table, for the texts (the nearest good release of moby/moby#53293). */
const GOOD_DOCKER = MOBY_53293?.nearestGood ?? TABLE_DEFAULTS[VERSIONS_TABLE]?.dockerVersion ?? '';
const GOOD_BUILDKIT = BUILDKIT_7007?.nearestGood ?? '';

/** The failures of a release the versions table knows, in the order of FAILURE_IDS. */
export const VERSION_FAILURES: readonly Failure[] = [
  {
    id: 'dind-push-blob-unknown',
    n: 38,
    title: msg(
      'docker push: "blob unknown to registry" (Docker 29.7 daemon)',
      'docker push: 「blob unknown to registry」（Docker 29.7のデーモン）',
    ),
    cause: msg(
      `A regression of Docker 29.7.0-29.7.2 with the containerd image store (moby/moby#53293): docker push skips a blob it wrongly takes for present in the repository (a cross-repository mount of a shared base layer), and the registry refuses the manifest that names it. The push ends with "blob unknown to registry" after layers reported "Layer already exists" or "Mounted from".`,
      `containerdイメージストアを使うDocker 29.7.0〜29.7.2の不具合です（moby/moby#53293）。docker pushが、リポジトリに存在すると誤認したblob（共有ベースレイヤーのリポジトリ間マウント）をスキップし、そのblobを参照するマニフェストをレジストリが拒否します。レイヤーが「Layer already exists」や「Mounted from」と表示された後、「blob unknown to registry」で終わります。`,
    ),
    fixText: msg(
      `Pin the client and dind pair to ${GOOD_DOCKER} (image docker:${GOOD_DOCKER}-cli, service docker:${GOOD_DOCKER}-dind), or push from a Buildx builder (docker buildx build --push), whose BuildKit does not take this path.`,
      `クライアントとdindの組を${GOOD_DOCKER}に固定する（イメージdocker:${GOOD_DOCKER}-cli、サービスdocker:${GOOD_DOCKER}-dind）か、Buildxのビルダーからプッシュします（docker buildx build --push）。BuildKitはこの処理を通りません。`,
    ),
    fix: {
      label: msg('Push without the 29.7 daemon regression', '29.7デーモンの不具合を避けてプッシュする'),
      questions: [
        {
          id: 'how',
          text: msg('How should the job avoid it?', 'どの方法で回避しますか？'),
          recommended: (a) => (a.method === 'dind' ? 'pin' : 'buildx'),
          options: [
            {
              id: 'pin',
              label: msg(
                `Pin Docker ${GOOD_DOCKER} (client and dind service)`,
                `Docker ${GOOD_DOCKER}に固定する（クライアントとdindサービス）`,
              ),
              patch: (a) => ({ dockerVersion: nearestGood('docker', a.dockerVersion) }),
              available: (a) => a.method === 'dind',
            },
            {
              id: 'buildx',
              label: msg('Push with docker buildx build --push', 'docker buildx build --pushでプッシュする'),
              patch: () => ({ buildx: true }),
              available: usesDockerCliDaemon,
            },
          ],
        },
      ],
      outside: msg(
        `A host daemon (socket or shell runner) of 29.7.0-29.7.2: hold the host's Docker Engine at ${GOOD_DOCKER} until moby/moby#53293 is fixed.`,
        `ホストのデーモン（ソケットまたはshell Runner）が29.7.0〜29.7.2の場合は、moby/moby#53293が修正されるまでホストのDocker Engineを${GOOD_DOCKER}に留めます。`,
      ),
    },
    sources: MOBY_53293?.sources ?? [],
    recognisers: [
      {
        kw: ['blob unknown'],
        re: /blob unknown to registry(?: - |: )?(?:sha256:(?<digest>[0-9a-f]{64}))?/i,
        context: DAEMON_PUSH,
        unlessContext: BUILDKIT_PUSH,
      },
    ],
    holds: (a) => meets(a, 'moby-53293'),
  },
  {
    id: 'buildx-attestation-blob-unknown',
    n: 39,
    title: msg(
      'Buildx push: "blob unknown to registry" (BuildKit attestations)',
      'Buildxのプッシュ: 「blob unknown to registry」（BuildKitのアテステーション）',
    ),
    cause: msg(
      'Since BuildKit 0.32 a Buildx build pushes its provenance attestations as OCI artifacts whose `subject` is the image manifest, and the GitLab container registry refuses one whose subject is new to it (moby/buildkit#7007). A docker-container builder created without `--driver-opt image=` runs moby/buildkit:buildx-stable-1, the newest BuildKit, so the same job starts failing the day that tag moves.',
      'BuildKit 0.32以降、Buildxのビルドはprovenanceアテステーションを、イメージマニフェストを`subject`とするOCIアーティファクトとしてプッシュします。GitLabコンテナレジストリは、subjectが未登録のものを拒否します（moby/buildkit#7007）。`--driver-opt image=`なしで作成したdocker-containerビルダーは最新のBuildKitであるmoby/buildkit:buildx-stable-1で動くため、このタグが移動した日から同じジョブが失敗し始めます。',
    ),
    fixText: msg(
      `Pin the builder: docker buildx create --driver docker-container --driver-opt image=moby/buildkit:${GOOD_BUILDKIT} --use. Or, when pushing to a GitLab registry, set BUILDX_NO_DEFAULT_ATTESTATIONS: "1" (or --provenance=false; BUILDX_NO_DEFAULT_OCI_ARTIFACT=true on a Buildx with docker/buildx#3991).`,
      `ビルダーを固定します: docker buildx create --driver docker-container --driver-opt image=moby/buildkit:${GOOD_BUILDKIT} --use。またはGitLabレジストリにプッシュする場合にBUILDX_NO_DEFAULT_ATTESTATIONS: "1"（または--provenance=false。docker/buildx#3991を含むBuildxではBUILDX_NO_DEFAULT_OCI_ARTIFACT=true）を設定します。`,
    ),
    fix: {
      label: msg('Pin the Buildx builder to a BuildKit without it', 'Buildxのビルダーを不具合のないBuildKitに固定する'),
      patch: (a) => ({ buildkitVersion: nearestGood('buildkit', a.buildkitVersion) }),
      outside: msg(
        'A builder created outside these files (a shared or long-lived one): recreate it with --driver-opt image=moby/buildkit:<version> (docker buildx rm, then docker buildx create).',
        'このファイルの外で作成したビルダー（共有や長期間使うもの）は、--driver-opt image=moby/buildkit:<バージョン>で作り直します（docker buildx rmの後にdocker buildx create）。',
      ),
    },
    sources: BUILDKIT_7007?.sources ?? [],
    recognisers: [
      {
        kw: ['blob unknown'],
        re: /blob unknown to registry(?: - |: )?(?:sha256:(?<digest>[0-9a-f]{64}))?/i,
        context: BUILDKIT_PUSH,
      },
    ],
    holds: (a) => meets(a, 'buildkit-7007'),
  },
  {
    id: 'dind-iptables-backend',
    n: 40,
    title: msg(
      'dind: the host kernel lacks the iptables backend of the image',
      'dind: ホストのカーネルにイメージのiptablesバックエンドがない',
    ),
    cause: msg(
      "dockerd inside docker:dind started and failed while setting up iptables: the image's iptables uses a backend (nf_tables since the 24.0.7 rebuild of December 2023, or legacy) that the host kernel does not provide, so the table or chain does not exist. The service is privileged (it got as far as iptables); privileges are not the problem.",
      'docker:dind内のdockerdは起動し、iptablesの設定中に失敗しました。イメージのiptablesが使うバックエンド（2023年12月の24.0.7の再ビルド以降はnf_tables、またはlegacy）をホストのカーネルが提供していないため、テーブルやチェインが存在しません。サービスは特権で動いており（iptablesまで到達しています）、権限の問題ではありません。',
    ),
    fixText: msg(
      'Force the backend the host has on the dind service: variables: { DOCKER_IPTABLES_LEGACY: "1" } for iptables-legacy, "" for nf_tables (the image entrypoint reads it); or pin a dind release whose backend the host has. On a host you administer, load the missing module (modprobe ip_tables or nf_tables).',
      'dindサービスでホストにあるバックエンドを強制します: iptables-legacyならvariables: { DOCKER_IPTABLES_LEGACY: "1" }、nf_tablesなら""（イメージのエントリーポイントが読みます）。またはホストのバックエンドで動くdindのリリースに固定します。自分で管理するホストでは、不足しているモジュールを読み込みます（modprobe ip_tablesまたはnf_tables）。',
    ),
    fix: {
      label: msg(
        'Force the other iptables backend on the dind service',
        'dindサービスでもう一方のiptablesバックエンドを強制する',
      ),
      patch: (_a, facts) => ({
        method: 'dind',
        dindIptables: failedBackend(facts) === 'legacy' ? 'nftables' : 'legacy',
      }),
      outside: msg(
        'On a runner host you administer, you can instead load the missing kernel module (modprobe nf_tables, or modprobe ip_tables and iptable_nat) and keep the image default.',
        '自分で管理するRunnerホストでは、代わりに不足しているカーネルモジュールを読み込み（modprobe nf_tables、またはmodprobe ip_tablesとiptable_nat）、イメージの既定のままにすることもできます。',
      ),
    },
    sources: [...DIND_IPTABLES.sources, 'https://github.com/docker-library/docker/issues/486'],
    explains: ['dind-startup-healthcheck', 'dind-hostname-unresolved', 'dind-tls-port-mismatch', 'no-daemon-reachable'],
    recognisers: [
      {
        // iptables v1.8.10 (nf_tables):  RULE_APPEND failed (No such file or directory): rule in chain ...
        // iptables v1.8.10 (nf_tables): TABLE_ADD failed (Not supported): table nat
        kw: ['nf_tables', 'legacy'],
        re: /iptables v[\d.]+ \((?<backend>nf_tables|legacy)\):\s+(?:[A-Z_]+ failed \((?:No such file or directory|Not supported|Protocol not supported)\)|can't initialize iptables table [`'"]?\w+[`'"]?: Table does not exist)/i,
      },
      {
        // iptables-nft on a kernel without nf_tables: "Could not fetch rule set generation id: Invalid argument"
        kw: ['rule set generation id'],
        re: /Could not fetch rule set generation id/i,
        facts: /\((?<backend>nf_tables|legacy)\)/,
      },
    ],
    holds: (a, facts) =>
      a.method === 'dind' && a.dindIptables !== (failedBackend(facts) === 'legacy' ? 'nftables' : 'legacy'),
  },
];
