/**
 * The notice of a link (or saved configuration) made with an older versions table (`core/versions.ts`): it opens
 * with the versions of its time, so it gives the files it was made with; the notice says which versions are
 * recommended now (newer ones, or an older one where a release has a known defect) and why (the known defects, with
 * the upstream issue), and offers to update to the current defaults.
 */
import type { Answers } from '../../core/answers';
import { msg, type Msg } from '../../core/i18n';
import { TOOL_NAMES, type VersionUpdate } from '../../core/versions';
import type { Notice } from '../store';

/** One line per update: "Docker 29.7.2 → 29.6.2, because in 29.7.2 <defect> (<source>)". */
function updateLine(u: VersionUpdate): Msg {
  const name = TOOL_NAMES[u.tool];
  const why = u.defects.map((d) => ({
    en: `${d.title.en} (${d.sources[0] ?? ''})`,
    ja: `${d.title.ja}（${d.sources[0] ?? ''}）`,
  }));
  return msg(
    `${name} ${u.from} → ${u.to}${why.length ? `, because in ${u.from} ${why.map((w) => w.en).join('; ')}` : ''}`,
    `${name} ${u.from} → ${u.to}${why.length ? `（${u.from}では${why.map((w) => w.ja).join('。')}）` : ''}`,
  );
}

/**
 * The notice for `updates` (`RestoreResult.newerVersions`), or null when there are none. Its update button applies
 * the current defaults to those answers; `lead` is the sentence that says what was opened.
 */
export function versionsNotice(updates: readonly VersionUpdate[], lead: Msg): Notice | null {
  if (updates.length === 0) return null;
  const lines = updates.map(updateLine);
  const patch: Partial<Answers> = Object.fromEntries(updates.map((u) => [u.answer, u.to]));
  return {
    kind: 'info',
    text: msg(
      `${lead.en} It keeps the tool versions it was made with, so it gives the same files. The versions recommended now differ: ${lines.map((l) => l.en).join('. ')}.`,
      `${lead.ja}作成時のツールのバージョンを保っているため、同じファイルが生成されます。現在の推奨バージョンは異なります: ${lines.map((l) => l.ja).join('。')}。`,
    ),
    update: { patch, label: msg('Update to the current versions', '現在のバージョンに更新する') },
  };
}
