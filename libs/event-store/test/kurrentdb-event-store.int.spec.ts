import { KurrentDbEventStore } from '@app/event-store/kurrentdb/kurrentdb-event-store';
import { eventStoreContract } from './event-store.contract';

// Needs a live server (e.g. KURRENTDB_URL=kurrentdb://localhost:2113?tls=false); the global setup
// already says when the suite is skipped. No tamper: KurrentDB cannot edit a stored event in place.
const url = process.env.KURRENTDB_URL;
const suite = url ? describe : describe.skip;

suite('KurrentDB', () => {
  eventStoreContract('KurrentDB', async () => {
    const store = KurrentDbEventStore.connect(url ?? '');
    return { store, cleanup: () => store.close() };
  });
});
