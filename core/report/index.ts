// report: the report writers (JSON, SARIF 2.1.0, CSV, Markdown, HTML); public surface of this folder,
// re-exported by core/index.ts. Pure: no node:* imports; the caller writes the text to disk.
export * from './evidence';
export { buildJsonReport, writeJsonReport } from './json';
export { buildSarifReport, writeSarifReport, sarifLevel } from './sarif';
export { writeFindingsCsv, writePrincipalsCsv, csvCell, csvText, defuseFormula } from './csv';
export { writeMarkdownReport, mdCode, mdText } from './markdown';
export { writeHtmlReport, htmlEscape, HTML_LIMITS } from './html';
