/** Mainland ID number check (GB 11643: 18 characters, ISO 7064 MOD 11-2 check digit). */

const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkChars = '10X98765432';

/** 'ok', 'lowercase' (valid but the final x is lower-case), or 'invalid'. */
export function checkIdNumber(raw: string): 'ok' | 'lowercase' | 'invalid' {
  const id = raw.trim();
  if (!/^\d{17}[\dXx]$/.test(id)) return 'invalid';
  const sum = weights.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  if (checkChars[sum % 11] !== id[17]!.toUpperCase()) return 'invalid';
  const birth = id.slice(6, 14);
  const d = new Date(`${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10).replaceAll('-', '') !== birth) return 'invalid';
  return id[17] === 'x' ? 'lowercase' : 'ok';
}
