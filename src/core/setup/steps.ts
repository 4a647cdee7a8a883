/**
 * SETUP.md's steps for this exact configuration, as a `SetupDoc` (./types.ts): the title, the introduction and the
 * numbered steps. The findings, the diagram and the permalink are added by `closeSetup` (./sections.ts) once the
 * other files exist (findings point at lines of this file too, so they come last).
 *
 * Every read of the plan is in this file, and it reads the plan's facts and groups only (`p.daemon`, `p.method`,
 * `p.runner`, `p.auth`, ...), never the raw answers: a source scan in `./plan-reads.test.ts` keeps it so.
 */
import { tr, type Lang } from '../i18n';
import { BINFMT_IMAGE, type Plan } from '../plan';
import { shQuote } from '../quote';
import {
  code,
  joined,
  SETUP_ANCHORS,
  spans,
  text,
  type Block,
  type Inlines,
  type SetupAnchor,
  type SetupDoc,
  type SetupStep,
} from './types';

interface VariableRow {
  name: string;
  value: string;
  flags: string;
}

function ciVariables(p: Plan, lang: Lang): VariableRow[] {
  const t = (en: string, ja: string) => tr(lang, en, ja);
  const rows: VariableRow[] = [];
  const masked = t('masked, hidden', 'マスク、非表示');
  const prot = p.build.protectedOnly ? t(', protected', '、保護') : '';
  if (p.auth.method === 'docker-auth-config') {
    rows.push({
      name: p.auth.authConfigVar,
      value: t(
        '{"auths":{"<host>":{"auth":"<base64 user:token>"}}} with one entry per registry',
        '{"auths":{"<host>":{"auth":"<base64 user:token>"}}}（レジストリごとに1エントリ）',
      ),
      flags: masked + prot,
    });
  } else {
    for (const l of p.logins) {
      if (l.user.startsWith('$CI_')) continue;
      rows.push({
        name: l.user.slice(1),
        value: t('user name (or deploy token user)', 'ユーザー名（またはデプロイトークンのユーザー）'),
        flags: prot ? prot.slice(2) : t('visible', '表示'),
      });
      rows.push({
        name: l.password.slice(1),
        value: t('access token with read/write registry scope', 'レジストリの読み書きスコープを持つアクセストークン'),
        flags: masked + prot,
      });
    }
  }
  if (p.auth.customCa)
    rows.push({
      name: p.auth.customCa.variable,
      value: t('the PEM CA certificate of the registry', 'レジストリのPEM形式CA証明書'),
      flags: t('type: File', '種類: ファイル'),
    });
  if (p.network.proxy === 'job' && !p.network.httpProxy && !p.network.httpsProxy) {
    // BuildKit reads the lower-case names too (the job sets both).
    const names = p.job.lowercaseProxy
      ? ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy']
      : ['HTTP_PROXY', 'HTTPS_PROXY'];
    for (const n of names)
      rows.push({
        name: n,
        value: t('proxy URL (may hold credentials)', 'プロキシURL（認証情報を含む場合あり）'),
        flags: masked,
      });
  }
  return rows;
}

/**
 * The steps of SETUP.md for the plan, in `lang`: a `SetupDoc` whose blocks are the title (heading 1), the list of
 * files, then steps numbered from 1. Pure; the same plan gives the same document.
 */
export function setupSteps(p: Plan, lang: Lang): SetupDoc {
  const t = <T>(en: T, ja: T): T => (lang === 'ja' ? ja : en);
  const doc: SetupDoc = { blocks: [] };
  let current: SetupStep | null = null;
  const add = (block: Block) => (current ? current.blocks.push(block) : doc.blocks.push(block));
  const step = (title: string) => {
    current = { kind: 'step', number: (current?.number ?? 0) + 1, title, blocks: [] };
    doc.blocks.push(current);
  };
  const para = (content: string | Inlines) =>
    add({ kind: 'paragraph', inlines: typeof content === 'string' ? [text(content)] : content });
  const list = (items: (string | Inlines)[]) =>
    add({ kind: 'list', items: items.map((item) => (typeof item === 'string' ? [text(item)] : item)) });
  /** A command block; `anchor` names it for the findings that point at it (`{ file: 'SETUP.md', path: [anchor] }`). */
  const command = (language: string, body: string, anchor?: SetupAnchor) =>
    add({ kind: 'code', language, text: body.replace(/\n$/, ''), ...(anchor ? { anchor } : {}) });
  const subheading = (title: string) => add({ kind: 'heading', level: 3, text: title });

  const multiPlatform = p.build.platforms.length > 1;
  const customCa = p.auth.customCa;
  // A shell runner on Linux that drives the host's dockerd: gitlab-runner joins the docker group.
  const dockerGroup = p.shellExecutor && p.daemon === 'host' && p.runner.os === 'linux';
  // The daemonless builder a shell runner installs on its host.
  const builder = p.method.tool === 'podman' ? 'Podman' : 'Buildah';

  // The method's title is the one wording shared with the questions and the diagram (the method modules).
  add({ kind: 'heading', level: 1, text: `${t('Setup', 'セットアップ')}: ${p.method.title[lang]}` });
  para(
    t(
      spans`Steps for this exact configuration. Files: ${joined(p.files.map(code), ', ')}.`,
      spans`この構成の手順です。ファイル: ${joined(p.files.map(code), '、')}`,
    ),
  );

  if (p.hosted) {
    step(t('Use the GitLab-hosted runners', 'GitLabホストのRunnerを使う'));
    para(
      t(
        spans`Nothing to install: jobs run on GitLab.com Linux runners, in a VM discarded after each job. Only ${code('.gitlab-ci.yml')} is needed.`,
        spans`インストールは不要です。ジョブはGitLab.comのLinux Runner上で、ジョブごとに破棄されるVMで実行されます。必要なのは${code('.gitlab-ci.yml')}だけです。`,
      ),
    );
  } else {
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

    if (p.k8s) {
      step(t('Prepare the cluster', 'クラスターを準備する'));
      para(
        t(
          spans`The runner and the job pods use the namespace ${code(p.runner.k8sNamespace)}.`,
          spans`Runnerとジョブポッドはネームスペース${code(p.runner.k8sNamespace)}を使います。`,
        ),
      );
      if (p.daemon === 'host-socket')
        para(
          t(
            'Socket binding needs nodes that run Docker Engine: nodes with containerd or CRI-O have no /var/run/docker.sock.',
            'ソケットバインディングにはDocker Engineが動くノードが必要です。containerdやCRI-Oのノードには/var/run/docker.sockがありません。',
          ),
        );
      // failures.md #16 multiplatform-no-emulation: an unprivileged builder cannot register QEMU itself
      if (multiPlatform && p.daemon !== 'dind-service')
        para(
          t(
            spans`Multi-platform builds emulate other CPUs with QEMU: register the binfmt handlers on every node that runs build pods (${code(`docker run --privileged --rm ${BINFMT_IMAGE} --install all`)}, or a privileged DaemonSet running that image), and again after each reboot.`,
            spans`マルチプラットフォームビルドはQEMUで他のCPUをエミュレートします。ビルドポッドを実行するすべてのノードでbinfmtハンドラーを登録します（${code(`docker run --privileged --rm ${BINFMT_IMAGE} --install all`)}、またはそのイメージを実行する特権DaemonSet）。再起動のたびに再度必要です。`,
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
    } else {
      step(t('Install GitLab Runner and Docker Engine', 'GitLab RunnerとDocker Engineをインストールする'));
      if (p.runner.os === 'windows')
        para(
          t(
            spans`Install GitLab Runner (${code('gitlab-runner.exe')}) and Docker Engine on Windows Server; Windows containers need a Windows host.`,
            spans`Windows ServerにGitLab Runner（${code('gitlab-runner.exe')}）とDocker Engineをインストールします。WindowsコンテナにはWindowsホストが必要です。`,
          ),
        );
      else if (p.runner.os === 'macos')
        para(
          t(
            spans`Install GitLab Runner (Homebrew ${code('gitlab-runner')}) and Docker Desktop.`,
            spans`GitLab Runner（Homebrewの${code('gitlab-runner')}）とDocker Desktopをインストールします。`,
          ),
        );
      else if (p.shellExecutor && p.daemon !== 'host')
        para(
          t(
            `Install GitLab Runner and ${builder} on the host (from your distribution's packages). They run rootless as the gitlab-runner user: no docker group, no daemon.`,
            `ホストにGitLab Runnerと${builder}をインストールします（ディストリビューションのパッケージ）。gitlab-runnerユーザーでルートレスに動作し、dockerグループもデーモンも不要です。`,
          ),
        );
      else
        para(
          t(
            'Install GitLab Runner and Docker Engine on the runner host (packages from the GitLab and Docker repositories for your distribution).',
            'RunnerホストにGitLab RunnerとDocker Engineをインストールします（ディストリビューション向けのGitLabとDockerのリポジトリのパッケージ）。',
          ),
        );

      const hostSteps: Inlines[] = [];
      if (dockerGroup) {
        step(t('Let gitlab-runner use Docker', 'gitlab-runnerがDockerを使えるようにする'));
        para(
          t(
            'Membership in the docker group is equivalent to root on this host (see the findings).',
            'dockerグループへの所属はこのホストのroot権限と同等です（指摘事項を参照）。',
          ),
        );
        command(
          'sh',
          'sudo usermod -aG docker gitlab-runner\nsudo -u gitlab-runner -H docker info',
          SETUP_ANCHORS.dockerGroup,
        );
      }
      if (p.daemonJsonTarget === 'runner-host-volume')
        hostSteps.push(
          t(
            spans`Copy ${code('daemon.json')} to ${code('/opt/docker/daemon.json')} on the runner host; config.toml mounts it into every container, and each dind service reads it.`,
            spans`${code('daemon.json')}をRunnerホストの${code('/opt/docker/daemon.json')}にコピーします。config.tomlがすべてのコンテナにマウントし、各dindサービスが読み込みます。`,
          ),
        );
      if (p.daemonJsonTarget === 'docker-host')
        hostSteps.push(
          p.runner.os === 'windows'
            ? t(
                spans`Merge ${code('daemon.json')} into ${code('C:\\ProgramData\\docker\\config\\daemon.json')} and restart the Docker service.`,
                spans`${code('daemon.json')}を${code('C:\\ProgramData\\docker\\config\\daemon.json')}に統合し、Dockerサービスを再起動します。`,
              )
            : t(
                spans`Merge ${code('daemon.json')} into ${code('/etc/docker/daemon.json')} on the host (dockerd refuses unknown keys), then ${code('sudo systemctl restart docker')}.`,
                spans`${code('daemon.json')}をホストの${code('/etc/docker/daemon.json')}に統合し（dockerdは未知のキーを拒否します）、${code('sudo systemctl restart docker')}を実行します。`,
              ),
        );
      if (customCa && p.daemon === 'dind-service')
        hostSteps.push(
          t(
            spans`Put the registry CA at ${code(`/etc/docker/certs.d/${customCa.host}/ca.crt`)} on the runner host; config.toml mounts /etc/docker/certs.d into the dind service.`,
            spans`レジストリのCAをRunnerホストの${code(`/etc/docker/certs.d/${customCa.host}/ca.crt`)}に置きます。config.tomlが/etc/docker/certs.dをdindサービスにマウントします。`,
          ),
        );
      if (customCa && (p.daemon === 'host-socket' || p.daemon === 'host'))
        hostSteps.push(
          t(
            spans`Put the registry CA at ${code(`/etc/docker/certs.d/${customCa.host}/ca.crt`)} on the host: the host daemon talks to the registry.`,
            spans`レジストリのCAをホストの${code(`/etc/docker/certs.d/${customCa.host}/ca.crt`)}に置きます。レジストリと通信するのはホストのデーモンです。`,
          ),
        );
      if (p.auth.method === 'mounted-config')
        hostSteps.push(
          t(
            spans`Create ${code('/opt/.docker/config.json')} on the runner host with ${code('sudo DOCKER_CONFIG=/opt/.docker docker login <registry>')}; config.toml mounts it read-only into every job.`,
            spans`Runnerホストで${code('sudo DOCKER_CONFIG=/opt/.docker docker login <registry>')}を実行し${code('/opt/.docker/config.json')}を作成します。config.tomlがすべてのジョブに読み取り専用でマウントします。`,
          ),
        );
      if (p.network.proxy === 'runner' && p.runner.os === 'linux')
        hostSteps.push(
          t(
            spans`The runner process itself needs the proxy to reach GitLab: ${code('sudo systemctl edit gitlab-runner')}, add ${code('[Service]')} with ${code('Environment="HTTP_PROXY=…" "HTTPS_PROXY=…" "NO_PROXY=…"')}, then restart it.`,
            spans`Runnerプロセス自体もGitLabに接続するためにプロキシが必要です。${code('sudo systemctl edit gitlab-runner')}で${code('[Service]')}に${code('Environment="HTTP_PROXY=…" "HTTPS_PROXY=…" "NO_PROXY=…"')}を追加し、再起動します。`,
          ),
        );
      if (multiPlatform && p.daemon !== 'dind-service')
        hostSteps.push(
          t(
            spans`Multi-platform builds emulate other CPUs with QEMU: register the handlers once on the host (${code(`docker run --privileged --rm ${BINFMT_IMAGE} --install all`)}), and again after each reboot.`,
            spans`マルチプラットフォームビルドはQEMUで他のCPUをエミュレートします。ホストでハンドラーを一度登録します（${code(`docker run --privileged --rm ${BINFMT_IMAGE} --install all`)}）。再起動のたびに再度必要です。`,
          ),
        );
      if (hostSteps.length) {
        step(t('Prepare the host', 'ホストを準備する'));
        list(hostSteps);
      }

      step(t('Register the runner', 'Runnerを登録する'));
      if (p.registerScript === 'ps1')
        command('powershell', `$env:${p.runner.tokenVariable} = '<token>'\n.\\register.ps1`);
      else command('sh', 'sh register.sh');
      const needsMerge = p.runnerServices.length > 0 || Object.keys(p.featureFlags).length > 0;
      para(
        needsMerge
          ? t(
              spans`Then merge the settings that register cannot set (see ${code('config.toml')}: services) into the ${code('[[runners]]')} entry it wrote, and restart:`,
              spans`次に、registerで設定できない項目（${code('config.toml')}のservices）を書き込まれた${code('[[runners]]')}エントリに統合し、再起動します:`,
            )
          : t(
              spans`register writes the ${code('[[runners]]')} entry shown in ${code('config.toml')} (compare them). After any manual change, restart:`,
              spans`registerは${code('config.toml')}に示す${code('[[runners]]')}エントリを書き込みます（比較してください）。手動で変更した場合は再起動します:`,
            ),
      );
      command(
        p.runner.os === 'windows' ? 'powershell' : 'sh',
        p.runner.os === 'windows'
          ? '.\\gitlab-runner.exe restart'
          : p.runner.os === 'macos'
            ? 'gitlab-runner restart'
            : 'sudo gitlab-runner restart',
      );
    }
  }

  const vars = ciVariables(p, lang);
  if (vars.length) {
    step(t('Create the CI/CD variables', 'CI/CD変数を作成する'));
    para(
      t(
        'Settings > CI/CD > Variables. Secrets live only there: the generated files reference them by name.',
        '設定 > CI/CD > 変数。秘密情報はそこにだけ保存し、生成ファイルは名前で参照します。',
      ),
    );
    add({
      kind: 'table',
      head: [[text(t('Variable', '変数'))], [text(t('Value', '値'))], [text(t('Flags', 'フラグ'))]],
      rows: vars.map((v) => [[code(v.name)], [text(v.value)], [text(v.flags)]]),
    });
    if (p.build.protectedOnly)
      para(
        t(
          'Protected variables are empty on unprotected branches: the jobs run only on protected refs.',
          '保護された変数は保護されていないブランチでは空になるため、ジョブは保護された参照でのみ実行します。',
        ),
      );
  }

  const repoSteps: Inlines[] = [];
  if (p.buildkitdToml)
    repoSteps.push(
      t(
        spans`Commit ${code('buildkitd.toml')} at the repository root (BUILDKITD_FLAGS points at it).`,
        spans`${code('buildkitd.toml')}をリポジトリのルートにコミットします（BUILDKITD_FLAGSが参照します）。`,
      ),
    );
  if (p.auth.dependencyProxy)
    repoSteps.push(
      t(
        spans`Pull base images through the Dependency Proxy (group projects only): in the Dockerfile, ${code('ARG CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX')} then ${code('FROM ${CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX}/node:22')} (for example); the build passes the argument.`,
        spans`依存プロキシ経由でベースイメージを取得します（グループのプロジェクトのみ）。Dockerfileに${code('ARG CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX')}、続けて${code('FROM ${CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX}/node:22')}（例）と書きます。ビルドが引数を渡します。`,
      ),
    );
  if (p.build.composeFile !== null)
    repoSteps.push(
      t(
        spans`${code(p.build.composeFile)} can use the built image as ${code('${BUILT_IMAGE}')}. Use ${code('docker compose')} (v2 plugin, in the docker image), not ${code('docker-compose')}.`,
        spans`${code(p.build.composeFile)}ではビルドしたイメージを${code('${BUILT_IMAGE}')}で参照できます。${code('docker-compose')}ではなく${code('docker compose')}（dockerイメージに含まれるv2プラグイン）を使います。`,
      ),
    );
  repoSteps.push(
    t(
      spans`Commit ${code('.gitlab-ci.yml')} and push.`,
      spans`${code('.gitlab-ci.yml')}をコミットしてプッシュします。`,
    ),
  );
  step(t('Update the repository', 'リポジトリを更新する'));
  list(repoSteps);

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
  if (p.k8s) command('sh', `kubectl get pods --namespace ${shQuote(p.runner.k8sNamespace)}`);
  if (dockerGroup) command('sh', 'sudo -u gitlab-runner -H docker info');

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
  if (p.daemon === 'buildkitd-service') {
    subheading(t('Why a buildkitd service and not docker:dind', 'docker:dindではなくbuildkitdサービスを使う理由'));
    para(
      t(
        'buildctl talks to a BuildKit daemon (BUILDKIT_HOST), not to dockerd: with only a docker:dind service it has nothing to connect to. The job therefore runs buildkitd in a privileged service container, reached at tcp://buildkitd:1234.',
        'buildctlはdockerdではなくBuildKitデーモン（BUILDKIT_HOST）に接続します。docker:dindサービスだけでは接続先がありません。そのためジョブはbuildkitdを特権サービスコンテナで実行し、tcp://buildkitd:1234で接続します。',
      ),
    );
  }
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
  return doc;
}
