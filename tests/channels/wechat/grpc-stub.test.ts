/** End-to-end over the real transport with a stub core: PuppetServer(PuppetMock) ⇄ gRPC on 127.0.0.1 ⇄ PuppetService. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, isolateEnv, startRig, type Rig } from './harness.js';
import { stubCore } from './stub-core.js';

isolateEnv();

describe('WeChat channel over gRPC (stub core)', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig(stubCore(), { transport: 'grpc' });
  }, 30_000);
  afterAll(async () => {
    await rig?.close();
  }, 30_000);

  it('talks through PuppetService, not the mock directly', () => {
    expect(rig.channel.bot.puppet.name()).toBe('wechaty-puppet-service');
  });

  it('round-trips an interview over gRPC', async () => {
    const ann = rig.person('安安');
    expect((await ann.say('你好'))[0]).toMatch(/^您好！我可以：\n1\. 资格自测/);
    expect((await ann.say('1'))[0]).toMatch(/^您的最高学历是？/);
    expect(await ann.say('1')).toEqual(['✅ 初步判断：本科可以申报【助理级】。']);
  });

  it('reconnects after the service drops, and the user carries on where they were', async () => {
    const bo = rig.person('波波');
    await bo.say('你好');
    expect((await bo.say('1'))[0]).toMatch(/^您的最高学历是？/);
    const logins = () => rig.logs.filter((l) => l === '微信已登录').length;
    const before = logins();
    await rig.restartServer(300);
    await eventually(() => logins() > before, 20_000, 'login after reconnect');
    expect(rig.logs.join('\n')).toMatch(/连接中断，正在重新连接/);
    // The place in the interview survived: "2" still answers the education question.
    expect(await bo.say('2')).toEqual(['✅ 初步判断：大专可以申报【助理级】。']);
  }, 30_000);
});
