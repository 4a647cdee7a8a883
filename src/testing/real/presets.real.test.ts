/**
 * Every Linux preset (S01-S40 without the Windows ones, S10 and S11) run against real tools: see `run-setup.ts`
 * and the README's "Real-tool tests". The test name says when part of the build is a stand-in.
 */
import { PRESETS } from '../../core/presets';
import { realSuite, stubNote } from './suite';

const linux = PRESETS.filter((p) => p.answers.os === 'linux');

realSuite(
  'real tools: presets',
  linux.map((p) => {
    const note = [p.answers.executor === 'kubernetes' ? 'Kubernetes pod emulated' : null, stubNote(p.answers)]
      .filter(Boolean)
      .join('; ');
    return {
      id: p.id,
      answers: p.answers,
      name: `${p.id} ${p.title.en}${note ? ` (${note})` : ''}`,
      expect: 'pass' as const,
    };
  }),
);
