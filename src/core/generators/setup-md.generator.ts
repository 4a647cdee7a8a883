/**
 * SETUP.md: the ordered steps for this exact configuration. The findings and the permalink are appended by
 * `generate()` once the other files exist (findings point at lines of this file too, so they come last).
 */
import { tr, type Lang } from '../i18n';
import type { Finding } from '../findings';
import { BINFMT_IMAGE, type Plan } from '../plan';
import { shQuote } from '../quote';
import { isBuildKitRootless, isMultiPlatform, usesDockerCli } from '../rules';
import { logins } from './gitlab-ci.generator';

interface VariableRow {
  name: string;
  value: string;
  flags: string;
}

function ciVariables(p: Plan, lang: Lang): VariableRow[] {
  const a = p.a;
  const t = (en: string, ja: string) => tr(lang, en, ja);
  const rows: VariableRow[] = [];
  const masked = t('masked, hidden', 'マスク、非表示');
  const prot = a.protectedOnly ? t(', protected', '、保護') : '';
  if (a.authMethod === 'docker-auth-config') {
    rows.push({
      name: a.authConfigVar,
      value: t(
        '{"auths":{"<host>":{"auth":"<base64 user:token>"}}} with one entry per registry',
        '{"auths":{"<host>":{"auth":"<base64 user:token>"}}}（レジストリごとに1エントリ）',
      ),
      flags: masked + prot,
    });
  } else {
    for (const l of logins(a)) {
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
  if (a.customCaVar)
    rows.push({
      name: a.customCaVar,
      value: t('the PEM CA certificate of the registry', 'レジストリのPEM形式CA証明書'),
      flags: t('type: File', '種類: ファイル'),
    });
  if (a.proxy === 'job' && !a.httpProxy && !a.httpsProxy) {
    const names =
      isBuildKitRootless(a) || a.method === 'buildctl'
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

export function generateSetupMd(p: Plan, lang: Lang): string {
  const a = p.a;
  const t = (en: string, ja: string) => tr(lang, en, ja);
  const out: string[] = [];
  let n = 0;
  const step = (title: string) => {
    n += 1;
    out.push('', `## ${n}. ${title}`, '');
  };
  const code = (language: string, body: string) => out.push('', '```' + language, body.replace(/\n$/, ''), '```', '');

  const methodName: Record<string, string> = {
    dind: 'Docker-in-Docker',
    socket: t('Docker socket binding', 'Dockerソケットバインディング'),
    pipe: t('Docker pipe binding', 'Dockerパイプバインディング'),
    host: t('the host Docker daemon (shell executor)', 'ホストのDockerデーモン（shell executor）'),
    'buildkit-rootless': t('rootless BuildKit', 'ルートレスBuildKit'),
    buildctl: t('BuildKit (buildctl) with a buildkitd service', 'buildkitdサービスとBuildKit（buildctl）'),
    buildah: 'Buildah',
    podman: 'Podman',
    'kaniko-migration': t('rootless BuildKit (migrated from Kaniko)', 'ルートレスBuildKit（Kanikoから移行）'),
  };
  out.push(`# ${t('Setup', 'セットアップ')}: ${methodName[a.method] ?? a.method}`);
  out.push('');
  out.push(
    t(
      `Steps for this exact configuration. Files: ${p.files.map((f) => '`' + f + '`').join(', ')}.`,
      `この構成の手順です。ファイル: ${p.files.map((f) => '`' + f + '`').join('、')}`,
    ),
  );

  if (p.hosted) {
    step(t('Use the GitLab-hosted runners', 'GitLabホストのRunnerを使う'));
    out.push(
      t(
        'Nothing to install: jobs run on GitLab.com Linux runners, in a VM discarded after each job. Only `.gitlab-ci.yml` is needed.',
        'インストールは不要です。ジョブはGitLab.comのLinux Runner上で、ジョブごとに破棄されるVMで実行されます。必要なのは`.gitlab-ci.yml`だけです。',
      ),
    );
  } else {
    step(t('Create the runner in GitLab', 'GitLabでRunnerを作成する'));
    if (a.registration === 'legacy') {
      out.push(
        t(
          'You asked for the legacy registration token (deprecated, disabled by default since GitLab 17.0). Copy it from Settings > CI/CD > Runners and keep it in an environment variable:',
          'レガシー登録トークン（非推奨、GitLab 17.0以降はデフォルトで無効）が指定されています。設定 > CI/CD > Runnerからコピーし、環境変数に保存します:',
        ),
      );
      code('sh', "export REGISTRATION_TOKEN='<registration token>'");
    } else {
      out.push(
        t(
          `In your project, open Settings > CI/CD > Runners > New project runner. Set the tags (${a.runnerTags.map((x) => '`' + x + '`').join(', ') || 'none'}) there: with runner authentication tokens, tags are stored in GitLab, not passed to register. Copy the token (glrt-...) into an environment variable, never into a file:`,
          `プロジェクトの設定 > CI/CD > Runner > 新しいプロジェクトRunnerを開きます。タグ（${a.runnerTags.map((x) => '`' + x + '`').join('、') || 'なし'}）はそこで設定します。Runner認証トークンではタグはGitLab側に保存され、registerには渡しません。トークン（glrt-...）をファイルではなく環境変数にコピーします:`,
        ),
      );
      code('sh', "export RUNNER_TOKEN='<glrt-... token>'");
    }

    if (p.k8s) {
      step(t('Prepare the cluster', 'クラスターを準備する'));
      out.push(
        t(
          `The runner and the job pods use the namespace \`${a.k8sNamespace}\`.`,
          `Runnerとジョブポッドはネームスペース\`${a.k8sNamespace}\`を使います。`,
        ),
      );
      if (p.daemon === 'host-socket')
        out.push(
          '',
          t(
            'Socket binding needs nodes that run Docker Engine: nodes with containerd or CRI-O have no /var/run/docker.sock.',
            'ソケットバインディングにはDocker Engineが動くノードが必要です。containerdやCRI-Oのノードには/var/run/docker.sockがありません。',
          ),
        );
      // failures.md #16 multiplatform-no-emulation: an unprivileged builder cannot register QEMU itself
      if (isMultiPlatform(a) && a.method !== 'dind')
        out.push(
          '',
          t(
            `Multi-platform builds emulate other CPUs with QEMU: register the binfmt handlers on every node that runs build pods (\`docker run --privileged --rm ${BINFMT_IMAGE} --install all\`, or a privileged DaemonSet running that image), and again after each reboot.`,
            `マルチプラットフォームビルドはQEMUで他のCPUをエミュレートします。ビルドポッドを実行するすべてのノードでbinfmtハンドラーを登録します（\`docker run --privileged --rm ${BINFMT_IMAGE} --install all\`、またはそのイメージを実行する特権DaemonSet）。再起動のたびに再度必要です。`,
          ),
        );
      if (a.method === 'pipe') {
        out.push(
          '',
          t(
            'The cluster needs Windows nodes with Docker Engine installed and running.',
            'クラスターにはDocker EngineがインストールされWindowsノードが必要です。',
          ),
        );
        if (a.eksDockerdRename) {
          out.push(
            '',
            t(
              'On AWS EKS, the bootstrap script stops the `docker` service when it migrates to containerd. After installing Docker CE on each Windows node, rename the service (eks-dockerd.ps1):',
              'AWS EKSでは、ブートストラップスクリプトがcontainerdへの移行時に`docker`サービスを停止します。各WindowsノードにDocker CEをインストールした後、サービス名を変更します（eks-dockerd.ps1）:',
            ),
          );
          code(
            'powershell',
            'Stop-Service -Name docker\ndockerd --register-service --service-name dockerd\nStart-Service -Name dockerd',
          );
        }
      }
      for (const cm of p.configMaps) {
        if (cm.name === 'docker-client-config')
          out.push(
            '',
            t(
              'Create `config.json` on your machine with `DOCKER_CONFIG=. docker login <registry>` (it holds credentials: never commit it). The ConfigMap is readable by anyone who can read ConfigMaps in the namespace.',
              '`DOCKER_CONFIG=. docker login <registry>`で手元に`config.json`を作成します（認証情報を含むためコミットしない）。ConfigMapはネームスペースのConfigMapを読める人なら誰でも読めます。',
            ),
          );
        if (cm.name === 'registry-ca')
          out.push(
            '',
            t(
              'Put the registry CA certificate next to kubernetes.sh as `ca.crt`.',
              'レジストリのCA証明書を`ca.crt`としてkubernetes.shの隣に置きます。',
            ),
          );
        if (cm.name === 'docker-daemon')
          out.push(
            '',
            t(
              '`daemon.json` (next to this file) configures every dind service through the ConfigMap `docker-daemon`.',
              '`daemon.json`（このファイルの隣）はConfigMap `docker-daemon`を通じてすべてのdindサービスを設定します。',
            ),
          );
      }
      step(
        t(
          a.helm ? 'Install the runner with Helm' : 'Apply the Kubernetes objects',
          a.helm ? 'HelmでRunnerをインストールする' : 'Kubernetesオブジェクトを適用する',
        ),
      );
      code(
        'sh',
        `${a.registration === 'legacy' ? 'REGISTRATION_TOKEN' : 'RUNNER_TOKEN'}="$${a.registration === 'legacy' ? 'REGISTRATION_TOKEN' : 'RUNNER_TOKEN'}" sh kubernetes.sh`,
      );
      if (!a.helm)
        out.push(
          '',
          t(
            'Merge the `[[runners]]` entry of `config.toml` into the configuration of your runner and restart it.',
            '`config.toml`の`[[runners]]`エントリをRunnerの設定に統合し、再起動します。',
          ),
        );
    } else {
      step(t('Install GitLab Runner and Docker Engine', 'GitLab RunnerとDocker Engineをインストールする'));
      if (a.os === 'windows')
        out.push(
          t(
            'Install GitLab Runner (`gitlab-runner.exe`) and Docker Engine on Windows Server; Windows containers need a Windows host.',
            'Windows ServerにGitLab Runner（`gitlab-runner.exe`）とDocker Engineをインストールします。WindowsコンテナにはWindowsホストが必要です。',
          ),
        );
      else if (a.os === 'macos')
        out.push(
          t(
            'Install GitLab Runner (Homebrew `gitlab-runner`) and Docker Desktop.',
            'GitLab Runner（Homebrewの`gitlab-runner`）とDocker Desktopをインストールします。',
          ),
        );
      else if (p.shellExecutor && a.method !== 'host')
        out.push(
          t(
            `Install GitLab Runner and ${a.method === 'podman' ? 'Podman' : 'Buildah'} on the host (from your distribution's packages). They run rootless as the gitlab-runner user: no docker group, no daemon.`,
            `ホストにGitLab Runnerと${a.method === 'podman' ? 'Podman' : 'Buildah'}をインストールします（ディストリビューションのパッケージ）。gitlab-runnerユーザーでルートレスに動作し、dockerグループもデーモンも不要です。`,
          ),
        );
      else
        out.push(
          t(
            'Install GitLab Runner and Docker Engine on the runner host (packages from the GitLab and Docker repositories for your distribution).',
            'RunnerホストにGitLab RunnerとDocker Engineをインストールします（ディストリビューション向けのGitLabとDockerのリポジトリのパッケージ）。',
          ),
        );

      const hostSteps: string[] = [];
      if (p.shellExecutor && a.method === 'host' && a.os === 'linux') {
        step(t('Let gitlab-runner use Docker', 'gitlab-runnerがDockerを使えるようにする'));
        out.push(
          t(
            'Membership in the docker group is equivalent to root on this host (see the findings).',
            'dockerグループへの所属はこのホストのroot権限と同等です（指摘事項を参照）。',
          ),
        );
        code('sh', 'sudo usermod -aG docker gitlab-runner\nsudo -u gitlab-runner -H docker info');
      }
      if (p.daemonJsonTarget === 'runner-host-volume')
        hostSteps.push(
          t(
            'Copy `daemon.json` to `/opt/docker/daemon.json` on the runner host; config.toml mounts it into every container, and each dind service reads it.',
            '`daemon.json`をRunnerホストの`/opt/docker/daemon.json`にコピーします。config.tomlがすべてのコンテナにマウントし、各dindサービスが読み込みます。',
          ),
        );
      if (p.daemonJsonTarget === 'docker-host')
        hostSteps.push(
          a.os === 'windows'
            ? t(
                'Merge `daemon.json` into `C:\\ProgramData\\docker\\config\\daemon.json` and restart the Docker service.',
                '`daemon.json`を`C:\\ProgramData\\docker\\config\\daemon.json`に統合し、Dockerサービスを再起動します。',
              )
            : t(
                'Merge `daemon.json` into `/etc/docker/daemon.json` on the host (dockerd refuses unknown keys), then `sudo systemctl restart docker`.',
                '`daemon.json`をホストの`/etc/docker/daemon.json`に統合し（dockerdは未知のキーを拒否します）、`sudo systemctl restart docker`を実行します。',
              ),
        );
      if (a.customCaVar && a.method === 'dind' && !p.k8s)
        hostSteps.push(
          t(
            `Put the registry CA at \`/etc/docker/certs.d/${a.customCaHost}/ca.crt\` on the runner host; config.toml mounts /etc/docker/certs.d into the dind service.`,
            `レジストリのCAをRunnerホストの\`/etc/docker/certs.d/${a.customCaHost}/ca.crt\`に置きます。config.tomlが/etc/docker/certs.dをdindサービスにマウントします。`,
          ),
        );
      if (a.customCaVar && (a.method === 'socket' || a.method === 'host'))
        hostSteps.push(
          t(
            `Put the registry CA at \`/etc/docker/certs.d/${a.customCaHost}/ca.crt\` on the host: the host daemon talks to the registry.`,
            `レジストリのCAをホストの\`/etc/docker/certs.d/${a.customCaHost}/ca.crt\`に置きます。レジストリと通信するのはホストのデーモンです。`,
          ),
        );
      if (a.authMethod === 'mounted-config' && !p.k8s)
        hostSteps.push(
          t(
            'Create `/opt/.docker/config.json` on the runner host with `sudo DOCKER_CONFIG=/opt/.docker docker login <registry>`; config.toml mounts it read-only into every job.',
            'Runnerホストで`sudo DOCKER_CONFIG=/opt/.docker docker login <registry>`を実行し`/opt/.docker/config.json`を作成します。config.tomlがすべてのジョブに読み取り専用でマウントします。',
          ),
        );
      if (a.proxy === 'runner' && a.os === 'linux')
        hostSteps.push(
          t(
            'The runner process itself needs the proxy to reach GitLab: `sudo systemctl edit gitlab-runner`, add `[Service]` with `Environment="HTTP_PROXY=…" "HTTPS_PROXY=…" "NO_PROXY=…"`, then restart it.',
            'Runnerプロセス自体もGitLabに接続するためにプロキシが必要です。`sudo systemctl edit gitlab-runner`で`[Service]`に`Environment="HTTP_PROXY=…" "HTTPS_PROXY=…" "NO_PROXY=…"`を追加し、再起動します。',
          ),
        );
      if (isMultiPlatform(a) && !(a.method === 'dind'))
        hostSteps.push(
          t(
            `Multi-platform builds emulate other CPUs with QEMU: register the handlers once on the host (\`docker run --privileged --rm ${BINFMT_IMAGE} --install all\`), and again after each reboot.`,
            `マルチプラットフォームビルドはQEMUで他のCPUをエミュレートします。ホストでハンドラーを一度登録します（\`docker run --privileged --rm ${BINFMT_IMAGE} --install all\`）。再起動のたびに再度必要です。`,
          ),
        );
      if (hostSteps.length) {
        step(t('Prepare the host', 'ホストを準備する'));
        for (const s of hostSteps) out.push(`- ${s}`);
      }

      step(t('Register the runner', 'Runnerを登録する'));
      if (p.registerScript === 'ps1')
        code(
          'powershell',
          `$env:${a.registration === 'legacy' ? 'REGISTRATION_TOKEN' : 'RUNNER_TOKEN'} = '<token>'\n.\\register.ps1`,
        );
      else code('sh', 'sh register.sh');
      const needsMerge = p.runnerServices.length > 0 || Object.keys(p.featureFlags).length > 0;
      out.push(
        '',
        needsMerge
          ? t(
              'Then merge the settings that register cannot set (see `config.toml`: services) into the `[[runners]]` entry it wrote, and restart:',
              '次に、registerで設定できない項目（`config.toml`のservices）を書き込まれた`[[runners]]`エントリに統合し、再起動します:',
            )
          : t(
              'register writes the `[[runners]]` entry shown in `config.toml` (compare them). After any manual change, restart:',
              'registerは`config.toml`に示す`[[runners]]`エントリを書き込みます（比較してください）。手動で変更した場合は再起動します:',
            ),
      );
      code(
        a.os === 'windows' ? 'powershell' : 'sh',
        a.os === 'windows'
          ? '.\\gitlab-runner.exe restart'
          : a.os === 'macos'
            ? 'gitlab-runner restart'
            : 'sudo gitlab-runner restart',
      );
    }
  }

  const vars = ciVariables(p, lang);
  if (vars.length) {
    step(t('Create the CI/CD variables', 'CI/CD変数を作成する'));
    out.push(
      t(
        'Settings > CI/CD > Variables. Secrets live only there: the generated files reference them by name.',
        '設定 > CI/CD > 変数。秘密情報はそこにだけ保存し、生成ファイルは名前で参照します。',
      ),
      '',
    );
    out.push(`| ${t('Variable', '変数')} | ${t('Value', '値')} | ${t('Flags', 'フラグ')} |`, '|---|---|---|');
    for (const v of vars) out.push(`| \`${v.name}\` | ${v.value} | ${v.flags} |`);
    if (a.protectedOnly)
      out.push(
        '',
        t(
          'Protected variables are empty on unprotected branches: the jobs run only on protected refs.',
          '保護された変数は保護されていないブランチでは空になるため、ジョブは保護された参照でのみ実行します。',
        ),
      );
  }

  const repoSteps: string[] = [];
  if (p.buildkitdToml)
    repoSteps.push(
      t(
        'Commit `buildkitd.toml` at the repository root (BUILDKITD_FLAGS points at it).',
        '`buildkitd.toml`をリポジトリのルートにコミットします（BUILDKITD_FLAGSが参照します）。',
      ),
    );
  if (a.dependencyProxy)
    repoSteps.push(
      t(
        'Pull base images through the Dependency Proxy (group projects only): in the Dockerfile, `ARG CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX` then `FROM ${CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX}/node:22` (for example); the build passes the argument.',
        '依存プロキシ経由でベースイメージを取得します（グループのプロジェクトのみ）。Dockerfileに`ARG CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX`、続けて`FROM ${CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX}/node:22`（例）と書きます。ビルドが引数を渡します。',
      ),
    );
  if (a.compose)
    repoSteps.push(
      t(
        `\`${a.composeFile}\` can use the built image as \`\${BUILT_IMAGE}\`. Use \`docker compose\` (v2 plugin, in the docker image), not \`docker-compose\`.`,
        `\`${a.composeFile}\`ではビルドしたイメージを\`\${BUILT_IMAGE}\`で参照できます。\`docker-compose\`ではなく\`docker compose\`（dockerイメージに含まれるv2プラグイン）を使います。`,
      ),
    );
  repoSteps.push(t('Commit `.gitlab-ci.yml` and push.', '`.gitlab-ci.yml`をコミットしてプッシュします。'));
  step(t('Update the repository', 'リポジトリを更新する'));
  for (const s of repoSteps) out.push(`- ${s}`);

  step(t('Verify', '確認する'));
  if (usesDockerCli(a))
    out.push(
      t(
        'The job log starts with `docker info`: it must show a `Server:` section (the daemon answered). Then the build runs.',
        'ジョブログは`docker info`で始まります。`Server:`セクションが表示されること（デーモンが応答したこと）を確認します。続いてビルドが実行されます。',
      ),
    );
  else
    out.push(
      t(
        'The job log shows the build steps and, when pushing, the pushed digest.',
        'ジョブログにビルドステップと、プッシュ時はプッシュしたダイジェストが表示されます。',
      ),
    );
  if (p.k8s) code('sh', `kubectl get pods --namespace ${shQuote(a.k8sNamespace)}`);
  if (p.shellExecutor && a.method === 'host' && a.os === 'linux') code('sh', 'sudo -u gitlab-runner -H docker info');

  if (a.method === 'dind') {
    out.push('', `### ${t('Known limits of Docker-in-Docker', 'Docker-in-Dockerの既知の制限')}`, '');
    out.push(
      `- ${t('Each job gets an empty daemon: no layer cache unless you add one (Cache).', 'ジョブごとに空のデーモンになります。キャッシュを追加しない限りレイヤーキャッシュはありません。')}`,
    );
    out.push(
      `- ${t('`docker compose` (v2) is in the docker image; the old `docker-compose` binary is not.', '`docker compose`（v2）はdockerイメージに含まれますが、古い`docker-compose`バイナリは含まれません。')}`,
    );
    out.push(
      `- ${t("The service does not share the job's file system: mount paths under `/builds/$CI_PROJECT_PATH` into child containers (`MOUNT_POINT: /builds/$CI_PROJECT_PATH/mnt`).", 'サービスはジョブのファイルシステムを共有しません。子コンテナには`/builds/$CI_PROJECT_PATH`配下のパスをマウントします（`MOUNT_POINT: /builds/$CI_PROJECT_PATH/mnt`）。')}`,
    );
    out.push(
      `- ${t('Check the storage driver with `docker info | grep "Storage Driver"`: overlay2 is expected.', '`docker info | grep "Storage Driver"`でストレージドライバーを確認します。overlay2が期待値です。')}`,
    );
  }
  if (a.method === 'buildctl') {
    out.push(
      '',
      `### ${t('Why a buildkitd service and not docker:dind', 'docker:dindではなくbuildkitdサービスを使う理由')}`,
      '',
    );
    out.push(
      t(
        'buildctl talks to a BuildKit daemon (BUILDKIT_HOST), not to dockerd: with only a docker:dind service it has nothing to connect to. The job therefore runs buildkitd in a privileged service container, reached at tcp://buildkitd:1234.',
        'buildctlはdockerdではなくBuildKitデーモン（BUILDKIT_HOST）に接続します。docker:dindサービスだけでは接続先がありません。そのためジョブはbuildkitdを特権サービスコンテナで実行し、tcp://buildkitd:1234で接続します。',
      ),
    );
  }
  if (a.method === 'kaniko-migration') {
    out.push('', `### ${t('From Kaniko to rootless BuildKit', 'KanikoからルートレスBuildKitへ')}`, '');
    out.push(`| Kaniko | BuildKit |`, '|---|---|');
    out.push(
      '| `gcr.io/kaniko-project/executor:debug`, `entrypoint: [""]` | `moby/buildkit:<version>-rootless`, `entrypoint: [""]` |',
    );
    out.push('| `/kaniko/executor --context $CI_PROJECT_DIR` | `buildctl-daemonless.sh build --local context=.` |');
    out.push(
      '| `--dockerfile $CI_PROJECT_DIR/Dockerfile` | `--local dockerfile=.` (' +
        t('a directory, never the file', 'ファイルではなくディレクトリ') +
        ') |',
    );
    out.push('| `--destination $IMAGE:$TAG` | `--output type=image,name=$IMAGE:$TAG,push=true` |');
    out.push('| `/kaniko/.docker/config.json` | `~/.docker/config.json` |');
  }
  return out.join('\n');
}

export function setupFindingsSection(findings: Finding[], lang: Lang): string {
  const t = (en: string, ja: string) => tr(lang, en, ja);
  const out = ['', `## ${t('Findings', '指摘事項')}`, ''];
  if (findings.length === 0) out.push(t('None.', 'なし。'));
  for (const f of findings) {
    out.push(
      `- **${f.severity.toUpperCase()}** \`${f.id}\` ${f.title} (\`${f.file}\`:${f.line}): ${f.reason} ${t('Fix', '対処')}: ${f.fix.label}.`,
    );
  }
  return out.join('\n');
}

/** The diagram (an image beside SETUP.md) and its text description, one line per element, edge and boundary. */
export function setupDiagramSection(file: string, description: string[], lang: Lang): string {
  const t = (en: string, ja: string) => tr(lang, en, ja);
  return [
    '',
    `## ${t('Diagram', '構成図')}`,
    '',
    `![${t('Diagram of this setup', 'この構成の図')}](${file})`,
    '',
    t(
      `\`${file}\` (next to this file) shows the same as this list:`,
      `\`${file}\`（このファイルの隣）はこの一覧と同じ内容を図で示します:`,
    ),
    '',
    ...description.map((line) => `- ${line}`),
  ].join('\n');
}

export function setupPermalinkSection(permalink: string, lang: Lang): string {
  return [
    '',
    `## ${tr(lang, 'Permalink', 'パーマリンク')}`,
    '',
    tr(lang, 'Reopens this exact configuration in the wizard:', 'この構成をウィザードで再度開きます:'),
    '',
    permalink,
    '',
  ].join('\n');
}
