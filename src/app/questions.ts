/**
 * The wizard's questions, grouped in steps, as data: the components render any question from its description.
 * Which questions apply, and which options are possible, comes from the core (`isRelevant`, `whyNot`): nothing
 * here decides a rule.
 */
import { SHA_TAGS, TAG_SCHEMES } from '../core/tags';
import { OTHER_BRANCHES, PLATFORMS, WINDOWS_VERSIONS, CACHE_EXPORT_MODES, CLOUDS, type Answers } from '../core/answers';
import { msg, type Msg } from '../core/i18n';
import { FROM_KANIKO_LABELS, methodLabels } from '../core/methods/options';
import { OPTIONS } from '../core/rules';
import { COSIGN_IMAGE, SKOPEO_IMAGE } from '../core/supply';

type Key = keyof Answers;
type KeysOf<T, V> = { [K in keyof T]: T[K] extends V ? K : never }[keyof T];

export interface ChoiceOption {
  value: string;
  label: Msg;
  /** What this option costs or needs: shown beside it. */
  note?: Msg;
}

interface Base<K extends Key> {
  key: K;
  label: Msg;
  help?: Msg;
}

export type Question =
  | (Base<KeysOf<Answers, string>> & { kind: 'choice'; options: ChoiceOption[] })
  | (Base<KeysOf<Answers, boolean>> & { kind: 'toggle' })
  | (Base<KeysOf<Answers, string>> & { kind: 'text'; format: Msg; placeholder?: string; variable?: boolean })
  | (Base<'runnerTags' | 'buildArgs' | 'buildSecrets' | 'promoteTargets'> & { kind: 'list'; format: Msg })
  | (Base<'platforms'> & { kind: 'multi'; options: ChoiceOption[] })
  | (Base<KeysOf<Answers, number>> & { kind: 'number'; format: Msg });

export interface Step {
  id: StepId;
  title: Msg;
  intro: Msg;
  questions: Question[];
}

export const STEP_IDS = ['runner', 'build', 'tls', 'network', 'cache', 'auth', 'files'] as const;
export type StepId = (typeof STEP_IDS)[number];
export const isStepId = (s: unknown): s is StepId =>
  typeof s === 'string' && (STEP_IDS as readonly string[]).includes(s);

const o = (value: string, en: string, ja: string, note?: Msg): ChoiceOption => ({ value, label: msg(en, ja), note });

const VAR_FORMAT = msg(
  'The name of a CI/CD variable (letters, digits, _), never its value.',
  'CI/CD変数の名前（英数字と_）。値は入力しません。',
);
const PATH_FORMAT = msg('A relative path inside the repository.', 'リポジトリ内の相対パス。');
const TARGET_IMAGE_FORMAT = msg(
  'An image repository without a tag or digest (the tags come from the options below); CI/CD variables such as $CI_REGISTRY_IMAGE are allowed.',
  'タグやダイジェストのないイメージリポジトリ（タグは下のオプションで決まります）。$CI_REGISTRY_IMAGEなどのCI/CD変数を使えます。',
);
const IMAGE_FORMAT = msg(
  'An image name; CI/CD variables such as $CI_REGISTRY_IMAGE are allowed.',
  'イメージ名。$CI_REGISTRY_IMAGEなどのCI/CD変数を使えます。',
);
const HOST_FORMAT = msg('A host or host:port, without https://.', 'ホスト名またはhost:port（https://なし）。');
const URL_FORMAT = msg('An http:// or https:// URL.', 'http://またはhttps://のURL。');
const TAG_FORMAT = msg(
  'One runner tag: no commas, no $, no surrounding spaces.',
  'Runnerのタグ1つ（カンマ、$、前後の空白は不可）。',
);
const PINNED = msg('A pinned version: never latest.', '固定したバージョン（latestは不可）。');

/** The method options, with the labels of the method modules (one wording for the questions, SETUP.md, diagram). */
const METHOD_OPTIONS = Object.fromEntries(
  OPTIONS.method.map((m) => {
    const l = methodLabels(m);
    return [m, { value: m, label: l.option, note: l.note } satisfies ChoiceOption];
  }),
) as Record<(typeof OPTIONS.method)[number], ChoiceOption>;

export const STEPS: Step[] = [
  {
    id: 'runner',
    title: msg('Where the jobs run', 'ジョブの実行場所'),
    intro: msg(
      'The runner decides what a job may do: which executor, which OS, whether containers may be privileged.',
      'Runnerがジョブにできることを決めます。executor、OS、特権コンテナの可否。',
    ),
    questions: [
      {
        key: 'runnerKind',
        kind: 'choice',
        label: msg('Runner', 'Runner'),
        options: [
          o(
            'self-managed',
            'My own runner (I administer it)',
            '自分で管理するRunner',
            msg(
              'You get config.toml, the registration command and the host changes.',
              'config.toml、登録コマンド、ホストの変更手順を出力します。',
            ),
          ),
          o(
            'gitlab-hosted',
            'GitLab.com instance runners',
            'GitLab.comのインスタンスRunner',
            msg(
              'Only .gitlab-ci.yml: GitLab runs each job privileged in a throwaway VM.',
              '.gitlab-ci.ymlのみ。GitLabが各ジョブを使い捨てのVMで特権実行します。',
            ),
          ),
        ],
      },
      {
        key: 'gitlabUrl',
        kind: 'text',
        label: msg('GitLab URL', 'GitLabのURL'),
        format: URL_FORMAT,
        placeholder: 'https://gitlab.com/',
      },
      {
        key: 'os',
        kind: 'choice',
        label: msg('Runner host OS', 'RunnerホストのOS'),
        options: [o('linux', 'Linux', 'Linux'), o('windows', 'Windows', 'Windows'), o('macos', 'macOS', 'macOS')],
      },
      {
        key: 'executor',
        kind: 'choice',
        label: msg('Executor', 'Executor'),
        options: [
          o(
            'docker',
            'docker',
            'docker',
            msg('Each job in its own container; services supported.', 'ジョブごとにコンテナ。servicesを使えます。'),
          ),
          o(
            'kubernetes',
            'kubernetes',
            'kubernetes',
            msg(
              'Each job in a pod; services are containers of the pod.',
              'ジョブごとにPod。servicesはPod内のコンテナです。',
            ),
          ),
          o(
            'shell',
            'shell',
            'shell',
            msg(
              'Jobs run directly on the host as the runner user.',
              'ジョブはRunnerユーザーとしてホストで直接実行されます。',
            ),
          ),
          o('docker-windows', 'docker-windows', 'docker-windows', msg('Windows containers.', 'Windowsコンテナ。')),
          o(
            'docker-autoscaler',
            'docker-autoscaler',
            'docker-autoscaler',
            msg(
              'Like docker, on autoscaled VMs (fleeting plugin for AWS, Google Cloud or Azure).',
              'dockerと同じく、オートスケールするVM上で実行（AWS、Google Cloud、Azure用のfleetingプラグイン）。',
            ),
          ),
          o(
            'docker+machine',
            'docker+machine',
            'docker+machine',
            msg(
              'Like docker, on Docker Machine VMs. Deprecated, removed in GitLab 20.0: prefer docker-autoscaler.',
              'dockerと同じく、Docker MachineのVM上。非推奨でGitLab 20.0で削除されます。docker-autoscalerを推奨します。',
            ),
          ),
        ],
      },
      {
        key: 'windowsVersion',
        kind: 'choice',
        label: msg('Windows Server version', 'Windows Serverのバージョン'),
        help: msg(
          'Container images must match the host version.',
          'コンテナイメージはホストのバージョンと一致が必要です。',
        ),
        options: WINDOWS_VERSIONS.map((w) => o(w, w, w)),
      },
      {
        key: 'windowsHelperImage',
        kind: 'text',
        label: msg('Helper image override (optional)', 'ヘルパーイメージの上書き（任意）'),
        help: msg(
          'Leave empty to let the runner pick the helper for the host. Set it when jobs fail with “unsupported Windows version”: this runner release has no helper for the host build, e.g. registry.gitlab.com/gitlab-org/gitlab-runner/gitlab-runner-helper:x86_64-v${CI_RUNNER_VERSION}-servercore21H2 (a Server 2022 helper, which newer hosts run).',
          '空のままならRunnerがホストに合うヘルパーを選びます。ジョブが「unsupported Windows version」で失敗するときに設定します。このRunnerのリリースにはホストのビルド用のヘルパーがありません。例: registry.gitlab.com/gitlab-org/gitlab-runner/gitlab-runner-helper:x86_64-v${CI_RUNNER_VERSION}-servercore21H2（新しいホストでも動くServer 2022用のヘルパー）。',
        ),
        format: msg(
          'Empty, or an image reference; ${CI_RUNNER_VERSION} and ${CI_RUNNER_REVISION} are filled in by the runner.',
          '空、またはイメージ参照。${CI_RUNNER_VERSION}と${CI_RUNNER_REVISION}はRunnerが埋めます。',
        ),
      },
      {
        key: 'cloud',
        kind: 'choice',
        label: msg('Cloud of the autoscaled instances', 'オートスケールするインスタンスのクラウド'),
        help: msg(
          'docker-autoscaler uses the fleeting plugin of this cloud; docker+machine its Docker Machine driver.',
          'docker-autoscalerはこのクラウドのfleetingプラグインを、docker+machineはDocker Machineドライバーを使います。',
        ),
        options: CLOUDS.map((c) =>
          c === 'aws'
            ? o(c, 'AWS (Auto Scaling group)', 'AWS（Auto Scalingグループ）')
            : c === 'gcp'
              ? o(c, 'Google Cloud (instance group)', 'Google Cloud（インスタンスグループ）')
              : o(c, 'Azure (virtual machine scale set)', 'Azure（仮想マシンスケールセット）'),
        ),
      },
      {
        key: 'instanceGroup',
        kind: 'text',
        label: msg('Instance group name', 'インスタンスグループ名'),
        help: msg(
          'The AWS Auto Scaling group, Google Cloud instance group or Azure scale set the runner scales: one per runner, with no scaling policy of its own.',
          'RunnerがスケールするAWS Auto Scalingグループ、Google Cloudインスタンスグループ、Azureスケールセット。Runnerごとに1つ用意し、グループ自身のスケーリングポリシーは設定しません。',
        ),
        format: msg('Letters, digits, ., _ and -.', '英数字、.、_、-。'),
      },
      {
        key: 'cloudRegion',
        kind: 'text',
        label: msg('Region, zone or location', 'リージョン、ゾーン、ロケーション'),
        help: msg(
          'AWS region (us-east-1), Google Cloud zone (europe-west4-b) or Azure location (westeurope).',
          'AWSのリージョン（us-east-1）、Google Cloudのゾーン（europe-west4-b）、Azureのロケーション（westeurope）。',
        ),
        format: msg('Lowercase letters, digits and -.', '小文字の英字、数字、-。'),
      },
      {
        key: 'cloudProject',
        kind: 'text',
        label: msg('Project or subscription ID', 'プロジェクトIDまたはサブスクリプションID'),
        help: msg(
          'The Google Cloud project ID, or the Azure subscription ID (not a secret).',
          'Google CloudのプロジェクトID、またはAzureのサブスクリプションID（シークレットではありません）。',
        ),
        format: msg('Letters, digits, ., _ and -.', '英数字、.、_、-。'),
      },
      {
        key: 'cloudResourceGroup',
        kind: 'text',
        label: msg('Azure resource group', 'Azureのリソースグループ'),
        format: msg('Letters, digits, ., _ and -.', '英数字、.、_、-。'),
      },
      {
        key: 'connectorUser',
        kind: 'text',
        label: msg('SSH user on the instances', 'インスタンス上のSSHユーザー'),
        help: msg(
          'The runner connects as this user; the instance image must put it in the docker group (ubuntu on Ubuntu images, ec2-user on Amazon Linux).',
          'Runnerはこのユーザーで接続します。インスタンスのイメージでdockerグループに入れておく必要があります（Ubuntuのイメージではubuntu、Amazon Linuxではec2-user）。',
        ),
        format: msg('A Linux user name: a-z, 0-9, _ and -.', 'Linuxのユーザー名（a-z、0-9、_、-）。'),
      },
      {
        key: 'maxInstances',
        kind: 'number',
        label: msg('Most instances at once', '同時に起動するインスタンスの上限'),
        format: msg('A number from 1 to 1000.', '1から1000の数値。'),
      },
      {
        key: 'capacityPerInstance',
        kind: 'number',
        label: msg('Jobs at once on one instance', '1インスタンスで同時に実行するジョブ数'),
        help: msg(
          'Above 1, jobs share an instance: a privileged job can reach the others.',
          '2以上ではジョブがインスタンスを共有し、特権ジョブが他のジョブに到達できます。',
        ),
        format: msg('A number from 1 to 100.', '1から100の数値。'),
      },
      {
        key: 'maxUseCount',
        kind: 'number',
        label: msg(
          'Jobs per instance before it is replaced (0: no limit)',
          'インスタンスを入れ替えるまでのジョブ数（0: 無制限）',
        ),
        help: msg(
          '1 gives every job a fresh VM; higher values reuse what earlier jobs left behind.',
          '1ならジョブごとに新しいVMです。大きい値では前のジョブが残したものを再利用します。',
        ),
        format: msg('A number from 0 to 100000.', '0から100000の数値。'),
      },
      {
        key: 'idleCount',
        kind: 'number',
        label: msg('Idle instances kept ready on weekdays', '平日に待機させるインスタンス数'),
        help: msg(
          'Jobs start without waiting for a VM; none are kept at weekends.',
          'ジョブはVMの起動を待たずに始まります。週末は待機させません。',
        ),
        format: msg('A number from 0 to 1000.', '0から1000の数値。'),
      },
      {
        key: 'idleMinutes',
        kind: 'number',
        label: msg('Minutes an idle instance is kept', 'アイドルのインスタンスを保持する分数'),
        format: msg('A number from 1 to 1440.', '1から1440の数値。'),
      },
      {
        key: 'k8sNamespace',
        kind: 'text',
        label: msg('Kubernetes namespace', 'Kubernetesの名前空間'),
        format: msg('A Kubernetes name: a-z, 0-9 and -.', 'Kubernetesの名前（a-z、0-9、-）。'),
      },
      {
        key: 'helm',
        kind: 'toggle',
        label: msg('Install the runner with the Helm chart', 'RunnerをHelmチャートでインストール'),
        help: msg('Emits values.yaml and the helm command.', 'values.yamlとhelmコマンドを出力します。'),
      },
      {
        key: 'eksDockerdRename',
        kind: 'toggle',
        label: msg('EKS Windows nodes (dockerd renamed)', 'EKSのWindowsノード（dockerdの名前変更）'),
      },
      {
        key: 'k8sPodSecurity',
        kind: 'choice',
        label: msg('Pod Security the job namespace enforces', 'ジョブのネームスペースが強制するPod Security'),
        help: msg(
          'The pod-security.kubernetes.io/enforce label, or the level a Gatekeeper, Kyverno or OpenShift SCC policy copies. Nothing is relabelled.',
          'pod-security.kubernetes.io/enforceラベル、またはGatekeeper、Kyverno、OpenShift SCCのポリシーが準じるレベル。ラベルは変更しません。',
        ),
        options: [
          o(
            'privileged',
            'None (privileged)',
            'なし（privileged）',
            msg('Every builder can run.', 'すべてのビルダーが動きます。'),
          ),
          o(
            'baseline',
            'baseline',
            'baseline',
            msg(
              'No privileged container, hostPath or Unconfined AppArmor: rootless builders need an exemption.',
              '特権コンテナ、hostPath、UnconfinedのAppArmorは不可。ルートレスのビルダーには除外が必要です。',
            ),
          ),
          o(
            'restricted',
            'restricted',
            'restricted',
            msg(
              'Also non-root, no privilege escalation, RuntimeDefault seccomp: emitted for every container but the build one.',
              'さらに非root、権限昇格なし、RuntimeDefaultのseccomp。ビルド以外の全コンテナに出力します。',
            ),
          ),
        ],
      },
      {
        key: 'k8sNodeArch',
        kind: 'choice',
        label: msg('CPU architecture of the job nodes', 'ジョブを実行するノードのCPUアーキテクチャ'),
        help: msg(
          'The runner picks its helper image from the node selector; without one it assumes amd64.',
          'Runnerはノードセレクターからヘルパーイメージを選びます。無い場合はamd64とみなします。',
        ),
        options: [
          o('any', 'Any node (amd64 only)', '任意のノード（amd64のみ）'),
          o('amd64', 'amd64', 'amd64'),
          o('arm64', 'arm64', 'arm64'),
          o(
            'mixed',
            'Mixed amd64 and arm64',
            'amd64とarm64の混在',
            msg(
              'amd64 by default; a job asks for arm64 with KUBERNETES_NODE_SELECTOR_ARCH.',
              '既定はamd64。ジョブはKUBERNETES_NODE_SELECTOR_ARCHでarm64を指定します。',
            ),
          ),
        ],
      },
      {
        key: 'buildMemory',
        kind: 'text',
        label: msg('Memory for the build (optional)', 'ビルドに割り当てるメモリ（任意）'),
        help: msg(
          'Requested and limited for the container that builds: the build container, or the dind/buildkitd service. Empty leaves the runner’s and the cluster’s defaults, which are often too small: the build is killed with exit code 137 (OOMKilled).',
          'ビルドするコンテナ（ビルドコンテナ、またはdind/buildkitdサービス）に要求し、上限とします。空ならRunnerとクラスターの既定値のままで、多くの場合は小さすぎ、ビルドが終了コード137（OOMKilled）で強制終了されます。',
        ),
        format: msg(
          'Empty, or a whole number of Mi or Gi, such as 512Mi or 4Gi.',
          '空、またはMiかGiの整数（例: 512Mi、4Gi）。',
        ),
      },
      {
        key: 'allowPrivileged',
        kind: 'toggle',
        label: msg('Privileged containers are allowed on this runner', 'このRunnerで特権コンテナを許可できる'),
        help: msg(
          'Docker-in-Docker needs them; a privileged job can take over the host.',
          'Docker-in-Dockerに必要です。特権ジョブはホストを乗っ取れます。',
        ),
      },
      {
        key: 'runnerDescription',
        kind: 'text',
        label: msg('Runner description', 'Runnerの説明'),
        format: msg('One line of text.', '1行のテキスト。'),
      },
      {
        key: 'runnerTags',
        kind: 'list',
        label: msg('Runner tags (comma-separated)', 'Runnerのタグ（カンマ区切り）'),
        help: msg('Jobs pick this runner by these tags.', 'ジョブはこのタグでRunnerを選びます。'),
        format: msg(
          'Tags without $ or surrounding spaces, separated by commas.',
          '$や前後の空白を含まないタグをカンマで区切ります。',
        ),
      },
      {
        key: 'registration',
        kind: 'choice',
        label: msg('Registration', '登録方法'),
        options: [
          o(
            'token',
            'Runner authentication token (glrt-)',
            'Runner認証トークン（glrt-）',
            msg('Created in the GitLab UI; the current flow.', 'GitLabのUIで作成する現行の方式。'),
          ),
          o(
            'legacy',
            'Legacy registration token',
            '従来の登録トークン',
            msg('Deprecated and disabled by default on GitLab 17+.', '非推奨。GitLab 17以降は既定で無効です。'),
          ),
        ],
      },
    ],
  },
  {
    id: 'build',
    title: msg('How the image is built', 'イメージのビルド方法'),
    intro: msg(
      'The build method decides where the daemon lives, and so what a job can do to the host.',
      'ビルド方法によってデーモンの場所が決まり、ジョブがホストに対してできることも決まります。',
    ),
    questions: [
      {
        key: 'method',
        kind: 'choice',
        label: msg('Build method', 'ビルド方法'),
        options: OPTIONS.method.map((m) => METHOD_OPTIONS[m]),
      },
      {
        key: 'fromKaniko',
        kind: 'toggle',
        label: FROM_KANIKO_LABELS.option,
        help: FROM_KANIKO_LABELS.note,
      },
      {
        key: 'buildx',
        kind: 'toggle',
        label: msg('Use Docker Buildx', 'Docker Buildxを使う'),
        help: msg(
          'A docker-container builder: cache export and multi-platform builds.',
          'docker-containerビルダー。キャッシュのエクスポートとマルチプラットフォームビルド。',
        ),
      },
      {
        key: 'dockerVersion',
        kind: 'text',
        label: msg('Docker version (client and daemon)', 'Dockerのバージョン（クライアントとデーモン）'),
        help: msg(
          'The job image and the dind service use the same version.',
          'ジョブイメージとdindサービスは同じバージョンを使います。',
        ),
        format: PINNED,
      },
      { key: 'buildkitVersion', kind: 'text', label: msg('BuildKit version', 'BuildKitのバージョン'), format: PINNED },
      { key: 'buildahVersion', kind: 'text', label: msg('Buildah version', 'Buildahのバージョン'), format: PINNED },
      { key: 'podmanVersion', kind: 'text', label: msg('Podman version', 'Podmanのバージョン'), format: PINNED },
      { key: 'dockerfile', kind: 'text', label: msg('Dockerfile path', 'Dockerfileのパス'), format: PATH_FORMAT },
      {
        key: 'context',
        kind: 'text',
        label: msg('Build context directory', 'ビルドコンテキストのディレクトリ'),
        format: PATH_FORMAT,
      },
      { key: 'image', kind: 'text', label: msg('Target image', 'ターゲットイメージ'), format: TARGET_IMAGE_FORMAT },
      { key: 'push', kind: 'toggle', label: msg('Push the image', 'イメージをプッシュする') },
      { key: 'tagSha', kind: 'toggle', label: msg('Tag with the commit SHA', 'コミットSHAでタグ付け') },
      {
        key: 'tagLatest',
        kind: 'toggle',
        label: msg('Tag latest on the default branch', 'デフォルトブランチでlatestをタグ付け'),
      },
      { key: 'tagGitTag', kind: 'toggle', label: msg('Tag git tags with their name', 'Gitタグをその名前でタグ付け') },
      {
        key: 'otherBranches',
        kind: 'choice',
        label: msg('Other branches', 'その他のブランチ'),
        options: OTHER_BRANCHES.map((b) =>
          b === 'push-sha'
            ? o(b, 'Build and push the SHA tag', 'ビルドしてSHAタグをプッシュ')
            : b === 'build-only'
              ? o(b, 'Build only (no push)', 'ビルドのみ（プッシュなし）')
              : o(b, 'No job', 'ジョブなし'),
        ),
      },
      {
        key: 'tagScheme',
        kind: 'choice',
        label: msg('Where the image tags come from', 'イメージタグの決め方'),
        help: msg(
          'From git: a small job (image-tags, stage .pre, image alpine/git) computes the tags in POSIX sh and hands them to the build job; the options above no longer apply.',
          'Gitから: 小さなジョブ（image-tags、ステージ.pre、イメージalpine/git）がPOSIX shでタグを計算してビルドジョブに渡します。上の選択肢は使われなくなります。',
        ),
        options: TAG_SCHEMES.map((t) =>
          t === 'fixed'
            ? o(
                t,
                'Fixed: the commit SHA, latest, the git tag (above)',
                '固定: コミットSHA、latest、Gitタグ（上の設定）',
              )
            : t === 'semver'
              ? o(
                  t,
                  'From git: v1.4.2 gives 1.4.2, 1.4, 1 and latest; branches their slug; merge requests mr-<iid>',
                  'Gitから: v1.4.2なら1.4.2、1.4、1、latest。ブランチはスラッグ、マージリクエストはmr-<iid>',
                  msg(
                    'Tag pipelines clone every tag (GIT_DEPTH 0) so that latest, 1.4 and 1 move only for the highest version; pre-releases get only their own tag.',
                    'latest、1.4、1を最も高いバージョンでのみ動かすため、タグのパイプラインはすべてのタグを取得します（GIT_DEPTH 0）。プレリリースには自身のタグだけが付きます。',
                  ),
                )
              : o(
                  t,
                  'A template of GitLab predefined variables',
                  'GitLabの定義済み変数によるテンプレート',
                  msg(
                    'The job stops with a message if a tag it expands to is not a valid Docker tag.',
                    '展開したタグがDockerのタグとして正しくない場合、ジョブはメッセージを出して止まります。',
                  ),
                ),
        ),
      },
      {
        key: 'tagPrefix',
        kind: 'text',
        label: msg('Prefix of the version tags', 'バージョンタグの接頭辞'),
        help: msg(
          'v for tags such as v1.4.2; empty for 1.4.2. A tag that is not a version is pushed as its slug.',
          'v1.4.2のようなタグならv、1.4.2なら空。バージョンでないタグはスラッグでプッシュします。',
        ),
        format: msg('At most 32 letters, digits, ., _, / or -.', '英数字と . _ / - を32文字まで。'),
      },
      {
        key: 'tagShaForm',
        kind: 'choice',
        label: msg('Commit SHA tag', 'コミットSHAのタグ'),
        options: SHA_TAGS.map((f) =>
          f === 'long'
            ? o(f, 'Full SHA (40 hex digits)', '完全なSHA（16進数40桁）')
            : f === 'short'
              ? o(f, 'Short SHA (8 hex digits)', '短いSHA（16進数8桁）')
              : o(f, 'No SHA tag', 'SHAのタグなし'),
        ),
      },
      {
        key: 'tagSemverLatest',
        kind: 'toggle',
        label: msg('latest for the highest stable version', '最も高い安定版にlatestを付ける'),
        help: msg(
          'Compared with every version tag of the repository; a pre-release or an older patch never moves latest.',
          'リポジトリのすべてのバージョンタグと比べます。プレリリースや古いパッチはlatestを動かしません。',
        ),
      },
      {
        key: 'tagTemplate',
        kind: 'text',
        label: msg('Tag template', 'タグのテンプレート'),
        help: msg(
          'One or more tags separated by spaces, e.g. $CI_COMMIT_REF_SLUG-$CI_PIPELINE_IID. A tag whose variables are all empty is dropped.',
          'スペース区切りで1つ以上のタグ。例: $CI_COMMIT_REF_SLUG-$CI_PIPELINE_IID。変数がすべて空のタグは除かれます。',
        ),
        format: msg(
          'Letters, digits, _ . - and $CI_… predefined variables (CI_COMMIT_SHA, CI_COMMIT_SHORT_SHA, CI_COMMIT_REF_SLUG, CI_COMMIT_REF_NAME, CI_COMMIT_BRANCH, CI_COMMIT_TAG, CI_DEFAULT_BRANCH, CI_MERGE_REQUEST_IID, CI_PIPELINE_IID, CI_PIPELINE_ID, CI_JOB_ID, CI_PROJECT_NAME).',
          '英数字、_ . -、定義済み変数$CI_…（CI_COMMIT_SHA、CI_COMMIT_SHORT_SHA、CI_COMMIT_REF_SLUG、CI_COMMIT_REF_NAME、CI_COMMIT_BRANCH、CI_COMMIT_TAG、CI_DEFAULT_BRANCH、CI_MERGE_REQUEST_IID、CI_PIPELINE_IID、CI_PIPELINE_ID、CI_JOB_ID、CI_PROJECT_NAME）。',
        ),
      },
      {
        key: 'ociLabels',
        kind: 'toggle',
        label: msg(
          'OCI labels (source, revision, created, version, title, URL)',
          'OCIラベル（ソース、リビジョン、作成日時、バージョン、タイトル、URL）',
        ),
        help: msg(
          'From GitLab predefined variables. Buildx and BuildKit also write them as manifest annotations; docker build without Buildx, Buildah and Podman (Docker image format) write labels only.',
          'GitLabの定義済み変数から設定します。BuildxとBuildKitはマニフェストのアノテーションとしても書きます。Buildxなしのdocker build、Buildah、Podman（Dockerイメージ形式）はラベルだけです。',
        ),
      },
      {
        key: 'buildArgs',
        kind: 'list',
        label: msg('Build arguments (NAME=value, comma-separated)', 'ビルド引数（NAME=value、カンマ区切り）'),
        help: msg(
          'Passed literally as --build-arg. Build arguments stay in the image history: never a secret (use build secrets).',
          '--build-argとしてそのまま渡します。ビルド引数はイメージの履歴に残るため、秘密情報には使わないでください（ビルドシークレットを使います）。',
        ),
        format: msg('NAME=value entries without commas.', 'カンマを含まないNAME=value。'),
      },
      {
        key: 'buildSecrets',
        kind: 'list',
        label: msg(
          'Build secrets (CI/CD variable names, comma-separated)',
          'ビルドシークレット（CI/CD変数名、カンマ区切り）',
        ),
        help: msg(
          'Each variable reaches the build as the secret of the same id (--secret id=NAME,env=NAME), read with RUN --mount=type=secret,id=NAME; it is never stored in the image.',
          '各変数は同じIDのシークレット（--secret id=NAME,env=NAME）としてビルドに渡り、RUN --mount=type=secret,id=NAMEで読みます。イメージには保存されません。',
        ),
        format: VAR_FORMAT,
      },
      {
        key: 'buildTarget',
        kind: 'text',
        label: msg('Target stage (optional)', 'ターゲットステージ（任意）'),
        help: msg('Empty: the last stage of the Dockerfile.', '空の場合はDockerfileの最後のステージ。'),
        format: msg('A stage name of FROM … AS name.', 'FROM … AS nameのステージ名。'),
      },
      {
        key: 'platforms',
        kind: 'multi',
        label: msg(
          'Platforms (two or more: multi-platform image)',
          'プラットフォーム（2つ以上でマルチプラットフォーム）',
        ),
        help: msg('None selected: the runner’s own platform.', '未選択の場合はRunner自身のプラットフォーム。'),
        options: PLATFORMS.map((p) => o(p, p, p)),
      },
      {
        key: 'multiArch',
        kind: 'choice',
        label: msg('How the platforms are built', 'プラットフォームのビルド方法'),
        help: msg(
          'Native builds each platform on a runner of that CPU, then a manifest job merges the images under every tag.',
          'ネイティブは各プラットフォームをそのCPUのRunnerでビルドし、マニフェストジョブがすべてのタグでイメージをまとめます。',
        ),
        options: [
          o(
            'qemu',
            'One job, QEMU emulation',
            '1つのジョブ、QEMUエミュレーション',
            msg(
              'Slow for RUN steps; binfmt handlers installed by a privileged container on every build host or node.',
              'RUNステップが遅くなります。すべてのビルドホストまたはノードに特権コンテナでbinfmtハンドラーを登録します。',
            ),
          ),
          o(
            'native',
            'One job per architecture, native runners',
            'アーキテクチャごとのジョブ、ネイティブのRunner',
            msg(
              'No QEMU and no privileged install; needs an amd64 and an arm64 runner (GitLab.com: saas-linux-small-arm64). amd64 and arm64 only.',
              'QEMUも特権での登録も不要です。amd64とarm64のRunnerが必要です（GitLab.com: saas-linux-small-arm64）。amd64とarm64のみ。',
            ),
          ),
        ],
      },
      {
        key: 'archTagAmd64',
        kind: 'text',
        label: msg('Runner tag of the amd64 runners', 'amd64のRunnerのタグ'),
        help: msg(
          'Added to the runner tags of the amd64 build job: only runners on amd64 hosts may carry it.',
          'amd64のビルドジョブのRunnerタグに追加します。amd64ホストのRunnerだけに付けてください。',
        ),
        format: TAG_FORMAT,
      },
      {
        key: 'archTagArm64',
        kind: 'text',
        label: msg('Runner tag of the arm64 runners', 'arm64のRunnerのタグ'),
        help: msg(
          'Added to the runner tags of the arm64 build job: only runners on arm64 hosts may carry it.',
          'arm64のビルドジョブのRunnerタグに追加します。arm64ホストのRunnerだけに付けてください。',
        ),
        format: TAG_FORMAT,
      },
      { key: 'compose', kind: 'toggle', label: msg('Jobs need docker compose', 'ジョブでdocker composeを使う') },
      { key: 'composeFile', kind: 'text', label: msg('Compose file', 'Composeファイル'), format: PATH_FORMAT },
      {
        key: 'runTests',
        kind: 'toggle',
        label: msg('Run the built image’s tests', 'ビルドしたイメージのテストを実行'),
      },
      {
        key: 'testCommand',
        kind: 'text',
        label: msg('Test command (inside the image)', 'テストコマンド（イメージ内）'),
        format: msg('One line of text.', '1行のテキスト。'),
      },
      {
        key: 'component',
        kind: 'toggle',
        label: msg('Also as a CI/CD catalog component', 'CI/CDカタログのコンポーネントとしても出力'),
        help: msg(
          'Adds component/templates/<name>.yml (the same jobs with typed inputs), its README and the include: component: snippet that uses it, for teams that share one build across projects.',
          'component/templates/<name>.yml（同じジョブを型付きインプットで）、そのREADME、それを使うinclude: component:のスニペットを追加します。複数のプロジェクトで1つのビルドを共有するチーム向けです。',
        ),
      },
      {
        key: 'componentName',
        kind: 'text',
        label: msg('Component name', 'コンポーネント名'),
        format: msg(
          'a-z, 0-9, - and _: the file templates/<name>.yml and the end of the include path.',
          'a-z、0-9、-、_。ファイルtemplates/<name>.ymlとincludeパスの末尾になります。',
        ),
      },
      {
        key: 'componentProject',
        kind: 'text',
        label: msg('Project that holds the component', 'コンポーネントを置くプロジェクト'),
        format: msg(
          'Its full path, such as my-group/ci-components (without the GitLab address).',
          'my-group/ci-componentsのようなフルパス（GitLabのアドレスなし）。',
        ),
      },
      // Gates (issue 14, item 4).
      {
        key: 'lint',
        kind: 'toggle',
        label: msg('Lint the Dockerfile before the build (hadolint)', 'ビルド前にDockerfileをlintする（hadolint）'),
        help: msg(
          'A lint-dockerfile job in stage lint, hadolint pinned by digest; with the policy "block", a failing lint stops the pipeline before the build.',
          'ステージlintのlint-dockerfileジョブ（hadolintをダイジェストで固定）。方針が「止める」なら、lintの失敗でビルド前にパイプラインが止まります。',
        ),
      },
      {
        key: 'lintThreshold',
        kind: 'choice',
        label: msg('Lint fails at', 'lintが失敗する重大度'),
        help: msg(
          'hadolint --failure-threshold: this severity or worse fails the job.',
          'hadolintの--failure-threshold。この重大度以上でジョブが失敗します。',
        ),
        options: OPTIONS.lintThreshold.map((l) =>
          l === 'error'
            ? o(l, 'error', 'error', msg('Only errors: the loosest gate.', 'errorのみ。最も緩いゲート。'))
            : l === 'warning'
              ? o(l, 'warning and error', 'warning以上')
              : l === 'info'
                ? o(l, 'info and above', 'info以上', msg("hadolint's own default.", 'hadolint自身の既定値。'))
                : o(l, 'style and above (every rule)', 'style以上（すべてのルール）'),
        ),
      },
      {
        key: 'scan',
        kind: 'choice',
        label: msg('Vulnerability scan of the pushed image', 'プッシュしたイメージの脆弱性スキャン'),
        help: msg(
          'A scan job per pushing build job, in stage scan, on the pushed digest; it gets none of the build’s registry logins.',
          'プッシュするビルドジョブごとに、ステージscanでプッシュしたダイジェストをスキャンするジョブ。ビルドのレジストリログインは一切渡りません。',
        ),
        options: [
          o('none', 'No scan', 'スキャンしない'),
          o(
            'trivy',
            'Trivy (pinned by digest)',
            'Trivy（ダイジェストで固定）',
            msg(
              'Fails the job at the severity threshold; results in the job log, every GitLab tier.',
              'しきい値の重大度でジョブが失敗します。結果はジョブログに出て、GitLabのすべてのプランで使えます。',
            ),
          ),
          o(
            'gitlab',
            'GitLab Container Scanning (template)',
            'GitLab Container Scanning（テンプレート）',
            msg(
              'Reports only, never fails; the merge request widget and vulnerability report are GitLab Ultimate.',
              '報告のみで失敗しません。マージリクエストのウィジェットと脆弱性レポートはGitLab Ultimateの機能です。',
            ),
          ),
        ],
      },
      {
        key: 'scanSeverity',
        kind: 'choice',
        label: msg('Lowest severity that counts', '対象とする最も低い重大度'),
        help: msg(
          'Trivy --severity from this level up; GitLab CS_SEVERITY_THRESHOLD (what is reported).',
          'Trivyの--severityはこのレベル以上、GitLabではCS_SEVERITY_THRESHOLD（報告する範囲）。',
        ),
        options: OPTIONS.scanSeverity.map((s) => o(s, s, s)),
      },
      {
        key: 'gatePolicy',
        kind: 'choice',
        label: msg('When a gate fails', 'ゲートが失敗したとき'),
        options: [
          o(
            'block',
            'Fail the pipeline',
            'パイプラインを失敗させる',
            msg(
              'A failing lint stops the build; a failing scan fails the pipeline (the image is already pushed: deploy only scanned digests).',
              'lintの失敗でビルドが止まり、スキャンの失敗でパイプラインが失敗します（イメージはプッシュ済みのため、スキャン済みのダイジェストだけをデプロイしてください）。',
            ),
          ),
          o(
            'report',
            'Warn only (allow_failure)',
            '警告のみ（allow_failure）',
            msg('The pipeline passes with a warning.', 'パイプラインは警告付きで成功します。'),
          ),
        ],
      },
      {
        key: 'scanUserVar',
        kind: 'text',
        label: msg('Scan: pull user variable', 'スキャン: 取得用ユーザーの変数'),
        help: msg(
          'A read-only credential for the scan (deploy token with read_registry, pull-only robot account), never the push one.',
          'スキャン用の読み取り専用認証情報（read_registryのデプロイトークン、pull専用のロボットアカウント）。プッシュ用のものは使いません。',
        ),
        format: VAR_FORMAT,
        variable: true,
      },
      {
        key: 'scanPasswordVar',
        kind: 'text',
        label: msg('Scan: pull token variable', 'スキャン: 取得用トークンの変数'),
        format: VAR_FORMAT,
        variable: true,
      },
    ],
  },
  {
    id: 'tls',
    title: msg('TLS', 'TLS'),
    intro: msg(
      'Between the job and a Docker-in-Docker daemon, and towards a registry with its own CA.',
      'ジョブとDocker-in-Dockerデーモンの間、および独自CAのレジストリとの通信。',
    ),
    questions: [
      {
        key: 'dindConnection',
        kind: 'choice',
        label: msg('Job to daemon', 'ジョブからデーモンへ'),
        options: [
          o(
            'tls',
            'TLS over TCP (port 2376)',
            'TCP上のTLS（ポート2376）',
            msg(
              'Certificates generated per job in /certs; the default.',
              '証明書はジョブごとに/certsに生成。既定値です。',
            ),
          ),
          o(
            'socket-volume',
            'Unix socket on a shared volume',
            '共有ボリューム上のUnixソケット',
            msg(
              'No network port at all; needs a runner volume.',
              'ネットワークポートなし。Runnerのボリュームが必要です。',
            ),
          ),
          o(
            'plain-tcp',
            'No TLS (port 2375)',
            'TLSなし（ポート2375）',
            msg(
              'Any container on the network can drive the daemon.',
              'ネットワーク上の任意のコンテナがデーモンを操作できます。',
            ),
          ),
        ],
      },
      {
        key: 'customCaVar',
        kind: 'text',
        variable: true,
        label: msg('Custom CA for the registry: file variable name', 'レジストリ用のカスタムCA: ファイル変数名'),
        help: msg(
          'Empty: no custom CA. The variable holds the PEM certificate (type File).',
          '空欄ならカスタムCAなし。変数にはPEM証明書を入れます（種類: ファイル）。',
        ),
        format: msg('Empty, or the name of a CI/CD file variable.', '空欄、またはCI/CDファイル変数の名前。'),
      },
      {
        key: 'customCaHost',
        kind: 'text',
        label: msg('Registry host the CA is for', 'CAを使うレジストリのホスト'),
        format: HOST_FORMAT,
      },
      {
        key: 'plainHttpRegistry',
        kind: 'text',
        label: msg('Registry that speaks plain HTTP (empty: none)', '平文HTTPで通信するレジストリ（空欄: なし）'),
        help: msg(
          'Declared insecure to the builder (dind --insecure-registry, daemon.json, buildkitd.toml http = true, registries.conf for Buildah and Podman). Credentials and images travel unencrypted: prefer TLS with a private CA (above).',
          'ビルダーに安全でないレジストリとして宣言します（dindの--insecure-registry、daemon.json、buildkitd.tomlのhttp = true、BuildahとPodmanのregistries.conf）。認証情報とイメージは暗号化されずに流れます。プライベートCAでのTLS（上記）を推奨します。',
        ),
        format: HOST_FORMAT,
      },
    ],
  },
  {
    id: 'network',
    title: msg('Network', 'ネットワーク'),
    intro: msg(
      'Proxies, registry mirrors and the MTU of nested networks.',
      'プロキシ、レジストリミラー、入れ子ネットワークのMTU。',
    ),
    questions: [
      {
        key: 'proxy',
        kind: 'choice',
        label: msg('HTTP(S) proxy', 'HTTP(S)プロキシ'),
        options: [
          o('none', 'No proxy', 'プロキシなし'),
          o(
            'job',
            'Set in .gitlab-ci.yml',
            '.gitlab-ci.ymlで設定',
            msg('For the job, the daemon and the build.', 'ジョブ、デーモン、ビルドに設定します。'),
          ),
          o(
            'runner',
            'Set on the runner',
            'Runnerで設定',
            msg(
              'Every job of the runner gets it; needs config.toml.',
              'Runnerのすべてのジョブに適用。config.tomlが必要です。',
            ),
          ),
        ],
      },
      {
        key: 'httpProxy',
        kind: 'text',
        label: msg('HTTP proxy URL (empty: a CI/CD variable)', 'HTTPプロキシのURL（空欄: CI/CD変数）'),
        format: URL_FORMAT,
        help: msg('Never put user:password in it.', 'user:passwordを含めないでください。'),
      },
      { key: 'httpsProxy', kind: 'text', label: msg('HTTPS proxy URL', 'HTTPSプロキシのURL'), format: URL_FORMAT },
      {
        key: 'noProxy',
        kind: 'text',
        label: msg('No proxy for (comma-separated)', 'プロキシを使わない宛先（カンマ区切り）'),
        help: msg(
          'docker and the service aliases are added for you.',
          'dockerとサービスのエイリアスは自動で追加されます。',
        ),
        format: msg('Hosts, domains or CIDRs separated by commas.', 'ホスト、ドメイン、CIDRをカンマで区切ります。'),
      },
      {
        key: 'mirrorUrl',
        kind: 'text',
        label: msg('Registry mirror URL (empty: none)', 'レジストリミラーのURL（空欄: なし）'),
        format: msg(
          'An https:// URL without user, query or fragment.',
          'ユーザー、クエリ、フラグメントのないhttps:// URL。',
        ),
      },
      {
        key: 'mirrorPlace',
        kind: 'choice',
        label: msg('Configure the mirror in', 'ミラーの設定場所'),
        options: [
          o('ci-service', 'The dind service command (.gitlab-ci.yml)', 'dindサービスのコマンド（.gitlab-ci.yml）'),
          o('runner-service', 'The runner’s service definition', 'Runnerのサービス定義'),
          o('daemon-json', 'daemon.json', 'daemon.json'),
          o('buildkitd', 'buildkitd.toml', 'buildkitd.toml'),
        ],
      },
      {
        key: 'toolImagePrefix',
        kind: 'text',
        label: msg(
          'Tool images come from my registry or mirror: image prefix (empty: public registries)',
          'ツールのイメージを自社のレジストリやミラーから取得: イメージのプレフィックス（空欄: 公開レジストリ）',
        ),
        help: msg(
          'The Docker, dind, BuildKit, Buildah, Podman and binfmt images keep their path under it (registry.example.com/mirror/docker:29.7.2-dind); the dind service keeps the alias docker.',
          'Docker、dind、BuildKit、Buildah、Podman、binfmtのイメージは、そのパスのままプレフィックスの下に置きます（registry.example.com/mirror/docker:29.7.2-dind）。dindサービスのエイリアスはdockerのままです。',
        ),
        format: msg(
          'host[:port]/path in lowercase, without scheme, tag or variable (registry.example.com:5050/infra/images).',
          '小文字のhost[:port]/path。スキーム、タグ、変数なし（registry.example.com:5050/infra/images）。',
        ),
      },
      {
        key: 'dependencyProxy',
        kind: 'toggle',
        label: msg(
          'Pull base images through the GitLab Dependency Proxy',
          'ベースイメージをGitLab Dependency Proxy経由で取得',
        ),
        help: msg('Avoids Docker Hub rate limits.', 'Docker Hubのレート制限を回避します。'),
      },
      {
        key: 'mtu',
        kind: 'number',
        label: msg('MTU of the DinD network (0: unset)', 'DinDネットワークのMTU（0: 未設定）'),
        help: msg(
          'Must not exceed the outer network’s MTU, or pulls hang (Kubernetes, VPNs).',
          '外側のネットワークのMTUを超えるとpullが止まります（Kubernetes、VPN）。',
        ),
        format: msg('0, or a number from 1000 to 9000.', '0、または1000から9000の数値。'),
      },
      {
        key: 'dindIptables',
        kind: 'choice',
        label: msg('iptables backend of the DinD daemon', 'DinDデーモンのiptablesバックエンド'),
        help: msg(
          'Force one (DOCKER_IPTABLES_LEGACY on the service) when the host kernel lacks the other: dockerd then fails with "(nf_tables): … No such file or directory" or "(legacy): … Table does not exist".',
          'ホストのカーネルにもう一方がない場合に固定します（サービスのDOCKER_IPTABLES_LEGACY）。その場合dockerdは「(nf_tables): … No such file or directory」や「(legacy): … Table does not exist」で失敗します。',
        ),
        options: [
          o('auto', "The image's choice", 'イメージの選択に任せる'),
          o('legacy', 'iptables-legacy', 'iptables-legacy'),
          o('nftables', 'nf_tables', 'nf_tables'),
        ],
      },
    ],
  },
  {
    id: 'cache',
    title: msg('Cache', 'キャッシュ'),
    intro: msg(
      'Each job starts with an empty builder unless the layers are cached.',
      'レイヤーをキャッシュしない限り、各ジョブは空のビルダーで始まります。',
    ),
    questions: [
      {
        key: 'cache',
        kind: 'choice',
        label: msg('Layer cache', 'レイヤーキャッシュ'),
        options: [
          o('none', 'None', 'なし', msg('Every layer rebuilt in every job.', '毎回すべてのレイヤーを再ビルド。')),
          o(
            'registry',
            'Registry cache',
            'レジストリキャッシュ',
            msg(
              'Layers exported to a cache image in the registry.',
              'レイヤーをレジストリのキャッシュイメージへエクスポート。',
            ),
          ),
          o(
            'inline',
            'Inline cache (--cache-from)',
            'インラインキャッシュ（--cache-from）',
            msg(
              'Cache metadata inside the pushed image; final stage only.',
              'プッシュするイメージ内にキャッシュ情報。最終ステージのみ。',
            ),
          ),
        ],
      },
      {
        key: 'cacheMode',
        kind: 'choice',
        label: msg('Cache export mode', 'キャッシュのエクスポートモード'),
        options: CACHE_EXPORT_MODES.map((m) =>
          m === 'max'
            ? o(m, 'max: every stage', 'max: 全ステージ')
            : o(m, 'min: final stage only', 'min: 最終ステージのみ'),
        ),
      },
      { key: 'cacheRef', kind: 'text', label: msg('Cache image', 'キャッシュイメージ'), format: IMAGE_FORMAT },
      {
        key: 'cachePerRef',
        kind: 'toggle',
        label: msg(
          'A cache per branch, falling back to the default branch’s',
          'ブランチごとのキャッシュ（なければデフォルトブランチのもの）',
        ),
        help: msg(
          'Each pipeline reads its branch’s cache, then the default branch’s, and writes its own (the cache image’s tag, or a sub-repository for Buildah and Podman, becomes the ref slug). Branches stop overwriting each other’s layers; old branch caches stay until a cleanup policy removes them.',
          '各パイプラインは自分のブランチのキャッシュ、次にデフォルトブランチのキャッシュを読み、自分のものに書き込みます（キャッシュイメージのタグ、Buildah/Podmanではサブリポジトリがrefのスラッグになります）。ブランチ同士がレイヤーを上書きしなくなります。古いブランチのキャッシュはクリーンアップポリシーで削除するまで残ります。',
        ),
      },
      {
        key: 'cacheProtectedWrite',
        kind: 'toggle',
        label: msg(
          'Only protected branches and tags write the cache',
          'キャッシュを書き込むのは保護ブランチとタグだけ',
        ),
        help: msg(
          'The cache-writing job runs only for protected refs; a twin job builds every other ref and only reads the cache, so nobody who can push a branch can poison the layers of release builds. Merge request pipelines are then not created (the branch pipeline shows in the merge request).',
          'キャッシュを書き込むジョブは保護されたrefでのみ実行し、それ以外のrefは同じ内容のジョブがキャッシュを読むだけでビルドします。ブランチをpushできる人がリリースビルドのレイヤーを汚染できなくなります。マージリクエストのパイプラインは作成されません（マージリクエストにはブランチのパイプラインが表示されます）。',
        ),
      },
      {
        key: 'overlay2',
        kind: 'choice',
        label: msg('Storage driver', 'ストレージドライバー'),
        options: [
          o('default', 'Daemon default', 'デーモンの既定値'),
          o('job', 'overlay2 for this project', 'このプロジェクトでoverlay2'),
          o('runner', 'overlay2 for the whole runner', 'Runner全体でoverlay2'),
        ],
      },
    ],
  },
  {
    id: 'auth',
    title: msg('Registry authentication', 'レジストリ認証'),
    intro: msg(
      'Only variable names are asked here. Create the variables in Settings > CI/CD > Variables.',
      'ここでは変数名のみを入力します。変数は設定 > CI/CD > 変数で作成します。',
    ),
    questions: [
      {
        key: 'authMethod',
        kind: 'choice',
        label: msg('How jobs log in', 'ジョブのログイン方法'),
        options: [
          o('login', 'docker login in the job', 'ジョブ内でdocker login'),
          o(
            'docker-auth-config',
            'DOCKER_AUTH_CONFIG variable',
            'DOCKER_AUTH_CONFIG変数',
            msg('One JSON variable for every registry.', 'すべてのレジストリを1つのJSON変数で。'),
          ),
          o(
            'mounted-config',
            'A config.json mounted by the runner',
            'Runnerがマウントするconfig.json',
            msg('Credentials stay on the runner host.', '認証情報はRunnerホストに置きます。'),
          ),
        ],
      },
      {
        key: 'passwordStdin',
        kind: 'toggle',
        label: msg('Pass the password with --password-stdin', '--password-stdinでパスワードを渡す'),
        help: msg('Otherwise it shows in the process list.', 'そうしないとプロセス一覧に表示されます。'),
      },
      {
        key: 'registryGitlab',
        kind: 'toggle',
        label: msg('GitLab Container Registry (predefined variables)', 'GitLabコンテナレジストリ（定義済み変数）'),
      },
      { key: 'registryDockerHub', kind: 'toggle', label: msg('Docker Hub', 'Docker Hub') },
      {
        key: 'dockerHubUserVar',
        kind: 'text',
        variable: true,
        label: msg('Docker Hub user variable', 'Docker Hubユーザーの変数'),
        format: VAR_FORMAT,
      },
      {
        key: 'dockerHubPasswordVar',
        kind: 'text',
        variable: true,
        label: msg('Docker Hub token variable', 'Docker Hubトークンの変数'),
        format: VAR_FORMAT,
      },
      { key: 'registryOther', kind: 'toggle', label: msg('Another registry', '別のレジストリ') },
      {
        key: 'otherRegistryHost',
        kind: 'text',
        label: msg('Registry host', 'レジストリのホスト'),
        format: HOST_FORMAT,
      },
      {
        key: 'otherUserVar',
        kind: 'text',
        variable: true,
        label: msg('User variable', 'ユーザーの変数'),
        format: VAR_FORMAT,
      },
      {
        key: 'otherPasswordVar',
        kind: 'text',
        variable: true,
        label: msg('Password variable', 'パスワードの変数'),
        format: VAR_FORMAT,
      },
      {
        key: 'authConfigVar',
        kind: 'text',
        variable: true,
        label: msg('Auth config variable', '認証設定の変数'),
        format: VAR_FORMAT,
      },
      {
        key: 'protectedOnly',
        kind: 'toggle',
        label: msg(
          'Variables are protected (protected branches and tags only)',
          '変数は保護（保護ブランチとタグのみ）',
        ),
      },
      // Supply chain and promotion (issue 14, items 3 and 6).
      {
        key: 'sbom',
        kind: 'toggle',
        label: msg('SBOM attestation of the pushed image', 'プッシュするイメージのSBOMアテステーション'),
        help: msg(
          'BuildKit (Buildx --sbom=true, buildctl --opt attest:sbom=) scans the build result and pushes an SPDX SBOM with the image. Buildah and Podman have no BuildKit attestations: not supported there. A registry that lists attestations as platforms shows an unknown/unknown entry.',
          'BuildKit（Buildxの--sbom=true、buildctlの--opt attest:sbom=）がビルド結果を調べ、SPDX形式のSBOMをイメージと一緒にプッシュします。BuildahとPodmanにはBuildKitのアテステーションがなく、対応していません。アテステーションをプラットフォームとして表示するレジストリでは、unknown/unknownの項目が見えます。',
        ),
      },
      {
        key: 'provenance',
        kind: 'choice',
        label: msg('Provenance attestation', 'provenanceアテステーション'),
        help: msg(
          'SLSA provenance of the build, pushed with the image. Buildx adds mode=min by default when it pushes; buildctl adds none. Buildah and Podman: not supported.',
          'ビルドのSLSA provenanceをイメージと一緒にプッシュします。Buildxはプッシュ時に既定でmode=minを付け、buildctlは付けません。BuildahとPodmanは対応していません。',
        ),
        options: OPTIONS.provenance.map((m) =>
          m === 'auto'
            ? o(
                m,
                "The builder's default",
                'ビルダーの既定',
                msg(
                  'Buildx: mode=min, except on a GitLab registry with BuildKit 0.32 or later, which refuses attestations (BUILDX_NO_DEFAULT_ATTESTATIONS=1 then). buildctl: none.',
                  'Buildx: mode=min。ただしアテステーションを拒否するGitLabレジストリとBuildKit 0.32以降の組み合わせでは付けません（BUILDX_NO_DEFAULT_ATTESTATIONS=1）。buildctl: なし。',
                ),
              )
            : m === 'off'
              ? o(m, 'None (--provenance=false)', 'なし（--provenance=false）')
              : m === 'min'
                ? o(m, 'mode=min: build parameters, no build steps', 'mode=min: ビルドの設定のみ、ビルド手順なし')
                : o(
                    m,
                    'mode=max: every build step and its inputs',
                    'mode=max: すべてのビルド手順と入力',
                    msg(
                      'Includes the values of build arguments: never pass secrets as build arguments.',
                      'ビルド引数の値も含まれます。秘密情報をビルド引数で渡さないでください。',
                    ),
                  ),
        ),
      },
      {
        key: 'sign',
        kind: 'choice',
        label: msg('Sign the pushed digest with cosign', 'プッシュしたダイジェストにcosignで署名'),
        help: msg(
          `A sign job after each pushing build job signs $IMAGE_REF (the digest from the build job's report, never a tag) in ${COSIGN_IMAGE}, and pushes the signature next to the image with the registry login of the build. Not on Windows runners or the shell executor (a Linux image).`,
          `プッシュする各ビルドジョブの後の署名ジョブが、${COSIGN_IMAGE}で$IMAGE_REF（ビルドジョブのレポートのダイジェスト。タグは使いません）に署名し、ビルドと同じレジストリのログインで署名をイメージの隣にプッシュします。WindowsのRunnerとshell executorでは使えません（Linuxイメージ）。`,
        ),
        options: OPTIONS.sign.map((m) =>
          m === 'none'
            ? o(m, 'No signing', '署名しない')
            : m === 'keyless'
              ? o(
                  m,
                  'Keyless: a GitLab ID token (aud sigstore), public Sigstore',
                  'キーレス: GitLabのIDトークン（aud sigstore）、公開Sigstore',
                  msg(
                    'GitLab.com only: the public Fulcio trusts no self-managed GitLab, which needs its own Fulcio, Rekor and CT log. The project path and ref are written to the public Rekor log.',
                    'GitLab.comのみ。公開Fulcioはセルフマネージドを信頼しないため、独自のFulcio、Rekor、CTログが必要です。プロジェクトのパスとrefは公開Rekorログに記録されます。',
                  ),
                )
              : o(
                  m,
                  'A key pair: the private key from a File-type CI/CD variable',
                  '鍵ペア: 秘密鍵は「ファイル」タイプのCI/CD変数から',
                  msg(
                    'For self-managed GitLab. The sign jobs run on protected refs only, so the key can be a Protected variable.',
                    'セルフマネージド向け。署名ジョブは保護されたrefでのみ動くため、鍵を保護された変数にできます。',
                  ),
                ),
        ),
      },
      {
        key: 'cosignKeyVar',
        kind: 'text',
        label: msg('CI/CD variable with the cosign private key (File)', 'cosign秘密鍵のCI/CD変数（ファイル）'),
        help: msg(
          'Type File, Protected: the content of cosign.key from cosign generate-key-pair.',
          'タイプは「ファイル」、保護を有効に。cosign generate-key-pairで作ったcosign.keyの内容です。',
        ),
        format: VAR_FORMAT,
        variable: true,
      },
      {
        key: 'cosignPasswordVar',
        kind: 'text',
        label: msg('CI/CD variable with the key password', '鍵のパスワードのCI/CD変数'),
        help: msg('Masked and Protected.', 'マスクと保護を有効に。'),
        format: VAR_FORMAT,
        variable: true,
      },
      {
        key: 'promoteTargets',
        kind: 'list',
        label: msg('Promote by digest to these repositories', 'ダイジェストで昇格するリポジトリ'),
        help: msg(
          `On protected branches and tags, a promote job copies $IMAGE_REF with skopeo copy --all (${SKOPEO_IMAGE.split('@')[0] ?? ''}, pinned by digest) to each repository under every tag the build pushed, without rebuilding, and checks the copy has the same digest. Docker Hub and the other registry log in with the variables of this step.`,
          `保護ブランチとタグで、昇格ジョブが$IMAGE_REFをskopeo copy --all（${SKOPEO_IMAGE.split('@')[0] ?? ''}、ダイジェストで固定）で各リポジトリへ、ビルドがプッシュしたすべてのタグでコピーします。再ビルドはせず、コピーのダイジェストが同じことを確認します。Docker Hubと別のレジストリはこのステップの変数でログインします。`,
        ),
        format: msg(
          'Comma-separated repositories without tag: docker.io/acme/app, $CI_REGISTRY_IMAGE/release.',
          'タグなしのリポジトリをカンマ区切りで: docker.io/acme/app, $CI_REGISTRY_IMAGE/release',
        ),
      },
    ],
  },
  {
    id: 'files',
    title: msg('Set it up', 'セットアップ'),
    intro: msg(
      'The steps for this exact configuration. Download everything, or copy each command.',
      'この構成のための手順です。すべてをダウンロードするか、各コマンドをコピーします。',
    ),
    questions: [],
  },
];

export const stepById = (id: StepId): Step => STEPS.find((s) => s.id === id) ?? (STEPS[0] as Step);
