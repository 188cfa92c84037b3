/** The scripted answers every channel's end-to-end tests use to run a whole interview. */

/** One interview answer: when the question matches `ask`, type `answer`, or pick the choice labelled `choice ?? answer`. */
export interface Answer {
  ask: RegExp;
  answer: string;
  choice?: string;
}

/** The eligible engineer of shared/examples (本科, 国有企业, 2021) → 助理级, 2024年第一批. */
export const ENGINEER: Answer[] = [
  // The confirmation summary repeats every answer, so it is matched first.
  { ask: /请确认您的信息/, answer: '确认' },
  { ask: /身份证号码/, answer: '跳过' },
  { ask: /哪个职称系列/, answer: '工程技术' },
  { ask: /申报的专业是/, answer: '水利水电工程' },
  { ask: /最高学历/, answer: '本科' },
  { ask: /哪个级别/, answer: '不确定' },
  { ask: /什么时候毕业/, answer: '2021年6月' },
  { ask: /所学的专业是/, answer: '水利水电工程' },
  { ask: /相比是/, answer: '相同' },
  { ask: /开始从事本专业/, answer: '2021年7月' },
  { ask: /员级专业技术资格/, answer: '否' },
  { ask: /单位的性质/, answer: '国有企业' },
  { ask: /单位的名称/, answer: '赣州某水务集团有限公司' },
  { ask: /江西省内吗/, answer: '江西', choice: '江西省内' },
  { ask: /社保是由/, answer: '是' },
  { ask: /年度考核/, answer: '是' },
  { ask: /处分/, answer: '否' },
];
