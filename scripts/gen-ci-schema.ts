/**
 * `npx tsx scripts/gen-ci-schema.ts`: writes the eval-free validator of GitLab's CI schema that the import reader
 * (`src/core/import/ci.ts`) runs in the browser, where the Content-Security-Policy forbids Ajv's runtime compiler
 * (`new Function`).
 *
 * 1. `src/core/import/ci-schema.json`: GitLab's CI schema (`src/testing/reference-data/gitlab-ci.schema.json`, origin
 *    in that folder's README) without its documentation keywords (`description`, `markdownDescription`, `examples`,
 *    `title`, `default`), which do not change what validates and would only grow the bundle.
 * 2. `src/core/import/ci-schema.validate.js`: Ajv's standalone code for that schema (draft-07, `allErrors`), an ES
 *    module exporting `validate`. Formats (`uri`, `date-time`, `regex`, `uri-reference`) are accepted as written:
 *    GitLab's server does not check them either. Ajv's two runtime helpers are inlined so the module imports nothing.
 *
 * `src/core/import/ci-schema.test.ts` fails when either committed file differs from what this script writes.
 * Source: https://ajv.js.org/standalone.html
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone';

/** Keywords that document a schema and never change what it accepts. */
const DOC_KEYWORDS = new Set(['description', 'markdownDescription', 'examples', 'title', 'default', '$comment']);
/** Keywords whose value is a map of names to schemas. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions', 'dependencies']);
/** Keywords whose value is a schema or a list of schemas. */
const SCHEMA_VALUES = new Set([
  'items',
  'additionalItems',
  'additionalProperties',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'anyOf',
  'oneOf',
  'allOf',
]);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** The schema without documentation keywords (only at keyword positions: a property named `description` stays). */
export function stripSchema(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(stripSchema);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: { [k: string]: Json } = {};
  for (const [k, v] of Object.entries(schema)) {
    if (DOC_KEYWORDS.has(k)) continue;
    if (SCHEMA_MAPS.has(k) && v !== null && typeof v === 'object' && !Array.isArray(v))
      out[k] = Object.fromEntries(Object.entries(v).map(([name, s]) => [name, stripSchema(s)]));
    else if (SCHEMA_VALUES.has(k)) out[k] = stripSchema(v);
    else out[k] = v;
  }
  return out;
}

/** Where this schema copy comes from (kept in the JSON as `$comment`, which Ajv ignores). */
const ORIGIN =
  "GitLab's CI schema (app/assets/javascripts/editor/schema/ci.json, Apache-2.0, SchemaStore origin), copied from " +
  'src/testing/reference-data/gitlab-ci.schema.json without documentation keywords by scripts/gen-ci-schema.ts';

/** The stripped schema copy, as written to `src/core/import/ci-schema.json`. */
export function ciSchemaJson(referenceText: string): string {
  const stripped = stripSchema(JSON.parse(referenceText) as Json) as { [k: string]: Json };
  return `${JSON.stringify({ $comment: ORIGIN, ...stripped })}\n`;
}

/** Inline copies of Ajv's runtime helpers (ajv/dist/runtime/ucs2length and fast-deep-equal, MIT). */
const HELPERS = `
/** Length in Unicode code points (ajv/dist/runtime/ucs2length, MIT). */
function ucs2length(str) {
  let length = 0;
  let pos = 0;
  while (pos < str.length) {
    length++;
    const value = str.charCodeAt(pos++);
    if (value >= 0xd800 && value <= 0xdbff && pos < str.length) {
      const extra = str.charCodeAt(pos);
      if ((extra & 0xfc00) === 0xdc00) pos++;
    }
  }
  return length;
}
/** Deep equality of JSON values (fast-deep-equal, MIT). */
function equal(a, b) {
  if (a === b) return true;
  if (a && b && typeof a == 'object' && typeof b == 'object') {
    if (a.constructor !== b.constructor) return false;
    if (Array.isArray(a)) {
      if (a.length != b.length) return false;
      for (let i = a.length; i-- !== 0; ) if (!equal(a[i], b[i])) return false;
      return true;
    }
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    for (const k of keys) if (!Object.prototype.hasOwnProperty.call(b, k) || !equal(a[k], b[k])) return false;
    return true;
  }
  return a !== a && b !== b;
}
`;

/** The standalone validator module for the stripped schema text. */
export function ciSchemaValidator(schemaText: string): string {
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    inlineRefs: false,
    code: { source: true, esm: true, lines: false },
  });
  for (const f of ['uri', 'uri-reference', 'date-time', 'regex']) ajv.addFormat(f, true);
  const validate = ajv.compile(JSON.parse(schemaText) as object);
  let code = standaloneCode(ajv, validate);
  code = code
    .replace(/require\("ajv\/dist\/runtime\/ucs2length"\)\.default/g, 'ucs2length')
    .replace(/require\("ajv\/dist\/runtime\/equal"\)\.default/g, 'equal');
  if (/require\(/.test(code)) throw new Error('the standalone code requires a module that is not inlined');
  const header =
    '// Generated by scripts/gen-ci-schema.ts from src/core/import/ci-schema.json (GitLab CI schema, Apache-2.0).\n' +
    '// Do not edit: run `npx tsx scripts/gen-ci-schema.ts`. Ajv standalone code (MIT), no eval.\n';
  return `${header}${code.replace(/^"use strict";/, `"use strict";${HELPERS}`)}\n`;
}

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
export const REFERENCE_SCHEMA = here('../src/testing/reference-data/gitlab-ci.schema.json');
export const SCHEMA_COPY = here('../src/core/import/ci-schema.json');
export const VALIDATOR = here('../src/core/import/ci-schema.validate.js');

/** The two generated files: what the script writes now (`expected`) and what is committed (`actual`, '' if none). */
export function generatedFiles(): { path: string; expected: string; actual: string }[] {
  const schema = ciSchemaJson(readFileSync(REFERENCE_SCHEMA, 'utf8'));
  const read = (path: string): string => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return '';
    }
  };
  return [
    { path: SCHEMA_COPY, expected: schema, actual: read(SCHEMA_COPY) },
    { path: VALIDATOR, expected: ciSchemaValidator(schema), actual: read(VALIDATOR) },
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const schema = ciSchemaJson(readFileSync(REFERENCE_SCHEMA, 'utf8'));
  writeFileSync(SCHEMA_COPY, schema);
  writeFileSync(VALIDATOR, ciSchemaValidator(schema));
  console.log(`wrote ${SCHEMA_COPY} and ${VALIDATOR}`);
}
