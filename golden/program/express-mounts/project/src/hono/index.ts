import { Hono } from 'hono';
import { teamRoutes } from './teams';

// Hono mounts with .route(), here in the chain that builds the app, after a base path.
export const api = new Hono().basePath('/v2').route('/teams', teamRoutes);
