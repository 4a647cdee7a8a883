/**
 * The merge job of a native multi-arch build (issue 14, item 5): after one build job per architecture pushed its
 * image under `<image>:$CI_COMMIT_SHA-<arch>` and reported its digest (`IMAGE_DIGEST_<ARCH>`), this job writes one
 * manifest list referencing those digests under every tag the single-job pipeline would have pushed, then reports
 * the list's digest as `IMAGE_DIGEST` / `IMAGE_REF` (the digest report contract of `digestReport`).
 *
 * One tool per builder family, each with the registry credentials its family's `before_script` already set up:
 * - Docker CLI without Buildx: `docker manifest create` + `docker manifest push` (not experimental since Docker 20.10,
 *   https://docs.docker.com/reference/cli/docker/manifest/); `docker manifest push` prints the pushed digest;
 * - Buildx, and BuildKit (buildctl, rootless): `docker buildx imagetools create` in the pinned Docker CLI image
 *   (https://docs.docker.com/reference/cli/docker/buildx/imagetools/create/): it copies the per-architecture
 *   descriptors as they are (annotations and attestation manifests included) and reads `~/.docker/config.json`,
 *   which the BuildKit jobs write anyway; its digest comes from `imagetools inspect --format '{{.Manifest.Digest}}'`;
 * - Buildah / Podman: `manifest create`, `manifest add <list> docker://<image>@<digest>` (a descriptor only, nothing is
 *   pulled), `manifest push --all=false --digestfile` (the images are already in the registry; Podman's `--all`
 *   defaults to true: https://docs.podman.io/en/latest/markdown/podman-manifest-push.1.html).
 */
import type { ArchBuild, BuildVariant, MergeTool, MethodInput as Plan } from '../plan';
import { exp, lit, renderCommand, type ShellKind, type Token } from '../quote';
import { DIGEST_FILE, digestReport, PUSH_LOG } from './fragments';

/** The per-architecture image a merge job references: `<image>@$IMAGE_DIGEST_<ARCH>` (a dotenv variable). */
export const archSource = (image: string, arch: ArchBuild): string => `${image}@$IMAGE_DIGEST${arch.report.suffix}`;

/**
 * The merge job's script for build variant `v` (which pushes): the manifest list under each of `v.refs`, then the
 * dotenv report of its digest. sh only (native multi-arch is refused for Windows containers in rules.ts); throws for
 * PowerShell or a variant without refs.
 */
export function mergeScript(
  p: Plan,
  v: BuildVariant,
  archs: readonly ArchBuild[],
  tool: MergeTool,
  shell: ShellKind,
): string[] {
  if (shell !== 'sh') throw new Error('the merge job of a native multi-arch build is sh only');
  const first = v.refs[0];
  if (first === undefined) throw new Error(`build variant ${v.job} has no image reference`);
  const image = p.a.image;
  const sources = archs.map((x) => exp(archSource(image, x)));
  const cmd = (tokens: Token[]) => renderCommand(tokens, shell);
  switch (tool) {
    case 'docker-manifest': {
      // The Docker CLI talks to the registry itself here (not through the daemon): a plain-HTTP registry needs
      // --insecure (https://docs.docker.com/reference/cli/docker/manifest/#working-with-insecure-registries).
      const insecure = p.network.plainHttpRegistry !== null ? [lit('--insecure')] : [];
      return [
        ...v.refs.flatMap((r, i) => [
          cmd([lit('docker'), lit('manifest'), lit('create'), ...insecure, exp(r), ...sources]),
          i === 0
            ? `${cmd([lit('docker'), lit('manifest'), lit('push'), ...insecure, exp(r)])} | tee ${PUSH_LOG}`
            : cmd([lit('docker'), lit('manifest'), lit('push'), ...insecure, exp(r)]),
        ]),
        ...digestReport(image, 'manifest-log', shell),
      ];
    }
    case 'imagetools':
      return [
        cmd([
          lit('docker'),
          lit('buildx'),
          lit('imagetools'),
          lit('create'),
          ...v.refs.flatMap((r) => [lit('--tag'), exp(r)]),
          ...sources,
        ]),
        `${cmd([lit('docker'), lit('buildx'), lit('imagetools'), lit('inspect'), exp(first), lit('--format'), lit('{{.Manifest.Digest}}')])} > ${DIGEST_FILE}`,
        ...digestReport(image, 'digest-file', shell),
      ];
    case 'buildah':
    case 'podman': {
      const t = lit(tool);
      return [
        cmd([t, lit('manifest'), lit('create'), exp(first)]),
        ...archs.map((x) => cmd([t, lit('manifest'), lit('add'), exp(first), exp(`docker://${archSource(image, x)}`)])),
        ...v.refs.map((r, i) =>
          cmd([
            t,
            lit('manifest'),
            lit('push'),
            lit('--all=false'),
            ...(i === 0 ? [lit('--digestfile'), lit(DIGEST_FILE)] : []),
            exp(first),
            exp(`docker://${r}`),
          ]),
        ),
        ...digestReport(image, 'digest-file', shell),
      ];
    }
  }
}
