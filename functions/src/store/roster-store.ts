// Kept while branches merged alongside still import the roster reads from here: import from manager-store.
export { findManagerByEmail, readManager, readRoster } from './manager-store.ts';
