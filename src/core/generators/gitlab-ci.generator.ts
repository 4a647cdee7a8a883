/**
 * `.gitlab-ci.yml`: image, services and login in `default:`, the daemon connection in `variables:`, and one build
 * job per kind of pipeline (tag, default branch, other branches) so that every job's script is static. What is
 * specific to the build method (variables, before_script, build, push, clean-up) comes from its module in
 * `src/core/methods/`; this file arranges the fragments and writes the YAML.
 */
import { CONTAINER_SCANNING_GLOBALS, CONTAINER_SCANNING_JOB, CONTAINER_SCANNING_TEMPLATE, LINT_REPORT } from '../gates';
import { msg, tr, type Lang, type Msg } from '../i18n';
import {
  PROTECTED_REF,
  UNPROTECTED_REF,
  type BuildVariant,
  type NativeJobs,
  type Plan,
  type RequiredVariable,
} from '../plan';
import { gitlabLiteral, type ShellKind } from '../quote';
import { PROMOTE_TAGS, SIGSTORE_ID_TOKEN } from '../supply';
import type { KeyPath } from '../render/line-index';
import { toYaml, type YamlComment } from '../yaml-doc';

const SHA = '$CI_COMMIT_SHA';

/**
 * The stages a generated pipeline may use, in pipeline order; `stages:` lists those its jobs use. Lint before the
 * build; per-architecture builds before the job that merges their manifest list; tests, scans and signing of the
 * pushed digest after it; promotion (copies by digest) last.
 */
export const STAGE_ORDER = ['lint', 'build', 'manifest', 'test', 'scan', 'sign', 'promote'] as const;
/** One stage of `STAGE_ORDER`. */
export type Stage = (typeof STAGE_ORDER)[number];

export { logins } from '../plan';

/**
 * `.gitlab-ci.yml` and the marks findings use on its script lines (`build-command`, `login-command`, `lint-command`,
 * `scan-command`).
 */
export interface GitlabCiFile {
  text: string;
  marks: Record<string, KeyPath>;
}

/**
 * Writes `.gitlab-ci.yml` for the plan, comments in `lang`, and records the script lines findings anchor to.
 * Throws if a build variant has no script (an inconsistent plan). GitLab doc: "Use Docker to build Docker images".
 */
export function generateGitlabCi(p: Plan, lang: Lang): GitlabCiFile {
  const d = gitlabCiDocument(p, lang);
  return { text: toYaml(d.doc, d.comments, d.header), marks: d.marks };
}

/**
 * `.gitlab-ci.yml` as data before it is written: the document (global keywords, then the jobs in file order), its
 * comments (by key path), the header comment, and the marks of the script lines. The one pipeline writer: the
 * CI/CD catalog component (`component.generator.ts`) is made from this document.
 */
export interface GitlabCiDocument {
  doc: Record<string, unknown>;
  comments: YamlComment[];
  header: string;
  marks: Record<string, KeyPath>;
}

/** The document of `.gitlab-ci.yml` for the plan (see `generateGitlabCi`). */
export function gitlabCiDocument(p: Plan, lang: Lang): GitlabCiDocument {
  const net = p.network;
  const build = p.build;
  const marks: Record<string, KeyPath> = {};
  const comments: YamlComment[] = [];
  const c = (path: (string | number)[], en: string, ja: string) => comments.push({ path, text: tr(lang, en, ja) });
  const cm = (path: (string | number)[], text: Msg) => comments.push({ path, text: text[lang] });
  const notes = p.job.notes;
  const doc: Record<string, unknown> = {};
  const variants = p.variants;
  // Builders without a Docker daemon cannot run the image they built: a later job runs it as its job image.
  const separateTest = build.testCommand !== null && !p.job.runsImage;

  // Merge request pipelines never run beside branch pipelines (issue 14, item 7: the read-only twins of the cache
  // writers would match them). https://docs.gitlab.com/ci/yaml/workflow/
  if (p.cache.workflowRules) {
    doc.workflow = { rules: p.cache.workflowRules.map((r) => ({ ...r })) };
    c(
      ['workflow', 'rules'],
      'Branch and tag pipelines only: a merge request shows its source branch pipeline, never a second one.',
      'ブランチとタグのパイプラインだけを実行します。マージリクエストにはソースブランチのパイプラインが表示され、二重には実行されません。',
    );
  }
  const gates = p.gates;
  const scanJobs = gates.scan?.jobs ?? [];
  if (gates.scan?.kind === 'gitlab' && scanJobs.length) doc.include = [{ template: CONTAINER_SCANNING_TEMPLATE }];
  // Filled in at the end, from the stages the jobs use.
  doc.stages = [];

  // ---- variables
  const variables: Record<string, string> = {};
  for (const v of p.job.variables) {
    variables[v.name] = v.value;
    if (v.comment) cm(['variables', v.name], v.comment);
  }
  if (net.proxy === 'job') {
    const lower = p.job.lowercaseProxy;
    const np = net.noProxyCi.join(',');
    const set = (name: string, value: string) => {
      variables[name] = value;
      if (lower) variables[name.toLowerCase()] = value;
    };
    if (net.httpProxy) set('HTTP_PROXY', gitlabLiteral(net.httpProxy));
    if (net.httpsProxy) set('HTTPS_PROXY', gitlabLiteral(net.httpsProxy));
    set('NO_PROXY', np);
    c(
      ['variables', 'NO_PROXY'],
      net.httpProxy || net.httpsProxy
        ? p.daemon === 'dind-service'
          ? 'Variables reach the services too, so the DinD daemon pulls and pushes through the proxy.'
          : 'The build receives these as build arguments; NO_PROXY keeps internal hosts direct.'
        : 'HTTP_PROXY and HTTPS_PROXY come from CI/CD variables of the project or group; variables reach services too.',
      net.httpProxy || net.httpsProxy
        ? p.daemon === 'dind-service'
          ? '変数はサービスにも渡るため、DinDデーモンもプロキシ経由でpull/pushします。'
          : 'ビルドにはビルド引数として渡します。NO_PROXYで内部ホストには直接接続します。'
        : 'HTTP_PROXYとHTTPS_PROXYはプロジェクトまたはグループのCI/CD変数から渡されます。変数はサービスにも渡ります。',
    );
  }
  if (build.composeFile !== null) variables.COMPOSE_PROJECT_NAME = '$CI_PROJECT_PATH_SLUG-$CI_JOB_ID';
  if (Object.keys(variables).length) doc.variables = variables;
  if (build.composeFile !== null)
    c(
      ['variables', 'COMPOSE_PROJECT_NAME'],
      'A unique project name per job: concurrent jobs never share containers or networks.',
      'ジョブごとに一意のプロジェクト名にし、同時実行ジョブがコンテナやネットワークを共有しないようにします。',
    );

  // ---- default: image, services, before_script
  const def: Record<string, unknown> = {};
  if (p.jobImage) {
    def.image = p.jobImageEntrypointReset ? { name: p.jobImage, entrypoint: [''] } : p.jobImage;
    if (notes.image) cm(['default', 'image'], notes.image);
  }
  if (p.service) {
    const s = p.service;
    const simple = !s.alias && !s.command && !s.variables;
    def.services = [simple ? s.name : { ...s }];
    if (notes.services) cm(['default', 'services'], notes.services);
  }
  const checks = p.job.required.map((v) => requiredVariableCheck(v, p.powershell ? 'ps' : 'sh', lang));
  const before = [...checks, ...p.job.beforeScript];
  if (p.job.loginIndex !== null)
    marks['login-command'] = ['default', 'before_script', checks.length + p.job.loginIndex];
  if (before.length) def.before_script = before;
  // The privileged QEMU install the job runs itself (finding qemu-binfmt-privileged).
  const binfmt = before.findIndex((l) => l.includes(p.binfmtImage) && l.includes('--privileged'));
  if (binfmt !== -1) marks['binfmt-command'] = ['default', 'before_script', binfmt];
  if (Object.keys(def).length) {
    doc.default = def;
    if (before.length)
      cm(
        ['default', 'before_script'],
        checks.length
          ? msg(
              `${notes.beforeScript.en} The first ${checks.length === 1 ? 'line stops' : `${checks.length} lines stop`} the job when a CI/CD variable it needs is missing.`,
              `${notes.beforeScript.ja}最初の${checks.length}行は、必要なCI/CD変数がない場合にジョブを止めます。`,
            )
          : notes.beforeScript,
      );
  }

  const tags = !p.hosted && p.runner.tags.length ? [...p.runner.tags] : null;
  const native = p.job.native;

  // ---- gate jobs (issue 14, item 4): nothing of `default:` (the registry logins, the daemon service) and only the
  // proxy variables of the top-level `variables:` reach them; the services and before_script are emptied as well.
  const inherit = (extra: readonly string[]) => {
    const names = [...extra, ...gates.inheritVariables];
    return { default: false, variables: names.length ? names : false };
  };
  if (gates.lint) {
    const l = gates.lint;
    const job: Record<string, unknown> = {
      stage: 'lint',
      image: { name: l.image, entrypoint: [''] },
      inherit: inherit([]),
      services: [],
      before_script: [],
    };
    if (tags) job.tags = tags;
    job.script = l.script;
    job.artifacts = { when: 'always', reports: { codequality: LINT_REPORT } };
    if (l.allowFailure) job.allow_failure = true;
    doc[l.job] = job;
    marks['lint-command'] = [l.job, 'script', l.gateIndex];
    c(
      [l.job, 'image'],
      'hadolint pinned by digest. The first line writes the Code Quality report, the second fails the job at the threshold; .hadolint.yaml in the repository adds ignores and trusted registries.',
      'hadolintをダイジェストで固定。1行目でCode Qualityレポートを書き、2行目でしきい値以上なら失敗します。リポジトリの.hadolint.yamlで無視するルールや信頼するレジストリを追加できます。',
    );
    if (l.allowFailure)
      c(
        [l.job, 'allow_failure'],
        'Gate policy "report": a failing lint warns, the build still runs.',
        'ゲートの方針「報告」: lintが失敗しても警告のみで、ビルドは実行されます。',
      );
  }

  // ---- tags computed in the pipeline (plan.ts TagsPlan): a job in `.pre` hands them over as a dotenv report
  if (p.tags) {
    const t = p.tags;
    const job: Record<string, unknown> = { stage: '.pre' };
    if (t.image) job.image = { name: t.image, entrypoint: [''] };
    // Neither the daemon service nor the logins of `default:` are needed to compute tags.
    if (p.service) job.services = [];
    if (before.length) job.before_script = [];
    if (tags) job.tags = tags;
    if (t.fullCloneOnTags)
      job.rules = [{ if: '$CI_COMMIT_TAG', variables: { GIT_DEPTH: '0' } }, { when: 'on_success' }];
    job.script = t.script;
    job.artifacts = { reports: { dotenv: t.dotenv } };
    doc[t.job] = job;
    c(
      [t.job, 'stage'],
      t.scheme === 'semver'
        ? 'Computes the image tags from the git ref (1.4.2, 1.4, 1, latest for v1.4.2; the branch; mr-<iid>; the SHA) in POSIX sh; later jobs get IMAGE_TAGS from tags.env.'
        : 'Computes the image tags from the tag template and checks each is a Docker tag; later jobs get IMAGE_TAGS from tags.env.',
      t.scheme === 'semver'
        ? 'gitのrefからイメージタグをPOSIX shで計算します（v1.4.2なら1.4.2、1.4、1、latest、ブランチ、mr-<iid>、SHA）。後続ジョブはtags.envからIMAGE_TAGSを受け取ります。'
        : 'タグテンプレートからイメージタグを計算し、それぞれがDockerのタグとして正しいか確認します。後続ジョブはtags.envからIMAGE_TAGSを受け取ります。',
    );
    if (t.image)
      c(
        [t.job, 'image'],
        'sh, awk and git, nothing to install; the empty entrypoint replaces the image’s git entrypoint.',
        'sh、awk、gitを含み、インストール不要です。空のエントリポイントでイメージのgitエントリポイントを置き換えます。',
      );
    if (t.fullCloneOnTags)
      c(
        [t.job, 'rules'],
        'Tag pipelines clone every tag (GIT_DEPTH 0): latest, X.Y and X move only for the highest version.',
        'タグのパイプラインはすべてのタグを取得します（GIT_DEPTH 0）。latest、X.Y、Xは最も高いバージョンでのみ移動します。',
      );
  }

  // ---- build jobs
  for (const [i, v] of variants.entries()) {
    const jobs = native[i];
    if (jobs) {
      nativeJobs(p, v, jobs, { doc, marks, c, tags });
      continue;
    }
    const job: Record<string, unknown> = { stage: 'build' };
    if (tags) job.tags = tags;
    if (v.rule) job.rules = [{ if: v.rule }];
    // With computed tags the first tag is known in the script only: the build job exports BUILT_IMAGE itself.
    if (build.composeFile !== null && !v.dynamicTags) job.variables = { BUILT_IMAGE: v.refs[0] ?? build.image };
    const commands = p.job.builds[i];
    if (!commands) throw new Error(`no script for build job ${v.job}`);
    marks['build-command'] ??= [v.job, 'script', commands.buildIndex];
    job.script = commands.script;
    if (commands.after.length) job.after_script = commands.after;
    if (commands.report) job.artifacts = { reports: { dotenv: commands.report } };
    doc[v.job] = job;
    if (commands.report)
      c(
        [v.job, 'artifacts'],
        'IMAGE_DIGEST and IMAGE_REF (the image by digest) for the jobs after this one.',
        'IMAGE_DIGESTとIMAGE_REF（ダイジェスト指定のイメージ）を後続のジョブに渡します。',
      );
    // The cache is mentioned only where one is configured.
    const cached = p.cache.kind !== 'none';
    if (p.cache.protectedWrite && v.rule?.includes(PROTECTED_REF) && v.exportCache)
      c(
        [v.job, 'rules'],
        'Protected branches and tags only: the only job that writes the layer cache.',
        '保護されたブランチとタグのみ: レイヤーキャッシュを書き込む唯一のジョブです。',
      );
    else if (p.cache.protectedWrite && v.rule?.includes(UNPROTECTED_REF))
      c(
        [v.job, 'rules'],
        'Unprotected branches and tags: the same build, reading the cache without writing it.',
        '保護されていないブランチとタグ: 同じビルドで、キャッシュは読み取るだけで書き込みません。',
      );
    else if (v.rule?.includes('$CI_COMMIT_TAG'))
      c(
        [v.job, 'rules'],
        cached
          ? 'Tag pipelines publish the release tag and only read the cache.'
          : 'Tag pipelines publish the release tag.',
        cached
          ? 'タグのパイプラインはリリースタグを公開し、キャッシュは読み取るだけです。'
          : 'タグのパイプラインはリリースタグを公開します。',
      );
    else if (v.job === 'latest-image')
      c(
        [v.job, 'rules'],
        cached ? 'The default branch publishes :latest and writes the cache.' : 'The default branch publishes :latest.',
        cached
          ? 'デフォルトブランチは:latestを公開し、キャッシュを書き込みます。'
          : 'デフォルトブランチは:latestを公開します。',
      );
    if (p.buildx)
      c(
        [v.job, 'after_script'],
        "Removes this job's builder; its name is unique per job.",
        'このジョブのビルダーを削除します（名前はジョブごとに一意です）。',
      );
  }

  // ---- separate test job for builders without a daemon
  if (separateTest) {
    const pushing = variants.filter((v) => v.push);
    const ref = `${build.image}:${SHA}`;
    const test: Record<string, unknown> = {
      stage: 'test',
      image: ref,
      services: [],
      before_script: [],
      script: [build.testCommand ?? ''],
    };
    if (tags) test.tags = tags;
    const rules = pushing.map((v) => v.rule).filter((r): r is string => r !== null);
    if (rules.length && rules.length === pushing.length) test.rules = rules.map((r) => ({ if: r }));
    doc['test-image'] = test;
    c(
      ['test-image', 'image'],
      'The image built above runs the tests as the job image.',
      '上でビルドしたイメージをジョブイメージとしてテストを実行します。',
    );
  }

  // ---- sign and promote jobs (issue 14, items 3 and 6): one per pushing build job, reading its dotenv report
  // ($IMAGE_REF, the image by digest). Nothing of `default:` (the build's image, daemon service and logins) reaches
  // them, and of the top-level variables only the proxy's.
  const proxyVars = Object.keys(variables).filter((n) => /^(?:HTTP_PROXY|HTTPS_PROXY|NO_PROXY)$/i.test(n));
  const supplyInherit = { default: false, variables: proxyVars.length ? proxyVars : false };
  const supply = p.supplyChain;
  if (supply.sign) {
    const s = supply.sign;
    const checks = s.required.map((v) => requiredVariableCheck(v, 'sh', lang));
    for (const [i, j] of s.jobs.entries()) {
      const job: Record<string, unknown> = {
        stage: 'sign',
        image: { name: s.image, entrypoint: [''] },
        inherit: supplyInherit,
        services: [],
        before_script: [],
      };
      if (tags) job.tags = tags;
      job.needs = [{ job: j.needs, artifacts: true }];
      if (j.rule) job.rules = [{ if: j.rule }];
      // GitLab.com's docs: the ID token with the audience `sigstore`, read by cosign from SIGSTORE_ID_TOKEN.
      if (s.mode === 'keyless') job.id_tokens = { [SIGSTORE_ID_TOKEN]: { aud: 'sigstore' } };
      job.variables = { ...s.variables };
      job.script = [...checks, ...s.prelude, s.command];
      doc[j.job] = job;
      if (i === 0) {
        marks['sign-command'] = [j.job, 'script', checks.length + s.prelude.length];
        if (s.mode === 'keyless') marks['sign-id-tokens'] = [j.job, 'id_tokens'];
        c(
          [j.job, 'needs'],
          `Signs the digest ${j.needs} pushed ($IMAGE_REF from its dotenv report), never a tag; the signature goes next to the image.`,
          `${j.needs}がプッシュしたダイジェスト（dotenvレポートの$IMAGE_REF）に署名します。タグには署名しません。署名はイメージの隣に置かれます。`,
        );
        c(
          [j.job, 'image'],
          'cosign with a shell (the -dev variant); pinned by version: add its digest (SETUP.md).',
          'シェル付きのcosign（-devの版）。バージョンで固定しています。ダイジェストを追加してください（SETUP.md）。',
        );
        if (s.mode === 'keyless')
          c(
            [j.job, 'id_tokens'],
            'Keyless: cosign trades this GitLab ID token for a short-lived certificate (public Sigstore trusts GitLab.com only).',
            'キーレス: cosignはこのGitLab IDトークンを短期間の証明書と交換します（公開SigstoreはGitLab.comのみを信頼します）。',
          );
        else
          c(
            [j.job, 'rules'],
            'Protected refs only: the signing key is a Protected variable.',
            '保護されたrefのみ: 署名鍵は保護された変数です。',
          );
      }
    }
  }
  if (supply.promote) {
    const pr = supply.promote;
    const checks = pr.required.map((v) => requiredVariableCheck(v, 'sh', lang));
    for (const [i, j] of pr.jobs.entries()) {
      const job: Record<string, unknown> = {
        stage: 'promote',
        image: { name: pr.image, entrypoint: [''] },
        inherit: supplyInherit,
        services: [],
        before_script: [],
      };
      if (tags) job.tags = tags;
      const signJob = supply.sign?.jobs.find((x) => x.needs === j.needs);
      // After the signature exists (its tag is copied too), and with the build job's report.
      // Tags computed in the pipeline come from the image-tags job's report (IMAGE_TAGS), not from the build job's.
      job.needs = [
        { job: j.needs, artifacts: true },
        ...(p.tags ? [{ job: p.tags.job, artifacts: true }] : []),
        ...(signJob ? [{ job: signJob.job, artifacts: false }] : []),
      ];
      if (j.rule) job.rules = [{ if: j.rule }];
      job.variables = { [PROMOTE_TAGS]: j.tags.join(' ') };
      job.script = [...checks, ...pr.script];
      doc[j.job] = job;
      if (i === 0) {
        marks['promote-command'] = [j.job, 'script', checks.length + pr.copyIndex];
        c(
          [j.job, 'variables', PROMOTE_TAGS],
          'The tags each target gets (space-separated): the tags this build job pushed.',
          '各コピー先に付けるタグ（空白区切り）: このビルドジョブがプッシュしたタグです。',
        );
        c(
          [j.job, 'rules'],
          'Protected branches and tags only: copies by digest, never a rebuild.',
          '保護ブランチとタグのみ: ダイジェストでコピーし、再ビルドはしません。',
        );
      }
    }
  }

  // ---- scan jobs: one per pushing build job, under its rule, reading its dotenv report (IMAGE_REF)
  const scan = gates.scan;
  if (scan && scanJobs.length) {
    const checks = scan.required.map((v) => requiredVariableCheck(v, 'sh', lang));
    if (scan.kind === 'gitlab') {
      doc[CONTAINER_SCANNING_JOB] = { stage: 'scan', rules: [{ when: 'never' }] };
      c(
        [CONTAINER_SCANNING_JOB, 'rules'],
        "The template's own job is turned off: the jobs below scan the digest each build job pushed.",
        'テンプレート自身のジョブは無効にし、下のジョブで各ビルドジョブがプッシュしたダイジェストをスキャンします。',
      );
    }
    for (const [i, s] of scanJobs.entries()) {
      const job: Record<string, unknown> =
        scan.kind === 'gitlab'
          ? { extends: CONTAINER_SCANNING_JOB, stage: 'scan', inherit: inherit(CONTAINER_SCANNING_GLOBALS) }
          : { stage: 'scan', image: { name: scan.image ?? '', entrypoint: [''] }, inherit: inherit([]) };
      job.services = [];
      job.before_script = scan.kind === 'gitlab' ? checks : [];
      if (tags) job.tags = tags;
      job.needs = [{ job: s.needs, artifacts: true }];
      // GitLab's template downloads no artifact (`dependencies: []`): the build job's dotenv report is needed here.
      if (scan.kind === 'gitlab') job.dependencies = [s.needs];
      job.rules = s.rule ? [{ if: s.rule }] : [{ when: 'on_success' }];
      job.variables = { ...scan.variables };
      if (scan.kind === 'trivy') job.script = [...checks, ...scan.script];
      if (scan.allowFailure) job.allow_failure = true;
      doc[s.job] = job;
      if (i === 0) {
        marks['scan-command'] =
          scan.kind === 'trivy'
            ? [s.job, 'script', checks.length + scan.gateIndex]
            : [s.job, 'variables', 'CS_SEVERITY_THRESHOLD'];
        c(
          [s.job, 'needs'],
          `Scans the image ${s.needs} pushed, by digest ($IMAGE_REF from its dotenv report), without its registry logins.`,
          `${s.needs}がプッシュしたイメージを、レジストリへのログインなしにダイジェスト（dotenvレポートの$IMAGE_REF）でスキャンします。`,
        );
      }
    }
  }

  const used = new Set(
    Object.values(doc).flatMap((j) =>
      typeof j === 'object' && j !== null && 'stage' in j ? [String((j as { stage: unknown }).stage)] : [],
    ),
  );
  // `.pre` and `.post` are GitLab's own first and last stages, never listed in `stages:`
  // (https://docs.gitlab.com/ci/yaml/#stage-pre): the image-tags job runs in `.pre`, before every other stage.
  const unknown = [...used].filter(
    (s) => !(STAGE_ORDER as readonly string[]).includes(s) && s !== '.pre' && s !== '.post',
  );
  if (unknown.length) throw new Error(`jobs use stages outside STAGE_ORDER: ${unknown.join(', ')}`);
  doc.stages = STAGE_ORDER.filter((s) => used.has(s));

  // The first line is the same for every setup: the preview's cursor rests on it, and a line Monaco does not
  // render again needs no measuring (src/app/monaco/MonacoView.tsx).
  const header = tr(
    lang,
    `Generated by the GitLab CI Docker build wizard.\nBuild method: ${p.method.id}.`,
    `GitLab CI Dockerビルドウィザードで生成。\nビルド方法: ${p.method.id}`,
  );
  return { doc, comments, header, marks };
}

/** Where `nativeJobs` writes: the document, the script marks, the comment collector and the runner's tags. */
interface JobSink {
  doc: Record<string, unknown>;
  marks: Record<string, KeyPath>;
  c: (path: (string | number)[], en: string, ja: string) => void;
  tags: string[] | null;
}

/**
 * A native multi-arch build of variant `v` (issue 14, item 5): one `build` job per architecture with that
 * architecture's runner tags (and node selector variable on Kubernetes), then, for a variant that pushes, the
 * `manifest` job that merges their images under the variant's name, with the variant's rules and `needs:` on every
 * per-architecture job (GitLab passes their dotenv reports through `needs:`,
 * https://docs.gitlab.com/ci/yaml/artifacts_reports/#artifactsreportsdotenv). Explicit jobs rather than
 * `parallel: matrix:`, so that each job's name, tags and report are written out.
 */
function nativeJobs(p: Plan, v: BuildVariant, jobs: NativeJobs, out: JobSink): void {
  const { doc, marks, c } = out;
  for (const [k, aj] of jobs.archJobs.entries()) {
    const job: Record<string, unknown> = { stage: 'build' };
    if (aj.arch.tags) job.tags = [...aj.arch.tags];
    if (v.rule) job.rules = [{ if: v.rule }];
    const variables: Record<string, string> = { ...aj.arch.variables };
    if (p.build.composeFile !== null) variables.BUILT_IMAGE = `${p.build.image}:${SHA}-${aj.arch.arch}`;
    if (Object.keys(variables).length) job.variables = variables;
    marks['build-command'] ??= [aj.job, 'script', aj.buildIndex];
    job.script = aj.script;
    if (aj.after.length) job.after_script = aj.after;
    if (aj.report) job.artifacts = { reports: { dotenv: aj.report } };
    doc[aj.job] = job;
    if (k === 0)
      c(
        [aj.job, 'tags'],
        `Runs on the ${aj.arch.arch} runners and builds ${aj.arch.platform} only, natively: no QEMU.`,
        `${aj.arch.arch}のRunnerで${aj.arch.platform}だけをネイティブにビルドします（QEMUなし）。`,
      );
    if (aj.report && k === 0)
      c(
        [aj.job, 'artifacts'],
        `IMAGE_DIGEST_${aj.arch.arch.toUpperCase()}: the digest of this architecture's image, for the manifest job.`,
        `IMAGE_DIGEST_${aj.arch.arch.toUpperCase()}: このアーキテクチャのイメージのダイジェストをマニフェストジョブに渡します。`,
      );
  }
  const m = jobs.merge;
  if (!m) return;
  const job: Record<string, unknown> = { stage: 'manifest' };
  if (m.image) job.image = m.image;
  if (m.noServices) job.services = [];
  if (out.tags) job.tags = [...out.tags];
  if (v.rule) job.rules = [{ if: v.rule }];
  job.needs = jobs.archJobs.map((aj) => aj.job);
  job.script = m.script;
  if (m.after.length) job.after_script = m.after;
  job.artifacts = { reports: { dotenv: m.report } };
  doc[m.job] = job;
  c(
    [m.job, 'needs'],
    'Merges the per-architecture images, by digest, into one manifest list under every tag.',
    'アーキテクチャごとのイメージをダイジェストで1つのマニフェストリストにまとめ、すべてのタグを付けます。',
  );
  c(
    [m.job, 'artifacts'],
    'IMAGE_DIGEST and IMAGE_REF of the manifest list, for the jobs after this one.',
    'マニフェストリストのIMAGE_DIGESTとIMAGE_REFを後続のジョブに渡します。',
  );
}

/**
 * The first line of `before_script` for a CI/CD variable the job needs (issue 13, "missing variables fail early"):
 * it stops the job with a message naming the variable, where to create it, and the protected-variable trap (a
 * Protected variable is empty in pipelines of unprotected branches and tags: failures.md #10). A File-type variable
 * must name an existing file. Messages are single-quoted (sh) or a PowerShell literal; variable names are
 * identifiers (`VAR_NAME` in answers.ts), so nothing needs escaping.
 */
export function requiredVariableCheck(v: RequiredVariable, shell: ShellKind, lang: Lang): string {
  const text = tr(
    lang,
    `${v.name} ${v.file ? 'is not a file' : 'is not set'}. Add it in Settings > CI/CD > Variables${v.file ? ' with the type File' : ''}; a Protected variable is empty in pipelines of unprotected branches and tags.`,
    `${v.name}${v.file ? 'がファイルではありません' : 'が設定されていません'}。設定 > CI/CD > 変数 で${v.file ? '「ファイル」タイプとして' : ''}追加してください。保護された変数は、保護されていないブランチとタグのパイプラインでは空になります。`,
  );
  if (shell === 'ps')
    return v.file
      ? `if (-not (Test-Path -LiteralPath "$env:${v.name}" -PathType Leaf)) { throw '${text}' }`
      : `if (-not $env:${v.name}) { throw '${text}' }`;
  return `test ${v.file ? '-f' : '-n'} "$${v.name}" || { echo '${text}' >&2; exit 1; }`;
}
