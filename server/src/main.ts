import { startPlayfield } from './app.ts';
import { loadConfig } from './config.ts';
import { installProcessHandlers } from './faults/faults.ts';

// A throw that escaped every boundary is logged and counted: the other rooms go on.
installProcessHandlers();

const config = loadConfig();
const playfield = await startPlayfield(config);
const lan = playfield.publicUrl;
console.log(`Playfield is running at ${playfield.url}${lan ? ` (phones join at ${lan})` : ''}`);
if (!config.isQuiet) {
  console.log(`Storage: ${config.databaseUrl ? 'PostgreSQL' : `SQLite in ${config.dataDir}`}`);
}

let isClosing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (isClosing) process.exit(1);
    isClosing = true;
    console.log('Closing: saving live sessions…');
    playfield.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
