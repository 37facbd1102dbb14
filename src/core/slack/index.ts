// The Slack Web API behind a small interface: the vault and the editor glue call only this.
export * from './client';
export * from './endpoints';
export * from './legacy-scopes';
export * from './messages';
export * from './webhook-probe';
