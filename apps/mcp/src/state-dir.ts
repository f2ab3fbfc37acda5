// Where journals and plans live by default: the user's state folder, as each platform names it
// ($XDG_STATE_HOME or ~/.local/state; ~/Library/Application Support on macOS; %LOCALAPPDATA% on
// Windows), never the folder the host happens to start the server in.
import { homedir } from 'node:os';
import { join, win32 } from 'node:path';

export const STATE_FOLDER = 'sms-task-mcp';

export function defaultReportsDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  if (platform === 'win32') {
    return win32.join(env.LOCALAPPDATA || win32.join(homedir(), 'AppData', 'Local'), STATE_FOLDER);
  }
  if (env.XDG_STATE_HOME) return join(env.XDG_STATE_HOME, STATE_FOLDER);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', STATE_FOLDER);
  return join(homedir(), '.local', 'state', STATE_FOLDER);
}
