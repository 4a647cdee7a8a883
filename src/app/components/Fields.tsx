/**
 * One component per kind of question. Every option that the other answers rule out is disabled and says why
 * (`whyNot` from the core); a checked option that cannot be unchecked says why it is required, never "not
 * available". Typed values are checked field by field (syntax, secrets, combination; the message names the problem
 * of the value, `valueProblem.ts`) and reach the store only when valid, so the draft a user is typing is never lost
 * and a secret never leaves the input.
 */
import { memo, useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import * as v from 'valibot';
import { AnswersSchema, type Answers } from '../../core/answers';
import type { Finding } from '../../core/findings';
import type { Lang, Msg } from '../../core/i18n';
import { whyNot } from '../../core/rules';
import { secretKind } from '../../core/secrets';
import type { ChoiceOption, Question } from '../questions';
import { problemMessage } from '../valueProblem';
import { useWizard } from '../store';
import { SECRET_KIND, SEVERITY, UI, fill } from '../ui';

type Check = { ok: true } | { ok: false; message: string };

/** Whether `value` may be stored for `key`, and if not, the message to show in the user's language. */
export function checkValue(a: Answers, key: keyof Answers, value: unknown, format: Msg, lang: Lang): Check {
  const strings = Array.isArray(value) ? value : [value];
  for (const s of strings) {
    if (typeof s !== 'string') continue;
    const kind = secretKind(s);
    if (kind) return { ok: false, message: fill(UI.secretRefused[lang], { kind: SECRET_KIND[kind][lang] }) };
  }
  const schema = AnswersSchema.entries[key];
  if (!v.safeParse(schema, value).success) return { ok: false, message: problemMessage(key, value, format, lang) };
  const reason = whyNot(a, key, value as never);
  if (reason) return { ok: false, message: reason[lang] };
  return { ok: true };
}

function FindingChips({ findings, lang }: { findings: Finding[]; lang: Lang }) {
  if (!findings.length) return null;
  return (
    <ul className="chips" aria-label={UI.findings[lang]}>
      {findings.map((f) => (
        <li key={f.id} className={`chip sev-${f.severity}`}>
          <span className="sev">{SEVERITY[f.severity][lang]}</span> {f.title}
        </li>
      ))}
    </ul>
  );
}

function Help({ id, help, lang }: { id: string; help?: Msg; lang: Lang }) {
  return help ? (
    <p id={id} className="help">
      {help[lang]}
    </p>
  ) : null;
}

function Choice({ q, a, lang }: { q: Extract<Question, { kind: 'choice' }>; a: Answers; lang: Lang }) {
  const set = useWizard((s) => s.set);
  const name = useId();
  const current = a[q.key];
  return (
    <fieldset className="choice" aria-describedby={q.help ? `${name}-help` : undefined}>
      <legend>{q.label[lang]}</legend>
      <Help id={`${name}-help`} help={q.help} lang={lang} />
      {q.options.map((opt: ChoiceOption) => {
        const reason = opt.value === current ? null : whyNot(a, q.key, opt.value as never);
        const id = `${name}-${opt.value}`;
        return (
          <div key={opt.value} className={reason ? 'option disabled' : 'option'}>
            <input
              type="radio"
              id={id}
              name={name}
              value={opt.value}
              checked={opt.value === current}
              disabled={reason !== null}
              aria-describedby={opt.note || reason ? `${id}-note` : undefined}
              onChange={() => set(q.key, opt.value as never)}
            />
            <label htmlFor={id}>{opt.label[lang]}</label>
            {(opt.note || reason) && (
              <span id={`${id}-note`} className={reason ? 'why-not' : 'note'}>
                {reason ? `${UI.notAvailable[lang]} ${reason[lang]}` : opt.note?.[lang]}
              </span>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}

function Toggle({ q, a, lang }: { q: Extract<Question, { kind: 'toggle' }>; a: Answers; lang: Lang }) {
  const set = useWizard((s) => s.set);
  const id = useId();
  const on = a[q.key];
  const reason = whyNot(a, q.key, !on as never);
  const described = [q.help ? `${id}-help` : '', reason ? `${id}-why` : ''].filter(Boolean).join(' ');
  // Checked and impossible to uncheck: the option is required, not unavailable.
  const locked = reason !== null && on;
  return (
    <div className={reason ? (locked ? 'toggle locked' : 'toggle disabled') : 'toggle'}>
      <input
        type="checkbox"
        id={id}
        checked={on}
        disabled={reason !== null}
        aria-describedby={described || undefined}
        onChange={(e) => set(q.key, e.target.checked as never)}
      />
      <label htmlFor={id}>{q.label[lang]}</label>
      <Help id={`${id}-help`} help={q.help} lang={lang} />
      {reason && (
        <p id={`${id}-why`} className={locked ? 'note required' : 'why-not'}>
          {locked ? UI.required[lang] : UI.notAvailable[lang]} {reason[lang]}
        </p>
      )}
    </div>
  );
}

function Multi({ q, a, lang }: { q: Extract<Question, { kind: 'multi' }>; a: Answers; lang: Lang }) {
  const set = useWizard((s) => s.set);
  const name = useId();
  const current = a.platforms;
  return (
    <fieldset className="multi" aria-describedby={q.help ? `${name}-help` : undefined}>
      <legend>{q.label[lang]}</legend>
      <Help id={`${name}-help`} help={q.help} lang={lang} />
      {q.options.map((opt) => {
        const on = current.includes(opt.value);
        const next = on ? current.filter((p) => p !== opt.value) : [...current, opt.value];
        const ordered = q.options.map((o) => o.value).filter((p) => next.includes(p));
        const reason = whyNot(a, 'platforms', ordered);
        const id = `${name}-${opt.value}`;
        const locked = reason !== null && on;
        return (
          <div key={opt.value} className={reason ? (locked ? 'option locked' : 'option disabled') : 'option'}>
            <input
              type="checkbox"
              id={id}
              checked={on}
              disabled={reason !== null}
              aria-describedby={reason ? `${id}-why` : undefined}
              onChange={() => set('platforms', ordered)}
            />
            <label htmlFor={id}>{opt.label[lang]}</label>
            {reason && (
              <span id={`${id}-why`} className={locked ? 'note required' : 'why-not'}>
                {locked ? UI.required[lang] : UI.notAvailable[lang]} {reason[lang]}
              </span>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}

type Typed = Extract<Question, { kind: 'text' | 'list' | 'number' }>;

function format(q: Typed, value: unknown): string {
  if (q.kind === 'list') return (value as string[]).join(', ');
  if (q.kind === 'number') return String(value);
  return value as string;
}

function parse(q: Typed, draft: string): unknown {
  if (q.kind === 'list')
    return draft
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  if (q.kind === 'number') return draft.trim() === '' ? 0 : /^\d+$/.test(draft.trim()) ? Number(draft.trim()) : NaN;
  return draft;
}

/** A pause in typing after which a valid value is applied (and at once on leaving the field or on Enter). */
const COMMIT_DELAY_MS = 400;

function TypedField({ q, a, lang }: { q: Typed; a: Answers; lang: Lang }) {
  const set = useWizard((s) => s.set);
  const id = useId();
  const stored = a[q.key];
  const storedKey = JSON.stringify(stored);
  const [draft, setDraft] = useState(() => format(q, stored));
  const [seen, setSeen] = useState(storedKey);
  const [error, setError] = useState<string | null>(null);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  // The store changed from elsewhere (a preset, a fix, a reset): show the new value.
  if (seen !== storedKey) {
    setSeen(storedKey);
    if (JSON.stringify(parse(q, draft)) !== storedKey) {
      setDraft(format(q, stored));
      setError(null);
    }
  }
  // Applies the typed text if it is valid with the latest answers (this question may not have re-rendered).
  const commit = useCallback(
    (text: string) => {
      if (pending.current) clearTimeout(pending.current);
      pending.current = null;
      const value = parse(q, text);
      const latest = useWizard.getState().answers;
      if (!checkValue(latest, q.key, value, q.format, lang).ok) return;
      if (JSON.stringify(value) !== JSON.stringify(latest[q.key])) set(q.key, value as never);
    },
    [q, lang, set],
  );
  const latestDraft = useRef(draft);
  useEffect(() => {
    latestDraft.current = draft;
  }, [draft]);
  // Leaving the step applies what was typed.
  useEffect(() => () => void (pending.current && commit(latestDraft.current)), [commit]);
  const onChange = (text: string) => {
    setDraft(text);
    if (pending.current) clearTimeout(pending.current);
    pending.current = null;
    // Checked at once (a secret is refused before anything is applied), applied after a pause in typing: a value
    // being typed never changes other answers half-way, and a half-typed token never reaches the link.
    const check = checkValue(useWizard.getState().answers, q.key, parse(q, text), q.format, lang);
    if (check.ok) {
      setError(null);
      pending.current = setTimeout(() => commit(text), COMMIT_DELAY_MS);
    } else setError(check.message);
  };
  const described = [q.help ? `${id}-help` : '', error ? `${id}-error` : `${id}-format`].filter(Boolean).join(' ');
  return (
    <div className="text-field">
      <label htmlFor={id}>{q.label[lang]}</label>
      <Help id={`${id}-help`} help={q.help} lang={lang} />
      <input
        id={id}
        type="text"
        inputMode={q.kind === 'number' ? 'numeric' : undefined}
        value={draft}
        spellCheck={false}
        autoComplete="off"
        autoCapitalize="off"
        placeholder={q.kind === 'text' ? q.placeholder : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        onChange={(e) => onChange(e.target.value)}
        onBlur={(e) => commit(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit(e.currentTarget.value);
        }}
      />
      {error ? (
        <p id={`${id}-error`} className="field-error" aria-live="polite">
          {error}
        </p>
      ) : (
        <p id={`${id}-format`} className="format">
          {q.format[lang]}
        </p>
      )}
    </div>
  );
}

interface QuestionProps {
  q: Question;
  a: Answers;
  lang: Lang;
  /** The findings whose fix changes this answer. */
  own: Finding[];
}

/**
 * What a question shows, as a string: its value, the reason of every option that cannot be chosen, its findings
 * and the language. A question re-renders only when this changes (most answers change one or two questions).
 */
export function questionSignature(q: Question, a: Answers, lang: Lang, own: Finding[]): string {
  const reasons =
    q.kind === 'choice'
      ? q.options.map((o) => whyNot(a, q.key, o.value as never)?.en ?? '')
      : q.kind === 'toggle'
        ? [whyNot(a, q.key, !a[q.key] as never)?.en ?? '']
        : q.kind === 'multi'
          ? q.options.map((o) => {
              const next = a.platforms.includes(o.value)
                ? a.platforms.filter((p) => p !== o.value)
                : [...a.platforms, o.value];
              return (
                whyNot(
                  a,
                  'platforms',
                  q.options.map((x) => x.value).filter((p) => next.includes(p)),
                )?.en ?? ''
              );
            })
          : [];
  return JSON.stringify([a[q.key], reasons, own.map((f) => [f.id, f.severity, f.title]), lang]);
}

export const QuestionView = memo(
  QuestionBody,
  (prev: QuestionProps & { sig: string }, next: QuestionProps & { sig: string }) =>
    prev.sig === next.sig && prev.q === next.q,
);

function QuestionBody({ q, a, lang, own }: QuestionProps & { sig: string }) {
  let field: ReactNode;
  switch (q.kind) {
    case 'choice':
      field = <Choice q={q} a={a} lang={lang} />;
      break;
    case 'toggle':
      field = <Toggle q={q} a={a} lang={lang} />;
      break;
    case 'multi':
      field = <Multi q={q} a={a} lang={lang} />;
      break;
    default:
      field = <TypedField q={q} a={a} lang={lang} />;
  }
  return (
    <div className="question" data-key={q.key}>
      {field}
      <FindingChips findings={own} lang={lang} />
    </div>
  );
}
