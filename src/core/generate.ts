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

/**
 * Each file's line index: the one its renderer offers (`recorded`: SETUP.md's anchors), else one chosen by the
 * serializer that wrote it (built lazily, on the first lookup). A file with neither resolves no path.
 */
function placedFiles(
  contents: ReadonlyMap<string, string>,
  marks: ReadonlyMap<string, Record<string, KeyPath>>,
  recorded: ReadonlyMap<string, () => LineIndex>,
): Map<string, PlacedFile> {
  const out = new Map<string, PlacedFile>();
  for (const [path, text] of contents) {
    let index: LineIndex | null = null;
    const build = (): LineIndex => {
      const own = recorded.get(path);
      if (own) return own();
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
    out.set(path, { index: { lineOf: (p) => (index ??= build()).lineOf(p) }, marks: marks.get(path) ?? {} });
  }
  return out;
}

/**
 * Generates every file the answers need. `input` must be schema-valid (`parseAnswers` / `restoreAnswers`); it is
 * normalized first, so impossible combinations are repaired, not refused. Pure and deterministic; throws only on an
 * internal inconsistency (a method without a module, a build job without a script).
 */
export function generate(input: Answers, options: GenerateOptions = {}): GenerateResult {
  const lang = options.lang ?? 'en';
  const answers = normalize(input);
  const plan = makePlan(answers);
  const contents = new Map<string, string>();
  const marks = new Map<string, Record<string, KeyPath>>();
  const recorded = new Map<string, () => LineIndex>();
  const steps = setupSteps(plan, lang);
  for (const path of plan.files) {
    if (plan.component && path === plan.component.file) {
      const component = generateComponent(plan, lang);
      contents.set(path, component.template);
      contents.set(COMPONENT_README, component.readme);
      contents.set(COMPONENT_USAGE, component.usage);
      continue;
    }
    switch (path) {
      case '.gitlab-ci.yml': {
        const ci = generateGitlabCi(plan, lang);
        contents.set(path, ci.text);
        marks.set(path, ci.marks);
        break;
      }
      case 'config.toml':
        contents.set(path, generateConfigToml(plan, lang));
        break;
      case 'values.yaml':
        contents.set(path, generateHelmValues(plan, lang));
        break;
      case 'register.sh':
        contents.set(path, generateRegisterSh(plan, lang));
        break;
      case 'register.ps1':
        contents.set(path, generateRegisterPs1(plan, lang));
        break;
      case 'daemon.json':
        contents.set(path, generateDaemonJson(plan));
        break;
      case 'buildkitd.toml':
        contents.set(path, generateBuildkitdToml(plan, lang));
        break;
      case 'kubernetes.sh':
        contents.set(path, generateKubernetesSh(plan, lang));
        break;
      case COMPONENT_README:
      case COMPONENT_USAGE:
        break;
      case 'SETUP.md': {
        // The steps alone, laid out only when a finding looks for a line in them (the closing sections come after,
        // so their lines hold); the file itself is written below.
        contents.set(path, '');
        recorded.set(path, () => anchorIndex(layoutSetupMarkdown(steps).anchors));
        break;
      }
    }
  }
  const findings = evaluateFindings(plan, placedFiles(contents, marks, recorded), lang, answers);
  const permalink = permalinkUrl(answers, options.baseUrl ?? '');
  // The diagram comes after the findings: each finding is anchored to an element of it.
  const diagram = diagramModel({ plan, findings }, lang);
  const diagramDescription = describeDiagram(diagram, lang);
  contents.set(DIAGRAM_FILE, renderDiagramSvg(diagram, { lang }));
  const setup = closeSetup(
    steps,
    { findings, diagramFile: DIAGRAM_FILE, diagramDescription: diagramDescription, permalink },
    lang,
  );
  contents.set('SETUP.md', renderSetupMarkdown(setup));
  const files = [...plan.files, DIAGRAM_FILE].map((path) => ({
    path,
    language: LANGUAGE[path] ?? (path.endsWith('.md') ? 'markdown' : 'yaml'),
    content: contents.get(path) ?? '',
  }));
  return { answers, plan, files, findings, permalink, diagram, diagramDescription, setup };
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
