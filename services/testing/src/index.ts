// Development and test infrastructure (never shipped): real embedded stores, process helpers, HTTP test harnesses.
export * from './bad-input';
export * from './bench-services';
export * from './contract-diff';
export * from './dynamodb-local';
export * from './embedded-postgres';
export * from './expect-error';
export * from './mail-inbox';
export * from './processes';
export * from './throwaway-postgres';
