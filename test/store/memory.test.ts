import { createMemoryStore } from '../../src/store/createStore.js';
import { ManualClock } from '../helpers/manualClock.js';
import { runStoreContract } from './contract.js';

runStoreContract('memory', {
  // eslint-disable-next-line @typescript-eslint/require-await
  make: async () => {
    const clock = new ManualClock();
    const store = createMemoryStore({ clock });
    return { store, elapse: (ms) => clock.advance(ms), cleanup: () => store.close() };
  },
});
