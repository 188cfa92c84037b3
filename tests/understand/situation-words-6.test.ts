/**
 * Mechanisms of round 6, each from the classes of misses of sit-ta and sit-4: spaces as clause marks
 * in chat messages, a title held with its date, the insurance payer beside the workplace, counted
 * reviews, pending certificates. Sentences are new, not the sets'.
 */
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/policy/load.js';
import { foldText, understand } from '../../src/understand/extract.js';
import { factReader } from './read-facts.js';

const policy = loadPolicy();
const NOW = '2024-05-10';
const { facts, fact } = factReader(policy, NOW);

describe('spaces separate the clauses of a chat message', () => {
  it('a space between Chinese words is a clause mark, inside a number it is dropped', () => {
    expect(foldText('大专 在县水务 2020 年毕业')).toBe('大专，在县水务，2020年毕业');
  });

  it('"19年评了技术员 现在能报助工吗": the level held and the level asked stay apart', () => {
    const f = facts('大专 19年评了技术员 在县供水公司 现在能报助工吗');
    expect(f.find((x) => x.field === 'currentTitle.level')?.value).toBe('员级');
    expect(f.find((x) => x.field === 'currentTitle.since')?.value).toBe('2019-12-01');
    expect(f.find((x) => x.field === 'targetLevel')?.value).toBe('助理级');
    expect(fact('中专 做了三年 当技术员 能评助理工程师吗', 'targetLevel')?.value).toBe('助理级');
  });

  it('an ask that runs across a space still asks ("想直接认员级 这次行不行")', () => {
    expect(understand('大专 去年进的县供水公司 想直接认员级 这次行不行', policy, NOW).asksEligibility).toBe(true);
  });

  it('"能转助理级吗" asks about the person’s own case', () => {
    expect(understand('中专 林业站 17年评上技术员 今年能转助理级吗', policy, NOW).asksEligibility).toBe(true);
  });
});

describe('the insurance payer compared with the employer', () => {
  const payerDiffers = (text: string) => {
    const f = facts(text);
    return f.find((x) => x.field === 'socialInsuranceEmployer')?.value !== f.find((x) => x.field === 'employer.name')?.value;
  };

  it('the employer under a shorter name, with an adverb before the verb, is the same unit', () => {
    expect(payerDiffers('在县档案馆上班，社保是档案馆直接交的，能认助理馆员吗')).toBe(false);
    expect(payerDiffers('在县交投公司做技术，社保还是交投在交，能认助工吗')).toBe(false);
  });

  it('a unit above or below the employer is another unit, even under the same name', () => {
    expect(payerDiffers('在县水务集团下属的分公司上班，社保是水务集团总部交的，能认助工吗')).toBe(true);
    expect(payerDiffers('在定南分公司做技术，社保在南昌总公司交，能认助工吗')).toBe(true);
    expect(payerDiffers('在供电公司做运维，社保挂在母公司那边，能认助工吗')).toBe(true);
  });

  it('the same rank word on both sides is the same unit', () => {
    expect(payerDiffers('在县燃气集团上班，社保也是集团交的，能认助工吗')).toBe(false);
  });

  it('"申报单位挂的是…": the payer is compared with the unit that applies', () => {
    expect(payerDiffers('我在交投的子公司上班，社保在子公司交，申报单位挂的是交投集团，能报助理吗')).toBe(true);
  });
});

describe('counts, terms and durations', () => {
  it('a review result said for a list of years counts each year (办法第六条（三）)', () => {
    expect(fact('19年入职 20、21年考核都是基本称职 能报员级吗', 'annualReviews.基本称职')?.value).toBe(2);
    expect(fact('19年入职，连续三年考核基本称职，能报员级吗', 'annualReviews.基本称职')?.value).toBe(3);
    expect(fact('19年入职，去年考核基本称职，能报员级吗', 'annualReviews.基本称职')?.value).toBe(1);
  });

  it('a punishment’s term said right after it ends that many months after it was received', () => {
    expect(fact('前年5月受了记过处分12个月，现在能报助工吗', 'disciplinaryEndDate')?.value).toBe('2023-05-01');
  });

  it('"做资料管理3年了": the duration after a job phrase is the start of work', () => {
    expect(fact('大专，在县城投做资料管理3年了，能认员级吗', 'technicalWorkStart')?.range).toEqual(['2021-04-01', '2021-05-01']);
  });

  it('"19年毕业一直在…": work started on graduation', () => {
    expect(fact('大专水利19年毕业一直在县水利站，能认助工吗', 'technicalWorkStart')?.value).toBe(fact('大专水利19年毕业一直在县水利站，能认助工吗', 'graduationDate')?.value);
  });
});

describe('the major studied', () => {
  it('named before the education word ("新闻学本科")', () => {
    expect(fact('新闻学本科，在县融媒体中心，能认助理记者吗', 'majorStudied')?.value).toBe('新闻学');
  });

  it('agreeing with the workplace, the workplace’s series is stated as understood', () => {
    const s = fact('大专园林，毕业就进了县林场，能认定什么', 'series');
    expect(s?.value).toBe('农业技术人员');
    expect(s?.firm).toBe(true);
  });
});

describe('names that all but say state-owned', () => {
  it('县供电公司, 国网, 县自来水公司 are state-owned as understood, not a condition', () => {
    for (const text of ['在县供电公司做运维，能认助工吗', '在国网做配电，能认助工吗', '在县自来水公司做水质检测，能认员级吗']) {
      const t = fact(text, 'employer.type');
      expect([t?.value, t?.firm]).toEqual(['国有企业', true]);
    }
  });
});

describe('dates that are not the person’s, places of earlier work', () => {
  it('"今年下半年的认定什么时候开始": the window’s date, not a start of work', () => {
    expect(fact('今年下半年的认定什么时候开始？我大专，21年7月毕业就在县水利站，能报助工吗', 'technicalWorkStart', '2024-08-01')?.value).toBe('2021-07-01');
  });

  it('"之前在广州干了一年，后来考进县疾控": the employer is not out of the province', () => {
    expect(fact('本科，之前在广州干了一年，22年考进县档案馆，能认助理馆员吗', 'employer.province')?.value).not.toBe('广东');
  });
});

describe('a series word inside the major studied is the major, not the job', () => {
  it('"本科体育教育 22年入职小学": the school gives the series, not the 体育 in the major', () => {
    expect(fact('本科体育教育 23年入职小学 现在能认什么级别', 'series')?.value).toBe('中小学教师');
  });
});

describe('short self-descriptions and worries about the window', () => {
  it('"研究生毕业了 …能认定中级吗" and "一级教师3年了" describe a person', () => {
    expect(understand('研究生毕业了 什么时候能认定中级', policy, NOW).personal).toBe(true);
    expect(understand('本科 一级教师3年了 能认高级吗', policy, NOW).personal).toBe(true);
  });

  it('"听说已经截止了？" asks about the person’s own case', () => {
    expect(understand('大专 19年进的县水务 还没认过 是不是已经截止了', policy, NOW).asksEligibility).toBe(true);
  });

  it('"现在有技术员": a title held', () => {
    expect(fact('中专 现在有技术员 能升助理吗', 'currentTitle.level')?.value).toBe('员级');
  });
});

describe('work elsewhere first, then a move', () => {
  const text = '大专测绘19年7月毕业，先在定南县测绘队干了三年，22年9月调到寻乌县自然资源局下属的测绘站，能报助工吗';

  it('the employer now is the one moved to', () => {
    expect(String(fact(text, 'employer.name')?.value)).toContain('测绘站');
  });

  it('a duration said before the move is counted back from the move, not from today', () => {
    expect(fact(text, 'technicalWorkStart')?.value).toBe('2019-09-01');
    expect(fact(text, 'transferDate')?.value).toBe('2022-09-01');
  });

  it('the type said of the earlier employer for its period is not the current one’s', () => {
    expect(fact('本科21年毕业在私人公司干了一年，22年8月跳槽到县交投，私企那一年不算也行，能报助工吗', 'employer.type')?.value).toBe('国有企业');
  });
});

describe('alternatives, denials and levels not taken', () => {
  it('"员级还是助理": no level is taken as the one asked', () => {
    expect(fact('大专，20年进的县林业站，能认什么，员级还是助理', 'targetLevel')).toBeUndefined();
  });

  it('"学历是大专还是本科我不清楚": no education is taken as said', () => {
    expect(fact('他在县水务公司干了5年，学历是大专还是本科我不清楚，能认什么', 'education')).toBeUndefined();
  });

  it('"没读过大专": a schooling denied', () => {
    expect(fact('我初中毕业，没读过中专，在林场护林快二十年了，能认定吗', 'education')?.value).toBe('高中及以下');
  });

  it('"助理也没评": a level not taken is not the one asked', () => {
    expect(fact('中专，员级拿了很多年了，助理也没评，能直接认中级吗', 'targetLevel')?.value).toBe('中级');
  });

  it('"助理馆员4年了", "员级聘了三年了": held for that long, and the level asked is the other one', () => {
    expect(fact('本科 助理馆员4年了 能认中级吗', 'currentTitle.since')?.value).toBe('2020-05-01');
    const f = facts('中专 员级聘了三年了 能认助理吗');
    expect(f.find((x) => x.field === 'currentTitle.since')?.value).toBe('2021-05-01');
    expect(f.find((x) => x.field === 'targetLevel')?.value).toBe('助理级');
  });
});

describe('durations and months said alone', () => {
  it('"当月就进了": the month of the graduation', () => {
    expect(fact('大专21年6月毕业，当月就进了县水务公司，能报助工吗', 'technicalWorkStart')?.value).toBe('2021-06-01');
  });

  it('a clause that is only a duration ("快八年了") is how long the work has run', () => {
    expect(fact('大专，在乡镇畜牧站搞防疫，快八年了，能报助理吗', 'technicalWorkStart')?.range?.[1]).toBe('2016-11-01');
  });
});

describe('majors with 学 inside and moves home', () => {
  it('"本科材料科学与工程21年毕业": a 学 inside the major’s name stays', () => {
    expect(fact('我在县城投做质检，本科材料科学与工程21年毕业，能认助工吗', 'majorStudied')?.value).toBe('材料科学与工程');
  });

  it('"毕业在外地公司干了两年，22年回寻乌进了…": the earlier job began on graduation', () => {
    const text = '大专测绘20年6月毕业在吉安一家公司干了两年 22年回寻乌进了县城投 能认助工吗';
    expect(fact(text, 'technicalWorkStart')?.value).toBe('2020-06-01');
    expect(fact(text, 'transferDate')).toBeDefined();
  });
});

describe('a school word that names the schooling', () => {
  it('"高中毕业" gives no workplace series', () => {
    expect(fact('高中毕业，能认定吗', 'series')).toBeUndefined();
  });
});
