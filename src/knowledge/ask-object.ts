/**
 * The object of an ask: in 优秀教师评选要准备哪些材料 / 规培结业证书在哪里查 / 高新技术企业认定要什么条件
 * the words before the ask frame (要哪些材料, 在哪里查, 什么条件) name what the question is about. When
 * one of its nouns is unknown to the knowledge file, the question asks the same thing about another
 * matter, and a middling match to our materials / conditions / system entry must not answer it.
 */
import { generalIdf, getJieba } from './segment.js';

/** jieba part-of-speech tags of nouns and noun-like words (n 名词, nz 专名, vn 名动词, nt 机构, ns 地名, j 简称 …). */
const NOUN_TAGS = new Set(['n', 'nz', 'vn', 'nt', 'ns', 'nr', 'nrt', 'ng', 'j']);

/** What the gate needs to know about the knowledge file. */
export interface ObjectVocabulary {
  /** True when the knowledge file or the lexicon knows the word. */
  knows(word: string): boolean;
  /** Per character of a normalised text: covered by a concept variant or pattern. */
  covered(normalized: string): boolean[];
}

/** The ask frames (lexicon `askFrames`), compiled once. */
export class AskObjectGate {
  private readonly frames: RegExp[];

  constructor(
    frames: readonly string[],
    private readonly vocabulary: ObjectVocabulary,
    private readonly salientIdf: number,
  ) {
    this.frames = frames.map((f) => new RegExp(f, 'u'));
  }

  /** The salient nouns before an ask frame, per clause of the normalised text, that the knowledge file does not know. */
  foreignWords(normalized: string): string[] {
    const out: string[] = [];
    for (const clause of normalized.split(' ')) {
      const at = this.frameStart(clause);
      if (at <= 0) continue;
      const span = clause.slice(0, at);
      const covered = this.vocabulary.covered(span);
      let pos = 0;
      for (const { word, tag } of getJieba().tag(span)) {
        const start = span.indexOf(word, pos);
        pos = start + word.length;
        // One character (上班 cut as 上/班, 第二项) is too little to name a matter.
        if (word.length < 2 || !NOUN_TAGS.has(tag) || /^[\d.a-z]+$/.test(word) || generalIdf(word) < this.salientIdf) continue;
        // Covered by a concept but for one character (距离 in 距离截止, 社保卡) is known; 结业证书 leaves 结业.
        if (this.vocabulary.knows(word) || covered.slice(start, pos).filter((c) => !c).length < 2) continue;
        // A compound all of whose two-character pieces the file uses (小学教师) is known; 结业证书 is not.
        if (word.length >= 3 && pieces(word).every((p) => this.vocabulary.knows(p))) continue;
        out.push(word);
      }
    }
    return out;
  }

  /** Offset of the earliest frame in a clause, or -1. */
  private frameStart(clause: string): number {
    let best = -1;
    for (const f of this.frames) {
      const m = f.exec(clause);
      if (m && (best < 0 || m.index < best)) best = m.index;
    }
    return best;
  }
}

/** 小学教师 → 小学, 教师; 五个字 → its first two pairs and its last two characters. */
function pieces(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 2 <= word.length; i += 2) out.push(word.slice(i, i + 2));
  if (word.length % 2) out.push(word.slice(-2));
  return out;
}
