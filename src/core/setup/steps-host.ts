/**
 * SETUP.md's steps on a runner host (every executor but Kubernetes): install GitLab Runner and the builder, let
 * gitlab-runner use Docker, prepare the host (daemon.json, CA certificates, mounted credentials, proxy, QEMU) and
 * register the runner. Reads the plan's facts and groups only (see `./steps.ts`).
 */
import type { Plan } from '../plan';
import type { StepWriter } from './step-writer';
import { code, joined, SETUP_ANCHORS, spans, type Inlines } from './types';

/** True when a shell runner on Linux drives the host's dockerd, so gitlab-runner joins the docker group. */
export function joinsDockerGroup(p: Plan): boolean {
  return p.shellExecutor && p.daemon === 'host' && p.runner.os === 'linux';
}

/**
 * GitLab Runner's package repository for Debian/Ubuntu (`deb`) and RHEL and its rebuilds (`rpm`), then the package: GitLab's
 * documented install (https://docs.gitlab.com/runner/install/linux-repository/).
 */
const RUNNER_INSTALL = {
  deb: 'curl -L "https://packages.gitlab.com/install/repositories/runner/gitlab-runner/script.deb.sh" | sudo bash\nsudo apt-get install -y gitlab-runner',
  rpm: 'curl -L "https://packages.gitlab.com/install/repositories/runner/gitlab-runner/script.rpm.sh" | sudo bash\nsudo dnf install -y gitlab-runner',
} as const;

/**
 * Docker Engine from Docker's own repository (the distributions' `docker.io` lags behind): Docker's documented apt
 * steps for Debian and Ubuntu (`$ID` and `$VERSION_CODENAME` from /etc/os-release pick the repository), and the dnf
 * steps for RHEL and its rebuilds (https://docs.docker.com/engine/install/debian/, .../ubuntu/, .../rhel/).
 */
const DOCKER_INSTALL = {
  deb: [
    'sudo apt-get update && sudo apt-get install -y ca-certificates curl',
    'sudo install -m 0755 -d /etc/apt/keyrings',
    '. /etc/os-release',
    'sudo curl -fsSL "https://download.docker.com/linux/$ID/gpg" -o /etc/apt/keyrings/docker.asc',
    'echo "deb [arch=$(dpkg --print-architecture) signed-by=/etc/apt/keyrings/docker.asc] https://download.docker.com/linux/$ID $VERSION_CODENAME stable" | sudo tee /etc/apt/sources.list.d/docker.list',
    'sudo apt-get update && sudo apt-get install -y docker-ce docker-ce-cli containerd.io docker-buildx-plugin',
  ].join('\n'),
  rpm: [
    'sudo dnf install -y dnf-plugins-core',
    'sudo dnf config-manager --add-repo https://download.docker.com/linux/rhel/docker-ce.repo',
    'sudo dnf install -y docker-ce docker-ce-cli containerd.io docker-buildx-plugin',
    'sudo systemctl enable --now docker',
  ].join('\n'),
} as const;

/**
 * GitLab Runner on Windows as a service (https://docs.gitlab.com/runner/install/windows/), and Docker Engine with
 * Microsoft's install script for Windows Server containers
 * (https://learn.microsoft.com/virtualization/windowscontainers/quick-start/set-up-environment).
 */
const WINDOWS_INSTALL = [
  "New-Item -Path 'C:\\GitLab-Runner' -ItemType Directory -Force",
  "Invoke-WebRequest -Uri 'https://s3.dualstack.us-east-1.amazonaws.com/gitlab-runner-downloads/latest/binaries/gitlab-runner-windows-amd64.exe' -OutFile 'C:\\GitLab-Runner\\gitlab-runner.exe'",
  "Set-Location 'C:\\GitLab-Runner'",
  '.\\gitlab-runner.exe install',
  '.\\gitlab-runner.exe start',
  "Invoke-WebRequest -UseBasicParsing 'https://raw.githubusercontent.com/microsoft/Windows-Containers/Main/helpful_tools/Install-DockerCE/install-docker-ce.ps1' -OutFile install-docker-ce.ps1",
  '.\\install-docker-ce.ps1',
].join('\n');

/** Homebrew's formula and service for GitLab Runner (https://docs.gitlab.com/runner/install/osx/), Docker Desktop's cask. */
const MACOS_INSTALL = 'brew install gitlab-runner\nbrew services start gitlab-runner\nbrew install --cask docker';

/**
 * Step "Install GitLab Runner and Docker Engine": the install commands for the runner's OS (`p.runner.os`): on
 * Linux one block for Debian/Ubuntu and one for RHEL and its rebuilds (GitLab's and Docker's package repositories); only
 * GitLab Runner on an autoscaler's manager; GitLab Runner and the daemonless builder (Podman or Buildah, from the
 * distribution's packages) for a shell runner that uses no daemon.
 */
export function installStep(w: StepWriter, p: Plan): void {
  const { t, step, para, command } = w;
  const linuxBlocks = (withDocker: boolean, extra: { deb: string; rpm: string } | null = null) => {
    para(t('Debian and Ubuntu:', 'DebianとUbuntu:'));
    command(
      'sh',
      [RUNNER_INSTALL.deb, withDocker ? DOCKER_INSTALL.deb : null, extra?.deb ?? null].filter(Boolean).join('\n'),
    );
    para(t('RHEL, Rocky Linux and AlmaLinux (dnf):', 'RHEL、Rocky Linux、AlmaLinux（dnf）:'));
    command(
      'sh',
      [RUNNER_INSTALL.rpm, withDocker ? DOCKER_INSTALL.rpm : null, extra?.rpm ?? null].filter(Boolean).join('\n'),
    );
  };
  // The daemonless builder a shell runner installs on its host.
  const builder = p.method.tool === 'podman' ? 'Podman' : 'Buildah';
  if (p.autoscale) {
    step(t('Install GitLab Runner on the runner manager', 'RunnerマネージャーにGitLab Runnerをインストールする'));
    para(
      t(
        'Install GitLab Runner on the machine that manages the instances (the runner manager). Jobs run on the autoscaled instances, whose Docker Engine runs the job containers; the manager itself needs no Docker Engine.',
        'インスタンスを管理するマシン（Runnerマネージャー）にGitLab Runnerをインストールします。ジョブはオートスケールされるインスタンスで実行され、そのDocker Engineがジョブのコンテナを動かします。マネージャー自体にDocker Engineは不要です。',
      ),
    );
    linuxBlocks(false);
    return;
  }
  if (p.shellExecutor && p.daemon !== 'host' && p.runner.os === 'linux') {
    step(t(`Install GitLab Runner and ${builder}`, `GitLab Runnerと${builder}をインストールする`));
    para(
      t(
        `Install GitLab Runner and ${builder} on the host (${builder} from your distribution's packages). They run rootless as the gitlab-runner user: no docker group, no daemon.`,
        `ホストにGitLab Runnerと${builder}をインストールします（${builder}はディストリビューションのパッケージ）。gitlab-runnerユーザーでルートレスに動作し、dockerグループもデーモンも不要です。`,
      ),
    );
    const pkg = builder.toLowerCase();
    linuxBlocks(false, { deb: `sudo apt-get install -y ${pkg}`, rpm: `sudo dnf install -y ${pkg}` });
    return;
  }
  step(t('Install GitLab Runner and Docker Engine', 'GitLab RunnerとDocker Engineをインストールする'));
  if (p.runner.os === 'windows') {
    para(
      t(
        spans`Install GitLab Runner (${code('gitlab-runner.exe')}, as a Windows service) and Docker Engine on Windows Server, in an elevated PowerShell; Windows containers need a Windows host. The Docker script restarts the machine when it enables the Containers feature: run it again after the restart.`,
        spans`管理者権限のPowerShellで、Windows ServerにGitLab Runner（${code('gitlab-runner.exe')}、Windowsサービスとして）とDocker Engineをインストールします。WindowsコンテナにはWindowsホストが必要です。DockerのスクリプトはContainers機能を有効にするときにマシンを再起動するので、再起動後にもう一度実行します。`,
      ),
    );
    command('powershell', WINDOWS_INSTALL);
  } else if (p.runner.os === 'macos') {
    para(
      t(
        spans`Install GitLab Runner (Homebrew ${code('gitlab-runner')}, started as a service) and Docker Desktop, then start Docker Desktop once.`,
        spans`GitLab Runner（Homebrewの${code('gitlab-runner')}、サービスとして起動）とDocker Desktopをインストールし、Docker Desktopを一度起動します。`,
      ),
    );
    command('sh', MACOS_INSTALL);
  } else {
    para(
      t(
        "Install GitLab Runner and Docker Engine on the runner host from the GitLab and Docker package repositories (the distributions' own docker packages lag behind):",
        'RunnerホストにGitLab RunnerとDocker Engineを、GitLabとDockerのパッケージリポジトリからインストールします（ディストリビューション自身のdockerパッケージは古くなりがちです）:',
      ),
    );
    linuxBlocks(true);
  }
}

/**
 * Step "Let gitlab-runner use Docker", only when `joinsDockerGroup(p)`: the commands anchored
 * `SETUP_ANCHORS.dockerGroup` (finding `docker-group-root`).
 */
export function dockerGroupStep(w: StepWriter, p: Plan): void {
  const { t, step, para, command } = w;
  const dockerGroup = joinsDockerGroup(p);
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
}

/**
 * Step "Prepare the host", only when there is something to do on it: a list of where daemon.json goes
 * (`p.daemonJsonTarget`), where the registry CA goes, the mounted Docker credentials, the runner's own proxy and the
 * QEMU handlers for multi-platform builds.
 */
export function prepareHostStep(w: StepWriter, p: Plan): void {
  const { t, step, list } = w;
  // Native multi-arch builds run each platform on its own runner: no QEMU (see `archRunnersStep`).
  const emulated = p.multiArch?.mode === 'qemu';
  const customCa = p.auth.customCa;
  const hostSteps: Inlines[] = [];
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
  if (emulated && p.daemon !== 'dind-service')
    hostSteps.push(
      t(
        spans`Multi-platform builds emulate other CPUs with QEMU: register the handlers once on the host (${code(`docker run --privileged --rm ${p.binfmtImage} --install all`)}), and again after each reboot.`,
        spans`マルチプラットフォームビルドはQEMUで他のCPUをエミュレートします。ホストでハンドラーを一度登録します（${code(`docker run --privileged --rm ${p.binfmtImage} --install all`)}）。再起動のたびに再度必要です。`,
      ),
    );
  if (hostSteps.length && p.autoscale)
    hostSteps.unshift(
      t(
        spans`On autoscaled instances, the jobs run on the instances: the files config.toml mounts below must be in the instance image, not on the runner manager.`,
        spans`オートスケールでは、ジョブはインスタンスで実行されます。以下でconfig.tomlがマウントするファイルは、Runnerマネージャーではなくインスタンスのイメージに入れます。`,
      ),
    );
  if (hostSteps.length) {
    step(t('Prepare the host', 'ホストを準備する'));
    list(hostSteps);
    if (emulated && p.daemon !== 'dind-service')
      w.command('sh', `docker run --privileged --rm ${p.binfmtImage} --install all`, SETUP_ANCHORS.binfmt);
  }
}

/**
 * Step "Register the runner": run register.sh or register.ps1 (`p.registerScript`), merge what register cannot set
 * (services, feature flags) into config.toml when needed, and restart the runner with the command of its OS.
 */
export function registerStep(w: StepWriter, p: Plan): void {
  const { t, step, para, command } = w;
  step(t('Register the runner', 'Runnerを登録する'));
  if (p.registerScript === 'ps1') command('powershell', `$env:${p.runner.tokenVariable} = '<token>'\n.\\register.ps1`);
  else command('sh', 'sh register.sh');
  // What register cannot set, named as config.toml shows it.
  const unset: string[] = [];
  if (p.runnerServices.length > 0) unset.push('services');
  if (Object.keys(p.featureFlags).length > 0) unset.push('feature_flags');
  if (p.autoscale?.kind === 'fleeting') unset.push('[runners.autoscaler]');
  if (p.autoscale?.kind === 'docker-machine') unset.push('[[runners.machine.autoscaling]]');
  const needsMerge = unset.length > 0;
  para(
    needsMerge
      ? t(
          spans`Then merge the settings that register cannot set (see ${code('config.toml')}: ${joined(unset.map(code), ', ')}) into the ${code('[[runners]]')} entry it wrote, and restart:`,
          spans`次に、registerで設定できない項目（${code('config.toml')}の${joined(unset.map(code), '、')}）を書き込まれた${code('[[runners]]')}エントリに統合し、再起動します:`,
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

/**
 * Steps for autoscaled instances (`p.autoscale`), before registration. docker-autoscaler: the instance image
 * (Docker Engine enabled, the connector user in the docker group, SSH from the manager) and the instance group
 * without a scaling policy of its own (GitLab doc "Docker Autoscaler executor", prerequisites). docker+machine:
 * GitLab's Docker Machine fork on the manager and the cloud credentials, with the migration note (deprecated in
 * GitLab 17.5, removed in 20.0: https://docs.gitlab.com/runner/configuration/autoscale/).
 */
export function autoscaleStep(w: StepWriter, p: Plan): void {
  const { t, step, para, list, command } = w;
  const s = p.autoscale;
  if (!s) return;
  if (s.kind === 'fleeting') {
    const group =
      s.cloud === 'aws'
        ? t('AWS Auto Scaling group', 'AWS Auto Scalingグループ')
        : s.cloud === 'gcp'
          ? t('Google Cloud instance group', 'Google Cloudインスタンスグループ')
          : t(
              'Azure virtual machine scale set (Uniform orchestration)',
              'Azure仮想マシンスケールセット（Uniformオーケストレーション）',
            );
    step(t('Prepare the instance image and group', 'インスタンスのイメージとグループを準備する'));
    list([
      t(
        spans`The image of the instances has Docker Engine installed and enabled at boot, and the user ${code(s.connectorUser)} in the ${code('docker')} group (the runner reaches dockerd as that user, through SSH). Bake both into the image:`,
        spans`インスタンスのイメージにDocker Engineをインストールして起動時に有効にし、ユーザー${code(s.connectorUser)}を${code('docker')}グループに入れます（RunnerはSSH経由でそのユーザーとしてdockerdに接続します）。両方をイメージに焼き込みます:`,
      ),
    ]);
    command('sh', `sudo systemctl enable --now docker\nsudo usermod -aG docker ${s.connectorUser}`);
    list([
      t(
        spans`The ${group} ${code(s.instanceGroup)} starts from that image, with no scaling policy of its own (the runner scales it) and a minimum size of 0; give this runner its own group.`,
        spans`${group}${code(s.instanceGroup)}はそのイメージから起動し、グループ自身のスケーリングポリシーは設定せず（Runnerがスケールします）、最小サイズは0にします。このRunner専用のグループにします。`,
      ),
      t(
        spans`The runner manager reaches the instances over SSH (${code('use_external_addr = true')}: their public address; set it to false when the manager is in the same network) and has cloud credentials that may scale the group.`,
        spans`RunnerマネージャーはSSHでインスタンスに接続し（${code('use_external_addr = true')}: パブリックアドレス。同じネットワーク内ならfalseにします）、グループをスケールできるクラウドの認証情報を持ちます。`,
      ),
      t(
        spans`${code('instance_ready_command')} waits until ${code('docker info')} works for that user before a job is sent to a new instance.`,
        spans`${code('instance_ready_command')}は、新しいインスタンスにジョブを送る前に、そのユーザーで${code('docker info')}が動くまで待ちます。`,
      ),
    ]);
    return;
  }
  step(t('Install Docker Machine on the runner manager', 'RunnerマネージャーにDocker Machineをインストールする'));
  para(
    t(
      'GitLab deprecated the Docker Machine executor in 17.5 and removes it in GitLab 20.0 (May 2027). New setups should use docker-autoscaler (see the findings); this one keeps working until then.',
      'GitLabはDocker Machine executorを17.5で非推奨にし、GitLab 20.0（2027年5月）で削除します。新しい構成ではdocker-autoscalerを使ってください（指摘事項を参照）。この構成はそれまで動作します。',
    ),
  );
  list([
    t(
      spans`Install GitLab's fork of Docker Machine (${code('docker-machine')}) on the runner manager: Docker's own project is archived.`,
      spans`RunnerマネージャーにGitLabがフォークしたDocker Machine（${code('docker-machine')}）をインストールします。Docker本家のプロジェクトはアーカイブされています。`,
    ),
    t(
      spans`Give the manager cloud credentials the ${code(s.cloud === 'aws' ? 'amazonec2' : s.cloud === 'gcp' ? 'google' : 'azure')} driver reads (environment or instance role), never in config.toml.`,
      spans`${code(s.cloud === 'aws' ? 'amazonec2' : s.cloud === 'gcp' ? 'google' : 'azure')}ドライバーが読むクラウドの認証情報をマネージャーに与えます（環境変数またはインスタンスロール）。config.tomlには書きません。`,
    ),
  ]);
}

/**
 * Step "Install the fleeting plugin" (docker-autoscaler, after the `[runners.autoscaler]` section is merged):
 * `gitlab-runner fleeting install` resolves `plugin` from config.toml (GitLab Runner 16.11 and later; GitLab doc
 * "Fleeting", https://docs.gitlab.com/runner/fleet_scaling/fleeting/).
 */
export function fleetingInstallStep(w: StepWriter, p: Plan): void {
  const { t, step, para, command } = w;
  if (p.autoscale?.kind !== 'fleeting') return;
  step(t('Install the fleeting plugin', 'fleetingプラグインをインストールする'));
  para(
    t(
      spans`With ${code('[runners.autoscaler]')} merged into config.toml, install the plugin it names on the runner manager, then restart the runner:`,
      spans`${code('[runners.autoscaler]')}をconfig.tomlに統合したら、そこに指定したプラグインをRunnerマネージャーにインストールし、Runnerを再起動します:`,
    ),
  );
  command('sh', 'sudo gitlab-runner fleeting install\nsudo gitlab-runner fleeting list\nsudo gitlab-runner restart');
}
