"""Readable tables of the words that route a question: category, aspect, what the text leaves open.

These are the domain's own words (from the measures and from how callers speak); they decide
*where* to look, never *what* to answer — answers are always the cited clauses' sentences.
"""

from __future__ import annotations

# Category id → words that name it in a question. Order matters only for display.
CATEGORY_WORDS: dict[str, tuple[str, ...]] = {
    "dual_cross_platform_reward": ("双跨", "跨行业跨领域"),
    "pilot_demo_reward": ("试点示范", "试点", "示范企业", "示范项目", "融合发展", "两化融合", "双创", "新一代信息技术"),
    "security_service_reward": ("安全服务", "网络安全", "工控安全", "数据安全", "安全机构", "安全公司", "安全评估", "攻防演练", "等保", "安全服务费"),
    "identifier_node_subsidy": ("标识解析", "二级节点", "企业节点", "解析量", "注册量", "顶级节点", "节点"),
    "industry_platform_subsidy": ("行业平台", "行业工业互联网平台", "平台项目", "服务企业数", "设备连接", "连接数", "平台补助", "市级平台", "平台"),
}

CATEGORY_TITLES: dict[str, str] = {
    "dual_cross_platform_reward": "国家“双跨”平台奖励",
    "pilot_demo_reward": "国家试点示范奖励",
    "security_service_reward": "第三方工业互联网安全服务奖励",
    "identifier_node_subsidy": "标识解析二级节点补助",
    "industry_platform_subsidy": "市级行业工业互联网平台补助",
}

# What the question asks about.
ASPECT_WORDS: dict[str, tuple[str, ...]] = {
    "material": ("材料", "提交什么", "准备什么", "交什么", "带什么", "营业执照", "承诺函", "清单", "需要申报吗", "要不要申报",
                 "自己申报", "二次申报", "还要申报", "还需要申报", "免申"),
    "amount": ("多少钱", "补多少", "奖多少", "给多少", "拿多少", "奖励多少", "补助多少", "多少万", "金额", "额度", "最高", "上限",
               "封顶", "能补", "能拿", "给予", "补贴多少", "资金支持多少", "多少资金", "比例", "百分之", "几个点"),
    "condition": ("条件", "要求", "资格", "够吗", "够不够", "符合", "能不能申请", "可以申请", "能申请", "门槛", "需要满足", "达标",
                  "算不算", "够格", "指标", "达到", "能申报", "可以申报", "申请补助", "申请奖励",
                  "符合哪", "哪一类", "哪类", "哪个类别"),
}

# Topics the measures leave to others or do not cover: the reply says so instead of guessing.
OPEN_TOPICS: dict[str, tuple[tuple[str, ...], str]] = {
    "deadline": (
        ("截止", "截至", "deadline", "几月份申报", "申报时间", "申报期", "时间窗口", "开始申报", "什么时候申报", "什么时候申请",
         "何时申报", "哪天申报", "几号申报", "什么时候报", "申报窗口", "受理时间"),
        "《管理办法》没有规定具体的申报时间或截止日期：申报由市经济和信息化局每年印发通知启动，请以当年的申报通知为准。",
    ),
    "stacking": (
        ("同时申请", "叠加", "兼得", "重复享受", "同时享受", "一起申请", "都申请"),
        "《管理办法》没有规定不同类别能否同时申请或叠加享受；请以年度申报通知或市经济和信息化局的解释为准。",
    ),
    "payment_time": (
        ("多久能到账", "多久到账", "什么时候到账", "何时到账", "多久拨付", "何时拨付", "什么时候拨付", "多久能拿到", "什么时候能拿到",
         "多久下来", "什么时候发钱", "多久发"),
        "《管理办法》没有规定资金拨付的时限：资金由市经济和信息化局拨付到各区、开发区，再由其拨付到项目申报主体（第十条），具体进度请咨询所在区经信主管部门。",
    ),
    "annual_events": (
        ("去年有哪些", "往年有哪些", "历年", "发了没", "发了吗", "出来了吗", "几批", "哪些企业拿到", "哪些企业获得", "获奖名单", "专家名单",
         "哪些专家", "专家有哪些", "通过率", "多少家企业拿到"),
        "《管理办法》只规定规则，不涉及具体年度的申报通知、评审批次、专家或获支持名单；请以市经济和信息化局发布的年度通知和公示为准。",
    ),
    "other_policies": (
        ("额外补贴", "配套补贴", "区级补贴", "区里补贴", "区里有没有", "区级奖励", "省里给", "省里奖励", "省级奖励多少", "国家给多少",
         "国家奖励多少", "国家对"),
        "《管理办法》只规定武汉市级工业互联网专项资金；区级配套、省级或国家层面的奖励不在本办法范围内，请咨询相关主管部门。",
    ),
    "contact": (
        ("网址", "网站", "申报系统", "链接", "电话", "联系方式", "邮箱", "办公地址", "在哪里交", "去哪交", "二维码", "公众号"),
        "《管理办法》没有载明申报系统、网址或联系方式；请以年度申报通知为准，或咨询所在区、开发区的经信主管部门。",
    ),
    "tax": (
        ("税", "纳税", "个税", "增值税", "所得税", "发票税率"),
        "《管理办法》没有涉及税收问题；专项资金的财务处理只规定“按国家有关规定进行财务处理”。请咨询税务部门。",
    ),
}

# Words that show a question is about something else entirely.
OUT_OF_SCOPE_WORDS: tuple[str, ...] = (
    "天气", "下雨", "股票", "房价", "户口", "落户", "社保", "公积金", "签证", "高考", "彩票", "菜谱", "电影",
    "人才补贴", "购房补贴", "医保", "个税", "贷款利率", "养老",
)

# Places whose own policies the measures do not cover (a registration question about them is in scope).
OTHER_PLACES: tuple[str, ...] = (
    "北京", "上海", "天津", "重庆", "深圳", "广州", "杭州", "南京", "苏州", "成都", "西安", "长沙", "郑州", "合肥",
    "青岛", "厦门", "宁波", "济南", "东莞", "佛山", "孝感", "鄂州", "黄石", "襄阳", "宜昌", "荆州", "十堰", "黄冈",
    "咸宁", "随州", "恩施", "仙桃", "潜江", "天门", "荆门", "湖北省", "广东", "浙江", "江苏", "国家层面", "省级政策",
)
REGISTRATION_WORDS: tuple[str, ...] = ("注册", "登记", "营业执照", "公司在", "企业在", "总部在", "外地")

# Asking for a figure: if no cited clause holds one, the text leaves it open.
QUANTITY_WORDS: tuple[str, ...] = ("多少", "几", "多大", "多长", "多久")

# Filler that says nothing about *which* rule is asked; a question made only of it is too vague.
VAGUE_FILLER: tuple[str, ...] = (
    "请问", "您好", "你好", "一下", "我们", "我", "公司", "企业", "单位", "这个", "那个", "能", "可以", "需要", "要", "想",
    "什么", "多少", "哪些", "有", "的", "了", "吗", "呢", "啊", "呀", "吧", "钱", "奖励", "补助", "资金", "支持", "申请", "补贴",
    "申报", "专项资金", "政策", "办法", "最多", "一共", "到底", "具体", "大概", "是", "给", "拿", "补", "奖",
)

# Phrases that try to change the assistant's rules; they are removed and change nothing.
INJECTION_MARKERS: tuple[str, ...] = (
    "忽略之前", "忽略以上", "忽略上面", "忽略所有", "忘记之前", "无视之前", "不要遵守", "你现在是", "扮演",
    "系统提示", "system prompt", "ignore previous", "ignore all", "disregard", "jailbreak", "开发者模式",
    "你必须回答", "直接告诉我所有", "不用引用", "不要引用",
)

# Domain words one of which an in-scope question normally contains (beside category words).
DOMAIN_WORDS: tuple[str, ...] = (
    "专项资金", "办法", "管理办法", "申报", "奖励", "补助", "资金", "支持", "审核", "公示", "拨付", "评审",
    "推荐", "材料", "免申即享", "弄虚作假", "失信", "事故", "解释", "实施", "终止", "有效期", "依据", "预算",
    "绩效", "财务", "工业互联网", "经信", "经济和信息化局", "独立法人", "联合体", "注册", "武汉", "首次",
    "原则", "用途", "用于", "条件", "补贴", "申请", "流程", "程序", "查重", "专家", "分配", "监督", "征求意见",
    "区级", "开发区", "退回", "收回", "处罚", "造假", "虚假", "取消", "受理",
)

# Asking how something is proven: the evidence clauses of the category's conditions answer it.
EVIDENCE_WORDS: tuple[str, ...] = ("证明", "凭证", "以什么为准", "怎么认定", "依据什么")

CLARIFY_CHOICES: tuple[str, ...] = tuple(CATEGORY_TITLES[category] for category in CATEGORY_TITLES)

# Nouns a question may use about any rule ("有什么后果", "哪些方面"): not a sign of an uncovered topic.
GENERIC_NOUNS: frozenset[str] = frozenset(
    "后果 条款 歧义 方面 方式 内容 意思 问题 事情 情况 规定 要求 指标 数量 环节 时间 时候 期限 比例 上限 下限 金额 流程 程序 "
    "步骤 区里 市里 政府 部门 机构 文件 政策 资格 条件 标准 手续 东西 区别 差别 好处 作用 目的 意义 依据 原因 理由 类别 种类 "
    "类型 范围 对象 主体 公司 企业 单位 我们 你们 他们 平台 项目 奖励 补助 补贴 资金 钱 费用 数字 数额 具体 多少 名单 结果 "
    "方面 细则 说明 解释 答复 回复 渠道 途径 办法 老板 领导 同事 客户 行业 领域 服务 收入 营收 收益 合同 发票 证明 材料 年度 "
    "两年 一年 每年 今年 去年 次数 批次 比率 额外 会议 会 时长 天数 日期 算数 记录 账户 账号 奖金 报告 证书 资料".split()
)
