export { startPlayfield, type Playfield } from './app.ts';
export { loadConfig, type ServerConfig } from './config.ts';
