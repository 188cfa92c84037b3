/** Shared by the understanding tests: the facts read from a message, and one of them by field. */
import type { Policy } from '../../src/policy/load.js';
import { understand } from '../../src/understand/extract.js';
import type { Fact, FactField } from '../../src/understand/facts.js';

/** `facts(text)` and `fact(text, field)` for `policy`, read as on `defaultNow` unless told. */
export function factReader(policy: Policy, defaultNow: string) {
  const facts = (text: string, now = defaultNow): Fact[] => understand(text, policy, now).facts;
  const fact = (text: string, field: FactField, now = defaultNow): Fact | undefined => facts(text, now).find((f) => f.field === field);
  return { facts, fact };
}
