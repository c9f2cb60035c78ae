import { spawn } from 'node:child_process';
import { findElectronBinary } from './electron-binary';

// `npm start`: launch the built app with Electron, or say plainly why not and what to run instead.
const electron = findElectronBinary();
if ('missing' in electron) {
  console.error(
    `Cairn cannot start as a desktop app here: ${electron.missing}. Run \`npm run dev:web\` to use the same app in a browser.`,
  );
  process.exit(1);
}
const child = spawn(electron.path, ['.'], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
