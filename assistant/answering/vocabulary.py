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
    "amount": ("多少钱", "补多少", "奖多少", "给多少", "拿多少", "奖励多少", "补助多少", "多少万", "金额", "额度", "最高", "上限", "封顶", "能补", "能拿", "给予", "补贴多少", "资金支持多少", "多少资金"),
    "condition": ("条件", "要求", "资格", "够吗", "够不够", "符合", "能不能申请", "可以申请", "能申请", "门槛", "需要满足", "达标", "算不算", "够格"),
    "material": ("材料", "提交什么", "准备什么", "交什么", "带什么", "营业执照", "承诺函", "清单"),
}

# Topics the measures leave to others or do not cover: the reply says so instead of guessing.
OPEN_TOPICS: dict[str, tuple[tuple[str, ...], str]] = {
    "deadline": (
        ("截止", "截至", "deadline", "几月", "哪天", "什么时候", "何时", "申报时间", "申报期", "时间窗口", "几号", "开始申报"),
        "《管理办法》没有规定具体的申报时间或截止日期：申报由市经济和信息化局每年印发通知启动，请以当年的申报通知为准。",
    ),
    "stacking": (
        ("同时申请", "叠加", "兼得", "重复享受", "同时享受", "一起申请", "都申请"),
        "《管理办法》没有规定不同类别能否同时申请或叠加享受；请以年度申报通知或市经济和信息化局的解释为准。",
    ),
    "tax": (
        ("税", "纳税", "个税", "增值税", "所得税", "发票税率"),
        "《管理办法》没有涉及税收问题；专项资金的财务处理只规定“按国家有关规定进行财务处理”。请咨询税务部门。",
    ),
}

# Words that show a question is about something else entirely.
OUT_OF_SCOPE_WORDS: tuple[str, ...] = (
    "天气", "下雨", "股票", "房价", "户口", "落户", "社保", "公积金", "签证", "高考", "彩票", "菜谱", "电影",
    "北京市", "上海市", "深圳市", "广州市", "杭州市", "孝感市", "人才补贴", "购房补贴", "医保", "个税",
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

CLARIFY_CHOICES: tuple[str, ...] = tuple(CATEGORY_TITLES[category] for category in CATEGORY_TITLES)
