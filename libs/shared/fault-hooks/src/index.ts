export * from './fault-hooks';
