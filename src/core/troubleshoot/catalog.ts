/**
 * The failure catalog: every failure of failures.md (section A), gathered from the area files of failures/.
 *
 * FAILURES is in the order of FAILURE_IDS (failures.md's numbers), whichever area file holds a failure: diagnoseLog
 * breaks ties between diagnoses by this order and takes the first failure that explains another, so the order is
 * part of the output. A failure missing from the areas, or held twice, is an error when this module loads.
 */
import { AUTOSCALER_FAILURES } from './failures/autoscaler';
import { BUILDAH_FAILURES } from './failures/buildah';
import { BUILDKIT_FAILURES } from './failures/buildkit';
import { BUILDX_FAILURES } from './failures/buildx';
import { DAEMON_ACCESS_FAILURES } from './failures/daemon-access';
import { DIND_FAILURES } from './failures/dind';
import { DOCKER_CLIENT_FAILURES } from './failures/docker-client';
import { KANIKO_FAILURES } from './failures/kaniko';
import { KUBERNETES_FAILURES } from './failures/kubernetes';
import { NETWORK_FAILURES } from './failures/network';
import { REGISTRY_FAILURES } from './failures/registry';
import { RESOURCE_FAILURES } from './failures/resources';
import { VERSION_FAILURES } from './failures/versions';
import { WINDOWS_FAILURES } from './failures/windows';
import { FAILURE_IDS, type Failure } from './types';

const AREAS: readonly (readonly Failure[])[] = [
  DIND_FAILURES,
  DAEMON_ACCESS_FAILURES,
  DOCKER_CLIENT_FAILURES,
  REGISTRY_FAILURES,
  KUBERNETES_FAILURES,
  BUILDX_FAILURES,
  BUILDKIT_FAILURES,
  KANIKO_FAILURES,
  BUILDAH_FAILURES,
  NETWORK_FAILURES,
  WINDOWS_FAILURES,
  AUTOSCALER_FAILURES,
  VERSION_FAILURES,
  RESOURCE_FAILURES,
];

const BY_ID = new Map<string, Failure>();
for (const area of AREAS)
  for (const f of area) {
    if (BY_ID.has(f.id)) throw new Error(`failure "${f.id}" is defined twice`);
    BY_ID.set(f.id, f);
  }

/** Every failure of failures.md, in the order of FAILURE_IDS. */
export const FAILURES: readonly Failure[] = FAILURE_IDS.map((id) => {
  const f = BY_ID.get(id);
  if (!f) throw new Error(`failure "${id}" is in FAILURE_IDS but in no file of failures/`);
  return f;
});

/** The failure with this id, or undefined for a string that is no FailureId (e.g. an id typed on the CLI). */
export function failureById(id: string): Failure | undefined {
  return BY_ID.get(id);
}
