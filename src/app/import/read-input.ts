/**
 * The user's files as the import page receives them: files opened or dropped (several at once, or a `.zip` that is
 * unpacked here with fflate), or text pasted. Everything stays in the page's memory: nothing is uploaded, saved or
 * put in the link. Limits keep a wrong file (a binary, a huge log, a zip bomb) from freezing the page.
 */
import { strFromU8, unzipSync } from 'fflate';
import type { InputFile } from '../../core/import/types';

/** The largest file read, in bytes (a CI or runner configuration is a few kilobytes). */
export const MAX_FILE_BYTES = 1024 * 1024;
/** The most files taken from one opening, drop or zip. */
export const MAX_FILES = 20;

/** Why a file was left out; shown to the user with the file's name. */
export type SkipReason = 'too-large' | 'binary' | 'too-many' | 'unreadable' | 'bad-zip';

export interface ReadInput {
  files: InputFile[];
  skipped: { path: string; reason: SkipReason }[];
}

/** The names a configuration file can have (the zip's other files, e.g. a Dockerfile or sources, are not read). */
const CONFIG_NAME = /(?:^|\/)(?:\.gitlab-ci\.ya?ml|[^/]*\.ya?ml|[^/]*\.toml|[^/]*\.json)$/i;

/** True when the bytes look like text: no NUL byte in the first 8 KiB, and valid UTF-8. */
function isText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The text of a file's bytes without a leading byte-order mark. */
const textOf = (bytes: Uint8Array): string => strFromU8(bytes).replace(/^\uFEFF/, '');

/**
 * Unpacks a zip's configuration files (`.yml`/`.yaml`/`.toml`/`.json`, at most `MAX_FILES`, each at most
 * `MAX_FILE_BYTES` once unpacked: the sizes the zip declares are checked before anything is inflated). Paths
 * keep their folders (`ci/.gitlab-ci.yml`); folders such as `__MACOSX/` are skipped.
 */
export function unzipConfigs(name: string, bytes: Uint8Array): ReadInput {
  const out: ReadInput = { files: [], skipped: [] };
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (f) => {
        if (f.name.endsWith('/') || f.name.startsWith('__MACOSX/') || !CONFIG_NAME.test(f.name)) return false;
        if (f.originalSize > MAX_FILE_BYTES) {
          out.skipped.push({ path: `${name}/${f.name}`, reason: 'too-large' });
          return false;
        }
        return true;
      },
    });
  } catch {
    return { files: [], skipped: [{ path: name, reason: 'bad-zip' }] };
  }
  for (const [path, data] of Object.entries(entries)) {
    if (out.files.length >= MAX_FILES) out.skipped.push({ path, reason: 'too-many' });
    else if (data.length > MAX_FILE_BYTES) out.skipped.push({ path, reason: 'too-large' });
    else if (!isText(data)) out.skipped.push({ path, reason: 'binary' });
    else out.files.push({ path, content: textOf(data) });
  }
  return out;
}

/** One opened or dropped file: a zip is unpacked, anything else read as UTF-8 text. */
export async function readBrowserFile(file: File): Promise<ReadInput> {
  const isZip = /\.zip$/i.test(file.name) || file.type === 'application/zip';
  if (!isZip && file.size > MAX_FILE_BYTES) return { files: [], skipped: [{ path: file.name, reason: 'too-large' }] };
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    return { files: [], skipped: [{ path: file.name, reason: 'unreadable' }] };
  }
  if (isZip) return unzipConfigs(file.name, bytes);
  if (!isText(bytes)) return { files: [], skipped: [{ path: file.name, reason: 'binary' }] };
  return { files: [{ path: file.name, content: textOf(bytes) }], skipped: [] };
}

/** Every opened or dropped file, in order, at most `MAX_FILES` in all. */
export async function readBrowserFiles(list: Iterable<File>): Promise<ReadInput> {
  const out: ReadInput = { files: [], skipped: [] };
  for (const file of list) {
    const r = await readBrowserFile(file);
    out.skipped.push(...r.skipped);
    for (const f of r.files) {
      if (out.files.length >= MAX_FILES) out.skipped.push({ path: f.path, reason: 'too-many' });
      else out.files.push(f);
    }
  }
  return out;
}

/**
 * Adds files to the ones already imported: a file of the same path replaces the earlier one (opening a file again
 * after editing it elsewhere), new paths are appended in order.
 */
export function mergeFiles(current: readonly InputFile[], added: readonly InputFile[]): InputFile[] {
  const out = [...current];
  for (const f of added) {
    const i = out.findIndex((x) => x.path === f.path);
    if (i >= 0) out[i] = f;
    else out.push(f);
  }
  return out;
}
