// What every view needs: the database, the engine worker, the preload API and the host.
import { createContext, useContext } from 'react';
import type { AriadneDb } from '../db/database';
import type { EngineClient } from '../worker/client';
import type { AriadneApi, Host } from './api';

/** Services shared by the views. */
export interface Services {
  db: AriadneDb;
  engine: EngineClient;
  api: AriadneApi;
  host: Host;
}

/** The services' React context. */
export const ServicesContext = createContext<Services | null>(null);

/** The services; throws outside the provider (a programming error). */
export function useServices(): Services {
  const s = useContext(ServicesContext);
  if (!s) throw new Error('services: used outside ServicesContext');
  return s;
}
