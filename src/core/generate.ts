/**
 * `generate(answers) -> { files, findings }`: the one pure function behind the app, the CLI and the tests.
 * Only the files that the answers need are produced.
 */
import { zipSync, strToU8 } from 'fflate';
import type { Answers } from './answers';
import { describeDiagram, diagramModel, renderDiagramSvg, type DiagramModel } from './diagram';
import { evaluateFindings, type Finding, type PlacedFile } from './findings';
import {
  anchorIndex,
  jsonLineIndex,
  shellOptionIndex,
  tomlLineIndex,
  yamlLineIndex,
  type KeyPath,
  type LineIndex,
} from './render/line-index';
import type { Lang } from './i18n';
import { permalinkUrl } from './permalink';
import { COMPONENT_README, COMPONENT_USAGE, makePlan, type Plan } from './plan';
import { generateComponent } from './generators/component.generator';
import { normalize } from './rules';
import { generateGitlabCi } from './generators/gitlab-ci.generator';
import {
  generateBuildkitdToml,
  generateConfigToml,
  generateDaemonJson,
  generateHelmValues,
  generateKubernetesSh,
  generateRegisterPs1,
  generateRegisterSh,
} from './generators/runner.generators';
import { layoutSetupMarkdown, renderSetupMarkdown } from './setup/markdown';
import { closeSetup } from './setup/sections';
import { setupSteps } from './setup/steps';
import type { SetupDoc } from './setup/types';

/**
 * The build method as a phrase (`Docker-in-Docker with TLS`, `rootless BuildKit`): the plan's method title,
 * qualified by the connection for Docker-in-Docker; `t(en, ja)` picks the language. The app names its page title
 * and its zip after it.
 */
export { methodTitle } from './diagram/labels';
export { HOST_DIR, hostFiles, hostFilesCommand } from './host-command';

/** Syntax of a generated file, for the app's editor (`xml` is diagram.svg). */
export type FileLanguage = 'yaml' | 'toml' | 'json' | 'shell' | 'powershell' | 'markdown' | 'xml';

/** One generated file: `path` is its name in the zip (`.gitlab-ci.yml`, `config.toml`, ...), `content` its text. */
export interface GeneratedFile {
  path: string;
  language: FileLanguage;
  content: string;
}

/** Options of `generate`: the language of comments and SETUP.md (default `en`) and the app's address. */
export interface GenerateOptions {
  lang?: Lang;
  /** The app's address, to make the permalink in SETUP.md a full link. */
  baseUrl?: string;
}

/**
 * Everything `generate` produces from one set of answers: the normalized answers, the plan, the files (the plan's
 * files in display order plus diagram.svg), the findings on their lines, the permalink and SETUP.md's document.
 */
export interface GenerateResult {
  answers: Answers;
  plan: Plan;
  files: GeneratedFile[];
  findings: Finding[];
  permalink: string;
  /** The diagram's model (drawn in `diagram.svg`), in the result's language: the app reads it, never recomputes it. */
  diagram: DiagramModel;
  /** The diagram as text, one sentence per line: the list in SETUP.md and the SVG's `<desc>`. */
  diagramDescription: string[];
  /** SETUP.md as a document (src/core/setup/types.ts): the file SETUP.md is `renderSetupMarkdown(setup)`. */
  setup: SetupDoc;
}

/** The diagram of the setup (src/core/diagram/), after the files of the plan. */
export const DIAGRAM_FILE = 'diagram.svg';

const LANGUAGE: Record<string, FileLanguage> = {
  '.gitlab-ci.yml': 'yaml',
  'config.toml': 'toml',
  'values.yaml': 'yaml',
  'register.sh': 'shell',
  'register.ps1': 'powershell',
  'daemon.json': 'json',
  'buildkitd.toml': 'toml',
  'kubernetes.sh': 'shell',
  'SETUP.md': 'markdown',
  'diagram.svg': 'xml',
};

/** A value computed on its first read, then kept. */
function lazy<T>(compute: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value;
  };
}

/** A generated file whose text is written on its first read (an enumerable getter: spread, JSON and tests see it). */
function lazyFile(path: string, language: FileLanguage, text: () => string): GeneratedFile {
  return {
    path,
    language,
    get content() {
      return text();
    },
  };
}

/** One file as its generator returns it: the text, and the marks the findings anchor to (the CI file's). */
interface Written {
  text: string;
  marks?: Record<string, KeyPath>;
}

/**
 * Each file's line index, for the findings: the one its renderer offers (`recorded`: SETUP.md's anchors), else one
 * chosen by the serializer that wrote it. The file is written and indexed only when a finding looks for a line in
 * it (most answer changes place findings in one or two files). A file with neither index resolves no path.
 */
function placedFiles(
  paths: readonly string[],
  written: (path: string) => Written,
  recorded: ReadonlyMap<string, () => LineIndex>,
): Map<string, PlacedFile> {
  const out = new Map<string, PlacedFile>();
  for (const path of paths) {
    const build = (): LineIndex => {
      const own = recorded.get(path);
      if (own) return own();
      const text = written(path).text;
      switch (LANGUAGE[path]) {
        case 'yaml':
          return yamlLineIndex(
            text,
            path === 'values.yaml' ? [{ path: ['runners', 'config'], index: tomlLineIndex }] : [],
          );
        case 'toml':
          return tomlLineIndex(text);
        case 'json':
          return jsonLineIndex(text);
        case 'shell':
        case 'powershell':
          return shellOptionIndex(text);
        default:
          return { lineOf: () => null };
      }
    };
    const index = lazy(build);
    out.set(path, {
      index: { lineOf: (p) => index().lineOf(p) },
      get marks() {
        return written(path).marks ?? {};
      },
    });
  }
  return out;
}

/**
 * Generates every file the answers need. `input` must be schema-valid (`parseAnswers` / `restoreAnswers`); it is
 * normalized first, so impossible combinations are repaired, not refused. Pure and deterministic; throws only on an
 * internal inconsistency (a method without a module, a build job without a script).
 *
 * The plan and the findings are computed at once; each file's text, the diagram, its description, SETUP.md and the
 * permalink are computed on their first read and then kept (an answer change in the app reads the visible file and
 * the files its findings point into, and the rest after the frame). Reading them gives the same values as computing
 * them eagerly: every part is a pure function of the answers and the language.
 */
export function generate(input: Answers, options: GenerateOptions = {}): GenerateResult {
  const lang = options.lang ?? 'en';
  const answers = normalize(input);
  const plan = makePlan(answers);
  const steps = lazy(() => setupSteps(plan, lang));
  const component = lazy(() => generateComponent(plan, lang));
  const recorded = new Map<string, () => LineIndex>([
    // The steps alone, laid out only when a finding looks for a line in them (the closing sections come after, so
    // their lines hold).
    ['SETUP.md', () => anchorIndex(layoutSetupMarkdown(steps()).anchors)],
  ]);
  const write = (path: string): Written => {
    if (plan.component) {
      if (path === plan.component.file) return { text: component().template };
      if (path === COMPONENT_README) return { text: component().readme };
      if (path === COMPONENT_USAGE) return { text: component().usage };
    }
    switch (path) {
      case '.gitlab-ci.yml': {
        const ci = generateGitlabCi(plan, lang);
        return { text: ci.text, marks: ci.marks };
      }
      case 'config.toml':
        return { text: generateConfigToml(plan, lang) };
      case 'values.yaml':
        return { text: generateHelmValues(plan, lang) };
      case 'register.sh':
        return { text: generateRegisterSh(plan, lang) };
      case 'register.ps1':
        return { text: generateRegisterPs1(plan, lang) };
      case 'daemon.json':
        return { text: generateDaemonJson(plan) };
      case 'buildkitd.toml':
        return { text: generateBuildkitdToml(plan, lang) };
      case 'kubernetes.sh':
        return { text: generateKubernetesSh(plan, lang) };
      case 'SETUP.md':
        return { text: renderSetupMarkdown(setup()) };
      case DIAGRAM_FILE:
        return { text: renderDiagramSvg(diagram(), { lang }) };
      default:
        return { text: '' };
    }
  };
  const writers = new Map([...plan.files, DIAGRAM_FILE].map((path) => [path, lazy(() => write(path))]));
  const written = (path: string): Written => writers.get(path)?.() ?? { text: '' };
  const findings = evaluateFindings(plan, placedFiles(plan.files, written, recorded), lang, answers);
  const permalink = lazy(() => permalinkUrl(answers, options.baseUrl ?? ''));
  // The diagram comes after the findings: each finding is anchored to an element of it.
  const diagram = lazy(() => diagramModel({ plan, findings }, lang));
  const diagramDescription = lazy(() => describeDiagram(diagram(), lang));
  const setup = lazy(() =>
    closeSetup(
      steps(),
      { findings, diagramFile: DIAGRAM_FILE, diagramDescription: diagramDescription(), permalink: permalink() },
      lang,
    ),
  );
  const files = [...writers.keys()].map((path) =>
    lazyFile(path, LANGUAGE[path] ?? (path.endsWith('.md') ? 'markdown' : 'yaml'), () => written(path).text),
  );
  return {
    answers,
    plan,
    files,
    findings,
    get permalink() {
      return permalink();
    },
    get diagram() {
      return diagram();
    },
    get diagramDescription() {
      return diagramDescription();
    },
    get setup() {
      return setup();
    },
  };
}

/** A zip of every file plus `permalink.txt`; byte-identical for identical inputs (fixed timestamps). */
export function zipFiles(result: Pick<GenerateResult, 'files' | 'permalink'>): Uint8Array {
  const entries: Record<string, [Uint8Array, { mtime: Date }]> = {};
  // Local-time components: the DOS timestamps in the zip are the same in every time zone.
  const mtime = new Date(2000, 0, 1, 0, 0, 0);
  for (const f of result.files) entries[f.path] = [strToU8(f.content), { mtime }];
  entries['permalink.txt'] = [strToU8(`${result.permalink}\n`), { mtime }];
  return zipSync(entries, { level: 6 });
}
