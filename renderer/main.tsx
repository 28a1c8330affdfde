// Renderer entry: opens the database, starts the engine worker, picks the API (preload or web
// bridge) and mounts the React app. Imports no Node or Electron module.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { chooseApi } from './app/api';
import { openDatabase } from './db/database';
import { createEngineClient } from './worker/client';
import './app/app.css';

const { api, host } = chooseApi();
const services = { db: openDatabase(), engine: createEngineClient(), api, host };
const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <App services={services} />
    </StrictMode>,
  );
