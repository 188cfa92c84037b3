/**
 * What a message means to say, spelled right: the vocabulary's `typos` (what sound cannot explain:
 * 不称值, 助理工程狮), then typos by sound (src/text/sound.ts, the same reader the policy Q&A uses):
 * 人定 → 认定, 毕页 → 毕业, 年线 → 年限. The domain's words are the vocabulary's own, so a new word
 * there needs no typo entry.
 */
import type { Policy } from '../policy/load.js';
import { getJieba } from '../text/jieba.js';
import { SoundFixer } from '../text/sound.js';

type Vocab = Policy['vocabulary'];

const HAN_RUN = /\p{Script=Han}+/gu;
const fixers = new WeakMap<Vocab, SoundFixer>();

/**
 * Every run of Han characters anywhere in the vocabulary: its word lists, the keys of its maps and the
 * words inside its patterns ("(年度)?考核" gives 年度, 考核), but the typos' wrong sides.
 */
function vocabularyWords(v: Vocab): string[] {
  const out = new Set<string>();
  const walk = (x: unknown, key?: string): void => {
    if (typeof x === 'string') {
      for (const m of x.matchAll(HAN_RUN)) out.add(m[0]);
    } else if (Array.isArray(x)) for (const y of x) walk(y);
    else if (x && typeof x === 'object')
      for (const [k, y] of Object.entries(x)) {
        // A typo's wrong side is no word to read towards.
        if (key !== 'typos') for (const m of k.matchAll(HAN_RUN)) out.add(m[0]);
        walk(y, k);
      }
  };
  walk(v);
  return [...out];
}

/** The sound reader of one vocabulary, built once (jieba and pinyin-pro load on first use). */
function fixerOf(v: Vocab): SoundFixer {
  let f = fixers.get(v);
  if (!f) {
    // The vocabulary's phrases and their words (考核都是称职 gives 考核, 称职), as the Q&A takes its phrasings'.
    const jieba = getJieba();
    const counts = new Map<string, number>();
    for (const phrase of vocabularyWords(v))
      for (const w of new Set([phrase, ...jieba.cut(phrase, false)])) counts.set(w, (counts.get(w) ?? 0) + 1);
    // A character standing alone in three or more phrases (都, 是, 没) is a word of its own, never the mistyped one.
    const skip = new Set([...counts].filter(([w, n]) => w.length === 1 && n >= 3).map(([w]) => w));
    f = new SoundFixer(counts.keys(), skip);
    fixers.set(v, f);
  }
  return f;
}

/** The vocabulary's typing mistakes (不称值, 任定) replaced by the words meant. */
export function fixTypos(text: string, typos: Readonly<Record<string, string>>): string {
  let t = text;
  for (const [wrong, right] of Object.entries(typos)) t = t.split(wrong).join(right);
  return t;
}

/** `text` (folded) with the vocabulary's typos and its words' homophones (人定, 主理) read as meant. */
export function spellRight(text: string, v: Vocab): string {
  return fixerOf(v).fix(fixTypos(text, v.typos));
}
