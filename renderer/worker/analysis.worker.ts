// The analysis worker's entry: one analysis per worker, so cancelling terminates only this worker
// and a long analysis never blocks the engine worker. Exposes analyzeBundle through comlink.
import { expose } from 'comlink';
import { analyzeBundle } from './analysis';

expose({ analyzeBundle });
