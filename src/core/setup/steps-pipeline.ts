/**
 * SETUP.md's steps in GitLab and the repository: the CI/CD variables the jobs read (a table of names, values and
 * flags) and the files to commit. Reads the plan's facts and groups only (see `./steps.ts`).
 */
import { tr, type Lang } from '../i18n';
import type { Plan } from '../plan';
import type { StepWriter } from './step-writer';
import { code, joined, spans, text, type Inlines } from './types';

/** One CI/CD variable to create: its name, what to put in it, and its flags (masked, protected, file), in one text. */
export interface VariableRow {
  name: string;
  value: string;
  flags: string;
}

/**
 * The CI/CD variables the generated files read by name, in `lang`, in table order: the registry credentials (one
 * DOCKER_AUTH_CONFIG-style variable, or a user and a token per login that is not a predefined `$CI_` variable), the
 * registry CA as a File variable, and the proxy variables when the job's proxy comes from CI/CD variables. Empty when
 * the jobs need none.
 */
export function ciVariables(p: Plan, lang: Lang): VariableRow[] {
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
  for (const name of p.metadata.secrets)
    rows.push({
      name,
      value: t(
        'the secret the build reads with RUN --mount=type=secret (never a build argument)',
        'ビルドがRUN --mount=type=secretで読む秘密情報（ビルド引数にはしない）',
      ),
      flags: masked + prot,
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
 * Step "Create the CI/CD variables", only when the jobs read some (`ciVariables`): where to create them, their table
 * and, for protected-only builds, why the jobs run on protected refs only.
 */
export function variablesStep(w: StepWriter, p: Plan): void {
  const { t, step, para, add, lang } = w;
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
}

/**
 * The items of "Update the repository" for issue 14 (tags from git, labels, build secrets, target stage): how the
 * tags are computed and what the repository needs for them, where labels become annotations, and the Dockerfile
 * side of each build secret.
 */
function tagAndInputSteps(w: StepWriter, p: Plan): Inlines[] {
  const { t } = w;
  const items: Inlines[] = [];
  const tags = p.tags;
  if (tags?.scheme === 'semver') {
    const pre = tags.prefix;
    items.push(
      t(
        spans`Release by pushing a tag ${code(`${pre}1.4.2`)}: the ${code('image-tags')} job (stage ${code('.pre')}, image ${code(tags.image ?? 'the runner host')}) computes ${code('1.4.2')}, ${code('1.4')} and ${code('1')}${tags.latest ? spans` and ${code('latest')}` : ''} when no higher version exists among the repository's tags; a pre-release (${code(`${pre}2.0.0-rc.1`)}) gets only its own tag, a branch its slug, a merge request ${code('mr-<iid>')}${tags.sha === 'none' ? '' : ', every pipeline the commit SHA'}. Tag pipelines clone every tag (${code('GIT_DEPTH: 0')}); without git the job tags only the full version and says so in its log.`,
        spans`タグ${code(`${pre}1.4.2`)}をプッシュしてリリースします。${code('image-tags')}ジョブ（ステージ${code('.pre')}、イメージ${code(tags.image ?? 'Runnerのホスト')}）は、リポジトリのタグにより高いバージョンがなければ${code('1.4.2')}、${code('1.4')}、${code('1')}${tags.latest ? spans`、${code('latest')}` : ''}を計算します。プレリリース（${code(`${pre}2.0.0-rc.1`)}）には自身のタグだけ、ブランチにはスラッグ、マージリクエストには${code('mr-<iid>')}${tags.sha === 'none' ? '' : '、すべてのパイプラインにコミットSHA'}が付きます。タグのパイプラインはすべてのタグを取得します（${code('GIT_DEPTH: 0')}）。gitがなければ完全なバージョンだけをタグ付けし、ログにそう出力します。`,
      ),
    );
  } else if (tags?.scheme === 'template')
    items.push(
      t(
        spans`The ${code('image-tags')} job (stage ${code('.pre')}) expands ${code(tags.template)} into the image tags and stops with a message when one is not a Docker tag (a ${code('/')} of ${code('$CI_COMMIT_REF_NAME')}, for example: ${code('$CI_COMMIT_REF_SLUG')} is always valid).`,
        spans`${code('image-tags')}ジョブ（ステージ${code('.pre')}）が${code(tags.template)}をイメージタグに展開し、Dockerのタグとして正しくないもの（例: ${code('$CI_COMMIT_REF_NAME')}の${code('/')}）があればメッセージを出して止まります（${code('$CI_COMMIT_REF_SLUG')}は常に有効です）。`,
      ),
    );
  const m = p.metadata;
  if (m.labels.length)
    items.push(
      m.annotations.length === m.labels.length
        ? t(
            spans`The image gets the OCI labels ${joined(
              m.labels.map((l) => code(l.key)),
              ', ',
            )}, also as manifest annotations.`,
            spans`イメージにOCIラベル${joined(
              m.labels.map((l) => code(l.key)),
              '、',
            )}を付け、マニフェストのアノテーションにも書きます。`,
          )
        : m.annotations.length
          ? t(
              spans`The image gets the OCI labels ${joined(
                m.labels.map((l) => code(l.key)),
                ', ',
              )}; buildctl also writes ${joined(
                m.annotations.map((l) => code(l.key)),
                ', ',
              )} as manifest annotations (its --output list cannot carry values with commas).`,
              spans`イメージにOCIラベル${joined(
                m.labels.map((l) => code(l.key)),
                '、',
              )}を付けます。buildctlは${joined(
                m.annotations.map((l) => code(l.key)),
                '、',
              )}をマニフェストのアノテーションにも書きます（--outputのリストはカンマを含む値を運べません）。`,
            )
          : t(
              spans`The image gets the OCI labels ${joined(
                m.labels.map((l) => code(l.key)),
                ', ',
              )}. No manifest annotations: ${p.method.tool === 'docker' ? 'docker build without Buildx writes none' : 'Buildah and Podman build Docker-format images here (BUILDAH_FORMAT=docker), whose manifests have no annotations'}.`,
              spans`イメージにOCIラベル${joined(
                m.labels.map((l) => code(l.key)),
                '、',
              )}を付けます。マニフェストのアノテーションはありません（${p.method.tool === 'docker' ? 'Buildxなしのdocker buildは書きません' : 'ここではBuildahとPodmanがDocker形式のイメージをビルドし（BUILDAH_FORMAT=docker）、そのマニフェストにはアノテーションがありません'}）。`,
            ),
    );
  for (const name of m.secrets)
    items.push(
      t(
        spans`Read the build secret in the Dockerfile, for one step only: ${code(`RUN --mount=type=secret,id=${name} cat /run/secrets/${name} >/dev/null`)} (or ${code(`--mount=type=secret,id=${name},env=${name}`)} with Dockerfile syntax 1.10). It is never stored in the image.`,
        spans`Dockerfileでビルドシークレットを1ステップだけ読みます: ${code(`RUN --mount=type=secret,id=${name} cat /run/secrets/${name} >/dev/null`)}（Dockerfile構文1.10なら${code(`--mount=type=secret,id=${name},env=${name}`)}）。イメージには保存されません。`,
      ),
    );
  if (m.target)
    items.push(
      t(
        spans`The build stops at the stage ${code(`FROM … AS ${m.target}`)} of the Dockerfile: it must exist.`,
        spans`ビルドはDockerfileのステージ${code(`FROM … AS ${m.target}`)}で止まります。このステージが必要です。`,
      ),
    );
  return items;
}

/**
 * Step "Update the repository": a list of the files to commit (buildkitd.toml, the Dockerfile's Dependency Proxy
 * prefix, the compose file's image variable) ending with `.gitlab-ci.yml`.
 */
export function repositoryStep(w: StepWriter, p: Plan): void {
  const { t, step, list } = w;
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
  if (p.method.tool === 'buildah' || p.method.tool === 'podman')
    repoSteps.push(
      t(
        spans`Qualify the base images in the Dockerfile (${code('FROM docker.io/library/ruby:3.4.9')} rather than ${code('FROM ruby:3.4.9')}): a full name pulls the same image whatever registries.conf says. The job's registries.conf drop-in makes unqualified names mean Docker Hub, so that they are never prompted for (CI has no terminal).`,
        spans`Dockerfileのベースイメージを完全な名前にします（${code('FROM ruby:3.4.9')}ではなく${code('FROM docker.io/library/ruby:3.4.9')}）。完全な名前なら、registries.confの内容に関わらず同じイメージを取得します。ジョブのregistries.confドロップインは、短い名前をDocker Hubの名前として扱い、確認のプロンプトを出させません（CIには端末がありません）。`,
      ),
    );
  repoSteps.push(...tagAndInputSteps(w, p));
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
}

/**
 * Step "Protect the refs that write the layer cache", only for a registry cache per ref or written from protected
 * refs only (issue 14, item 7): which branches and tags to protect (Settings > Repository), which job writes and
 * which only reads, why merge request pipelines are not created, and how the per-ref cache references are named.
 */
export function cacheStep(w: StepWriter, p: Plan): void {
  const { t, step, para, list } = w;
  const c = p.cache;
  if (c.kind !== 'registry' || (!c.perRef && !c.protectedWrite)) return;
  step(t('Protect the refs that write the layer cache', 'レイヤーキャッシュを書き込むrefを保護する'));
  if (c.protectedWrite) {
    const writers = p.variants.filter((v) => v.exportCache).map((v) => code(v.job));
    const readers = p.variants.filter((v) => !v.exportCache).map((v) => code(v.job));
    list([
      t(
        spans`Settings > Repository > Protected branches: keep the default branch protected (GitLab protects it when the project is created) and protect every branch whose builds may write the cache, such as ${code('release/*')}. Settings > Repository > Protected tags: protect the release tags (${code('v*')}).`,
        spans`設定 > リポジトリ > 保護ブランチ: デフォルトブランチを保護したままにし（プロジェクト作成時にGitLabが保護します）、キャッシュを書き込んでよいブランチ（${code('release/*')}など）も保護します。設定 > リポジトリ > 保護タグ: リリースタグ（${code('v*')}）を保護します。`,
      ),
      t(
        spans`Only pipelines of protected refs run ${joined(writers, ', ')}, which write${writers.length === 1 ? 's' : ''} the cache. ${joined(readers, ', ')} read the cache without writing it: a branch anyone can push to cannot put layers into the cache protected builds reuse.`,
        spans`キャッシュを書き込む${joined(writers, '、')}は、保護されたrefのパイプラインだけで実行します。${joined(readers, '、')}はキャッシュを読み取るだけで書き込みません。誰でもpushできるブランチから、保護されたビルドが再利用するキャッシュにレイヤーを入れることはできません。`,
      ),
      t(
        spans`${code('workflow: rules:')} creates no merge request pipelines: a merge request shows the pipeline of its source branch. A merge request from a fork runs in the fork, with the fork's registry and variables, so it never writes this project's cache.`,
        spans`${code('workflow: rules:')}によりマージリクエストのパイプラインは作成されません。マージリクエストにはソースブランチのパイプラインが表示されます。フォークからのマージリクエストはフォーク側で、フォークのレジストリと変数で実行されるため、このプロジェクトのキャッシュに書き込むことはありません。`,
      ),
    ]);
  }
  if (c.perRef) {
    const [own, fallback] = c.imports;
    para(
      t(
        spans`Cache per ref: each pipeline reads ${code(own ?? '')} (its branch or tag, slugged) and then ${code(fallback ?? '')} (the default branch's), and writes ${code(c.exportRef ?? '')}. A new branch starts from the default branch's layers.`,
        spans`refごとのキャッシュ: 各パイプラインは${code(own ?? '')}（ブランチまたはタグのスラッグ）、次に${code(fallback ?? '')}（デフォルトブランチのもの）を読み取り、${code(c.exportRef ?? '')}に書き込みます。新しいブランチはデフォルトブランチのレイヤーから始まります。`,
      ),
    );
    para(
      t(
        "The caches of merged and deleted branches stay in the registry: Settings > Packages and registries > Cleanup policies can remove them (keep the default branch's).",
        'マージ・削除されたブランチのキャッシュはレジストリに残ります。設定 > パッケージとレジストリ > クリーンアップポリシーで削除できます（デフォルトブランチのものは残します）。',
      ),
    );
  }
}

/**
 * Step "Publish the CI/CD component", only when the component is generated (issue 14, item 8): the component
 * project, its files, the catalog setting, the release that the usage snippet pins, and how a project includes it
 * (https://docs.gitlab.com/ci/components/#publish-a-component-project).
 */
export function componentStep(w: StepWriter, p: Plan): void {
  const { t, step, list } = w;
  const c = p.component;
  if (!c) return;
  step(t('Publish the CI/CD component', 'CI/CDコンポーネントを公開する'));
  list([
    t(
      spans`Create the project ${code(c.project)} (it holds only the component) and commit the files of ${code('component/')} at its root: ${code(`templates/${c.name}.yml`)} and ${code('README.md')}.`,
      spans`プロジェクト${code(c.project)}を作成し（コンポーネント専用）、${code('component/')}のファイルをそのルートにコミットします: ${code(`templates/${c.name}.yml`)}と${code('README.md')}。`,
    ),
    t(
      spans`To list it in the CI/CD Catalog: give the project a description, then Settings > General > Visibility, project features, permissions > CI/CD Catalog project. A private component project can still be included by projects whose members can read it.`,
      spans`CI/CDカタログに掲載するには、プロジェクトに説明を付け、設定 > 一般 > 可視性、プロジェクトの機能、権限 > CI/CDカタログプロジェクトを有効にします。非公開のコンポーネントプロジェクトも、読み取り権限のあるメンバーのプロジェクトからは取り込めます。`,
    ),
    t(
      spans`Create the tag ${code(c.version)} and a release for it (Deploy > Releases): the usage snippet pins ${code(`@${c.version}`)}, and only releases are published in the catalog.`,
      spans`タグ${code(c.version)}とそのリリースを作成します（デプロイ > リリース）。使用例は${code(`@${c.version}`)}に固定しており、カタログに公開されるのはリリースだけです。`,
    ),
    t(
      spans`In each project that builds an image this way, use ${code('.gitlab-ci.component-usage.yml')} as its ${code('.gitlab-ci.yml')} and change the inputs (the image, the stage, a job name prefix); the runner and the CI/CD variables are the ones of the steps above.`,
      spans`この方法でイメージをビルドする各プロジェクトでは、${code('.gitlab-ci.component-usage.yml')}を${code('.gitlab-ci.yml')}として使い、インプット（イメージ、ステージ、ジョブ名の接頭辞）を変えます。RunnerとCI/CD変数は上の手順のものです。`,
    ),
  ]);
}
