/**
 * Native multi-arch (issue 14, item 5) against real tools: the per-architecture build jobs run here, on amd64, the
 * arm64 one included: the project's Dockerfile is FROM scratch with COPY lines only (`project: 'scratch'` in
 * run-setup.ts), which Buildah 1.28, Podman 4.3 and dockerd 20.10 build for linux/arm64 without running a binary,
 * so without QEMU. Each job pushes `<image>:<sha>-<arch>` and reports `IMAGE_DIGEST_<ARCH>`; the merge job (stage
 * `manifest`, `needs:` both) gets those through the dotenv reports and merges them with the builder's own tool: real
 * `buildah manifest` / `podman manifest`, real `docker manifest` (Docker CLI 28 against the dind service's registry
 * credentials). The harness then checks with `skopeo inspect --raw` that each tag the variant pushes is a manifest list
 * of exactly linux/amd64 and linux/arm64 whose digest is the reported `IMAGE_DIGEST`, and pulls it back and runs it.
 * Buildx (`docker buildx imagetools create`) and BuildKit (buildctl builds, imagetools merge) are stand-ins here (not
 * packaged in Debian): their merge runs as `docker manifest create` + `push`, and their per-arch images are built
 * for this machine's platform, so only the number of platforms is checked for them.
 */
import { defaultAnswers, type Answers } from '../../core/answers';
import { realSuite, sandboxed, stubNote } from './suite';

const native = (over: Partial<Answers>): Answers =>
  sandboxed({
    ...defaultAnswers(),
    platforms: ['linux/amd64', 'linux/arm64'],
    multiArch: 'native',
    ...over,
  });

const cases: { id: string; title: string; answers: Answers }[] = [
  {
    id: 'MA-BUILDAH',
    title: 'Buildah per-arch jobs + buildah manifest merge, latest and SHA tags',
    answers: native({ method: 'buildah', allowPrivileged: false, tagLatest: true }),
  },
  {
    id: 'MA-PODMAN',
    title: 'Podman per-arch jobs + podman manifest merge',
    answers: native({ method: 'podman', allowPrivileged: false }),
  },
  {
    id: 'MA-DIND',
    title: 'Docker-in-Docker per-arch jobs + docker manifest create/push merge',
    answers: native({ method: 'dind', tagLatest: true }),
  },
  {
    id: 'MA-BUILDX',
    title: 'Buildx per-arch jobs + buildx imagetools create merge',
    answers: native({ method: 'dind', buildx: true }),
  },
  {
    id: 'MA-BUILDKIT',
    title: 'rootless BuildKit per-arch jobs + imagetools merge in the Docker CLI image',
    answers: native({ method: 'buildkit-rootless', allowPrivileged: false }),
  },
];

realSuite(
  'real tools: native multi-arch',
  cases.map((c) => {
    const note = stubNote(c.answers);
    return {
      id: c.id,
      answers: c.answers,
      project: 'scratch' as const,
      dockerfile: () => ['FROM scratch', 'COPY cat /bin/cat', 'COPY built.txt /built.txt'],
      name: `${c.id} ${c.title}${note ? ` (${note}; imagetools stubbed: docker manifest)` : ''}`,
      expect: 'pass' as const,
      mustShow: [
        // both per-architecture reports reached the merge job, whose tags are manifest lists of both platforms
        /job \S+-amd64 wrote the dotenv report build-amd64\.env: IMAGE_DIGEST_AMD64, IMAGE_REF_AMD64/,
        /job \S+-arm64 wrote the dotenv report build-arm64\.env: IMAGE_DIGEST_ARM64, IMAGE_REF_ARM64/,
        /IMAGE_DIGEST of \S+ is the digest the registry serves/,
        note
          ? /is a manifest list of linux\/amd64, linux\/amd64 \(platforms set by a stand-in/
          : /is a manifest list of linux\/(amd64|arm64), linux\/(arm64|amd64)$/m,
      ],
    };
  }),
);
