/**
 * The key data of `src/core/import/keys/` is the reference data of `src/testing/reference-data/` reduced to key
 * paths and types: this test derives it again and fails when the committed copy differs
 * (`UPDATE_KEYS=1 npx vitest run src/core/import/keys.test.ts -u` rewrites it; then run prettier on keys/).
 */
import { describe, expect, it } from 'vitest';
import buildkitdRef from '../../testing/reference-data/buildkitd-keys.json';
import daemonRef from '../../testing/reference-data/daemon-json-keys.json';
import runnerRef from '../../testing/reference-data/runner-config-keys.json';
import buildkitdKeys from './keys/buildkitd.json';
import daemonKeys from './keys/daemon-json.json';
import runnerKeys from './keys/runner-config.json';

interface KeyDef {
  toml: string;
  table?: string;
}
interface TableDef {
  kind: 'table' | 'array_element' | 'map';
  keys?: Record<string, KeyDef>;
  valueType?: string;
  valueTable?: string;
}
type Shape =
  | string
  | { kind: 'object'; keys: Record<string, string>; nested?: Record<string, Shape> }
  | { kind: 'map'; value: Shape };
/** The compact tree (see keys/README.md). */
type KeyNode = { [key: string]: string | KeyNode | [KeyNode] };

/** One TOML table of the reference data as a tree, following each key's table. */
function tomlTree(tables: Record<string, TableDef>, path: string): KeyNode {
  const def = tables[path];
  if (!def) throw new Error(`no table ${path}`);
  if (def.kind === 'map')
    return {
      '*': def.valueType === 'table' ? tomlTree(tables, def.valueTable ?? `${path}.*`) : (def.valueType ?? 'any'),
    };
  const out: KeyNode = {};
  for (const [key, k] of Object.entries(def.keys ?? {})) {
    const sub =
      k.table ?? (k.toml === 'array<table>' ? `${path ? `${path}.` : ''}${key}[]` : `${path ? `${path}.` : ''}${key}`);
    if (k.toml === 'array<table>') out[key] = [tomlTree(tables, sub)];
    else if (k.toml === 'table' || (/^map</.test(k.toml) && tables[sub] && tables[sub].valueType === 'table'))
      out[key] = tomlTree(tables, sub);
    else out[key] = k.toml;
  }
  return out;
}

function shapeTree(shape: Shape): string | KeyNode {
  if (typeof shape === 'string') return shape;
  if (shape.kind === 'map') return { '*': shapeTree(shape.value) };
  const out: KeyNode = {};
  for (const [k, t] of Object.entries(shape.keys)) {
    const nested = shape.nested?.[k];
    const items = shape.nested?.[`${k}[]`];
    if (nested) out[k] = shapeTree(nested);
    else if (t === 'array<object>' && items) {
      const item = shapeTree(items);
      out[k] = typeof item === 'string' ? t : [item];
    } else out[k] = t;
  }
  return out;
}

function runnerData() {
  const ref = runnerRef as unknown as {
    tables: Record<string, TableDef>;
    executors: string[];
    featureFlags: { name: string }[];
  };
  return {
    keys: tomlTree(ref.tables, ''),
    executors: ref.executors,
    featureFlags: ref.featureFlags.map((f) => f.name),
  };
}

function buildkitdData() {
  const ref = buildkitdRef as unknown as { tables: Record<string, TableDef> };
  return { keys: tomlTree(ref.tables, '') };
}

function daemonData() {
  const ref = daemonRef as unknown as {
    keys: Record<string, { type: string }>;
    extraAcceptedKeys: Record<string, unknown>;
    valueShapes: Record<string, Shape>;
  };
  const keys: KeyNode = {};
  for (const [k, def] of Object.entries(ref.keys)) {
    const shape = ref.valueShapes[k];
    const items = ref.valueShapes[`${k}[]`];
    if (shape) keys[k] = shapeTree(shape);
    else if (def.type === 'array<object>' && items) {
      const item = shapeTree(items);
      keys[k] = typeof item === 'string' ? def.type : [item];
    } else keys[k] = def.type;
  }
  for (const k of Object.keys(ref.extraAcceptedKeys)) if (!(k in keys)) keys[k] = 'any';
  return { keys };
}

const FILES: [string, unknown, () => unknown][] = [
  ['runner-config.json', runnerKeys, runnerData],
  ['buildkitd.json', buildkitdKeys, buildkitdData],
  ['daemon-json.json', daemonKeys, daemonData],
];

describe('key data of the import readers', () => {
  it.each(FILES)('keys/%s is derived from the reference data', async (name, committed, derive) => {
    if (process.env.UPDATE_KEYS)
      await expect(`${JSON.stringify(derive(), null, 2)}\n`).toMatchFileSnapshot(`keys/${name}`);
    else expect(committed).toEqual(derive());
  });
});
