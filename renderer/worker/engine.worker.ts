// The engine worker's entry: exposes createEngine()'s object through comlink. Imports no UI code.
import { expose } from 'comlink';
import { createEngine } from './engine';

expose(createEngine());
