"""Domain tables for fact extraction: fact labels, places, legal forms, cue words and units."""

from __future__ import annotations

from dataclasses import dataclass


def words(spaced: str) -> tuple[str, ...]:
    """A word list written as one space-separated string, so long tables stay readable."""
    return tuple(spaced.split())


# --------------------------------------------------------------------------- facts

REVENUE = "security_service.industrial_security_revenue_2y_yuan"
SECURITY_SERVICES = "security_service.industrial_security_services"
SERVED = "platform.served_enterprises"
DEVICES = "platform.connected_devices"
NODES = "identifier_node.new_enterprise_nodes"
REGISTRATIONS = "identifier_node.new_registrations"
RESOLUTIONS = "identifier_node.daily_resolutions"
SCENARIOS = "identifier_node.application_scenarios"
REGISTERED_IN_WUHAN = "applicant.registered_in_wuhan"
LEGAL_FORM = "applicant.legal_form"
MAJOR_ACCIDENT = "applicant.major_accident_last_2y"
SERIOUS_DISHONESTY = "applicant.serious_dishonesty"
DUAL_CROSS_AWARDED = "national_recognition.dual_cross_platform.awarded"
DUAL_CROSS_FIRST = "national_recognition.dual_cross_platform.first_time"
PILOT_DEMO = "national_recognition.pilot_demo"

# Chinese label of every fact, as shown back to the user ("我理解的是：…").
FACT_LABELS: dict[str, str] = {
    REGISTERED_IN_WUHAN: "在武汉市注册登记",
    LEGAL_FORM: "申报主体类型",
    MAJOR_ACCIDENT: "近两年发生重大安全、质量、环保事故",
    SERIOUS_DISHONESTY: "有严重失信行为",
    DUAL_CROSS_AWARDED: "获评国家“双跨”工业互联网平台",
    DUAL_CROSS_FIRST: "首次获评国家“双跨”工业互联网平台",
    PILOT_DEMO: "国家试点示范",
    SECURITY_SERVICES: "从事工业企业网络安全服务",
    REVENUE: "近两年工业企业网络安全服务收入",
    "identifier_node.built_after_top_node_launch": "二级节点在国家顶级节点（武汉）上线后新建",
    "identifier_node.rd_and_operation_capability": "具备标识解析研发创新和运营服务能力",
    "identifier_node.technical_team": "有技术实施团队",
    SCENARIOS: "典型创新应用场景",
    NODES: "年度新增接入企业节点",
    REGISTRATIONS: "年度新增标识注册量",
    RESOLUTIONS: "日均解析量",
    "platform.operation_and_service_capability": "具备平台运营和服务能力",
    "platform.covers_production_chain": "平台覆盖设备、生产、流通等生产链",
    "platform.data_chain": "平台具备数据采集、管理、交换和安全保障等数据链",
    SERVED: "平台服务企业数",
    DEVICES: "设备连接数",
    "platform.rated_municipal_industry_platform": "获评市级行业工业互联网平台",
}

# Unit shown after a count when it is displayed back.
COUNT_DISPLAY_UNITS: dict[str, str] = {
    SERVED: "家",
    DEVICES: "台（套）",
    NODES: "个",
    REGISTRATIONS: "",
    RESOLUTIONS: "次/日",
    SCENARIOS: "项",
}

LEGAL_FORM_LABELS: dict[str, str] = {
    "independent_legal_person": "独立法人",
    "consortium": "联合体",
    "branch": "分公司（分支机构）",
    "individual_business": "个体工商户",
    "other": "其他",
}

PILOT_PROGRAM_LABELS: dict[str, str] = {
    "integration": "新一代信息技术与制造业融合发展试点示范",
    "industrial_internet": "工业互联网试点示范",
    "innovation": "制造业“双创”试点示范",
}

# Facts whose "yes" means something bad happened; a bare 是的 to them is confirmed, not taken.
NEGATIVELY_PHRASED_FACTS = frozenset({MAJOR_ACCIDENT, SERIOUS_DISHONESTY})

BOOLEAN_FACTS = frozenset(
    {
        REGISTERED_IN_WUHAN,
        MAJOR_ACCIDENT,
        SERIOUS_DISHONESTY,
        DUAL_CROSS_AWARDED,
        DUAL_CROSS_FIRST,
        SECURITY_SERVICES,
        "identifier_node.built_after_top_node_launch",
        "identifier_node.rd_and_operation_capability",
        "identifier_node.technical_team",
        "platform.operation_and_service_capability",
        "platform.covers_production_chain",
        "platform.data_chain",
        "platform.rated_municipal_industry_platform",
    }
)

# --------------------------------------------------------------------------- numbers


@dataclass(frozen=True)
class NumberFact:
    """How a number is recognised as one fact: the units it may carry and the words around it."""

    path: str
    units: tuple[str, ...]  # "" = no unit; a bare number with a keyword
    keywords: tuple[str, ...]
    is_money: bool = False


# Order matters only for equal keyword length; the longest keyword found near the number wins.
NUMBER_FACTS: tuple[NumberFact, ...] = (
    NumberFact(
        REVENUE,
        units=("元", ""),
        keywords=words(
            "收入 营收 服务费 营业额 合同额 合同金额 开票 发票 流水 进账 销售额 创收 挣了 赚了 做了"
        ),
        is_money=True,
    ),
    NumberFact(
        SERVED,
        units=("家", ""),
        keywords=words("服务企业 服务了 服务的企业 客户 用户 赋能 在用 入驻 上平台 上云 平台上"),
    ),
    NumberFact(DEVICES, units=("台套", "台", "套", ""), keywords=("设备", "连接数", "联网", "终端")),
    NumberFact(NODES, units=("个", "家", ""), keywords=("企业节点", "节点")),
    NumberFact(
        REGISTRATIONS, units=("条", "个", ""), keywords=("注册量", "标识注册", "注册数", "标识量", "注册了")
    ),
    NumberFact(RESOLUTIONS, units=("次", ""), keywords=("解析",)),
    NumberFact(SCENARIOS, units=("项", "个", "类", "种"), keywords=("场景", "创新应用", "典型应用")),
)

# A unit that says by itself what is counted, used only when the message is just that number
# ("一百二十家", "8千台套"); inside a sentence (服务器有两台) it could count anything.
UNIT_DEFAULT_FACTS: dict[str, str] = {
    "元": REVENUE,
    "家": SERVED,
    "台套": DEVICES,
    "台": DEVICES,
}

# Units written after a number and the unit the fact is counted in; longest match wins.

# Units of things that are not facts: a number carrying one (35人, 8年, 45岁) is left alone.

# Words before a number that make it something other than a fact (policy amounts, capital …).
NUMBER_BLOCKERS: tuple[str, ...] = words(
    "注册资本 注册资金 投资 投入 补贴 补助 补多少 奖励 资助 资金支持 最高 不高于 贷款 借款 利润 净利 毛利 成本 预算 税 工资 融资 估值 市值 房租 保证金 罚款 员工 人员 注册资"
)

# Nouns right after a number that make it count something else.
NUMBER_SUFFIX_BLOCKERS: tuple[str, ...] = words(
    "子公司 分公司 员工 工厂在 高校 大学 单位 成员 合作 奖励 补贴 补助 资金支持 组成 股东 银行 门店 研发中心"
)

# Words in a clause that make a number a quotation of the policy, not the enterprise's own figure.

# Revenue for one year is not the two-year total the measures count.
SINGLE_YEAR_MARKERS: tuple[str, ...] = ("去年", "今年", "前年", "每年", "一年", "年均", "平均每年")
TWO_YEAR_MARKERS: tuple[str, ...] = ("两年", "2年", "二年", "合计", "累计", "总共", "一共", "加起来", "总计")
DAILY_MARKERS: tuple[str, ...] = words("次/日 次/天 每天 每日 日均 一天 天均 /日 /天 每天的 日解析")
CUMULATIVE_MARKERS: tuple[str, ...] = ("累计", "总共", "一共", "总量")

# --------------------------------------------------------------------------- places

# 武汉 and what lies inside it: districts, development zones and well-known areas.
WUHAN_PLACES: tuple[str, ...] = words(
    "武汉 武汉市 江岸区 江岸 江汉区 江汉 硚口区 硚口 汉阳区 汉阳 武昌区 武昌 青山区 洪山区 洪山 东西湖区 东西湖 汉南区 汉南 蔡甸区 蔡甸 江夏区 江夏 黄陂区 黄陂 新洲区 新洲 汉口 东湖新技术开发区 东湖高新区 东湖高新 光谷 武汉东湖新技术开发区 武汉经济技术开发区 武汉经开区 经开区 沌口 车谷 长江新区 临空港经济技术开发区 临空港经开区 临空港 东湖生态旅游风景区 东湖风景区 武汉开发区 阳逻 后湖 关山 南湖 沌阳 吴家山 纸坊 前川 邾城"
)

# Places that are not Wuhan: other cities of Hubei first, then other provinces' cities.
OTHER_PLACES: tuple[str, ...] = words(
    "孝感 鄂州 黄石 黄冈 咸宁 荆州 荆门 宜昌 襄阳 十堰 随州 恩施 仙桃 潜江 天门 神农架 汉川 应城 大冶 麻城 北京 上海 天津 重庆 深圳 广州 杭州 南京 苏州 无锡 长沙 成都 西安 郑州 合肥 南昌 济南 青岛 厦门 福州 东莞 佛山 宁波 昆明 贵阳 南宁 沈阳 大连 长春 哈尔滨 石家庄 太原 兰州 乌鲁木齐 香港 澳门 南山"
)

# A province that contains Wuhan but is not Wuhan: unsure, ask.
AMBIGUOUS_PLACES: tuple[str, ...] = ("湖北", "湖北省")

# Words that say the place is where the applicant is registered.
REGISTRATION_WORDS: tuple[str, ...] = ("注册", "登记", "营业执照", "执照")
# Words that say the applicant is located there (weaker than registration).
LOCATION_WORDS: tuple[str, ...] = ("在", "位于", "落户", "总部", "地处", "坐落", "是", "属于", "本地")
# Something other than the applicant is located there.
NOT_APPLICANT_PLACE_WORDS: tuple[str, ...] = words(
    "工厂 研发中心 办事处 基地 客户 项目 仓库 门店 分部 子公司 分公司 岸边"
)
# Words right after a place name that make it an institution or a policy, not a location.
PLACE_INSTITUTION_SUFFIXES: tuple[str, ...] = words(
    "市级 级 经信 市经信 市政府 政府 经济和信息化 市经济和信息化 财政 的政策 政策 市工业互联网 工业互联网 专项 大学"
)

# --------------------------------------------------------------------------- legal forms

# First match in this order wins: a consortium of legal persons is a consortium.
LEGAL_FORM_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("consortium", ("联合体", "联合申报")),
    ("branch", ("分公司", "分支机构", "分厂")),
    ("individual_business", ("个体工商户", "个体户", "个体经营")),
    ("other", ("合伙企业", "个人独资企业", "个人独资", "自然人", "民办非企业", "社会团体")),
    (
        "independent_legal_person",
        words("独立法人 企业法人 法人单位 法人资格 有限责任公司 有限公司 股份有限公司 股份公司 子公司"),
    ),
)

# --------------------------------------------------------------------------- clauses

# Conjunctions that start a new clause for the purpose of negation scope.

# Strong markers mean the user corrects an earlier answer.
CORRECTION_PATTERN = (
    r"不对|错了|说错|写错|打错|更正|纠正|改成|改为|改一下|修正|其实是|准确地说|准确的说|应该是"
)
WEAK_CORRECTION_PATTERN = r"不是[^，,。；;]{0,12}[，,]?是"

# Bare answers to the question just asked.
YES_PATTERN = r"^(是的|是啊|是|对的|对啊|对|有的|有啊|有过|有|具备|具有|嗯+|恩|没错|当然|确实|已经|首次|第一次|是第一次)"
NO_PATTERN = r"^(没有|没|无|不是|否|不|还没有|还没|尚未|未|从来没有|从没|都没有|不具备|不存在)"
# Affirmations that only say "what you said is right" (as opposed to "there was one").
PLAIN_YES_PATTERN = r"^(是的|是啊|是|对的|对啊|对|嗯+|恩|没错|当然|确实)"

# First-time markers for national recognitions.
FIRST_TIME_PATTERN = (
    r"首次|第一次|头一回|头一次|之前没(有)?(拿|获|评|入选)过|以前没(有)?(拿|获|评|入选)过|初次"
)
NOT_FIRST_TIME_PATTERN = (
    r"第[二三四五六七八九两]次|再次|又一次|又(获|入选|评|拿)|连续|复评|之前(就)?(已经)?(获评|拿到|入选)过|"
    r"(不是|并非|非|不算)(第一次|首次|头一次|头一回|初次)|(早就|早已|已经|前几年就?)(获评|获批|评上|入选|拿到|拿过)过?"
)
# "都是第一次": the first-time statement covers every recognition named in the message.
ALL_FIRST_TIME_PATTERN = r"(都|均|全)(是|为|属)?(第一次|首次|头一次|头一回)"
AWARD_WORDS = r"获评|获批|入选|评上|评为|被评|认定|拿到|获得|成为|是|属于|入围|拿了|评过"

# Programmes of national pilot demonstrations (第四条第（一）项第1目).
PILOT_PROGRAM_PATTERNS: tuple[tuple[str, str], ...] = (
    ("integration", r"融合发展|两化融合|信息技术与制造业融合|融合试点|融合示范"),
    ("industrial_internet", r"工业互联网[^，,。；;和及与、]{0,6}?(试点|示范)"),
    ("innovation", r"双创"),
)
DUAL_CROSS_PATTERN = r"双跨|跨行业跨领域"

# --------------------------------------------------------------------------- yes/no statements


@dataclass(frozen=True)
class StatementCue:
    """A yes/no fact stated in a clause: true unless the clause is negated."""

    path: str
    cue: str  # regex naming the fact
    needs: str = ""  # regex that must also be present (a verb such as 做/提供)
    unless: str = ""  # regex that rules the clause out for this fact


STATEMENT_CUES: tuple[StatementCue, ...] = (
    StatementCue(
        SECURITY_SERVICES,
        cue=r"网络安全服务|网络信息安全服务|工控安全|安全评估|攻防演练|数据安全|分类分级|安全服务|安全解决方案",
        needs=r"做|从事|提供|开展|主营|负责|承接|干|搞",
    ),
    StatementCue("identifier_node.rd_and_operation_capability", cue=r"研发[^，,。；;]{0,6}能力|研发和运营"),
    StatementCue("identifier_node.technical_team", cue=r"技术[^，,。；;\d]{0,4}团队|实施团队"),
    StatementCue(
        "platform.operation_and_service_capability",
        cue=r"运营和服务能力|运营服务能力|平台运营",
        unless=r"研发",
    ),
    StatementCue("platform.covers_production_chain", cue=r"生产链|覆盖[^，,。；;\d]{0,10}(生产|流通)"),
    StatementCue("platform.data_chain", cue=r"数据链|数据采集[^，,。；;]{0,12}(管理|交换|安全保障)"),
    StatementCue(
        "platform.rated_municipal_industry_platform",
        cue=r"市级[^，,。；;]{0,10}平台",
        needs=r"获评|评上|评为|被评|入选|认定|获批|是",
    ),
)

TOP_NODE_CUE = r"顶级节点"
AFTER_LAUNCH = r"上线(以|之)?后|上线以来|之后|以后"
BEFORE_LAUNCH = r"之前|以前|上线前"

ACCIDENT_CUE = r"事故|出过事|出事"
NOT_MAJOR = r"不算重大|不属于重大|非重大|不是重大|算不上重大"
DISHONESTY_CUE = r"失信|黑名单|不良信用|信用污点"
SERIOUS_DISHONESTY_WORDS = r"严重|被执行人|黑名单|列入"
GOOD_CREDIT = r"信用(记录)?(良好|很好|不错|没问题|优良|优秀)"

LEGAL_FORM_VERBS = r"是|属于|为|作为|以|组成|注册了|成立了|设立了|性质|联合申报"
LEGAL_FORM_NEGATION = r"(不是|并非|非|不属于|不算)[^，,。；;]{0,4}$"

# --------------------------------------------------------------------------- confirmation questions

CONFIRM_QUESTIONS: dict[str, str] = {
    "place_unsure": "请确认：贵单位是否在武汉市（含各区、开发区）注册登记？",
    "legal_form_unsure": "请确认贵单位的主体类型：独立法人、联合体、分公司（分支机构）、个体工商户，还是其他？",
    "accident_unsure": "请确认：近两年发生的事故是否属于重大安全、质量、环保事故？",
    "accident_yes": "请确认：贵单位近两年发生过重大安全、质量、环保事故，对吗？",
    "dishonesty_unsure": "请确认：贵单位是否存在严重失信行为（如被列入失信被执行人名单）？",
    "dishonesty_yes": "请确认：贵单位存在严重失信行为，对吗？",
    "pilot_program_unsure": "请问获批的是哪一类国家试点示范：新一代信息技术与制造业融合发展、工业互联网，还是制造业“双创”？",
    "number_unknown": "您提到的“{number}”指的是哪一项数据（如近两年安全服务收入、服务企业数、设备连接数）？",
    "number_inexact": "{label}能否提供准确的数字？您说的是“{number}”。",
    "money_without_scale": "{label}是“{number}”元，还是“{number}万元”？请补充单位。",
    "revenue_one_year": "申报看的是申报前两个自然年的合计收入，您说的“{number}”是一年的吗？请提供两年合计的金额。",
    "resolutions_not_daily": "日均解析量是多少？您说的“{number}”看起来是累计量。",
    "number_conflict": "{label}您提到了不止一个数字（{numbers}），以哪个为准？",
    "correction_target": "您更正的“{number}”是指哪一项数据？",
}
