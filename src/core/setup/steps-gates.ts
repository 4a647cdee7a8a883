/**
 * SETUP.md's step for the gates (issue 14, item 4): what the lint and scan jobs do, what fails the pipeline, where
 * the results show up (and on which GitLab tier), how to tune them (`.hadolint.yaml`, `.trivyignore`), and how to keep
 * the scanner away from the push credentials. Reads `p.gates` and the plan's facts only.
 * Sources: hadolint configuration file https://github.com/hadolint/hadolint#configure; Trivy `.trivyignore`
 * https://trivy.dev/docs/latest/configuration/filtering/; GitLab Code Quality report
 * https://docs.gitlab.com/ci/testing/code_quality/; Container Scanning
 * https://docs.gitlab.com/user/application_security/container_scanning/; environment-scoped CI/CD variables
 * https://docs.gitlab.com/ci/environments/#limit-the-environment-scope-of-a-cicd-variable.
 */
import type { Plan } from '../plan';
import type { StepWriter } from './step-writer';
import { code, spans, type Inlines } from './types';

/** Step "Check the gates", only when the pipeline has a lint or a scan job. */
export function gatesStep(w: StepWriter, p: Plan): void {
  const { t, step, list, command } = w;
  const { lint, scan } = p.gates;
  if (!lint && !scan) return;
  step(t('Check the gates', 'ゲートを確認する'));
  const items: Inlines[] = [];
  if (lint) {
    items.push(
      t(
        spans`${code(lint.job)} runs hadolint (pinned by digest) on the Dockerfile in stage ${code('lint')}, before the build. It ${lint.allowFailure ? 'warns' : 'fails the pipeline'} on a rule of severity ${code(lint.threshold)} or worse, and writes a Code Quality report shown in merge requests. Its ${code('--failure-threshold')} overrides the one of a ${code('.hadolint.yaml')} at the repository root, which can still ignore rules and list trusted registries (example below).`,
        spans`${code(lint.job)}は、ビルド前のステージ${code('lint')}でDockerfileにhadolint（ダイジェストで固定）を実行します。重大度${code(lint.threshold)}以上のルール違反で${lint.allowFailure ? '警告します' : 'パイプラインを失敗させます'}。Code Qualityレポートを書き、マージリクエストに表示されます。ジョブの${code('--failure-threshold')}はリポジトリのルートにある${code('.hadolint.yaml')}の設定より優先されます。無視するルールや信頼するレジストリは.hadolint.yamlに書けます（下の例）。`,
      ),
    );
  }
  if (scan) {
    const jobs = scan.jobs.map((j) => j.job).join(', ');
    // One scan job per pushing build job, named in the text before what they do (singular and plural alike).
    items.push(
      scan.kind === 'trivy'
        ? t(
            spans`${code(jobs)}: in stage ${code('scan')}, Trivy (pinned by digest) scans the pushed image by digest (${code('$IMAGE_REF')} from the build job's dotenv report) and ${scan.allowFailure ? 'warns' : 'fails the pipeline'} on vulnerabilities of severity ${code(scan.severities.join(','))}. The image is pushed before the scan: keep releases and deployments on scanned digests (a later job that ${code('needs')} the scan). List accepted CVEs in a ${code('.trivyignore')} at the repository root.`,
            spans`${code(jobs)}は、ステージ${code('scan')}でプッシュしたイメージをダイジェスト（ビルドジョブのdotenvレポートの${code('$IMAGE_REF')}）でTrivy（ダイジェストで固定）によりスキャンし、重大度${code(scan.severities.join(','))}の脆弱性で${scan.allowFailure ? '警告します' : 'パイプラインを失敗させます'}。イメージはスキャンの前にプッシュされます。リリースやデプロイはスキャン済みのダイジェストだけにしてください（スキャンを${code('needs')}にする後続ジョブ）。許容するCVEはリポジトリのルートの${code('.trivyignore')}に書きます。`,
          )
        : t(
            spans`${code(jobs)}: in stage ${code('scan')}, GitLab's Container Scanning scans the pushed image by digest (${code('CS_IMAGE: $IMAGE_REF')}), reporting vulnerabilities of severity ${code(scan.threshold)} or worse. They never fail the pipeline on findings. The merge request widget, the vulnerability report and approval policies are GitLab Ultimate; on Free and Premium the report stays a job artifact.`,
            spans`${code(jobs)}は、ステージ${code('scan')}でプッシュしたイメージをダイジェスト（${code('CS_IMAGE: $IMAGE_REF')}）でGitLabのContainer Scanningによりスキャンし、重大度${code(scan.threshold)}以上の脆弱性を報告します。検出によってパイプラインを失敗させることはありません。マージリクエストのウィジェット、脆弱性レポート、承認ポリシーはGitLab Ultimateの機能で、FreeとPremiumではレポートはジョブのアーティファクトとして残ります。`,
          ),
    );
    items.push(
      scan.pull === 'job-token'
        ? t(
            spans`The scan pulls from the GitLab registry with its own job token (${code('$CI_JOB_TOKEN')}, valid while the job runs); it inherits neither ${code('default:')} (the build's logins) nor the build's variables.`,
            spans`スキャンはGitLabレジストリから自身のジョブトークン（${code('$CI_JOB_TOKEN')}、ジョブの実行中のみ有効）で取得します。${code('default:')}（ビルドのログイン）もビルドの変数も継承しません。`,
          )
        : t(
            spans`The scan pulls with ${code(scan.pull.user.slice(1))} / ${code(scan.pull.password.slice(1))}: give it a read-only credential (a deploy token with ${code('read_registry')}, a pull-only robot account), never the push credential; it inherits neither ${code('default:')} (the build's logins) nor the build's variables.`,
            spans`スキャンは${code(scan.pull.user.slice(1))} / ${code(scan.pull.password.slice(1))}で取得します。プッシュ用ではなく読み取り専用の認証情報（${code('read_registry')}のデプロイトークン、pull専用のロボットアカウント）を設定してください。${code('default:')}（ビルドのログイン）もビルドの変数も継承しません。`,
          ),
    );
  }
  items.push(
    t(
      spans`GitLab still gives every job the project's CI/CD variables. To keep push credentials from the gate jobs, limit them to an environment scope and to protected refs, or run the gates on a runner of their own (change their ${code('tags:')}); on a runner with ${code('privileged = true')} the gate containers run privileged too.`,
      spans`GitLabはプロジェクトのCI/CD変数をすべてのジョブに渡します。プッシュ用の認証情報をゲートのジョブから遠ざけるには、環境スコープと保護された参照に限定するか、ゲートを専用のRunnerで実行してください（${code('tags:')}を変更）。${code('privileged = true')}のRunnerでは、ゲートのコンテナも特権で動きます。`,
    ),
  );
  list(items);
  if (lint)
    command(
      'yaml',
      '# .hadolint.yaml\nignored:\n  - DL3008\ntrusted-registries:\n  - docker.io\n  - registry.gitlab.com\n',
    );
}
