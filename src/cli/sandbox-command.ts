// Placeholder: the sandbox command is being built (issue 2).
import type { CommandModule } from 'yargs';

export const sandboxCommand: CommandModule = {
  command: 'sandbox',
  describe: 'Start the simulated DoubleTick API',
  handler: () => {
    throw new Error('not built yet');
  },
};
