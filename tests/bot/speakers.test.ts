import { describe, expect, it } from 'vitest';
import { withoutSpeakers } from '../../src/bot/speakers.js';

describe('speaker names in a forwarded chat record', () => {
  it('are removed when most lines name a speaker', () => {
    expect(withoutSpeakers('张三：社保缴费证明要上传吗\n李四: 我们单位代缴的')).toBe('社保缴费证明要上传吗\n我们单位代缴的');
  });
  it('are left alone in an ordinary message', () => {
    expect(withoutSpeakers('问题：社保缴费证明要上传吗')).toBe('问题：社保缴费证明要上传吗');
    expect(withoutSpeakers('我想问一下\n材料：学历证书要原件吗\n谢谢')).toBe('我想问一下\n材料：学历证书要原件吗\n谢谢');
  });
});
