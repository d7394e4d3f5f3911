import { createRng } from './create-rng.mjs';

/**
 * Word lists of the synthetic news site. Everything here is fixed data; `tagVocabulary()` derives the
 * ~500 tags from it with its own seed, so the vocabulary is the same for every corpus size.
 */

/**
 * The 77 categories, most frequent first (a category is a news source, as `qq` is in the reference
 * article). Each has the host its trailing source link points at.
 *
 * @type {ReadonlyArray<{ name: string, host: string }>}
 */
export const CATEGORIES = [
  'qq', 'sina', '163', 'sohu', 'ifeng', 'thepaper', 'bbc', 'reuters', 'zaobao', 'rfi',
  'hk01', 'mingpao', 'rthk', 'scmp', 'cnbc', 'nytimes', 'wsj', 'ft', 'bloomberg', 'dw',
  'voachinese', 'caixin', 'yicai', '36kr', 'huxiu', 'jiemian', 'guancha', 'people', 'xinhua', 'chinadaily',
  'cctv', 'cna', 'udn', 'ltn', 'storm', 'theinitium', 'hket', 'on-cc', 'stheadline', 'now',
  'tvb', 'apple-daily', 'economist', 'guardian', 'ap', 'afp', 'nikkei', 'kyodo', 'yonhap', 'aljazeera',
  'techcrunch', 'theverge', 'arstechnica', 'wired', 'engadget', 'zdnet', 'solidot', 'ithome', 'cnbeta', 'oschina',
  'infoq', 'csdn', 'juejin', 'zhihu', 'weibo', 'douban', 'bilibili', 'toutiao', 'baidu', 'netease-tech',
  'tencent-tech', 'sspai', 'geekpark', 'leiphone', 'pingwest', 'donews', 'techweb',
].map((name) => ({ name, host: `www.${name.replace(/-/g, '')}.example.com` }));

/** Simplified Chinese phrases, joined into sentences by `text.mjs`. */
export const PHRASES_HANS = [
  '奥特曼迫不及待', '全球风投史上最大融资', '软银集团即将敲定', '首轮投资', '融资完成后', '成为最大投资方',
  '这无疑是', '正在成为最大的对手', '华尔街开始重新评估', '中国资产', '用一位知名投资人的话来说',
  '据财联社援引报道', '第一笔出资款最早将于春季支付', '通过联合投资的形式', '分配投资额度给其他合作方',
  '全球单轮最高融资纪录将被打破', '过去一年', '深度绑定', '坐上全球牌桌中心', '一度传出双方会有进一步合作',
  '轰动一幕是在今年初', '计划未来四年投资', '官方介绍', '负责新公司的财务事宜', '负责运营事宜',
  '以投资狂人著称', '一向热衷于大手笔押注', '有意思的是', '当下最大的风口', '显然', '正在践行他的誓言',
  '风头正劲', '大家对此历历在目', '这是一款开源大模型', '仅以不到十分之一的训练成本', '震惊硅谷',
  '这一幕似曾相识', '横空出世', '霸主地位受到挑战', '令人印象深刻', '真正令人振奋的事', '某种程度上',
  '科技崛起的故事', '国内投资如火如荼', '背后更多往事也浮出水面', '只是投不进去', '保持友好互动',
  '没有拆分独立融资计划', '专注于做研究', '商业化的诉求', '不差钱', '重要筹码', '应运而生', '自带资源',
  '再次被投资人包围', '专门讨论接下来的投资机会', '大概率会开放融资窗口', '来势汹汹', '显得愈发必要',
  '开展资本动作的重要讯息', '正在改写全球格局', '不以为意', '被严重夸大了', '一改傲慢', '站在了历史的错误一边',
  '纠结是否开源之际', '相继宣布接入', '巨额资金和强大算力', '正在改变游戏规则', '长期以来', '毫无胜算',
  '开辟了一条道路', '扇动翅膀的蝴蝶', '更深远的意义还在于', '取得领先地位', '一直被低估', '研报刷屏',
  '估值折价的现象将消失', '以前所未有的速度扩大', '轮番唱多', '重新估值后', '征途才刚刚开始', '新时代正在光速到来',
];

/** Traditional Chinese (Hong Kong) phrases. */
export const PHRASES_HANT = [
  '港股今日高開', '恒生指數收市', '成交額約', '市場憧憬減息', '科技股造好', '內房股回落', '政府發言人表示',
  '立法會今日三讀通過', '天文台預測', '明日天氣', '熱帶氣旋', '八號烈風或暴風信號', '交通意外', '消防處接報',
  '警方呼籲市民', '教育局宣布', '醫管局指出', '公立醫院', '輪候時間', '樓市氣氛轉淡', '二手成交',
  '發展商推出新盤', '首期', '按揭利率', '金管局', '聯繫匯率', '港元拆息', '銀行業界', '零售業總會',
  '旅客人數回升', '內地旅客', '消費模式改變', '北上消費', '食肆生意', '經濟前景', '特首', '施政報告',
  '財政預算案', '派糖措施', '長者醫療券', '人工智慧', '創新科技', '數碼港', '科學園', '初創企業',
  '大灣區', '跨境', '高鐵', '港珠澳大橋', '機場管理局', '航空公司', '客運量', '電動車', '充電設施',
  '環境局', '垃圾徵費', '減碳目標', '颱風過後', '市民排隊', '銀行體系穩健', '投資者信心', '利好消息',
  '據報道', '消息人士透露', '事件引起關注', '網民熱議', '有分析認為', '短期內', '長遠而言', '值得留意的是',
];

/** English words for titles and paragraphs. */
export const WORDS_EN = [
  'the', 'a', 'of', 'to', 'and', 'in', 'on', 'for', 'with', 'as', 'by', 'at', 'from', 'after', 'before',
  'market', 'markets', 'investors', 'funding', 'round', 'billion', 'million', 'startup', 'model', 'models',
  'company', 'companies', 'government', 'policy', 'officials', 'report', 'reports', 'analysts', 'growth',
  'shares', 'stocks', 'bank', 'banks', 'rates', 'inflation', 'economy', 'trade', 'tariffs', 'exports',
  'chip', 'chips', 'semiconductor', 'cloud', 'data', 'privacy', 'security', 'network', 'open', 'source',
  'training', 'cost', 'costs', 'price', 'prices', 'record', 'largest', 'new', 'first', 'latest', 'global',
  'Chinese', 'American', 'European', 'Asian', 'regional', 'local', 'city', 'housing', 'property', 'weather',
  'typhoon', 'storm', 'traffic', 'airport', 'rail', 'electric', 'vehicle', 'vehicles', 'battery', 'energy',
  'climate', 'emissions', 'health', 'hospital', 'vaccine', 'school', 'students', 'university', 'research',
  'scientists', 'study', 'says', 'said', 'announced', 'plans', 'expects', 'warns', 'raises', 'cuts', 'wins',
  'loses', 'launches', 'unveils', 'considers', 'rejects', 'approves', 'delays', 'boosts', 'slows', 'rises',
  'falls', 'jumps', 'slides', 'quarter', 'year', 'week', 'month', 'today', 'tomorrow', 'deal', 'talks',
  'agreement', 'court', 'ruling', 'lawmakers', 'election', 'vote', 'campaign', 'support', 'pressure',
  'demand', 'supply', 'users', 'platform', 'app', 'update', 'feature', 'service', 'outage', 'team', 'season',
  'match', 'league', 'final', 'fans', 'film', 'music', 'festival', 'travel', 'tourists', 'visitors',
];

/** Brand and proper names that appear inside Chinese and English text alike. */
export const NAMES = [
  'DeepSeek', 'OpenAI', 'ChatGPT', 'SoftBank', 'Microsoft', 'Nvidia', 'Apple', 'Google', 'Amazon', 'Meta',
  'Tesla', 'BYD', 'Huawei', 'Alibaba', 'Tencent', 'Baidu', 'Xiaomi', 'TSMC', 'Samsung', 'Stargate', 'CNBC',
  'HSBC', 'BlackRock', 'Goldman Sachs', 'Deutsche Bank', 'R1', 'GPT-4o', 'iPhone 16', 'Hang Seng', 'MTR',
];

/** Hand-picked tags: CJK, spaces, punctuation and symbols, as on a real multilingual news site. */
const BASE_TAGS = [
  'AI', 'OpenAI', 'DeepSeek', 'ChatGPT', 'Machine Learning', 'Hong Kong', 'Node.js', 'C++', 'C#', '.NET',
  'AT&T', 'Q&A', 'U.S. Politics', 'COVID-19', '5G', 'Web3', 'e-commerce', 'Rock \'n\' Roll', 'S&P 500',
  'Hang Seng', 'GPT-4o', 'iPhone 16', 'Wi-Fi 7', 'Large Language Models', 'Open Source', 'Venture Capital',
  'Climate Change', 'Electric Vehicles', 'Semiconductors', 'Trade War', 'Interest Rates', 'Real Estate',
  'Elections 2024', 'World Cup', 'Olympics', 'Space', 'SpaceX', 'NASA', 'Cybersecurity', 'Privacy',
  '人工智能', '新能源', '芯片', '半导体', '房地产', '股市', '港股', '美股', 'A股', '科技', '财经', '教育',
  '医疗', '体育', '足球', '篮球', '电影', '音乐', '旅游', '美食', '天气', '交通', '航天', '军事', '国际',
  '外交', '经济', '金融', '银行', '保险', '汽车', '电动车', '手机', '互联网', '游戏', '直播', '短视频',
  '电商', '物流', '农业', '环境', '气候变化', '能源', '石油', '黄金', '加密货币', '比特币', '区块链',
  '大模型', '机器人', '自动驾驶', '量子计算', '疫苗', '健康', '养老', '就业', '楼市', '消费', '出口', '关税',
  '人工智慧', '港股通', '樓市', '科技股', '立法會', '天文台', '颱風', '施政報告', '財政預算案', '大灣區',
  '北上消費', '港珠澳大橋', '數碼港', '醫管局', '教育局', '金管局', '聯繫匯率', '電動車', '垃圾徵費',
  '新能源 汽车', '苹果 Vision Pro', 'AI 芯片', '双11', '618大促', '618 大促', '春节档', '两会', '一带一路',
  '"Quoted" Tag', 'Tag: With Colon', 'Tag/Slash', 'Tag #1', '50% Off', 'Caf\u00e9 Culture', 'Cafe\u0301 Society',
];

const ADJECTIVES = [
  'Global', 'Chinese', 'Asian', 'European', 'Digital', 'Green', 'Urban', 'Rural', 'Public', 'Private',
  'Consumer', 'Industrial', 'Financial', 'Medical', 'Mobile', 'Quantum', 'Smart', 'Open', 'Cross-border',
  'Regional', 'Local', 'Offshore', 'Retail', 'Clean', 'Nuclear', 'Solar', 'Wind', 'Startup', 'Cloud', 'Data',
];
const NOUNS = [
  'Markets', 'Policy', 'Banking', 'Energy', 'Health', 'Education', 'Transport', 'Housing', 'Trade', 'Chips',
  'Security', 'Media', 'Gaming', 'Retail', 'Tourism', 'Labour', 'Pensions', 'Startups', 'Robotics', 'Mining',
];
const HANS_PREFIXES = ['中国', '全球', '美国', '欧洲', '亚洲', '香港', '深圳', '上海', '北京', '杭州', '广州', '成都'];
const HANS_SUFFIXES = ['经济', '科技', '楼市', '股市', '政策', '教育', '医疗', '交通', '能源', '汽车', '旅游', '消费', '人才', '制造'];
const HANT_PREFIXES = ['香港', '九龍', '新界', '澳門', '台灣', '灣區'];
const HANT_SUFFIXES = ['經濟', '樓價', '交通', '教育', '醫療', '天氣', '政治', '民生', '科技', '旅遊'];

/**
 * A rough stand-in for a slug: two tags with the same key would land on one feed URL, so the vocabulary
 * keeps only the first. (feedpub reports real slug collisions; the benchmark does not want to measure that.)
 *
 * @param {string} tag
 */
const collisionKey = (tag) => tag.normalize('NFKC').toLowerCase().replace(/[\s\-_:/"']+/gu, '');

/**
 * The ~500 tags, most frequent first (a Zipf sampler picks ranks from the front).
 * Deterministic: the same list on every call and every machine.
 *
 * @param {number} [size] how many tags (default 500)
 * @returns {string[]}
 * @example
 * tagVocabulary().length; // → 500
 */
export function tagVocabulary(size = 500) {
  const rng = createRng('feedpub-bench:tags');
  const seen = new Set();
  /** @type {string[]} */
  const tags = [];
  const add = (/** @type {string} */ tag) => {
    const key = collisionKey(tag);
    if (tags.length >= size || seen.has(key)) return;
    seen.add(key);
    tags.push(tag);
  };
  for (const tag of BASE_TAGS) add(tag);
  for (let attempt = 0; tags.length < size && attempt < 100_000; attempt += 1) {
    const roll = rng.next();
    if (roll < 0.4) add(`${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}`);
    else if (roll < 0.75) add(`${rng.pick(HANS_PREFIXES)}${rng.pick(HANS_SUFFIXES)}`);
    else if (roll < 0.9) add(`${rng.pick(HANT_PREFIXES)}${rng.pick(HANT_SUFFIXES)}`);
    else add(`${rng.pick(NAMES)} ${rng.pick(NOUNS)}`);
  }
  // Shuffle so the frequent (front) ranks mix CJK, English and punctuated tags instead of the base list order.
  for (let i = tags.length - 1; i > 0; i -= 1) {
    const j = rng.int(0, i);
    [tags[i], tags[j]] = [/** @type {string} */ (tags[j]), /** @type {string} */ (tags[i])];
  }
  return tags;
}
