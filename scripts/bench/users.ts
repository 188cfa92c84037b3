/**
 * What the simulated users say: interview scripts (typed answers, with side questions, invalid
 * inputs and interview commands mixed in) and policy questions. All texts are real user phrasings.
 */

/** Policy questions users ask outside (and during) the interview. */
export const QUESTIONS = [
  '现在能申报吗',
  '下半年什么时候截止',
  '需要准备哪些材料',
  '社保缴费证明要上传吗',
  '大专毕业几年可以认定助理级',
  '在哪里申报',
  '民营企业的可以申报吗',
  '什么是隶属关系证明',
  '教师资格证必须要吗',
  '寻乌有什么好吃的',
  '考核认定和评审有什么区别',
  '档案不在江西可以吗',
];

/** Interview scripts; each ends at a verdict (or the summary) and is followed by questions. */
export const SCRIPTS: string[][] = [
  // Engineer, eligible; one side question and two unreadable dates on the way.
  ['资格自测', '工程技术', '水利水电工程', '本科', '不确定', '现在能申报吗', '前年夏天', '2022年6月', '水利水电工程', '相同', '2030年13月', '2022年7月', '国企', '寻乌县某水务有限公司', '江西', '是', '是', '没有', '确认', '跳过'],
  // Teacher without the certificate, with 返回 and a correction.
  ['你好', '1', '我是小学老师', '小学数学', '本科', '不确定', '2022年7月', '数学与应用数学', '相近', '2022年9月', '事业单位', '寻乌县某小学', '江西', '职高', '返回', '小学', '是', '还没有'],
  // Nonsense and help mid-way, then a restart.
  ['资格自测', '工程技术', '水利水电工程', '本科', '帮助', '啊啊啊', '查看答案', '不确定', '2022.6', '<script>alert(1)</script>', "'; DROP TABLE sessions; --", '重新开始', '工程技术', '水利水电工程', '大专', '不确定', '2021年7月'],
  // Private employer, menu navigation, subscribe, my data.
  ['菜单', '资格自测', '工程技术', '建筑工程', '大专', '不确定', '2020年7月', '建筑工程技术', '相同', '2020年8月', '民营企业', '寻乌县某建设有限公司', '江西', '社保要自己上传吗', '是', '是', '没有', '确认', '跳过', '订阅', '查看我的数据'],
];
