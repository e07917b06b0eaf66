import { createMemoryStore } from '../../src/store/createStore.js';
import { runStoreContract } from './contract.js';

runStoreContract('memory', {
  // eslint-disable-next-line @typescript-eslint/require-await
  make: async () => {
    const store = createMemoryStore();
    return { store, cleanup: () => store.close() };
  },
});
