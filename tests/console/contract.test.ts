/** The terminal channel passes the shared channel contract (through runScript, as the CLI does). */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { channelContract, CONTRACT_NOW } from '../channels/contract-suite.js';

channelContract('console (core direct)', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'zhicheng-console-'));
  const app = await createApp(loadConfig({ ZHICHENG_DATA_DIR: dataDir, ZHICHENG_NOW: CONTRACT_NOW }));
  const show = (r: { text: string; choices?: { label: string }[] }) => [r.text, ...(r.choices ?? []).map((c, i) => `  ${i + 1}. ${c.label}`)].join('\n');
  return {
    send: async (userId, text) => (await app.core.handle({ channel: 'console', userId, chatId: userId, text })).map(show),
    sendGroup: async (userId, text, mentioned) => (await app.core.handle({ channel: 'console', userId, chatId: 'group-1', text, isGroup: true, mentioned })).map(show),
    close: () => app.close(),
  };
});
