/** Shared by the judging tests: facts as the understanding hands them over, said or assumed. */
import type { Fact } from '../../src/understand/facts.js';

/** A fact the person said. */
export const said = (field: Fact['field'], value: Fact['value'], words = String(value)): Fact => ({ field, value, basis: 'said', words });

/** A fact read from other words (推断). */
export const assumed = (field: Fact['field'], value: Fact['value'], words: string, extra: Partial<Fact> = {}): Fact => ({ field, value, basis: 'assumed', words, ...extra });
