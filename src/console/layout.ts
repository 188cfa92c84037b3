/** The page frame of the console: Chinese, one column on a phone, a side menu on a desktop, no script. */
import { Safe, h } from './html.js';

/** What the frame needs to know about the viewer. */
export interface Viewer {
  name: string;
  admin: boolean;
  csrf: string;
}

const CSS = `
*{box-sizing:border-box}body{margin:0;font:16px/1.6 "WenQuanYi Micro Hei","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;color:#1d2733;background:#f3f5f8}
header{background:#12508a;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;justify-content:space-between}
header a{color:#fff;text-decoration:none;font-weight:bold}header form{margin:0}
nav{background:#fff;border-bottom:1px solid #d5dbe3;overflow-x:auto;white-space:nowrap}
nav a{display:inline-block;padding:.6rem .8rem;color:#12508a;text-decoration:none}nav a.on{border-bottom:3px solid #12508a;font-weight:bold}
main{max-width:960px;margin:0 auto;padding:1rem}
h1{font-size:1.35rem;margin:.2rem 0 1rem}h2{font-size:1.1rem;margin:1.4rem 0 .6rem}
.card{background:#fff;border:1px solid #d5dbe3;border-radius:8px;padding:1rem;margin-bottom:1rem}
label{display:block;font-weight:bold;margin:.7rem 0 .2rem}
input[type=text],input[type=password],input[type=date],input[type=datetime-local],input[type=number],select,textarea{width:100%;font:inherit;padding:.55rem;border:1px solid #9aa7b5;border-radius:6px;background:#fff}
textarea{min-height:7rem}
button,.button{font:inherit;padding:.55rem 1.1rem;border:0;border-radius:6px;background:#12508a;color:#fff;cursor:pointer;margin:.6rem .4rem 0 0;text-decoration:none;display:inline-block}
button.secondary{background:#e4e9ef;color:#1d2733}button.danger{background:#b3261e}
.error{color:#b3261e;font-size:.95rem}.ok{background:#e6f4ea;border-color:#8bc59b}.warn{background:#fff4e0;border-color:#f0c36d}
.hint{color:#5b6776;font-size:.9rem}
table{width:100%;border-collapse:collapse;background:#fff}th,.nowrap{white-space:nowrap}th,td{text-align:left;padding:.45rem;border-bottom:1px solid #e1e6ec;vertical-align:top}
pre{white-space:pre-wrap;word-break:break-word;background:#f7f9fb;border:1px solid #e1e6ec;border-radius:6px;padding:.6rem;margin:.3rem 0;font:inherit}
.num{font-size:1.6rem;font-weight:bold;color:#12508a}.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:.6rem}
.code{font-size:2.2rem;letter-spacing:.3rem;font-weight:bold}
@media (max-width:600px){main{padding:.6rem}table,thead,tbody,tr,td,th{display:block}thead{display:none}td{border:0;padding:.15rem .2rem}tr{border-bottom:1px solid #d5dbe3;padding:.4rem 0}}
`;

const MENU: [string, string, boolean][] = [
  ['/', '概览', false],
  ['/broadcasts', '广播', false],
  ['/reminders', '提醒', false],
  ['/misses', '没答上的问题', false],
  ['/notices', '新通知', false],
  ['/bind', '绑定聊天账号', false],
  ['/staff', '工作人员', true],
  ['/password', '修改密码', false],
];

/** A whole page. `viewer` absent: the log-in page (no menu). `refresh`: reload every N seconds (live progress). */
export function page(o: { title: string; body: Safe; viewer?: Viewer; active?: string; refresh?: number }): string {
  const v = o.viewer;
  const menu = v
    ? h`<nav aria-label="菜单">${MENU.filter(([, , admin]) => !admin || v.admin).map(([href, label]) => h`<a href="${href}"${o.active === href ? h` class="on" aria-current="page"` : ''}>${label}</a>`)}</nav>`
    : '';
  const who = v
    ? h`<form method="post" action="/logout"><input type="hidden" name="_csrf" value="${v.csrf}"><span>${v.name}${v.admin ? '（管理员）' : ''}</span> <button class="secondary" type="submit">退出</button></form>`
    : '';
  return h`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
${o.refresh ? h`<meta http-equiv="refresh" content="${o.refresh}">` : ''}<title>${o.title} · 职称助手控制台</title><style>${new Safe(CSS)}</style></head>
<body><header><a href="/">职称助手 · 县人社局控制台</a>${who}</header>${menu}<main><h1>${o.title}</h1>${o.body}</main></body></html>`.html;
}

/** A hidden CSRF field for a form. */
export function csrfField(csrf: string): Safe {
  return h`<input type="hidden" name="_csrf" value="${csrf}">`;
}

/** A notice box: `ok`, `warn` or an error list. */
export function notice(kind: 'ok' | 'warn', text: string | Safe): Safe {
  return h`<div class="card ${kind}" role="status">${text}</div>`;
}
