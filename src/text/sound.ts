/**
 * Typos by sound: a pinyin IME mistake is a homophone (会记 for 会计, 职成 for 职称, 社宝 for 社保), so
 * two characters that jieba cannot join into any word and that sound like a two-character word of
 * the domain are read as that word. The caller gives the domain's words from its own data (the knowledge
 * file for the policy Q&A, rules/vocabulary.yaml for situations), so a new term needs no typo entry;
 * the `typos` lists keep only what sound cannot explain (寻鸟, 材科, 不称值).
 */
import { createRequire } from 'node:module';
import { generalIdf, getJieba } from './jieba.js';

type Pinyin = typeof import('pinyin-pro').pinyin;
let pinyinFn: Pinyin | undefined;

/** pinyin-pro, required on first use (its dictionary costs ~0.1 s to load): see jieba.ts. */
function pinyinOf(): Pinyin {
  pinyinFn ??= (createRequire(import.meta.url)('pinyin-pro') as typeof import('pinyin-pro')).pinyin;
  return pinyinFn;
}

const HAN2 = /^\p{Script=Han}{2}$/u;
/** General-Chinese IDF a domain word needs: 职称 9.9, 社保 7.4, 认定 7.2, 截止 7.1; 网上 6.2, 材料 5.7, 现在 4.0 are too common. */
const MIN_IDF = 7;
/** Question words are never mistyped, nor part of a domain word to fix towards (哪级 is not 哪几). */
const QUESTION_CHARS = new Set([...'哪几吗么呢谁什怎多少啥咋']);
const HAN1 = /^\p{Script=Han}$/u;

/** Reads two-character homophones of domain words as those words. */
export class SoundFixer {
  /** Toneless pinyin ("kuai ji") → the domain word, or '' when two words share it. */
  private readonly byReading = new Map<string, string>();
  private readonly readings = new Map<string, string[]>();
  private readonly domain: Set<string>;
  /** Every word given, salient or not: a pair that is one, or whose mistyped-looking character makes one with its neighbour (教资考), is meant. */
  private readonly known: Set<string>;

  /**
   * `words`: the domain's words; only salient two-character dictionary words are used (职称, 会计, 网址 —
   * not 现在, 网上, 晚了, whose homophones are everyday text: 先在, 往上, 完了). `skip`: characters that
   * are never the mistyped one (particles, pronouns, question words, and single-character words of the
   * domain's text such as 传, 报, 交).
   */
  private readonly skip: ReadonlySet<string>;

  constructor(words: Iterable<string>, skip: ReadonlySet<string>) {
    this.skip = new Set([...skip, ...QUESTION_CHARS]);
    const jieba = getJieba();
    this.known = new Set(words);
    this.domain = new Set(
      [...this.known].filter((w) => HAN2.test(w) && ![...w].some((c) => QUESTION_CHARS.has(c)) && jieba.cut(w, false).length === 1 && generalIdf(w) >= MIN_IDF),
    );
    const py = pinyinOf();
    for (const w of this.domain) {
      const key = py(w, { toneType: 'none', type: 'array' }).join(' ');
      const had = this.byReading.get(key);
      this.byReading.set(key, had === undefined || had === w ? w : '');
    }
  }

  /** The domain word `a` + `b` sounds like (any reading of each character), if exactly one. */
  private soundsLike(a: string, b: string): string | undefined {
    const found = new Set<string>();
    for (const x of this.charReadings(a)) for (const y of this.charReadings(b)) {
      const w = this.byReading.get(`${x} ${y}`);
      if (w) found.add(w);
    }
    return found.size === 1 ? [...found][0] : undefined;
  }

  private charReadings(c: string): string[] {
    let r = this.readings.get(c);
    if (!r) {
      r = pinyinOf()(c, { toneType: 'none', type: 'array', multiple: true });
      this.readings.set(c, r);
    }
    return r;
  }

  /** The text with every homophone pair of single characters replaced by its domain word. */
  fix(normalized: string): string {
    if (this.byReading.size === 0 || !/\p{Script=Han}/u.test(normalized)) return normalized;
    // Without the HMM, a pair jieba does not know as a word comes out as two single characters.
    const tokens = getJieba().cut(normalized, false);
    let changed = false;
    for (let i = 0; i + 1 < tokens.length; i++) {
      const a = tokens[i]!;
      const b = tokens[i + 1]!;
      if (!HAN1.test(a) || !HAN1.test(b) || this.known.has(a + b)) continue;
      const w = this.soundsLike(a, b);
      // One character is mistyped, not both (失叶 is not 事业), and never one that stands alone in the domain's
      // text or is a particle (传 in 太大传不上去, 会 in 我会记得).
      if (!w || (w[0] !== a && w[1] !== b) || (this.skip.has(a) && w[0] !== a) || (this.skip.has(b) && w[1] !== b)) continue;
      // Nor one that makes a word with its other neighbour (资 in 教资考 is 教资 + 考, not 教 + 自考).
      const before = (tokens[i - 1] ?? '').slice(-1);
      const after = (tokens[i + 2] ?? '').slice(0, 1);
      if ((w[0] !== a && before && this.known.has(before + a)) || (w[1] !== b && after && this.known.has(b + after))) continue;
      tokens[i] = w;
      tokens[i + 1] = '';
      changed = true;
      i++;
    }
    return changed ? tokens.join('') : normalized;
  }
}
