import { memo, useEffect } from 'react';
import { Link, useParams } from '@tanstack/react-router';
import { isRelevant } from '../../core/rules';
import { QuestionView, questionSignature } from '../components/Fields';
import { SetupSteps } from '../components/SetupSteps';
import { useGenerated, usePainted } from '../engine';
import { STEPS, isStepId, stepById, type Question as QuestionT } from '../questions';
import type { Answers } from '../../core/answers';
import type { Finding } from '../../core/findings';
import type { Lang } from '../../core/i18n';
import { MARKS, markAfterPaint } from '../marks';
import { useWizard } from '../store';
import { UI, useT } from '../ui';
import { HandOver } from '../components/HandOver';
import { HostCommand } from '../components/HostCommand';

const QUESTION_LABEL = new Map<string, QuestionT>(STEPS.flatMap((s) => s.questions.map((q) => [q.key, q])));

function Question({ q, a, lang, findings }: { q: QuestionT; a: Answers; lang: Lang; findings: Finding[] }) {
  // A finding's badge stands under the questions that cause it (not under every answer its fix would change).
  const own = findings.filter((f) => f.questions.includes(q.key));
  return <QuestionView q={q} a={a} lang={lang} own={own} sig={questionSignature(q, a, lang, own)} />;
}

/** False until the first page has been shown: the page a link opens keeps the focus at its start. */
let landed = false;

export function StepPage() {
  const t = useT();
  const { step: id } = useParams({ from: '/$step' });
  const current = useWizard((s) => s.answers);
  // The preview shows an answer change in its own frame; the other questions (which appear, which options are
  // open) follow once it is painted. The question the user changed is drawn with the new answer at once: its
  // control must not go back to the old value for a frame.
  const answers = usePainted(current);
  const lang = useWizard((s) => s.lang);
  const alsoChanged = useWizard((s) => s.alsoChanged);
  const result = useGenerated();
  useEffect(() => markAfterPaint(MARKS.questionsReady), []);
  // Moving to another step moves the focus to its title, so screen readers announce where the user is.
  useEffect(() => {
    if (landed) document.getElementById('step-title')?.focus();
    landed = true;
  }, [id]);
  if (!isStepId(id))
    return (
      <div>
        <p role="alert">
          {lang === 'ja' ? `「${id}」というステップはありません。` : `There is no step “${id}”.`}{' '}
          <Link to="/" search={(prev) => prev}>
            {t(UI.start)}
          </Link>
        </p>
      </div>
    );
  const step = stepById(id);
  const index = STEPS.indexOf(step);
  const questions = step.questions.filter((q) => isRelevant(answers, q.key));
  const changed = alsoChanged.filter((k) => QUESTION_LABEL.has(k));
  return (
    <div className="step">
      <h2 tabIndex={-1} id="step-title">
        <span className="muted step-of">{t(UI.stepOf, { n: index + 1, total: STEPS.length })}</span>
        {t(step.title)}
      </h2>
      <p className="intro">{t(step.intro)}</p>
      {changed.length > 0 && (
        <p className="also-changed" role="status">
          {t(UI.alsoChanged)} {changed.map((k) => QUESTION_LABEL.get(k)?.label[lang] ?? k).join(', ')}
        </p>
      )}
      {step.id === 'files' ? (
        <>
          <HandOver />
          {result ? <HostCommand result={result} /> : null}
          {result ? (
            <SetupSteps
              doc={result.setup}
              images={Object.fromEntries(
                result.files.filter((f) => f.path.endsWith('.svg')).map((f) => [f.path, f.content]),
              )}
            />
          ) : null}
        </>
      ) : (
        <form className="questions" onSubmit={(e) => e.preventDefault()}>
          {questions.map((q) => (
            <Question
              key={q.key}
              q={q}
              a={current[q.key] === answers[q.key] ? answers : current}
              lang={lang}
              findings={result?.findings ?? []}
            />
          ))}
        </form>
      )}
      <StepButtons index={index} />
    </div>
  );
}

/** Back and Next: memoized by the step, so an answer change does not re-render their links. */
const StepButtons = memo(function StepButtons({ index }: { index: number }) {
  const t = useT();
  const prev = STEPS[index - 1];
  const next = STEPS[index + 1];
  return (
    <div className="step-buttons">
      {prev ? (
        <Link to="/$step" params={{ step: prev.id }} search={(p) => p} className="button">
          ← {t(UI.back)}: {t(prev.title)}
        </Link>
      ) : (
        <Link to="/" search={(p) => p} className="button">
          ← {t(UI.start)}
        </Link>
      )}
      {next && (
        <Link to="/$step" params={{ step: next.id }} search={(p) => p} className="button primary">
          {t(UI.next)}: {t(next.title)} →
        </Link>
      )}
    </div>
  );
});
