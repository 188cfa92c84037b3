import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Outbox } from '../../src/broadcast/outbox.js';
import { Dispatcher } from '../../src/broadcast/dispatcher.js';
import type { Sender } from '../../src/messages/sender.js';
import type { Subscriber } from '../../src/store/port.js';
import { fastSettings, makeSubscribers, memoryStore, recordingSender, tempDir } from './helpers.js';

function setup(subs: Subscriber[], settings = fastSettings()) {
  const dir = tempDir();
  const outbox = new Outbox(path.join(dir, 'outbox'));
  const store = memoryStore(subs);
  outbox.create({
    id: 'b1', kind: 'staff', createdAt: new Date().toISOString(), createdBy: 'telegram:staff', reply: { text: '通知' },
    recipients: subs.map((s) => ({ key: s.key, channel: s.channel as 'telegram', chatId: s.chatId })),
  });
  const dispatcher = (senders: Sender[]) => new Dispatcher({ outbox, senders, store, settings, stateDir: outbox.dir });
  return { dir, outbox, store, dispatcher };
}

const countBy = (xs: string[]) => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>());

describe('durable outbox and delivery', () => {
  it('sends each recipient once, records per-recipient states and is done', async () => {
    const subs = makeSubscribers(50);
    const { outbox, dispatcher } = setup(subs);
    const sender = recordingSender();
    const r = await dispatcher([sender]).deliver('b1');
    expect(r.done).toBe(true);
    expect(sender.delivered.map((d) => d.chatId).sort()).toEqual(subs.map((s) => s.chatId).sort());
    const s = outbox.open('b1').summary();
    expect([s.sent, s.pending, s.failed, s.state]).toEqual([50, 0, 0, 'done']);
    // Delivering again sends nothing more.
    await dispatcher([sender]).deliver('b1');
    expect(sender.delivered).toHaveLength(50);
  });

  it('a recipient who blocked the bot is failed once, marked blocked, and skipped by the next broadcast', async () => {
    const subs = makeSubscribers(5);
    const { outbox, store, dispatcher } = setup(subs);
    const sender = recordingSender('telegram', (chat) => (chat === subs[2]!.chatId ? { ok: false, permanent: true, reason: '403 Forbidden: bot was blocked by the user' } : undefined));
    await dispatcher([sender]).deliver('b1');
    const b = outbox.open('b1');
    expect(b.states.get(subs[2]!.key)).toMatchObject({ status: 'failed', attempts: 1, reason: expect.stringContaining('blocked') });
    expect(store.subs.get(subs[2]!.key)!.blocked).toBe(true);
    expect(sender.calls).toBe(5);
    // A later broadcast to the same list (e.g. created before the block was known) skips them without a send.
    outbox.create({ id: 'b2', kind: 'staff', createdAt: new Date().toISOString(), createdBy: 'x', reply: { text: '二' }, recipients: b.manifest.recipients });
    await dispatcher([sender]).deliver('b2');
    expect(outbox.open('b2').states.get(subs[2]!.key)).toMatchObject({ status: 'skipped', reason: 'blocked' });
    expect(sender.calls).toBe(9);
  });

  it('transient errors are retried (honouring retry-after) up to the limit, then failed with the reason', async () => {
    const subs = makeSubscribers(3);
    const { outbox, dispatcher } = setup(subs);
    const tries = new Map<string, number>();
    const sender = recordingSender('telegram', (chat) => {
      const n = (tries.get(chat) ?? 0) + 1;
      tries.set(chat, n);
      if (chat === subs[0]!.chatId && n === 1) return { ok: false, permanent: false, reason: '429 Too Many Requests', retryAfterMs: 50 };
      if (chat === subs[1]!.chatId) return { ok: false, permanent: false, reason: '502 Bad Gateway' };
      return undefined;
    });
    const t0 = Date.now();
    await dispatcher([sender]).deliver('b1');
    const b = outbox.open('b1');
    expect(b.states.get(subs[0]!.key)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(b.states.get(subs[1]!.key)).toMatchObject({ status: 'failed', attempts: 3, reason: 'gave up: 502 Bad Gateway' });
    expect(tries.get(subs[1]!.chatId)).toBe(3);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(50);
  });

  it('someone who unsubscribes after the broadcast was created is not messaged', async () => {
    const subs = makeSubscribers(4);
    const { outbox, store, dispatcher } = setup(subs);
    await store.deleteSubscriber(subs[1]!.key);
    const sender = recordingSender();
    await dispatcher([sender]).deliver('b1');
    expect(sender.delivered.map((d) => d.chatId)).not.toContain(subs[1]!.chatId);
    expect(outbox.open('b1').states.get(subs[1]!.key)).toMatchObject({ status: 'skipped', reason: 'unsubscribed' });
  });

  it('a cancelled broadcast stops; the rest are skipped as cancelled', async () => {
    const subs = makeSubscribers(20);
    const { outbox, dispatcher } = setup(subs, fastSettings(100));
    const sender = recordingSender('telegram', (_c, call) => {
      if (call === 5) outbox.open('b1').cancel('telegram:staff');
      return undefined;
    });
    await dispatcher([sender]).deliver('b1');
    const s = outbox.open('b1').summary();
    expect(s.state).toBe('cancelled');
    expect(s.sent).toBeGreaterThanOrEqual(5);
    expect(s.sent).toBeLessThan(20);
    expect(s.sent + s.skipped).toBe(20);
    expect(sender.delivered).toHaveLength(s.sent);
  });

  it('recipients of a channel without a connected sender stay pending until it is connected', async () => {
    const subs = [...makeSubscribers(3, 'telegram'), ...makeSubscribers(2, 'wechat', ['general'], 900)];
    const { outbox, dispatcher } = setup(subs);
    const tg = recordingSender('telegram');
    const r = await dispatcher([tg]).deliver('b1');
    expect(r).toMatchObject({ done: false, unconnected: ['wechat'] });
    expect(outbox.open('b1').summary().byChannel).toEqual({ telegram: { total: 3, sent: 3, pending: 0 }, wechat: { total: 2, sent: 0, pending: 2 } });
    const wx = recordingSender('wechat');
    expect((await dispatcher([tg, wx]).deliver('b1')).done).toBe(true);
    expect(wx.delivered).toHaveLength(2);
    expect(tg.delivered).toHaveLength(3);
  });

  it('the WeChat daily cap holds across restarts (the counter is on disk)', async () => {
    const subs = makeSubscribers(10, 'wechat');
    const settings = fastSettings();
    settings.wechat.dailyCap = 4;
    const { outbox, dispatcher } = setup(subs, settings);
    const wx = recordingSender('wechat');
    expect((await dispatcher([wx]).deliver('b1')).capped).toEqual(['wechat']);
    expect(wx.delivered).toHaveLength(4);
    // A new process (new dispatcher, same data dir) the same day sends nothing more.
    expect((await dispatcher([wx]).deliver('b1')).capped).toEqual(['wechat']);
    expect(wx.delivered).toHaveLength(4);
    expect(outbox.open('b1').summary().pending).toBe(6);
  });

  it('a journal line torn by a kill mid-write is cut off and the rest replays', async () => {
    const subs = makeSubscribers(3);
    const { outbox, dispatcher } = setup(subs);
    await dispatcher([recordingSender()]).deliver('b1');
    const journal = path.join(outbox.dir, 'b1', 'journal.jsonl');
    fs.rmSync(path.join(outbox.dir, 'b1', 'snapshot.json'));
    fs.appendFileSync(journal, '{"k":"telegram:u100000","s":"se');
    const b = outbox.open('b1', true);
    expect(b.summary().sent).toBe(3);
    b.close();
    expect(fs.readFileSync(journal, 'utf8').endsWith('\n')).toBe(true);
  });

  it('crash at random points (instance abandoned mid-send, journal re-opened): nobody twice; only interrupted sends are uncertain', async () => {
    const subs = makeSubscribers(300);
    const settings = fastSettings(2000);
    settings.telegram.maxInFlight = 1;
    const { outbox, store, dispatcher } = setup(subs, settings);
    const delivered: string[] = [];
    let lostByDesign = 0;
    let rnd = 12345;
    const random = () => {
      rnd = (rnd * 1103515245 + 12345) % 2 ** 31;
      return rnd / 2 ** 31;
    };
    for (let crash = 0; crash < 12; crash++) {
      const when = 1 + Math.floor(random() * 30);
      const phase = Math.floor(random() * 3); // 0: before the send is marked, 1: marked but not sent, 2: sent but not recorded
      let crashed!: () => void;
      const died = new Promise<void>((r) => (crashed = r));
      let calls = 0;
      const hangStore = {
        getSubscriber: async (k: string) => {
          if (phase === 0 && ++calls === when * 2) {
            crashed();
            return new Promise<never>(() => {});
          }
          return store.getSubscriber(k);
        },
        putSubscriber: store.putSubscriber,
      };
      let sends = 0;
      const sender: Sender = {
        channel: 'telegram',
        async send(chatId) {
          sends++;
          if (phase !== 0 && sends === when) {
            if (phase === 2) delivered.push(chatId);
            else lostByDesign++;
            crashed();
            return new Promise(() => {});
          }
          delivered.push(chatId);
          return { ok: true };
        },
      };
      const d = new Dispatcher({ outbox, senders: [sender], store: hangStore, settings, stateDir: outbox.dir });
      void d.deliver('b1');
      await died; // the instance is now stuck forever: as good as killed; we never touch it again
    }
    const final = recordingSender();
    expect((await dispatcher([final]).deliver('b1')).done).toBe(true);
    delivered.push(...final.delivered.map((d) => d.chatId));
    const counts = countBy(delivered);
    expect([...counts.values()].filter((n) => n > 1)).toEqual([]); // zero duplicates
    const s = outbox.open('b1').summary();
    const missing = subs.filter((x) => !counts.has(x.chatId)).length;
    expect(missing).toBe(lostByDesign); // losses only where the send was marked but never left
    expect(s.uncertain).toBeGreaterThanOrEqual(missing);
    expect(s.sent + s.uncertain).toBe(300);
  });
});
