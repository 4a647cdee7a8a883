/**
 * Programs put first on the job's PATH where the real tool cannot run here or differs from the job image's version.
 * Each says what it does in the job log with a `[realtools stub]` or `[realtools adapt]` prefix.
 *
 * - `docker`: the real CLI, except `docker buildx ...` (buildx is not packaged in Debian bookworm): `create` checks
 *   that the named context exists, `inspect` checks the daemon answers, `rm` does nothing, and `build` is translated to
 *   the legacy `docker build` (+ `docker push` per tag with `--push`); `--platform` and registry `--cache-*` are
 *   reported and ignored; `imagetools create` becomes `docker manifest create` + `push` per tag and `imagetools
 *   inspect --format '{{.Manifest.Digest}}'` the sha256 of the raw manifest (skopeo). `docker run --privileged` becomes `--cap-add ALL --cap-drop SYS_RESOURCE --security-opt
 *   seccomp=unconfined`, because this machine's bounding set lacks CAP_SYS_RESOURCE and runc refuses `--privileged`.
 * - `buildctl`, `buildctl-daemonless.sh`: BuildKit is not packaged (no buildkitd/buildctl in Debian or npm). The
 *   arguments are checked (frontend, `--local` directories, `--output type=image,name=...`), `buildctl` also checks
 *   that `$BUILDKIT_HOST` accepts a connection, and the build runs with buildah using the job's own
 *   `~/.docker/config.json` for pull and push auth; registry cache flags and `platform=` are reported and ignored.
 *   `--metadata-file` (buildx and buildctl) is written with the `containerimage.digest` the real push reported.
 * - `cosign` (no Debian package, no npm package): `login` logs in with the real `skopeo login` (same arguments), and
 *   `sign` checks its argument is `<repository>@sha256:<64 hex>` (never a tag), that `SIGSTORE_ID_TOKEN` is set
 *   (keyless) or that the `--key` file exists and `COSIGN_PASSWORD` is set (key), that the registry serves that
 *   digest (real `skopeo inspect --raw | sha256sum`), then pushes a copy of the image under cosign's signature tag
 *   `sha256-<hex>.sig` (real `skopeo copy`) so that later jobs find the tag; no cryptographic signature is made.
 * - `buildah`: Debian's buildah 1.28 wants `login` flags before the registry (fixed upstream in 1.30, commit
 *   ae697555c "login: support interspersed args for password"); the wrapper moves them, everything else is as-is.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const DOCKER = String.raw`#!/bin/bash
REAL=/usr/local/bin/docker; [ -x "$REAL" ] || REAL=/usr/bin/docker
note() { echo "[realtools stub] $*" >&2; }
if [ "$1" = run ]; then
  args=()
  for a in "$@"; do
    if [ "$a" = --privileged ]; then
      echo "[realtools adapt] docker run --privileged -> --cap-add ALL --cap-drop SYS_RESOURCE --security-opt seccomp=unconfined (CAP_SYS_RESOURCE is not in this machine's bounding set)" >&2
      args+=(--cap-add ALL --cap-drop SYS_RESOURCE --security-opt seccomp=unconfined)
    else args+=("$a"); fi
  done
  exec "$REAL" "${'${args[@]}'}"
fi
[ "$1" = buildx ] || exec "$REAL" "$@"
shift
case "$1" in
  create)
    # The context is the one argument that is neither an option nor an option's value.
    ctx=""; skip=0
    for a in "$@"; do
      if [ "$skip" = 1 ]; then skip=0; continue; fi
      case "$a" in
        --name|--driver|--driver-opt|--buildkitd-config|--config|--platform|--node|--buildkitd-flags) skip=1 ;;
        -*|create) ;;
        *) ctx="$a" ;;
      esac
    done
    if [ -n "$ctx" ] && [ "${'${ctx#-}'}" = "$ctx" ] && [ "$ctx" != create ]; then
      "$REAL" context inspect "$ctx" >/dev/null || { echo "docker buildx create: context $ctx does not exist" >&2; exit 1; }
      "$REAL" --context "$ctx" version >/dev/null || exit 1
    fi
    note "docker buildx create: buildx is not installed here; context '$ctx' checked against the daemon, no builder created"
    exit 0 ;;
  inspect) note "docker buildx inspect: no buildx here; checking the daemon instead"; exec "$REAL" info >/dev/null ;;
  rm) note "docker buildx rm: no builder to remove"; exit 0 ;;
  imagetools)
    shift
    case "$1" in
      create)
        shift; its=(); srcs=()
        while [ $# -gt 0 ]; do
          case "$1" in
            -t|--tag) its+=("$2"); shift 2 ;;
            -*) echo "docker buildx imagetools create: flag $1 not emulated" >&2; exit 2 ;;
            *) srcs+=("$1"); shift ;;
          esac
        done
        [ "${'${#its[@]}'}" -gt 0 ] && [ "${'${#srcs[@]}'}" -gt 1 ] || { echo "docker buildx imagetools create: needs --tag and two sources" >&2; exit 2; }
        note "docker buildx imagetools create -> docker manifest create + docker manifest push per tag"
        for t in "${'${its[@]}'}"; do
          "$REAL" manifest create "$t" "${'${srcs[@]}'}" >/dev/null && "$REAL" manifest push "$t" >/dev/null || exit 1
        done
        exit 0 ;;
      inspect)
        [ "$3" = --format ] && [ "$4" = '{{.Manifest.Digest}}' ] || { echo "docker buildx imagetools inspect: only --format '{{.Manifest.Digest}}' is emulated" >&2; exit 2; }
        note "docker buildx imagetools inspect $2 -> sha256 of the raw manifest (skopeo, the job's ~/.docker/config.json)"
        d="$(set -o pipefail; skopeo inspect --raw --authfile "$HOME/.docker/config.json" "docker://$2" | sha256sum | cut -d' ' -f1)" || exit 1
        printf 'sha256:%s\n' "$d"
        exit 0 ;;
      *) echo "docker buildx imagetools $1: not emulated" >&2; exit 2 ;;
    esac ;;
  build) shift ;;
  *) echo "docker buildx $1: not emulated" >&2; exit 2 ;;
esac
tags=(); push=0; args=(); ctx=""; meta=""
while [ $# -gt 0 ]; do
  case "$1" in
    -t|--tag) tags+=("$2"); args+=(--tag "$2"); shift 2 ;;
    --metadata-file) meta="$2"; shift 2 ;;
    --push) push=1; shift ;;
    --load) shift ;;
    --platform) note "docker buildx build --platform $2 ignored: the legacy builder builds for this host only"; shift 2 ;;
    --cache-from|--cache-to) note "docker buildx build $1 $2 ignored: no registry cache without buildx"; shift 2 ;;
    --build-arg|-f|--file|--target) args+=("$1" "$2"); shift 2 ;;
    --provenance=*|--sbom=*) shift ;;
    -*) echo "docker buildx build: flag $1 not emulated" >&2; exit 2 ;;
    *) ctx="$1"; shift ;;
  esac
done
note "docker buildx build -> docker build (legacy builder) + docker push"
"$REAL" build "${'${args[@]}'}" "$ctx" || exit 1
digest=""
if [ "$push" = 1 ]; then
  for t in "${'${tags[@]}'}"; do
    out="$("$REAL" push "$t")" || { printf '%s\n' "$out"; exit 1; }
    printf '%s\n' "$out"
    d="$(printf '%s\n' "$out" | sed -n 's/.*digest: \(sha256:[0-9a-f]*\).*/\1/p' | tail -n 1)"; [ -n "$d" ] && digest="$d"
  done
fi
if [ -n "$meta" ]; then
  note "docker buildx build --metadata-file $meta: written from the digest docker push reported"
  printf '{\n  "containerimage.digest": "%s",\n  "image.name": "%s"\n}\n' "$digest" "$(IFS=,; echo "${'${tags[*]}'}")" > "$meta"
fi
`;

const COSIGN = String.raw`#!/bin/bash
note() { echo "[realtools stub] $*" >&2; }
fail() { echo "cosign: $*" >&2; exit 1; }
case "$1" in
  login) shift; note "cosign login -> skopeo login $*"; exec skopeo login "$@" ;;
  sign) shift ;;
  *) fail "cosign $1: not emulated" ;;
esac
key=""; ref=""
while [ $# -gt 0 ]; do
  case "$1" in
    --key) key="$2"; shift 2 ;;
    -*) fail "sign: flag $1 not emulated" ;;
    *) [ -z "$ref" ] || fail "sign: more than one image: $ref $1"; ref="$1"; shift ;;
  esac
done
printf '%s
' "$ref" | grep -Eqx '[^@:]+(:[0-9]+)?(/[^@:]+)*@sha256:[0-9a-f]{64}' || fail "sign: '$ref' is not <repository>@sha256:<64 hex>: refusing to sign a tag"
if [ -n "$key" ]; then
  [ -f "$key" ] || fail "sign: --key $key is not a file"
  [ -n "${'${COSIGN_PASSWORD:-}'}" ] || fail "sign: COSIGN_PASSWORD is not set"
  note "cosign sign --key: key file and password present (no signature is computed here)"
else
  [ -n "${'${SIGSTORE_ID_TOKEN:-}'}" ] || fail "sign: keyless without SIGSTORE_ID_TOKEN (id_tokens)"
  [ "${'${COSIGN_YES:-}'}" = true ] || fail "sign: keyless needs COSIGN_YES=true in CI (no terminal to confirm)"
  note "cosign sign (keyless): SIGSTORE_ID_TOKEN present (no Fulcio or Rekor here)"
fi
digest="${'${ref##*@}'}"; repo="${'${ref%@*}'}"
served="sha256:$(skopeo inspect --raw "docker://$ref" | sha256sum | cut -d ' ' -f 1)" || fail "sign: cannot read $ref"
[ "$served" = "$digest" ] || fail "sign: the registry serves $served for $ref"
skopeo copy --quiet "docker://$ref" "docker://$repo:sha256-${'${digest#sha256:}'}.sig" || fail "sign: cannot push the signature tag"
note "cosign sign: $ref exists in the registry; a copy stands in for the signature at $repo:sha256-${'${digest#sha256:}'}.sig"
`;

const BUILDCTL = String.raw`#!/bin/bash
me="$(basename "$0")"
note() { echo "[realtools stub] $*" >&2; }
fail() { echo "$me: $*" >&2; exit 1; }
if [ "$me" = buildctl ]; then
  host="${'${BUILDKIT_HOST:-}'}"
  [ "$1" = --addr ] && { host="$2"; shift 2; }
  case "$host" in
    tcp://*) hp="${'${host#tcp://}'}"; h="${'${hp%:*}'}"; p="${'${hp##*:}'}"
      timeout 5 bash -c "</dev/tcp/$h/$p" 2>/dev/null || fail "cannot connect to buildkitd at $host" ;;
    "") fail "no BUILDKIT_HOST and no --addr" ;;
    *) fail "buildkitd address $host not emulated" ;;
  esac
  note "buildctl: buildkitd at $host accepted a connection (the service is a stand-in)"
fi
[ "$1" = build ] || fail "only 'build' is emulated"
shift
ctx=""; dfdir=""; file=Dockerfile; names=(); push=false; bargs=(); meta=""
while [ $# -gt 0 ]; do
  case "$1" in
    --metadata-file) meta="$2"; shift 2 ;;
    --frontend) [ "$2" = dockerfile.v0 ] || fail "frontend $2 not emulated"; shift 2 ;;
    --local)
      case "$2" in context=*) ctx="${'${2#context=}'}" ;; dockerfile=*) dfdir="${'${2#dockerfile=}'}" ;; *) fail "--local $2" ;; esac
      shift 2 ;;
    --opt)
      case "$2" in
        filename=*) file="${'${2#filename=}'}" ;;
        build-arg:*) bargs+=(--build-arg "${'${2#build-arg:}'}") ;;
        label:*) bargs+=(--label "${'${2#label:}'}") ;;
        target=*) bargs+=(--target "${'${2#target=}'}") ;;
        platform=*) note "$me: --opt $2 ignored: buildah builds for this host only here" ;;
        attest:sbom=*|attest:provenance=mode=min|attest:provenance=mode=max) note "$me: --opt $2 ignored: no BuildKit attestations here" ;;
        *) fail "--opt $2 not emulated" ;;
      esac
      shift 2 ;;
    --output)
      key=""
      IFS=, read -r -a parts <<< "$(printf '%s' "$2" | tr -d '"')"
      for part in "${'${parts[@]}'}"; do
        case "$part" in
          type=*) [ "${'${part#type=}'}" = image ] || fail "output type ${'${part#type=}'} not emulated"; key=type ;;
          name=*) names+=("${'${part#name=}'}"); key=name ;;
          push=*) push="${'${part#push=}'}"; key=push ;;
          *=*) key=other ;;
          *) [ "$key" = name ] && names+=("$part") ;;
        esac
      done
      shift 2 ;;
    --export-cache|--import-cache) note "$me: $1 $2 ignored: no BuildKit registry cache here"; shift 2 ;;
    --progress|--trace) shift 2 ;;
    *) fail "argument $1 not emulated" ;;
  esac
done
[ -n "$ctx" ] && [ -d "$ctx" ] || fail "--local context=$ctx is not a directory"
[ -n "$dfdir" ] && [ -f "$dfdir/$file" ] || fail "no $file in --local dockerfile=$dfdir"
[ "${'${#names[@]}'}" -gt 0 ] || fail "--output has no name"
auth=(); [ -f "$HOME/.docker/config.json" ] && auth=(--authfile "$HOME/.docker/config.json")
note "$me (BuildKit is not installed here): building with buildah, auth from the job's ~/.docker/config.json"
tags=(); for n in "${'${names[@]}'}"; do tags+=(--tag "$n"); done
buildah --storage-driver vfs build --isolation chroot --format docker "${'${auth[@]}'}" "${'${bargs[@]}'}" \
  -f "$dfdir/$file" "${'${tags[@]}'}" "$ctx" || exit 1
digest=""
if [ "$push" = true ]; then
  # BuildKit pushes one manifest to every name. buildah pushes each name on its own and may compress the layers again
  # (another manifest digest), so the first name is pushed and the others get that same manifest (skopeo copy).
  first=""
  for n in "${'${names[@]}'}"; do
    if [ -z "$first" ]; then
      # A file of this job: jobs of two setups run at the same time and share the sandbox's /tmp.
      digestfile="$(mktemp)"
      buildah --storage-driver vfs push --digestfile "$digestfile" "${'${auth[@]}'}" "$n" || exit 1
      digest="$(cat "$digestfile")"; first="$n"; rm -f "$digestfile"
    else
      skopeo copy --quiet --preserve-digests "${'${auth[@]}'}" "docker://$first" "docker://$n" || exit 1
    fi
  done
fi
if [ -n "$meta" ]; then
  note "$me --metadata-file $meta: written from the digest buildah push reported"
  printf '{\n  "containerimage.digest": "%s",\n  "image.name": "%s"\n}\n' "$digest" "$(IFS=,; echo "${'${names[*]}'}")" > "$meta"
fi
`;

const BUILDAH = String.raw`#!/bin/bash
if [ "$1" = login ]; then
  shift; flags=(); pos=()
  while [ $# -gt 0 ]; do
    case "$1" in
      -u|--username|-p|--password|--authfile|--cert-dir|--tls-verify) flags+=("$1" "$2"); shift 2 ;;
      -*) flags+=("$1"); shift ;;
      *) pos+=("$1"); shift ;;
    esac
  done
  echo "[realtools adapt] buildah 1.28 login: flags moved before the registry (fixed upstream in buildah 1.30)" >&2
  exec /usr/bin/buildah login "${'${flags[@]}'}" "${'${pos[@]}'}"
fi
exec /usr/bin/buildah "$@"
`;

/** Writes the stand-ins into `dir` (created), executable; returns `dir` for PATH. */
export function writeStandIns(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const files: [string, string][] = [
    ['docker', DOCKER],
    ['buildctl', BUILDCTL],
    ['buildctl-daemonless.sh', BUILDCTL],
    ['buildah', BUILDAH],
    ['cosign', COSIGN],
  ];
  for (const [name, text] of files) {
    const p = join(dir, name);
    writeFileSync(p, text);
    chmodSync(p, 0o755);
  }
  return dir;
}
