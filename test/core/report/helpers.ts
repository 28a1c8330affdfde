// Re-exports of the report writers for the tests, and a CSV reader to check what they wrote.
export * from '../../../core/report/index';
export { parseCsv as parseCsvForTest } from '../../../core/analyze/credential-report';
