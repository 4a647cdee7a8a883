/**
 * Severities of the findings, in a module of their own so that the app's first chunk can sort findings without
 * loading the findings catalog (and, through it, the plan and every builder module).
 */

/** Severity of a finding, from `critical` (a job can take over the host) down to `info` (a note). */
export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
/** Severities from most to least severe: findings are sorted by their index here. */
export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
