/** The real app (memory store, fixed date) behind the WeChat channel, and an interview runner. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../../src/app.js';
import { ENGINEER, type Answer } from '../engineer-answers.js';
import { loadConfig } from '../../../src/config.js';
import { MemoryStore } from '../../../src/store/memory.js';
import type { ChannelDriver } from '../contract-suite.js';
import { startRig, type Person, type Rig, type RoomChat, type Transport } from './harness.js';

/** The fixed "today": inside the first 2024 window. */
export const NOW = '2024-04-20';

/** A rig around the real app. */
export interface RealRig extends Rig {
  app: App;
}

/** Create the real app and a WeChat channel for it over `transport`. */
export async function startRealRig(transport: Transport = 'in-process'): Promise<RealRig> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zc-wx-'));
  const config = loadConfig({ ZHICHENG_DATA_DIR: dataDir, WECHATY_PUPPET: 'wechaty-puppet-mock', ZHICHENG_NOW: NOW });
  const app = await createApp(config, { store: new MemoryStore(), now: () => NOW });
  const rig = await startRig(app.core, { transport, config });
  return {
    ...rig,
    app,
    async close() {
      await rig.close();
      await app.close();
    },
  };
}

export { ENGINEER, type Answer };

/** The number in front of `label` in a WeChat message's numbered lines ("3. 本科"), if any. */
export function numberOf(message: string, label: string): string | undefined {
  const line = message.split('\n').find((l) => new RegExp(`^\\d{1,2}\\. ${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`).test(l));
  return line?.split('.')[0];
}

/** One interview in progress: `next()` answers the last question; resolves with the verdict text when done. */
export class Interview {
  private last: string[] = [];
  /** How many answers were given by typing a number. */
  numbers = 0;
  verdict: string | undefined;
  /** The conversation so far, for failure messages. */
  readonly transcript: string[] = [];
  constructor(private readonly person: Person, private readonly answers: Answer[], private readonly byNumber: boolean) {}

  /** Send "资格自测". */
  async begin(): Promise<void> {
    this.last = await this.person.say('资格自测');
    this.transcript.push('> 资格自测', ...this.last);
  }

  /** Answer the current question; false once the verdict has arrived. */
  async next(): Promise<boolean> {
    const all = this.last.join('\n');
    if (all.includes('初步判断')) {
      this.verdict = all;
      return false;
    }
    const question = this.last.at(-1) ?? '';
    const a = this.answers.find((x) => x.ask.test(question));
    if (!a) throw new Error(`no answer for: ${question}\n${this.transcript.join('\n')}`);
    const n = this.byNumber ? numberOf(question, a.choice ?? a.answer) : undefined;
    if (n) this.numbers++;
    this.last = await this.person.say(n ?? a.answer);
    this.transcript.push(`> ${n ?? a.answer}`, ...this.last);
    return true;
  }

  /** Run to the verdict (bounded). */
  async run(): Promise<string> {
    await this.begin();
    for (let i = 0; i < 40; i++) if (!(await this.next())) return this.verdict!;
    throw new Error(`no verdict after 40 turns:\n${this.transcript.join('\n')}`);
  }
}

/** The shared contract driver over a WeChat rig (private chats and one room). */
export function contractDriver(rig: RealRig): ChannelDriver {
  const people = new Map<string, Person>();
  let room: RoomChat | undefined;
  const person = (id: string) => {
    let p = people.get(id);
    if (!p) {
      p = rig.person(id);
      people.set(id, p);
    }
    return p;
  };
  return {
    send: (userId, text) => person(userId).say(text),
    async sendGroup(userId, text, mentioned) {
      const p = person(userId);
      room ??= rig.room([p]);
      if (!room.room.payload.memberIdList.includes(p.contact.id)) room.room.payload.memberIdList.push(p.contact.id);
      return p.sayInRoom(room, mentioned ? `@职称助手 ${text}` : text, mentioned);
    },
    close: () => rig.close(),
  };
}
