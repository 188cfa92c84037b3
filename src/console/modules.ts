/** The console's page groups beyond log-in, staff and binding (each in its own file). */
import type { ConsoleContext } from './context.js';
import type { PageModule } from './server.js';

/** Every page module, set up for `ctx` (background work such as the miss log starts here). */
export function consoleModules(_ctx: ConsoleContext): PageModule[] {
  return [];
}
