/**
 * SETUP.md's first steps: the GitLab-hosted runners, or the runner created in GitLab and, on Kubernetes, the cluster
 * prepared and the objects applied. Reads the plan's facts and groups only (see `./steps.ts`).
 */
import type { K8sBuildException, Plan } from '../plan';
import { shQuote } from '../quote';
import type { StepWriter } from './step-writer';
import { code, joined, SETUP_ANCHORS, spans } from './types';

/** Step "Use the GitLab-hosted runners": nothing to install, for a plan on GitLab.com's hosted runners (`p.hosted`). */
export function hostedRunnerStep(w: StepWriter, p: Plan): void {
  const { t, step, para } = w;
  step(t('Use the GitLab-hosted runners', 'GitLabホストのRunnerを使う'));
  para(
    t(
      spans`Nothing to install: jobs run on GitLab.com Linux runners, in a VM discarded after each job. Only ${code('.gitlab-ci.yml')} is needed.`,
      spans`インストールは不要です。ジョブはGitLab.comのLinux Runner上で、ジョブごとに破棄されるVMで実行されます。必要なのは${code('.gitlab-ci.yml')}だけです。`,
    ),
  );
  // Native multi-arch (issue 14, item 5): GitLab.com offers the small Linux Arm runner on every tier since
  // gitlab-org/gitlab#501423; larger Arm machine types are for Premium and Ultimate (gitlab-org/gitlab#460872).
  const ma = p.multiArch;
  if (ma?.mode === 'native')
    para(
      t(
        spans`Each architecture is built natively on its hosted runner: ${joined(
          ma.archs.flatMap((x) => (x.tags ?? []).map(code)),
          ', ',
        )}. The small Linux Arm runner is available on every tier, Free included; larger Arm machine types (${code('saas-linux-medium-arm64')} and up) need Premium or Ultimate, and every job uses compute minutes.`,
        spans`各アーキテクチャはホストRunner上でネイティブにビルドします: ${joined(
          ma.archs.flatMap((x) => (x.tags ?? []).map(code)),
          '、',
        )}。小さいLinux ArmのRunnerはFreeを含むすべてのプランで使えます。より大きいArmのマシンタイプ（${code('saas-linux-medium-arm64')}以上）はPremiumまたはUltimateが必要で、どのジョブもコンピューティング時間を消費します。`,
      ),
    );
}

/**
 * Step "Create the runner in GitLab": the runner authentication token (glrt-...) created in the project's settings,
 * with the tags set there, or the legacy registration token (anchored `SETUP_ANCHORS.legacyRegistrationToken`); both
 * kept in the environment variable `p.runner.tokenVariable`.
 */
export function createRunnerStep(w: StepWriter, p: Plan): void {
  const { t, step, para, command } = w;
  step(t('Create the runner in GitLab', 'GitLabでRunnerを作成する'));
  if (p.runner.registration === 'legacy') {
    para(
      t(
        'You asked for the legacy registration token (deprecated, disabled by default since GitLab 17.0). Copy it from Settings > CI/CD > Runners and keep it in an environment variable:',
        'レガシー登録トークン（非推奨、GitLab 17.0以降はデフォルトで無効）が指定されています。設定 > CI/CD > Runnerからコピーし、環境変数に保存します:',
      ),
    );
    command('sh', `export ${p.runner.tokenVariable}='<registration token>'`, SETUP_ANCHORS.legacyRegistrationToken);
  } else {
    const tags = (separator: string, none: string) =>
      p.runner.tags.length ? joined(p.runner.tags.map(code), separator) : none;
    para(
      t(
        spans`In your project, open Settings > CI/CD > Runners > New project runner. Set the tags (${tags(', ', 'none')}) there: with runner authentication tokens, tags are stored in GitLab, not passed to register. Copy the token (glrt-...) into an environment variable, never into a file:`,
        spans`プロジェクトの設定 > CI/CD > Runner > 新しいプロジェクトRunnerを開きます。タグ（${tags('、', 'なし')}）はそこで設定します。Runner認証トークンではタグはGitLab側に保存され、registerには渡しません。トークン（glrt-...）をファイルではなく環境変数にコピーします:`,
      ),
    );
    command('sh', `export ${p.runner.tokenVariable}='<glrt-... token>'`);
  }
}

/**
 * Step "Prepare the cluster" (Kubernetes executor): the namespace, the node requirements (Docker Engine for socket
 * binding, Windows nodes for the named pipe, the EKS service rename, QEMU handlers for multi-platform builds) and
 * the files that the ConfigMaps of kubernetes.sh read (`p.configMaps`).
 */
export function clusterStep(w: StepWriter, p: Plan): void {
  const { t, step, para, command } = w;
  const emulated = p.multiArch?.mode === 'qemu';
  step(t('Prepare the cluster', 'クラスターを準備する'));
  para(
    t(
      spans`The runner and the job pods use the namespace ${code(p.runner.k8sNamespace)}.`,
      spans`Runnerとジョブポッドはネームスペース${code(p.runner.k8sNamespace)}を使います。`,
    ),
  );
  k8sPodParagraphs(w, p);
  if (p.daemon === 'host-socket')
    para(
      t(
        'Socket binding needs nodes that run Docker Engine: nodes with containerd or CRI-O have no /var/run/docker.sock.',
        'ソケットバインディングにはDocker Engineが動くノードが必要です。containerdやCRI-Oのノードには/var/run/docker.sockがありません。',
      ),
    );
  // failures.md #16 multiplatform-no-emulation: an unprivileged builder cannot register QEMU itself
  if (emulated && p.daemon !== 'dind-service')
    para(
      t(
        spans`Multi-platform builds emulate other CPUs with QEMU: register the binfmt handlers on every node that runs build pods (${code(`docker run --privileged --rm ${p.binfmtImage} --install all`)}, or a privileged DaemonSet running that image), and again after each reboot.`,
        spans`マルチプラットフォームビルドはQEMUで他のCPUをエミュレートします。ビルドポッドを実行するすべてのノードでbinfmtハンドラーを登録します（${code(`docker run --privileged --rm ${p.binfmtImage} --install all`)}、またはそのイメージを実行する特権DaemonSet）。再起動のたびに再度必要です。`,
      ),
    );
  if (emulated && p.daemon !== 'dind-service')
    command('sh', `docker run --privileged --rm ${p.binfmtImage} --install all`, SETUP_ANCHORS.binfmt);
  // Issue 14, item 5: registering binfmt handlers is a privileged act on the node's kernel, whatever the job
  // namespace enforces; say who must do it instead of hiding it (finding qemu-binfmt-privileged).
  if (emulated && p.daemon !== 'dind-service' && (p.k8sPod?.level !== 'privileged' || !p.runner.allowPrivileged))
    para(
      t(
        spans`This is a task for the cluster administrator: the job namespace ${p.k8sPod && p.k8sPod.level !== 'privileged' ? spans`enforces Pod Security ${code(p.k8sPod.level)}` : 'runs no privileged container'}, so the DaemonSet must run in another namespace that allows privileged pods, on every node that may run build pods. Native multi-arch builds (one job per architecture on nodes of that architecture) need no QEMU and no privileged pod.`,
        spans`これはクラスター管理者の作業です。ジョブのネームスペースは${p.k8sPod && p.k8sPod.level !== 'privileged' ? spans`Pod Security ${code(p.k8sPod.level)}を強制する` : '特権コンテナを実行しない'}ため、DaemonSetは特権ポッドを許可する別のネームスペースで、ビルドポッドを実行しうるすべてのノードに配置します。ネイティブのマルチアーキテクチャビルド（アーキテクチャごとのジョブをそのアーキテクチャのノードで実行）ではQEMUも特権ポッドも不要です。`,
      ),
    );
  if (p.multiArch?.mode === 'native')
    para(
      t(
        spans`Native multi-arch: each per-architecture job sets ${code('KUBERNETES_NODE_SELECTOR_ARCH')} (${joined(
          p.multiArch.archs.map((x) => code(`kubernetes.io/arch=${x.arch}`)),
          ', ',
        )}), which the runner lets through (${code('node_selector_overwrite_allowed')}): the cluster needs nodes of each architecture, and the runner picks the matching helper image.`,
        spans`ネイティブのマルチアーキテクチャ: 各アーキテクチャのジョブは${code('KUBERNETES_NODE_SELECTOR_ARCH')}（${joined(
          p.multiArch.archs.map((x) => code(`kubernetes.io/arch=${x.arch}`)),
          '、',
        )}）を設定し、Runnerがそれを許可します（${code('node_selector_overwrite_allowed')}）。クラスターには各アーキテクチャのノードが必要で、Runnerは対応するヘルパーイメージを選びます。`,
      ),
    );
  if (p.daemon === 'host-pipe') {
    para(
      t(
        'The cluster needs Windows nodes with Docker Engine installed and running.',
        'クラスターにはDocker EngineがインストールされWindowsノードが必要です。',
      ),
    );
    if (p.runner.eksDockerdRename) {
      para(
        t(
          spans`On AWS EKS, the bootstrap script stops the ${code('docker')} service when it migrates to containerd. After installing Docker CE on each Windows node, rename the service (eks-dockerd.ps1):`,
          spans`AWS EKSでは、ブートストラップスクリプトがcontainerdへの移行時に${code('docker')}サービスを停止します。各WindowsノードにDocker CEをインストールした後、サービス名を変更します（eks-dockerd.ps1）:`,
        ),
      );
      command(
        'powershell',
        'Stop-Service -Name docker\ndockerd --register-service --service-name dockerd\nStart-Service -Name dockerd',
      );
    }
  }
  for (const cm of p.configMaps) {
    if (cm.name === 'docker-client-config')
      para(
        t(
          spans`Create ${code('config.json')} on your machine with ${code('DOCKER_CONFIG=. docker login <registry>')} (it holds credentials: never commit it). The ConfigMap is readable by anyone who can read ConfigMaps in the namespace.`,
          spans`${code('DOCKER_CONFIG=. docker login <registry>')}で手元に${code('config.json')}を作成します（認証情報を含むためコミットしない）。ConfigMapはネームスペースのConfigMapを読める人なら誰でも読めます。`,
        ),
      );
    if (cm.name === 'registry-ca')
      para(
        t(
          spans`Put the registry CA certificate next to kubernetes.sh as ${code('ca.crt')}.`,
          spans`レジストリのCA証明書を${code('ca.crt')}としてkubernetes.shの隣に置きます。`,
        ),
      );
    if (cm.name === 'docker-daemon')
      para(
        t(
          spans`${code('daemon.json')} (next to this file) configures every dind service through the ConfigMap ${code('docker-daemon')}.`,
          spans`${code('daemon.json')}（このファイルの隣）はConfigMap ${code('docker-daemon')}を通じてすべてのdindサービスを設定します。`,
        ),
      );
  }
}

/** What the build container needs beyond the level, as SETUP.md words it. */
const EXCEPTION_TEXT: Record<K8sBuildException, { en: string; ja: string }> = {
  'apparmor-unconfined': { en: 'an Unconfined AppArmor profile', ja: 'UnconfinedのAppArmorプロファイル' },
  'seccomp-unconfined': { en: 'an Unconfined seccomp profile', ja: 'Unconfinedのseccompプロファイル' },
  'privilege-escalation': {
    en: 'privilege escalation (the setuid newuidmap/newgidmap)',
    ja: '権限昇格（setuidのnewuidmap/newgidmap）',
  },
  capabilities: { en: 'its default capabilities (not dropped)', ja: '既定のケーパビリティ（削除しない）' },
};

/**
 * The job namespace's Pod Security level and the node architecture (Kubernetes on Linux nodes): how to check the
 * level, what the build container needs beyond it and how to exempt it, and how a job picks its architecture.
 * Sources: Kubernetes Pod Security Standards and Pod Security Admission; GitLab Runner docs, Kubernetes executor.
 */
function k8sPodParagraphs(w: StepWriter, p: Plan): void {
  const { t, para, command } = w;
  const pod = p.k8sPod;
  if (!pod) return;
  if (pod.level !== 'privileged') {
    para(
      t(
        spans`The namespace enforces the Pod Security level ${code(pod.level)}. Check its labels (this setup never changes them): baseline forbids privileged containers, hostPath volumes such as the Docker socket, added capabilities and Unconfined AppArmor or seccomp profiles; restricted also requires a non-root user, no privilege escalation, every capability dropped and the RuntimeDefault seccomp profile. Docker-in-Docker, buildctl with a buildkitd service and socket binding cannot run under either level.`,
        spans`ネームスペースはPod Securityレベル${code(pod.level)}を強制しています。ラベルを確認します（この構成はラベルを変更しません）。baselineは特権コンテナ、Dockerソケットなどのhostパスボリューム、ケーパビリティの追加、UnconfinedのAppArmor/seccompプロファイルを禁止し、restrictedはさらに非rootユーザー、権限昇格なし、全ケーパビリティの削除、RuntimeDefaultのseccompプロファイルを要求します。Docker-in-Docker、buildkitdサービスとbuildctl、ソケットバインディングはどちらのレベルでも動きません。`,
      ),
    );
    command('sh', `kubectl get namespace ${shQuote(p.runner.k8sNamespace)} --show-labels`);
  }
  if (pod.buildExceptions.length > 0) {
    const list = (lang: 'en' | 'ja') =>
      pod.buildExceptions.map((e) => EXCEPTION_TEXT[e][lang]).join(lang === 'en' ? ', ' : '、');
    para(
      t(
        spans`${p.method.title.en} creates a user namespace in the build container, which needs ${list('en')}: more than ${code(pod.level)} allows. Exempt the build container in the namespace's policy (Gatekeeper: the builder image in ${code('exemptImages')}; Kyverno: a PolicyException; OpenShift: an SCC for the runner's service account). Pod Security Admission cannot exempt one container: exempt the namespace in the cluster's AdmissionConfiguration, run the job pods in a namespace labelled ${code('pod-security.kubernetes.io/enforce=privileged')}, or build on GitLab-hosted runners. Kubernetes user namespaces (${code('hostUsers: false')}, Kubernetes 1.33 and later) lower the risk of such an exemption but do not lift the level's rules.`,
        spans`${p.method.title.ja}はビルドコンテナ内でユーザー名前空間を作るため、${list('ja')}が必要です。${code(pod.level)}の許可範囲を超えます。ネームスペースのポリシーでビルドコンテナを除外します（Gatekeeper: ${code('exemptImages')}にビルダーのイメージ、Kyverno: PolicyException、OpenShift: RunnerのサービスアカウントにSCC）。Pod Security Admissionはコンテナ単位で除外できません。クラスターのAdmissionConfigurationでネームスペースを除外するか、${code('pod-security.kubernetes.io/enforce=privileged')}のラベルを付けたネームスペースでジョブポッドを実行するか、GitLabホストのRunnerでビルドします。Kubernetesのユーザー名前空間（${code('hostUsers: false')}、Kubernetes 1.33以降）はこの除外のリスクを下げますが、レベルの規則はなくなりません。`,
      ),
    );
  }
  if (pod.nodeArch === 'mixed')
    para(
      t(
        spans`Job pods run on amd64 nodes unless a job sets ${code('KUBERNETES_NODE_SELECTOR_ARCH: "kubernetes.io/arch=arm64"')}; the runner then takes the arm64 helper image. The job's own images must exist for that architecture (multi-arch images).`,
        spans`ジョブポッドはamd64ノードで動きます。ジョブが${code('KUBERNETES_NODE_SELECTOR_ARCH: "kubernetes.io/arch=arm64"')}を設定するとarm64ノードで動き、Runnerはarm64のヘルパーイメージを使います。ジョブのイメージもそのアーキテクチャ用が必要です（マルチアーキテクチャイメージ）。`,
      ),
    );
  else if (pod.nodeArch !== 'any')
    para(
      t(
        spans`Job pods run on ${code(pod.nodeArch)} nodes only (node selector ${code(`kubernetes.io/arch=${pod.nodeArch}`)}), with the helper image of that architecture; the job's images must exist for it.`,
        spans`ジョブポッドは${code(pod.nodeArch)}ノードでのみ動き（ノードセレクター${code(`kubernetes.io/arch=${pod.nodeArch}`)}）、そのアーキテクチャのヘルパーイメージを使います。ジョブのイメージもそのアーキテクチャ用が必要です。`,
      ),
    );
}

/**
 * Step "Install the runner with Helm" or "Apply the Kubernetes objects": run kubernetes.sh with the runner token in
 * its environment; without Helm, merge the `[[runners]]` entry of config.toml into the runner's configuration.
 */
export function applyKubernetesStep(w: StepWriter, p: Plan): void {
  const { t, step, para, command } = w;
  step(
    t(
      p.runner.helm ? 'Install the runner with Helm' : 'Apply the Kubernetes objects',
      p.runner.helm ? 'HelmでRunnerをインストールする' : 'Kubernetesオブジェクトを適用する',
    ),
  );
  command('sh', `${p.runner.tokenVariable}="$${p.runner.tokenVariable}" sh kubernetes.sh`);
  if (!p.runner.helm)
    para(
      t(
        spans`Merge the ${code('[[runners]]')} entry of ${code('config.toml')} into the configuration of your runner and restart it.`,
        spans`${code('config.toml')}の${code('[[runners]]')}エントリをRunnerの設定に統合し、再起動します。`,
      ),
    );
}

/**
 * Native multi-arch (issue 14, item 5), self-managed runners outside Kubernetes: one runner per architecture, each
 * with the runner tags plus its architecture's tag, so that each per-architecture job lands on a host of that CPU.
 * Nothing for hosted runners (see `hostedRunnerStep`), Kubernetes (`clusterStep`) or emulated builds.
 */
export function archRunnersStep(w: StepWriter, p: Plan): void {
  const { t, step, para, list } = w;
  const ma = p.multiArch;
  if (ma?.mode !== 'native' || p.hosted || p.k8s) return;
  step(t('Add a runner per architecture', 'アーキテクチャごとにRunnerを追加する'));
  para(
    t(
      spans`Each image architecture is built natively by its own job: set up the runner of this page once per architecture, on a host of that CPU, with these tags (create each runner in GitLab with them; ${code('uname -m')} prints ${code('x86_64')} on amd64 and ${code('aarch64')} on arm64):`,
      spans`イメージの各アーキテクチャはそれぞれのジョブがネイティブにビルドします。このページのRunnerをアーキテクチャごとに、そのCPUのホストで1回ずつセットアップし、次のタグを付けます（GitLabで各Runnerをこのタグで作成します。${code('uname -m')}はamd64で${code('x86_64')}、arm64で${code('aarch64')}を表示します）:`,
    ),
  );
  list(
    ma.archs.map((x) =>
      t(
        spans`${code(x.platform)}: ${joined((x.tags ?? []).map(code), ', ')}`,
        spans`${code(x.platform)}: ${joined((x.tags ?? []).map(code), '、')}`,
      ),
    ),
  );
  para(
    t(
      'A job waits (pending) until a runner with all of its tags is online: an architecture without a runner holds the manifest job back, and no tag is moved.',
      'ジョブはすべてのタグを持つRunnerがオンラインになるまで待機（pending）します。Runnerのないアーキテクチャがあるとマニフェストジョブは実行されず、タグは更新されません。',
    ),
  );
}
