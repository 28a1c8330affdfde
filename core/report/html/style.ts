// The HTML report's stylesheet, screen and print (A4 pages, running header with account and
// SHA-256 in @page margin boxes, page numbers). Pure: imports only ./escape.
import { cssString } from './escape';

/**
 * The rows layout's CSS (core/report/html/finding-rows.ts), screen then print, where the index of
 * principals is printed as densely as the rows; only reports in rows carry it.
 */
const ROWS_CSS = `
p.layout{color:var(--muted);font-size:12.5px}
h3.rule{margin:16px 0 4px;overflow-wrap:anywhere}
table.rows{table-layout:fixed;font-size:12px;margin-bottom:0}table.rows.more{margin-top:-1px}
table.rows col.t{width:25%}table.rows col.e{width:63%}table.rows col.s{width:12%}
table.rows td{overflow-wrap:anywhere}
table.rows .id,table.rows .src,table.rows .just{color:var(--muted);font-size:11px}
table.rows .st{font:11px/1.35 ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace;white-space:pre-wrap;background:var(--bg2)}
@media print{
table.rows{font-size:9.5px}table.rows .id,table.rows .src,table.rows .just{font-size:8.5px}
table.rows .st{font-size:8.5px;background:none}
table.rows th,table.rows td{padding:2px 4px}
table.index{font-size:9.5px}table.index code{font-size:9px;background:none;padding:0;border-radius:0}
table.index th,table.index td{padding:1px 4px}
}
`;

/** The report's CSS; `header` is the running header text of printed pages; `rows` adds the rows layout's rules. */
export function reportCss(header: string, rows = false): string {
  return `
:root{color-scheme:light;--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--bg2:#f6f8fa;
--critical:#a40e26;--high:#bc4c00;--medium:#9a6700;--low:#0550ae;--info:#57606a}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1000px;padding:24px;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:#fff}
h1{font-size:24px;margin:0 0 12px}h2{font-size:19px;margin:28px 0 10px;border-bottom:1px solid var(--line);padding-bottom:4px}
h3{font-size:15px;margin:0 0 6px;overflow-wrap:anywhere}
code,pre{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace}
code{background:var(--bg2);padding:0 3px;border-radius:3px;overflow-wrap:anywhere}
pre{background:var(--bg2);border:1px solid var(--line);border-radius:4px;padding:8px;white-space:pre-wrap;overflow-wrap:anywhere;margin:4px 0}
table{border-collapse:collapse;width:100%;margin:6px 0}
th,td{border:1px solid var(--line);padding:3px 6px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:var(--bg2);font-weight:600}
table.evidence th{width:180px}
table.kv{font-size:12.5px}table.kv th{width:170px;font-weight:500}
table.index{font-size:12.5px;table-layout:fixed}
table.index col.p{width:42%}table.index col.k{width:8%}table.index col.a{width:12%}table.index col.m{width:28%}table.index col.f{width:10%}
table.rules{table-layout:fixed;font-size:12.5px}table.rules col.r{width:24%}table.rules col.c{width:46%}table.rules col.n{width:10%}table.rules col.d{width:20%}
.summary{display:flex;gap:8px;flex-wrap:wrap;margin:8px 0}
.count{border:1px solid var(--line);border-radius:6px;padding:6px 12px;min-width:96px}
.count b{display:block;font-size:20px}
.sev{display:inline-block;font-size:11px;font-weight:700;text-transform:uppercase;color:#fff;border-radius:3px;padding:1px 6px;margin-right:6px;vertical-align:1px}
.sev.critical{background:var(--critical)}.sev.high{background:var(--high)}.sev.medium{background:var(--medium)}.sev.low{background:var(--low)}.sev.info{background:var(--info)}
.triage{display:inline-block;font-size:11px;border:1px solid var(--muted);border-radius:3px;padding:0 5px;color:var(--muted)}
.finding{content-visibility:auto;contain-intrinsic-size:auto 220px;border:1px solid var(--line);border-left:5px solid var(--muted);border-radius:4px;padding:8px 12px;margin:8px 0}
.finding.critical{border-left-color:var(--critical)}.finding.high{border-left-color:var(--high)}.finding.medium{border-left-color:var(--medium)}.finding.low{border-left-color:var(--low)}
.meta{color:var(--muted);font-size:12.5px;margin:2px 0;overflow-wrap:anywhere}
.justification{margin:4px 0;font-size:13px}
details{margin:4px 0}summary{cursor:pointer;color:var(--muted);font-size:12.5px}
.remediation{margin:6px 0 0;font-size:13px}
.notes li{color:var(--muted)}
svg.path{display:block;max-width:100%;height:auto;margin:6px 0}
svg.path rect{fill:#f6f8fa;stroke:#57606a}
svg.path text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
svg.path .n{font-size:13px;font-weight:600;fill:#1b1f24}
svg.path .a{font-size:10.5px;fill:#57606a}
svg.path .m{font-size:12px;fill:#1b1f24}
svg.path .cd{font-size:11px;fill:#9a6700}
svg.path .p{font-size:10.5px;fill:#57606a;font-family:ui-monospace,Menlo,Consolas,"DejaVu Sans Mono",monospace}
svg.path line{stroke:#1b1f24;stroke-width:1.5}svg.path path{fill:#1b1f24}
svg.path .c line{stroke:#9a6700}svg.path .c path{fill:#9a6700}
ul.conds{margin:2px 0 4px;padding-left:20px;font-size:12px;color:#6b4f00}
.more{color:var(--muted);font-size:12px}
a{color:#0550ae}
@page{size:A4;margin:18mm 12mm 16mm;
@top-left{content:${cssString(header)};font:9px system-ui,Arial,sans-serif;color:#57606a}
@bottom-right{content:"page " counter(page) " of " counter(pages);font:9px system-ui,Arial,sans-serif;color:#57606a}}
@media print{
.finding{content-visibility:visible}
body{max-width:none;padding:0;font-size:11.5px}
h2{break-before:page;break-after:avoid}
section.first h2{break-before:auto}
.finding,.count,tr,svg.path{break-inside:avoid}
h3{break-after:avoid}
details>summary{display:none}
details::details-content{content-visibility:visible;display:block}
a{color:inherit;text-decoration:none}
pre{font-size:10px}
table.rules a[href]::after{content:" (" attr(href) ")";font-size:9px;color:#57606a;overflow-wrap:anywhere}
}
${rows ? ROWS_CSS : ''}`;
}
