/** The recommended setup from two questions: can jobs run privileged containers, do you administer the runner. */
import { defaultAnswers, type Answers } from '../core/answers';
import { msg, type Msg } from '../core/i18n';

export interface Recommendation {
  answers: Answers;
  title: Msg;
  why: Msg;
}

export function recommend(privileged: boolean, admin: boolean): Recommendation {
  const a = defaultAnswers();
  if (privileged && admin)
    return {
      answers: a,
      title: msg(
        'Docker-in-Docker with TLS on your Docker executor runner',
        '自分のDocker executor RunnerでTLS付きDocker-in-Docker',
      ),
      why: msg(
        'The documented default: a fresh daemon per job, TLS between job and daemon, images pinned. The runner is privileged: keep it for trusted projects.',
        'ドキュメントの標準構成です。ジョブごとに新しいデーモン、ジョブとデーモン間はTLS、イメージは固定。Runnerは特権モードなので、信頼できるプロジェクト専用にします。',
      ),
    };
  if (privileged)
    return {
      answers: { ...a, runnerKind: 'gitlab-hosted', mtu: 1360 },
      title: msg('Docker-in-Docker with TLS on GitLab.com runners', 'GitLab.comのRunnerでTLS付きDocker-in-Docker'),
      why: msg(
        'You change only .gitlab-ci.yml; GitLab runs each job privileged in a VM that is discarded afterwards. On another instance, ask its administrator for a privileged runner.',
        '変更するのは.gitlab-ci.ymlだけです。GitLabが各ジョブを使い捨てのVMで特権実行します。他のインスタンスでは、管理者に特権Runnerを依頼してください。',
      ),
    };
  return {
    answers: { ...a, allowPrivileged: false, method: 'buildkit-rootless' },
    title: msg(
      'Rootless BuildKit: no daemon, no privileged container',
      'ルートレスBuildKit: デーモンなし、特権コンテナなし',
    ),
    why: admin
      ? msg(
          'The build runs inside the job as an unprivileged user. The runner needs seccomp and AppArmor unconfined for it (config.toml), not privileged mode.',
          'ビルドはジョブ内で非特権ユーザーとして実行されます。Runnerには特権モードではなく、seccompとAppArmorのunconfined設定（config.toml）が必要です。',
        )
      : msg(
          'The build runs inside the job as an unprivileged user. Hand config.toml to your runner administrator: it needs seccomp and AppArmor unconfined, not privileged mode.',
          'ビルドはジョブ内で非特権ユーザーとして実行されます。config.tomlをRunnerの管理者に渡してください。特権モードではなく、seccompとAppArmorのunconfined設定が必要です。',
        ),
  };
}
