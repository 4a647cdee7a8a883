/**
 * The name of the current setup where the browser shows it: the document title (tab, history, bookmarks) and the
 * downloaded zip's file name. Both follow the build method and, for Docker-in-Docker, how the job reaches the daemon.
 */
import { methodTitle } from '../core/diagram/labels';
import { tr, type Lang } from '../core/i18n';
import type { Plan } from '../core/plan';
import { UI } from './ui';

/** The setup as a title, e.g. `Docker-in-Docker with TLS`, `Rootless BuildKit`, `ルートレスBuildKit`. */
export function setupTitle(plan: Plan, lang: Lang): string {
  const phrase = methodTitle(plan, (en, ja) => tr(lang, en, ja));
  return phrase.charAt(0).toUpperCase() + phrase.slice(1);
}

/**
 * `document.title` for a setup, e.g. `Docker-in-Docker with TLS · GitLab CI Docker build wizard`; the app's title
 * alone while no setup is generated yet (`plan` null).
 */
export function documentTitle(plan: Plan | null, lang: Lang): string {
  const app = UI.title[lang];
  return plan ? `${setupTitle(plan, lang)} · ${app}` : app;
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
