/**
 * What the emulated runner takes from the generated runner configuration: `config.toml` (`[[runners]]`, Docker or
 * shell executor) or Helm `values.yaml` (`runners.config`, the same TOML with `[runners.kubernetes]`).
 *
 * Semantics followed (gitlab-runner docs, "Advanced configuration" and "Kubernetes executor"):
 * - `privileged` applies to the job container and its service containers (Docker and Kubernetes executors);
 * - a Docker volume without a host part (`/certs/client`) is a volume shared by the job and its services; `host:path`
 *   binds a host path into both; a Kubernetes `empty_dir` is shared by the pod's containers, `host_path` and
 *   `config_map` mount the node's file / the ConfigMap's key into them;
 * - `environment` is added to the job's variables; `[[runners.*.services]]` are added to every job's services.
 */
import { parse as parseToml } from '@iarna/toml';
import { parse as parseYaml } from 'yaml';
import type { CiService } from './ci-job';

/** A mount of the runner's containers: `shared` is a volume shared by job and services, `host` a host file/dir. */
export type RunnerMount =
  | { kind: 'shared'; path: string }
  | { kind: 'host'; source: string; path: string; readOnly: boolean }
  | { kind: 'config-map'; key: string; path: string };

/** The emulated runner's view of its configuration. */
export interface RunnerView {
  executor: 'shell' | 'docker' | 'kubernetes';
  privileged: boolean;
  mounts: RunnerMount[];
  environment: Record<string, string>;
  services: CiService[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function servicesOf(v: unknown): CiService[] {
  return list(v)
    .filter(isObj)
    .map((s) => {
      const name = String(s.name);
      const variables: Record<string, string> = {};
      for (const e of list(s.environment)) {
        const [k, ...rest] = String(e).split('=');
        if (k) variables[k] = rest.join('=');
      }
      return {
        name,
        alias:
          typeof s.alias === 'string'
            ? s.alias
            : (name
                .replace(/[:@].*$/, '')
                .split('/')
                .pop() ?? name),
        command: list(s.command).map(String),
        variables,
      };
    });
}

/**
 * Reads the runner entry of `config.toml` (text of the generated file) or of `values.yaml`'s `runners.config`.
 * Throws when there is no `[[runners]]` entry or the executor is not one the harness emulates.
 */
export function readRunner(file: 'config.toml' | 'values.yaml', text: string): RunnerView {
  const toml =
    file === 'config.toml' ? text : String((parseYaml(text) as { runners: { config: string } }).runners.config);
  const runner = list((parseToml(toml) as Obj).runners).filter(isObj)[0];
  if (!runner) throw new Error(`${file}: no [[runners]] entry`);
  const executor = String(runner.executor);
  const environment: Record<string, string> = {};
  for (const e of list(runner.environment)) {
    const [k, ...rest] = String(e).split('=');
    if (k) environment[k] = rest.join('=');
  }
  if (executor === 'shell') return { executor, privileged: true, mounts: [], environment, services: [] };
  if (executor === 'docker') {
    const d: Obj = isObj(runner.docker) ? runner.docker : {};
    const mounts = list(d.volumes).map((v): RunnerMount => {
      const parts = String(v).split(':');
      if (parts.length === 1) return { kind: 'shared', path: parts[0] ?? '' };
      return { kind: 'host', source: parts[0] ?? '', path: parts[1] ?? '', readOnly: parts[2] === 'ro' };
    });
    return { executor, privileged: d.privileged === true, mounts, environment, services: servicesOf(d.services) };
  }
  if (executor === 'kubernetes') {
    const k: Obj = isObj(runner.kubernetes) ? runner.kubernetes : {};
    const vols: Obj = isObj(k.volumes) ? k.volumes : {};
    const mounts: RunnerMount[] = [
      ...list(vols.empty_dir)
        .filter(isObj)
        .map((v): RunnerMount => ({ kind: 'shared', path: String(v.mount_path) })),
      ...list(vols.host_path)
        .filter(isObj)
        .map((v): RunnerMount => ({
          kind: 'host',
          source: String(v.host_path ?? v.mount_path),
          path: String(v.mount_path),
          readOnly: v.read_only === true,
        })),
      ...list(vols.config_map)
        .filter(isObj)
        .map((v): RunnerMount => ({
          kind: 'config-map',
          key: String(v.sub_path ?? v.name),
          path: String(v.mount_path),
        })),
    ];
    return { executor, privileged: k.privileged === true, mounts, environment, services: servicesOf(k.services) };
  }
  throw new Error(`${file}: executor ${executor} is not emulated`);
}
