/** @deprecated Moved to `src/domain/case.ts`; kept only while parallel branches land. */
export * from '../domain/case.js';
