/** Showing the login QR code to the operator: drawn in the terminal, and its image URL logged. */
import qrcode from 'qrcode-terminal';
import { qrcodeValueToImageUrl, types } from 'wechaty';

/** Draw the QR code for `value` and log where to open it as an image; other scan states are logged. */
export function showLoginQr(value: string, status: types.ScanStatus, log: (line: string) => void, out: (text: string) => void): void {
  if (status !== types.ScanStatus.Waiting && status !== types.ScanStatus.Timeout) {
    log(`微信扫码状态：${types.ScanStatus[status] ?? status}`);
    return;
  }
  qrcode.generate(value, { small: true }, (art) => out(art));
  log(`请用机器人专用的微信号扫码登录；二维码图片：${qrcodeValueToImageUrl(value)}`);
}
