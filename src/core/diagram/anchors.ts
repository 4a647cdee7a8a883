/**
 * Where each finding is drawn: the id of the diagram element (node, edge or boundary) it concerns. Small tables of
 * their own, meant to move into the findings catalog.
 */
import type { Finding } from '../findings';

/** The element each finding concerns. Every anchor exists in the model whenever its finding applies (tested). */
export const FINDING_ANCHORS: Readonly<Record<string, string>> = {
  'privileged-container': 'boundary-privileged',
  'docker-group-root': 'boundary-host-root',
  'host-socket': 'socket',
  'host-pipe': 'pipe',
  'shared-host-daemon': 'daemon',
  'k8s-socket-containerd': 'socket',
  'dind-tls-off': 'edge-client-daemon',
  'certs-volume-shared': 'volume-certs',
  'image-not-fully-pinned': 'job',
  'version-known-defect': 'daemon',
  'password-on-command-line': 'job',
  'mounted-config-readonly': 'config-json',
  'buildkit-no-process-sandbox': 'daemon',
  'unconfined-security': 'job',
  'k8s-build-exemption': 'job',
  'kaniko-unmaintained': 'daemon',
  'legacy-registration-token': 'runner',
  'insecure-mirror': 'edge-mirror',
  'plain-http-registry': 'daemon',
  'dockerhub-rate-limit': 'edge-pull',
  'no-layer-cache': 'daemon',
  'cache-writable-unprotected': 'edge-cache',
  'autoscaled-instance-reused': 'boundary-privileged',
  'docker-machine-deprecated': 'executor',
  'scan-never-fails': 'scanner',
  'gates-report-only': 'job',
  'scan-pull-is-push-credential': 'edge-scan-pull',
  'qemu-binfmt-privileged': 'host',
  'build-arg-secret': 'job',
  'keyless-sigstore-untrusted': 'sigstore',
  'keyless-public-log': 'sigstore',
  'signing-key-variable': 'job',
  'attestations-rejected': 'registry',
};

/** Where a finding without an entry above is drawn: by the file it points at. */
export const FILE_ANCHORS: Readonly<Record<string, string>> = {
  '.gitlab-ci.yml': 'job',
  'config.toml': 'runner',
  'values.yaml': 'runner',
  'register.sh': 'runner',
  'register.ps1': 'runner',
  'kubernetes.sh': 'executor',
  'daemon.json': 'daemon',
  'buildkitd.toml': 'daemon',
};

/** The id of the diagram element a finding concerns. */
export function findingAnchor(finding: Pick<Finding, 'id' | 'file'>): string {
  return FINDING_ANCHORS[finding.id] ?? FILE_ANCHORS[finding.file] ?? 'host';
}
