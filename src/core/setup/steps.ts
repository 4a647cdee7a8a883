/**
 * SETUP.md's steps for this exact configuration, as a `SetupDoc` (./types.ts): the title, the introduction and the
 * numbered steps. The findings, the diagram and the permalink are added by `closeSetup` (./sections.ts) once the
 * other files exist (findings point at lines of this file too, so they come last).
 *
 * `setupSteps` composes one builder per step, each writing through a `StepWriter` (./step-writer.ts): the runner
 * (./steps-runner.ts), the runner host (./steps-host.ts), GitLab and the repository (./steps-pipeline.ts), and the
 * verification (./steps-verify.ts). Every read of the plan is in these files, and they read the plan's facts and
 * groups only (`p.daemon`, `p.method`, `p.runner`, `p.auth`, ...), never the raw answers: a source scan in
 * `./plan-reads.test.ts` keeps it so.
 */
import type { Lang } from '../i18n';
import type { Plan } from '../plan';
import { stepWriter, type StepWriter } from './step-writer';
import {
  autoscaleStep,
  dockerGroupStep,
  fleetingInstallStep,
  installStep,
  prepareHostStep,
  registerStep,
} from './steps-host';
import { gatesStep } from './steps-gates';
import { cacheStep, componentStep, repositoryStep, variablesStep } from './steps-pipeline';
import { applyKubernetesStep, archRunnersStep, clusterStep, createRunnerStep, hostedRunnerStep } from './steps-runner';
import { supplyChainStep } from './steps-supply';
import { verifyStep } from './steps-verify';
import { code, joined, spans, type SetupDoc } from './types';

/**
 * The steps of SETUP.md for the plan, in `lang`: a `SetupDoc` whose blocks are the title (heading 1), the list of
 * files, then steps numbered from 1. Pure; the same plan gives the same document.
 */
export function setupSteps(p: Plan, lang: Lang): SetupDoc {
  const w = stepWriter(lang);
  titleAndFiles(w, p);
  if (p.hosted) {
    hostedRunnerStep(w, p);
  } else {
    createRunnerStep(w, p);
    if (p.k8s) {
      clusterStep(w, p);
      applyKubernetesStep(w, p);
    } else {
      installStep(w, p);
      dockerGroupStep(w, p);
      prepareHostStep(w, p);
      archRunnersStep(w, p);
      autoscaleStep(w, p);
      registerStep(w, p);
      fleetingInstallStep(w, p);
    }
  }
  variablesStep(w, p);
  cacheStep(w, p);
  gatesStep(w, p);
  repositoryStep(w, p);
  componentStep(w, p);
  supplyChainStep(w, p);
  verifyStep(w, p);
  return w.doc;
}

/** The document's title (heading 1, with the method's title) and the paragraph that lists the generated files. */
function titleAndFiles(w: StepWriter, p: Plan): void {
  const { t, add, para, lang } = w;
  // The method's title is the one wording shared with the questions and the diagram (the method modules).
  add({ kind: 'heading', level: 1, text: `${t('Setup', 'セットアップ')}: ${p.method.title[lang]}` });
  para(
    t(
      spans`Steps for this exact configuration. Files: ${joined(p.files.map(code), ', ')}.`,
      spans`この構成の手順です。ファイル: ${joined(p.files.map(code), '、')}`,
    ),
  );
}
