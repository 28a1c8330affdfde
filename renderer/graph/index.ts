// The graph module's public surface: the input model, the engine, the React host and legend, and
// the pure transforms (scene, layout, hit testing, SVG export). No core imports.
export * from './model';
export { GraphEngine, type GraphEngineOptions, type GraphSelection, type LayoutEvent, type EngineStats } from './graph-engine';
export { GraphView, type GraphViewProps } from './graph-view';
export { GraphLegend, type GraphLegendProps } from './legend';
export { buildScene, filterNodes, neighbourhood, findClusters, searchNodes, type SceneOptions } from './scene';
export { runLayout, defaultLayoutOptions, seededRandom, type LayoutInput, type LayoutOptions, type LayoutResult } from './layout';
export { createLayoutRunner, type LayoutRunner } from './layout-client';
export { buildHitIndex, hitTest, type HitIndex } from './hit-test';
export { exportSvg, escapeXml } from './export-svg';
export { THEMES, NODE_FORMS, EDGE_FORMS, type ThemeName } from './styles';
