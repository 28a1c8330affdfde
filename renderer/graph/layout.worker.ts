// The layout worker's entry: exposes runLayout through comlink and transfers the positions back
// without copying. Imports nothing from the app (no React, no Dexie, no core).
import { expose, transfer } from 'comlink';
import { runLayout, type LayoutInput, type LayoutOptions, type LayoutProgress, type LayoutResult } from './layout';

/** The API the layout worker exposes. */
export interface LayoutWorkerApi {
  layout(input: LayoutInput, options: LayoutOptions, onProgress?: (p: LayoutProgress) => void): LayoutResult;
}

const api: LayoutWorkerApi = {
  layout(input, options, onProgress) {
    const result = runLayout(input, options, onProgress);
    return transfer(result, [result.positions.buffer]);
  },
};

expose(api);
