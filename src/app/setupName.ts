/**
 * The name of the current setup where the browser shows it: the document title (tab, history, bookmarks) and the
 * downloaded zip's file name. Both follow the build method and, for Docker-in-Docker, how the job reaches the daemon.
 */
import { tr, type Lang } from '../core/i18n';
import type { Plan } from '../core/plan';
import type { Engine } from './engine';
import { UI } from './ui';

/**
 * The setup as a title, e.g. `Docker-in-Docker with TLS`, `Rootless BuildKit`, `ルートレスBuildKit`: the method's
 * phrase from the engine (`methodTitle` of src/core/generate.ts, loaded with it), capitalized.
 */
export function setupTitle(plan: Plan, lang: Lang, methodTitle: Engine['methodTitle']): string {
  const phrase = methodTitle(plan, (en, ja) => tr(lang, en, ja));
  return phrase.charAt(0).toUpperCase() + phrase.slice(1);
}

/**
 * `document.title` for a setup title (`setupTitle`), e.g. `Docker-in-Docker with TLS · GitLab CI Docker build
 * wizard`; the app's title alone while no setup is generated yet (`setup` null).
 */
export function documentTitle(setup: string | null, lang: Lang): string {
  const app = UI.title[lang];
  return setup ? `${setup} · ${app}` : app;
}

/**
 * The zip's file name, from identifiers only so that it is plain ASCII in every language:
 * `gitlab-ci-build-<method>[-<dind connection>][-from-kaniko].zip`, e.g. `gitlab-ci-build-dind-tls.zip`. Every
 * character outside `a-z0-9-` becomes `-`.
 */
export function zipName(plan: Plan): string {
  const parts = [plan.method.id, plan.method.dindConnection ?? '', plan.method.fromKaniko ? 'from-kaniko' : ''];
  const slug = parts
    .filter((p) => p !== '')
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-');
  return `gitlab-ci-build-${slug}.zip`;
}
