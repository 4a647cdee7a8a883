/**
 * One command that writes the runner host's files (issue 16, item 7, nginxconfig.io's habit): the files that go on
 * the machine that registers and runs the runner (config.toml, register.sh or register.ps1, daemon.json,
 * buildkitd.toml, the Helm values and kubernetes.sh) packed as a gzipped tar, base64-encoded inside a command that
 * a user pastes into a terminal there. The files of the repository (`.gitlab-ci.yml`, the component) and the
 * documents (SETUP.md, the diagram) are not in it.
 *
 * Byte-identical for identical files: fixed modification time, fixed owner, files in the given order.
 */
import { gzipSync, strToU8 } from 'fflate';
import { createTar } from 'nanotar';

/** A file to pack: its path (relative, `/`-separated) and its text. */
export interface HostFile {
  path: string;
  content: string;
}

/** The folder the command creates and writes into, in the current directory. */
export const HOST_DIR = 'gitlab-ci-docker-build';

/** Files committed to the repository or only read: never written on the runner host. */
const NOT_ON_HOST = /^(?:\.gitlab-ci(?:\.[\w-]+)?\.yml|SETUP\.md|diagram\.svg|component\/.*)$/;

/** The files of `files` that belong on the runner host (or where `helm` and `kubectl` run), in their order. */
export function hostFiles<F extends HostFile>(files: readonly F[]): F[] {
  return files.filter((f) => !NOT_ON_HOST.test(f.path));
}

/** 2000-01-01T00:00:00Z in ms: the tar's modification time, so the archive only changes with the files. */
const MTIME = Date.UTC(2000, 0, 1);

/** The gzipped tar of `files` (mode 0644, scripts 0755, owner 0:0), deterministic. */
export function hostArchive(files: readonly HostFile[]): Uint8Array {
  const tar = createTar(
    files.map((f) => ({
      name: f.path,
      data: strToU8(f.content),
      attrs: { mode: /\.(?:sh|ps1)$/.test(f.path) ? '755' : '644', mtime: MTIME, uid: 0, gid: 0, user: '', group: '' },
    })),
  );
  return gzipSync(tar, { level: 9, mtime: MTIME });
}

/** Base64 of bytes (the alphabet of RFC 4648, with padding), without Node's Buffer: the browser runs this too. */
function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/**
 * The command that writes `hostFiles(files)` into `./gitlab-ci-docker-build/` and lists them: POSIX sh (`base64 -d`
 * and `tar` of GNU coreutils, BusyBox or macOS 13+) or PowerShell (Windows 10+ ships `tar`). The payload is base64
 * (letters, digits, `+/=`), so it needs no quoting beyond the single quotes around it. Null when there is no host
 * file (GitLab-hosted runners: only `.gitlab-ci.yml`).
 */
export function hostFilesCommand(files: readonly HostFile[], shell: 'sh' | 'powershell'): string | null {
  const host = hostFiles(files);
  if (host.length === 0) return null;
  const payload = base64(hostArchive(host));
  if (shell === 'sh')
    return `mkdir -p ${HOST_DIR} && printf '%s' '${payload}' | base64 -d | tar -xzf - -C ${HOST_DIR} && ls -l ${HOST_DIR}`;
  return (
    `New-Item -ItemType Directory -Force -Path ${HOST_DIR} | Out-Null; ` +
    `[IO.File]::WriteAllBytes("$PWD\\${HOST_DIR}.tar.gz", [Convert]::FromBase64String('${payload}')); ` +
    `tar -xzf ${HOST_DIR}.tar.gz -C ${HOST_DIR}; Remove-Item ${HOST_DIR}.tar.gz; Get-ChildItem ${HOST_DIR}`
  );
}
