/** Password hashing for console accounts: node's scrypt (slow by design), constant-time comparison. */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

const N = 16384;
const KEYLEN = 32;

/** `scrypt$N$salt$hash` (base64) for `password`. */
export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password.normalize('NFC'), salt, KEYLEN, { N, r: 8, p: 1 });
  return `scrypt$${N}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** True when `password` matches `stored` (a `hashPassword` result). */
export function verifyPassword(password: string, stored: string): boolean {
  const [kind, n, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !n || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const got = scryptSync(password.normalize('NFC'), Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: 8, p: 1 });
  return got.length === expected.length && timingSafeEqual(got, expected);
}

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A one-time password a clerk can type: 12 characters without look-alikes (l/1, o/0). */
export function oneTimePassword(): string {
  const bytes = randomBytes(12);
  return [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
}

/** Why a new password is refused (Chinese), or undefined when it is acceptable. */
export function weakPassword(password: string, name: string): string | undefined {
  if (password.length < 10) return '新密码至少 10 个字符';
  if (password.includes(name)) return '新密码不能包含用户名';
  if (new Set(password).size < 5) return '新密码太简单，请混用不同的字符';
  return undefined;
}
