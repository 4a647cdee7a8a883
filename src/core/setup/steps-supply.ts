/**
 * SETUP.md's step for the supply chain and the promotion (issue 14, items 3 and 6): how to look at the attestations,
 * set up the signing (key pair or keyless) and verify a signature with the exact `cosign verify` command, pin the
 * cosign image by digest, and what the promotion needs. Reads the plan only (`p.supplyChain`, `p.build`, `p.method`).
 *
 * Sources: https://docs.gitlab.com/ci/yaml/signing_examples/ (the certificate identity is
 * `<project URL>//.gitlab-ci.yml@<ref>`, the issuer the GitLab URL), https://docs.gitlab.com/ci/yaml/signing_self_hosted/,
 * https://docs.docker.com/build/metadata/attestations/ (`docker buildx imagetools inspect --format`).
 */
import type { Plan } from '../plan';
import type { StepWriter } from './step-writer';
import { code, spans } from './types';

/** Step "Sign, verify and promote", when the setup signs, promotes or pushes attestations it asked for. */
export function supplyChainStep(w: StepWriter, p: Plan): void {
  const { t, step, para, command, list } = w;
  const s = p.supplyChain;
  const asked = s.attestations.sbom || s.attestations.provenance === 'min' || s.attestations.provenance === 'max';
  if (!s.sign && !s.promote && !asked) return;
  step(t('Attestations, signing and promotion', 'アテステーション、署名、昇格'));
  para(
    t(
      spans`Each build job writes ${code('IMAGE_REF')} (${code('<repository>@sha256:<digest>')}) to its ${code('build.env')} report; the jobs below use that digest, never a tag. Below, ${code('IMAGE_REF')} is that value (from the report or the job log).`,
      spans`各ビルドジョブは${code('IMAGE_REF')}（${code('<repository>@sha256:<digest>')}）を${code('build.env')}レポートに書き、以下のジョブはタグではなくそのダイジェストを使います。以下の${code('IMAGE_REF')}はその値です（レポートまたはジョブログから）。`,
    ),
  );
  if (p.method.tool === 'buildah' || p.method.tool === 'podman')
    para(
      t(
        'Buildah and Podman have no BuildKit attestations: this setup pushes no SBOM and no provenance (not supported with this builder).',
        'BuildahとPodmanにはBuildKitのアテステーションがないため、この構成はSBOMもprovenanceもプッシュしません（このビルダーでは対応していません）。',
      ),
    );
  if (asked) {
    para(
      t(
        'The attestations travel with the image (in its index). To read them:',
        'アテステーションはイメージ（のインデックス）と一緒に保存されます。読み出すには:',
      ),
    );
    const inspect = [
      ...(s.attestations.sbom ? [`docker buildx imagetools inspect "$IMAGE_REF" --format '{{json .SBOM}}'`] : []),
      ...(s.attestations.provenance === 'min' || s.attestations.provenance === 'max'
        ? [`docker buildx imagetools inspect "$IMAGE_REF" --format '{{json .Provenance}}'`]
        : []),
    ];
    command('sh', inspect.join('\n'));
    if (s.attestations.rejectedByRegistry)
      para(
        t(
          'This BuildKit pushes attestations as OCI artifacts that the GitLab registry refuses (moby/buildkit#7007): pin an earlier BuildKit (see the findings).',
          'このBuildKitはGitLabレジストリが拒否するOCIアーティファクトとしてアテステーションをプッシュします（moby/buildkit#7007）。以前のBuildKitに固定してください（指摘事項を参照）。',
        ),
      );
  }
  const sign = s.sign;
  if (sign) {
    para(
      t(
        spans`The sign jobs run ${code(sign.image)}, pinned by version only. Add its digest: run ${code(`docker buildx imagetools inspect ${sign.image}`)} and write the image as ${code(`${sign.image}@sha256:<digest>`)} in .gitlab-ci.yml.`,
        spans`署名ジョブは${code(sign.image)}を使い、バージョンだけで固定しています。ダイジェストを追加してください: ${code(`docker buildx imagetools inspect ${sign.image}`)}を実行し、.gitlab-ci.ymlのイメージを${code(`${sign.image}@sha256:<digest>`)}と書きます。`,
      ),
    );
    if (sign.mode === 'key') {
      para(
        t(
          spans`Create the key pair on your machine (it asks for the password), keep ${code('cosign.pub')} with the consumers, and store the private key and its password as CI/CD variables (Settings > CI/CD > Variables): ${code(sign.keyVar ?? '')} type File, Protected; ${code(sign.passwordVar ?? '')} Masked and hidden, Protected. The sign jobs run on protected branches and tags only, so both can be Protected.`,
          spans`手元で鍵ペアを作成し（パスワードを尋ねます）、${code('cosign.pub')}は利用者に渡し、秘密鍵とそのパスワードをCI/CD変数に保存します（設定 > CI/CD > 変数）: ${code(sign.keyVar ?? '')}はタイプ「ファイル」で保護、${code(sign.passwordVar ?? '')}はマスクと非表示と保護。署名ジョブは保護ブランチとタグでのみ動くため、どちらも保護にできます。`,
        ),
      );
      command('sh', 'cosign generate-key-pair');
      para(t('Verify an image:', 'イメージを検証するには:'));
      command('sh', 'cosign verify --key cosign.pub "$IMAGE_REF"');
    } else {
      const issuer = sign.issuer;
      const project = `${issuer}/<group>/<project>`;
      if (sign.ownSigstoreNeeded)
        para(
          t(
            spans`Keyless signing with the public Sigstore works for GitLab.com only: its Fulcio does not trust the ID tokens of ${code(issuer)}. Connect your own Fulcio, Rekor and Certificate Transparency log to this GitLab (GitLab docs "Sign artifacts and container images with self-hosted Sigstore") and give cosign their URLs, or sign with a key pair instead. ID tokens need GitLab 15.7 or later.`,
            spans`公開Sigstoreでのキーレス署名はGitLab.comでのみ使えます。そのFulcioは${code(issuer)}のIDトークンを信頼しません。このGitLabに独自のFulcio、Rekor、Certificate Transparencyログを接続し（GitLabドキュメント「セルフホストのSigstoreでアーティファクトとコンテナイメージに署名する」）、cosignにそのURLを渡すか、鍵ペアで署名してください。IDトークンにはGitLab 15.7以降が必要です。`,
          ),
        );
      para(
        t(
          spans`The ${code('id_tokens')} stay in this project's own .gitlab-ci.yml: GitLab gives no ID token to keyless signing from an included file, Auto DevOps or a child pipeline. The signing identity (project path, ref) is recorded in the public Rekor log. Verify an image of the default branch (replace the group, project and branch; a tag's identity ends in ${code('@refs/tags/<tag>')}):`,
          spans`${code('id_tokens')}はこのプロジェクト自身の.gitlab-ci.ymlに置きます。インクルードしたファイル、Auto DevOps、子パイプラインからのキーレス署名にはIDトークンが渡りません。署名者の情報（プロジェクトのパス、ref）は公開Rekorログに記録されます。デフォルトブランチのイメージを検証するには（グループ、プロジェクト、ブランチを置き換えます。タグの場合は${code('@refs/tags/<tag>')}で終わります）:`,
        ),
      );
      command(
        'sh',
        [
          'cosign verify "$IMAGE_REF" \\',
          `  --certificate-identity "${project}//.gitlab-ci.yml@refs/heads/main" \\`,
          `  --certificate-oidc-issuer "${issuer}"`,
        ].join('\n'),
      );
    }
  }
  const promote = s.promote;
  if (promote) {
    para(
      t(
        spans`The promote jobs copy ${code('IMAGE_REF')} with ${code('skopeo copy --all --preserve-digests')} to ${promote.targets.map((x) => x).join(', ')} under the tags of ${code('PROMOTE_TAGS')}, and check each copy serves the same digest. They run on protected branches and tags only:`,
        spans`昇格ジョブは${code('IMAGE_REF')}を${code('skopeo copy --all --preserve-digests')}で${promote.targets.map((x) => x).join('、')}へ${code('PROMOTE_TAGS')}のタグでコピーし、各コピーが同じダイジェストを返すことを確認します。保護ブランチとタグでのみ動きます:`,
      ),
    );
    list([
      t(
        'Protect the default branch and the release tags (Settings > Repository > Protected branches / Protected tags, e.g. v*).',
        'デフォルトブランチとリリースタグを保護します（設定 > リポジトリ > 保護ブランチ / 保護タグ、例: v*）。',
      ),
      t(
        'Give the target registries a token that can push (Docker Hub: an access token with Read & Write).',
        'コピー先のレジストリにはプッシュできるトークンを用意します（Docker Hub: Read & Writeのアクセストークン）。',
      ),
      ...(promote.copiesSignature
        ? [
            t(
              spans`The cosign signature tag (${code('sha256-<digest>.sig')}) is copied too, so ${code('cosign verify')} works on the copies.`,
              spans`cosignの署名タグ（${code('sha256-<digest>.sig')}）もコピーするため、コピー先でも${code('cosign verify')}が使えます。`,
            ),
          ]
        : []),
    ]);
  }
}
