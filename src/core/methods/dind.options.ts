/** What the wizard needs of Docker-in-Docker: its labels (one wording for the wizard's options, SETUP.md and the diagram) and its constraints. */
import { msg } from '../i18n';
import type { MethodLabels } from './types';
import {
  buildxNeeded,
  never,
  podSecurity,
  privilegedDaemon,
  shellRunner,
  windowsContainers,
  type MethodCheck,
  type MethodRows,
} from './constraints';
import type { Method } from '../answers';

/** The wizard's option, its note and the title in SETUP.md and the diagram, for Docker-in-Docker. */
export const DIND_LABELS: Readonly<Partial<Record<Method, MethodLabels>>> = {
  dind: {
    option: msg('Docker-in-Docker (docker:dind service)', 'Docker-in-Docker（docker:dindサービス）'),
    note: msg(
      'A fresh daemon per job in a privileged service container; TLS between job and daemon by default.',
      'ジョブごとに新しいデーモンを特権サービスコンテナで起動。ジョブとデーモン間は既定でTLS。',
    ),
    title: msg('Docker-in-Docker', 'Docker-in-Docker'),
  },
};

/** What rules Docker-in-Docker out, in order. */
export const DIND_CONSTRAINTS: Readonly<Partial<Record<Method, readonly MethodCheck[]>>> = {
  dind: [podSecurity('privileged'), privilegedDaemon, windowsContainers(false), shellRunner(never)],
};

/** Docker-in-Docker's rows of the other questions. */
export const DIND_ROWS: Readonly<Partial<Record<Method, MethodRows>>> = {
  dind: { buildx: buildxNeeded },
};
