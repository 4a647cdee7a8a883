/** Languages of the UI and of the generated files' comments. */
export const LANGS = ['en', 'ja'] as const;
export type Lang = (typeof LANGS)[number];

/** A text in every language. The core keeps both so that the app can switch without regenerating messages. */
export interface Msg {
  en: string;
  ja: string;
}

export const msg = (en: string, ja: string): Msg => ({ en, ja });

export const tr = (lang: Lang, en: string, ja: string): string => (lang === 'ja' ? ja : en);

export const isLang = (value: unknown): value is Lang => value === 'en' || value === 'ja';
