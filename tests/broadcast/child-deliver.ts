/**
 * A delivering process for the kill-and-restart test: delivers every broadcast in
 * $ZC_DATA/outbox through the fake Telegram server ($ZC_API_ROOT, $ZC_TOKEN) at $ZC_RATE msg/s,
 * then exits 0. The test SIGKILLs it at random points and starts it again.
 */
import path from 'node:path';
import { Dispatcher } from '../../src/broadcast/dispatcher.js';
import { takeDeliveryLock } from '../../src/broadcast/lock.js';
import { Outbox } from '../../src/broadcast/outbox.js';
import { createTelegramSender } from '../../src/channels/telegram/sender.js';
import { KeyboardMemory } from '../../src/channels/telegram/keyboard.js';
import { fastSettings, memoryStore } from './helpers.js';

const outbox = new Outbox(path.join(process.env.ZC_DATA!, 'outbox'));
const release = takeDeliveryLock(outbox.dir);
if (!release) {
  console.error('lock held by a live process');
  process.exit(3);
}
// Everyone in the broadcasts is still subscribed.
const store = memoryStore(
  outbox.ids().flatMap((id) => outbox.manifest(id)!.recipients.map((r) => ({ ...r, audiences: ['general'], since: '' }))),
);
const settings = fastSettings(Number(process.env.ZC_RATE ?? 100));
const sender = createTelegramSender({ token: process.env.ZC_TOKEN!, apiRoot: process.env.ZC_API_ROOT!, keyboards: new KeyboardMemory() });
const results = await new Dispatcher({ outbox, senders: [sender], store, settings, stateDir: outbox.dir }).deliverAll();
release();
process.exit(results.every((r) => r.done) ? 0 : 1);
