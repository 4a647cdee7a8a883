/**
 * `@iarna/toml`'s parser (the runner reader's, `src/core/import/runner.ts`) reads `global.Date`, Node's name for the
 * global object, when its module is first evaluated; browsers name it `globalThis` only. Imported by the import page
 * before the core, so that the name exists when the parser loads.
 */
const scope = globalThis as { global?: unknown };
scope.global ??= globalThis;
