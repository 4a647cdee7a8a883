/**
 * One command that writes the runner host's files (config.toml, register script, daemon.json, ...) into a folder
 * on that machine, as nginxconfig.io hands its files over: the files packed, gzipped and base64-encoded inside the
 * command (`hostFilesCommand` in the core). Nothing is sent anywhere: the command holds the files themselves.
 */
import { useMemo } from 'react';
import type { GenerateResult } from '../../core/generate';
import { useEngine } from '../engine';
import { useWizard } from '../store';
import { UI, useT } from '../ui';
import { CopyButton } from './CopyButton';

export function HostCommand({ result }: { result: GenerateResult }) {
  const t = useT();
  const { engine } = useEngine();
  const windows = useWizard((s) => s.answers.os === 'windows');
  // Packed (tar, gzip, base64) once per result and shell, not on every render of the page.
  const packed = useMemo(() => {
    if (!engine) return null;
    const command = engine.hostFilesCommand(result.files, windows ? 'powershell' : 'sh');
    return command ? { command, names: engine.hostFiles(result.files).map((f) => f.path) } : null;
  }, [engine, result, windows]);
  if (!engine || !packed) return null;
  const { command, names } = packed;
  return (
    <section className="host-command card" aria-labelledby="host-command-title">
      <h3 id="host-command-title">{t(UI.hostCommandTitle)}</h3>
      <p>
        {t(windows ? UI.hostCommandHelpWindows : UI.hostCommandHelp, { dir: engine.HOST_DIR, files: names.join(', ') })}
      </p>
      <div className="code-block">
        {/* A scrolling box: reachable by keyboard, named for screen readers. */}
        <pre className="host-command-text" data-testid="host-command" tabIndex={0} aria-label={t(UI.hostCommandTitle)}>
          <code>{command}</code>
        </pre>
        <CopyButton text={command} label={t(UI.copyHostCommand)} done={t(UI.copiedHostCommand)} />
      </div>
    </section>
  );
}
