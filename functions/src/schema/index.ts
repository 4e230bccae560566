export * from './common.ts';
export * from './manager.ts';
export * from './consent.ts';
export * from './client.ts';
export * from './deal.ts';
export * from './history.ts';
export * from './rules-config.ts';
export * from './snapshot.ts';
