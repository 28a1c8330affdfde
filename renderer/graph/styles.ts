// Styles per node and edge kind (colour, shape, size, dash) for the light and dark themes. Colours
// follow the Okabe-Ito colour-blind-safe palette, darkened on light backgrounds for >= 3:1
// contrast; shape also encodes the kind, so colour is never the only cue. Pure data.
import type { EdgeKind, NodeKind } from './model';

/** The shape a node kind is drawn with. */
export type NodeShape = 'circle' | 'square' | 'diamond' | 'triangle' | 'hexagon' | 'star';

/** Theme names. */
export type ThemeName = 'light' | 'dark';

/** A node kind's look that does not depend on the theme. */
export interface NodeForm {
  readonly shape: NodeShape;
  /** Radius in graph units. */
  readonly radius: number;
  /** Legend name. */
  readonly name: string;
}

/** An edge kind's look that does not depend on the theme. */
export interface EdgeForm {
  /** Width in graph units (at least 1 screen pixel is kept). */
  readonly width: number;
  /** Dash pattern in screen pixels, or empty for solid. */
  readonly dash: readonly number[];
  readonly name: string;
  /** Draw an arrowhead at the target when zoomed in. */
  readonly arrow: boolean;
}

/** Colours of one theme. */
export interface Theme {
  readonly background: string;
  readonly label: string;
  readonly labelHalo: string;
  readonly selection: string;
  readonly hover: string;
  /** Opacity of what a highlighted path dims. */
  readonly dimAlpha: number;
  readonly nodes: Readonly<Record<NodeKind, string>>;
  readonly edges: Readonly<Record<EdgeKind, string>>;
  /** Colour of a highlighted path's edges and their method labels. */
  readonly path: string;
  readonly pathLabelBackground: string;
}

/** Shape, size and legend name of each node kind. */
export const NODE_FORMS: Readonly<Record<NodeKind, NodeForm>> = {
  user: { shape: 'circle', radius: 5, name: 'User' },
  group: { shape: 'hexagon', radius: 8, name: 'Group' },
  role: { shape: 'diamond', radius: 6, name: 'Role' },
  'managed-policy': { shape: 'square', radius: 4.5, name: 'Managed policy' },
  'inline-policy': { shape: 'square', radius: 3.5, name: 'Inline policy' },
  'identity-provider': { shape: 'triangle', radius: 7, name: 'Identity provider' },
  service: { shape: 'circle', radius: 7, name: 'AWS service' },
  'external-account': { shape: 'triangle', radius: 7, name: 'External account' },
  admin: { shape: 'star', radius: 14, name: 'Admin' },
};

/** Width, dash and legend name of each edge kind. */
export const EDGE_FORMS: Readonly<Record<EdgeKind, EdgeForm>> = {
  attachment: { width: 0.6, dash: [], name: 'Policy attachment', arrow: false },
  inline: { width: 0.6, dash: [2, 2], name: 'Inline policy', arrow: false },
  membership: { width: 0.8, dash: [], name: 'Group membership', arrow: false },
  trust: { width: 0.8, dash: [5, 3], name: 'Trust (may assume)', arrow: true },
  escalation: { width: 1.6, dash: [], name: 'Escalation', arrow: true },
};

/** The light and dark themes. */
export const THEMES: Readonly<Record<ThemeName, Theme>> = {
  light: {
    background: '#ffffff',
    label: '#1b1f24',
    labelHalo: 'rgba(255,255,255,0.85)',
    selection: '#0b57d0',
    hover: '#5f6b7a',
    dimAlpha: 0.12,
    nodes: {
      user: '#0072b2',
      group: '#00795a',
      role: '#b06a00',
      'managed-policy': '#a8457f',
      'inline-policy': '#7d6b00',
      'identity-provider': '#3d6f8f',
      service: '#5f6b7a',
      'external-account': '#8c5a2b',
      admin: '#c42b1c',
    },
    edges: {
      attachment: '#a7afb9',
      inline: '#b98aa8',
      membership: '#6fb39e',
      trust: '#d39a45',
      escalation: '#c42b1c',
    },
    path: '#c42b1c',
    pathLabelBackground: 'rgba(255,255,255,0.92)',
  },
  dark: {
    background: '#15171c',
    label: '#e8eaed',
    labelHalo: 'rgba(21,23,28,0.85)',
    selection: '#8ab4f8',
    hover: '#a5b0bd',
    dimAlpha: 0.15,
    nodes: {
      user: '#56b4e9',
      group: '#2bc59a',
      role: '#e69f00',
      'managed-policy': '#cc79a7',
      'inline-policy': '#e4d24a',
      'identity-provider': '#8fb8d6',
      service: '#a5b0bd',
      'external-account': '#d29b63',
      admin: '#ff6b5a',
    },
    edges: {
      attachment: '#4b525c',
      inline: '#7d5a70',
      membership: '#2f7a66',
      trust: '#9a6d2c',
      escalation: '#ff6b5a',
    },
    path: '#ff6b5a',
    pathLabelBackground: 'rgba(21,23,28,0.92)',
  },
};

/** Radius of a cluster node of `size` members whose kind has radius `base`. */
export function clusterRadius(base: number, size: number): number {
  return base + 1.2 * Math.sqrt(size);
}
