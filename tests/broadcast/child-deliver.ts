/**
 * A delivering process for the kill-and-restart test: delivers every broadcast in
 * $ZC_DATA/outbox through the fake Telegram server ($ZC_API_ROOT, $ZC_TOKEN) at $ZC_RATE msg/s,
 * then exits 0. The test SIGKILLs it at random points and starts it again.
 */
import path from 'node:path';
import { Dispatcher } from '../../src/broadcast/dispatcher.js';
import { takeFolder } from '../../src/store/owner.js';
import { Outbox } from '../../src/broadcast/outbox.js';
import { createTelegramSender } from '../../src/channels/telegram/sender.js';
import { KeyboardMemory } from '../../src/channels/telegram/keyboard.js';
import { fastSettings, memoryStore } from './helpers.js';

// The delivering process owns the data folder, as `npm start` does; a killed predecessor's lock is taken over.
const lease = await takeFolder(process.env.ZC_DATA!).catch((e: Error) => {
  console.error(e.message);
  process.exit(3);
});
const outbox = new Outbox(path.join(process.env.ZC_DATA!, 'outbox'));
// Everyone in the broadcasts is still subscribed.
const store = memoryStore(
  outbox.ids().flatMap((id) => outbox.manifest(id)!.recipients.map((r) => ({ ...r, audiences: ['general'], since: '' }))),
);
const settings = fastSettings(Number(process.env.ZC_RATE ?? 100));
const sender = createTelegramSender({ token: process.env.ZC_TOKEN!, apiRoot: process.env.ZC_API_ROOT!, keyboards: new KeyboardMemory() });
const results = await new Dispatcher({ outbox, senders: [sender], store, settings, stateDir: outbox.dir }).deliverAll();
await lease.release();
process.exit(results.every((r) => r.done) ? 0 : 1);
