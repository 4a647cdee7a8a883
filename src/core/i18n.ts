/** Languages of the UI and of the generated files' comments. */
export const LANGS = ['en', 'ja'] as const;
/** A language code: `en` or `ja`. */
export type Lang = (typeof LANGS)[number];

/** A text in every language. The core keeps both so that the app can switch without regenerating messages. */
export interface Msg {
  en: string;
  ja: string;
}

/** A text in English and Japanese. */
export const msg = (en: string, ja: string): Msg => ({ en, ja });

/** The text in `lang`: `ja` for Japanese, `en` otherwise. */
export const tr = (lang: Lang, en: string, ja: string): string => (lang === 'ja' ? ja : en);

/** Type guard for a language code read from outside (a CLI flag, the browser); false for anything else. */
export const isLang = (value: unknown): value is Lang => value === 'en' || value === 'ja';
