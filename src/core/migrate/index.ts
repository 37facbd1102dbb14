// Migration planning: the least-privilege Slack app a program needs, computed from its code.
export { planMigration, planMigrationSync, explainPlan } from './plan';
export type { MigrationPlan, MethodNeed, ListenerNeed, ScopeNeed, Site, PlanInput, PlanOptions, TokenType } from './plan';
export { manifestJson, manifestYaml } from './manifest';
export type { SlackManifest } from './manifest';
export { extractUsage, languageOf } from './extract';
export type { Usage, LocatedUsage, ListenerKind } from './extract';
export { methodInfo, eventInfo } from './api-table';
export { SLACK_API_REF_COMMIT } from './slack-api-data';
export { createAppUrl } from './manifest';
export { compareWithLegacy } from './legacy-compare';
export type { LegacyComparison, LegacyRow } from './legacy-compare';
