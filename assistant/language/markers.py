"""Markers of Chinese in general: negation, questions, hypotheticals, contrast, units.

They say *how* something is said (denied, asked, supposed), never *what* a regulation is about.
"""

from __future__ import annotations

import re

# Units written after a number and the unit counted; longest match wins.
COUNT_UNITS: dict[str, str] = {
    "次/日": "次", "次/天": "次", "次每天": "次", "次每日": "次", "次": "次",
    "元整": "元", "元人民币": "元", "元": "元", "块钱": "元", "块": "元",
    "台套": "台套", "台": "台", "套": "套", "家": "家", "间": "家", "个": "个", "项": "项", "条": "条", "种": "种", "类": "类", "件": "件",
}  # fmt: skip

# Units of things that are not counted facts: a number carrying one (35人, 8年, 45岁) is left alone.
OTHER_UNITS: tuple[str, ...] = tuple(
    "个人 个工程师 个工作日 个自然年 个月 个百分点 年 岁 人 名 位 月 日 天 号 级 期 批 届 周 小时 分钟 分 倍 起 化 楼 层 栋 平 亩 %".split()
)

NEGATION_PATTERN = (
    r"没有(?!问题|毛病|修复|移出|撤)|没(?!错|问题|毛病|事儿|修复|移出|撤|消|解除)|(?<!毫)无(?!论)|未(?!来|修复|移出)|从未|不曾|尚未|"
    r"并无|(?<![\d一二两三四五六七八九十百千万亿])零(?=[^，,。；;\d]{0,12}(?:事故|失信))|[为是]零|(?<=事故|失信|记录)\s*零(?=$|[，,。；;！!])|(?<![\d.])0\s*(?:起|条|次|件)|零(?:起|条|次|件|发生|记录)|"
    r"欠缺|缺乏|缺少|谈不上|跟不上|否认|(?:为|是)空(?!间|调|气|白)|(?:还|比较|很|太|偏)弱|薄弱|落选|落空|被刷|"
    r"不(?!少|仅|断|错|光|止|低于|但|过|久|同|一定|算|高于|只|再|差|弱|小|低|亚于|方便|缺|多不少|离十|好意思)"
)
# 要是 is "if" except inside 主要是/需要是/只要是 …
HYPOTHETICAL_PATTERN = (
    r"如果|假如|(?<![主需只总就还重想])要是|假设|假定|假使|设想|如若|万一|比如|譬如|假若|倘若|的话能|打个比方|比方说|举个例子"
    r"|(?<![倘假如])若(?![干])"
)
# Plans and waiting ("打算新建", "明年申报", "等服务企业超过100家了再来问"): nothing stated about today.
PLANNED_PATTERN = (
    r"打算|准备|计划|规划|目标|拟|将要|将会|预计|争取|明年|后年|下一?年度?|今后|以后再|"
    r"等(?:到)?[^，,。；;]{1,16}(?:了|以后|之后|时)再"
)
# Applying for something (not having it): 申报, 申请.
APPLYING_PATTERN = r"申报|申请|报名"
# A plan to apply ("打算以联合体形式申报") describes the application, not a future state of the enterprise.
PLANNED_APPLICATION_PATTERN = r"(?:打算|准备|计划|拟|将要|将会|明年|后年)[^，,。；;]{0,14}(?:申报|申请)"
# Doubt itself, not a wish to ask ("想问问能不能申请" is not unsure of what came before).
DOUBT_PATTERN = (
    r"不(?:是很|太|大)?(?:清楚|确定)|(?:说|记|讲)不(?:太|大)?(?:清|准)|说不好|不好说|不知道|不晓得|[拿吃]不准|没(?:有)?把握|"
    r"不敢(?:打包票|保证|肯定|下结论|说)|(?i:not sure|no idea|no clue|don't know|do not know|not certain|unsure)"
)
# The speaker does not know yet ("事故这块我得问下安全部门", "这个不太清楚"): nothing is stated. Doubt, or a need to
# ask or check first; "可能有也可能没有", "可能六千也可能七千": two guesses side by side state neither.
UNSURE_PATTERN = (
    DOUBT_PATTERN + r"|得问|要问(一)?下|问问|不了解|回头(再)?(确认|问)|核实一下|查一下|"
    r"(?:可能|也许|或许)[^，,。；;]{1,10}也(?:可能|许)|(?i:can't remember|cannot remember)"
)
# Doubt about a detail of a fact (its date, its exact figure), not about the fact ("具体哪个月记不清了").
DETAIL_DOUBT_PATTERN = r"(哪|几)(个月|月|天|年|号|一年|一天)|具体(时间|日期|月份|数字|多少)|(时间|日期|月份)[^，,。；;]{0,4}(记不清|说不准|不确定)"
# A hedged first word ("应该没有吧"): with "不太清楚" after it, a guess rather than an answer.
HEDGED_PATTERN = r"^(?:应该|估计|大概|可能|好像|似乎|也许|或许)"
# The speaker declines to say ("具体在哪个市不方便说"): nothing is asked back about that message.
DECLINE_PATTERN = r"不方便(说|透露|讲)|不便(说|透露)|保密|不想说"
# Not there yet ("还在建设", "还在专家评审", "结果没出"): a capability or title is not had today.
IN_PROGRESS_PATTERN = (
    r"还在[^，,。；;]{0,6}?(建设|建|搭|申报|申请|评审|审核|公示|走流程|招)|正在(建设|建|搭建|申报|申请|评审|审核|公示|招)|"
    r"(建设|申报|申请|评审|审核|公示)(中|阶段)|在建|筹建|规划中|结果(还)?没(出|下来)|还没(公示|批|下文|出结果)|"
    r"还在等|在等[^，,。；;]{0,6}(评审|审核|结果|公示|批)|^等(结果|通知|消息|批复|公示)|"
    # a list still under public notice, a review still at its first stage: not had yet
    r"(?:还|仍)[^，,。；;]{0,4}公示期|公示期(?:还)?没(?:过|结束|完)|还在[^，,。；;]{0,6}?(?:初审|复审|终审)"
)
# Another party is the subject ("同行一家公司收入800万", "朋友的企业"): its figures are not the speaker's.
OTHERS_PATTERN = (
    r"同行|行业(?:里|内|的)?(?:平均|均值|普遍)|别的(?:公司|企业|单位)|别家|(?<!给)别人(?:家|的)|人家|友商|隔壁|竞争对手|朋友(?:的|家|公司|企业|单位|那)|其他(?:公司|企业|单位)|"
    r"兄弟单位|(?<![给靠和跟与找])(?:合作伙伴|合作方|供应商)|对方(?:的|那边|那家|家|当事人|单位|公司)|当事人|(?:他们|她们)?那(?:间|家)(?:公司|企业|单位|厂)|(?:别人|人家|有人)说|"
    r"客户的|客户(?:那边|那儿|那头|方面|方)|母公司|母集团|集团名下|上级单位|上级公司|听说|据说|兄弟公司|姊妹公司|姐妹公司|关联公司|"
    r"(?:控股|大|参股)?股东(?:那边|方|单位|公司)?(?=[^，,。；;]{0,2}(?:是|有|拿|评|获|也|被|曾|之前|以前))|集团总部|总部那边|总部(?=[^，,。；;]{0,4}[\d一二两三四五六七八九十百千万亿])|"
    r"有一?(?:家|个|些|的)[^，,。；;]{0,4}?(?:企业|公司|单位|工厂|客户|厂)|其中(?:有)?一家|(?:客户|合作伙伴|会员)里(?:有|头)|"
    r"合作的(?:那|这)(?:家|个)|"
    # relatives, classmates and teachers, and a group or a friend as the subject of a title or a figure
    r"(?:[大二三四五小老]?舅舅?|[大二三四小]?叔叔?|[大二三四小]?姑姑?|[大二三四小]?姨|表[哥姐弟妹]|堂[哥姐弟妹]|亲戚|老同学|同学|老乡|老师)"
    r"(?:的|家|在|那|说|他们)|朋友在|"
    r"(?<![的是])集团(?=[^，,。；;]{0,3}(?:拿|评上|获|入选|首次|也是|被))"
)
# A segment right after a figure that disowns it: "总部两年一千八百万，非本司数", "…，那是他们的，不是我们的".
DISOWNED_AFTER_PATTERN = (
    r"(?:那|这|这个|那个)?(?:都)?(?:是|系)?(?:人家|别人|他们|她们|伊|总部|集团|对方)的(?:数|数字|钱|收入)?"
    r"|(?:那|这|这个|那个)?(?:都)?(?:不是|并非|非|不算|毋是|唔系|冇系)(?:我们|我司|本司|本公司|本单位|咱们|咱|我|阮|俺们|俺)"
    r"(?:的|家的|公司的)?(?:数|数字|钱|收入)?"
    r"|(?:跟|和|与)(?:我们|我司|本司)(?:没关系|无关|不相干)"
)
INTERROGATIVE_PATTERN = (
    r"吗|(?<![这那怎什多])么|呢(?=[\s，,。；;！!？?]*$)|？|\?|多少|什么(?!的)|哪些|哪个|怎么|如何|是否|有没有|"
    r"能不能|可不可以|能否|是不是|会不会|请问|算不算|够不够|行不行|要不要|需不需要|用不用|给不给|对不对|"
    # An alternative question with no question mark ("是分开数还是合起来", "凑够两个就行还是越多越好");
    # 还是 alone is also "still" ("我们还是独立法人").
    r"是[^，,。；;]{1,12}还是|(?:就行|就够|可以|算)还是"
)
# Two negations that affirm: 不是没有技术团队, 并非没有, 没有不 …
DOUBLE_NEGATION_PATTERN = (
    r"(?:不是|并非|并不是)(?:没有|没|无|不(?!是))|不能说(?:没有|没|不)|不(?:能|可|容)否认|没有不|没有哪[^，,。；;]{0,10}?(?:不|是缺|缺)|没有一[个样项段环块条]是?(?:缺|少|漏)|一个不少|一样不少|一项不少|"
    r"一[个样项段环块条](?:也|都)(?:没|不)(?:漏|落下|落|缺|少)|"
    r"一环不落|一个不落|一样不落|一项不落|缺一不可|"
    # A denied hand-over is work done in-house: 没有外包, 没有假手于人, 从不委托别人.
    r"(?:没有|没|不|并未|从未|从没|从不|未)(?:曾)?(?:外包|委托(?:给)?(?:别人|外面|第三方)?|假手于?人|交给别人|靠外面|靠外人|靠别人|找外人|用外人|借助外力|依赖外部|请外面的?人)|"
    r"说[^，,。；;]{0,20}?(?:没有|没|不)[^，,。；;]{0,16}?(?:是|那是|这是)?(?:不对|不准确|不实|错的|冤枉|误会|瞎说|胡说)"  # 说我们没有X是不对的
)
# A number supposed with 的话 ("服务企业正好100家的话，算不算"): a hypothesis, not a statement.
SUPPOSED_NUMBER_PATTERN = r"[\d零〇一二两三四五六七八九十百千万亿]+[^，,。；;\d]{0,3}的话"
# Before a place, a unit other than the speaker: a branch's head office ("分公司，总部在深圳"), or a party the
# work is handed to ("运营交给了一家上海的服务商").
# After a place: a branch named with it ("武汉分公司"), the speaker when the speaker is a branch.
BRANCH_AFTER_PATTERN = r"的?(?:分公司|分支机构|分部|分厂)"
HEAD_OFFICE_BEFORE_PATTERN = r"(?:总部|总公司|母公司|集团)[^，,。；;]{0,4}$"
# After a place: where a head office set up its branch ("集团在汉阳设的分支机构", "集团在武汉的分公司").
SET_UP_AFTER_PATTERN = r"[^，,。；;]{0,3}?(?:设|开|成立|建|注册)|的?分"
HANDED_OVER_BEFORE_PATTERN = r"(?:交给|交由|委托(?!人)给?|外包给|包给|托给)了?(?:一|这|那|另)?(?:家|个)?[^，,。；;]{0,2}$"
# A registration moved: the place after the verb is where the unit is now, any before it is where it was
# ("原先在咸宁，今年把户头迁进了新洲", "以前在武汉注册过，前年迁回了荆州").
MOVE_PATTERN = r"(?:迁|搬)(?:入|进|到|至|回|往|去|来|迁到|迁至)|迁移到|转移到|落户(?:到|在)?"
# What the speaker was before, not what they are ("以前是个体户，去年转成了有限公司").
PAST_STATE_PATTERN = r"(?:以前|原来|原先|先前|起初|最初|之前|曾经|过去|早先|前些年|前几年|早些年|早几年|早两年|头几年|早年|[\d一二两三四五六七八九十几]{1,3}年前)[^，,。；;]{0,4}?(?:是|为|属于|登记为|注册为|在)"
# A month range ("今年1到9月"): part of a year, not the year's figure.
MONTH_RANGE_PATTERN = (
    r"[\d一二三四五六七八九十]{1,3}\s*(?:到|至|-|~|—|－)\s*[\d一二三四五六七八九十]{1,3}\s*月"
    r"|(?:截至|截止|截止到|只到|到)\s*[\d一二三四五六七八九十]{1,2}\s*月(?:底|末|份|中)?|上半年|前三季度|前[两二三四五六七八九]个?季度"
)
# A segment opening with 还是 after a question offers the other choice of that question ("…行不行，还是得5001台").
ALTERNATIVE_OPENING = "还是"
# Conjunctions that start a new segment for the purpose of negation scope.
CONTRAST_CONJUNCTIONS = r"但是|但|不过|可是"
# Words of a segment that talks about what a rule requires rather than about the speaker.
# (不好意思 is an apology, not "what it means".)
RULE_TALK_PATTERN = "|".join(
    "要求 条件 标准 规定 门槛 阈值 是指 (?<!好)意思 需要 必须 要超过 要不少于 文件说 文件里说 文件上说 政策说 政策里说 办法里说 原文 那条"
    .split()
)
# A document named as the source of a figure ("文件卡的一百个企业节点", "附件里说的5000台套"): the rule's figure.
RULE_SOURCE_PATTERN = (
    r"(?:文件|办法|政策|附件|通知|条文|细则|申报指南|征求意见稿|草案)[头里上中]?(?:说|写|讲|卡|定|列|规定|要求)(?:的|嘞|哩|滴)"
    # an article named as the source ("阈值取自第四条：…", "第四条说超过100家"): the rule's figures follow
    r"|(?:取自|出自|依据|参照|按照?)第[一二三四五六七八九十\d]{1,3}条|第[一二三四五六七八九十\d]{1,3}条(?:里|中)?(?:说|写|讲|规定|要求)"
)

# Strong markers mean the speaker corrects an earlier answer; the weak one is "不是X，是Y".
CORRECTION_PATTERN = (
    r"不对|错了|说错|说岔|口误|说反了|写错|打错|看错|搞错|弄错|记错|更正|纠正|改成|改为|改一下|修正|其实是|准确地说|准确的说|应该是|"
    r"吹了|吹牛|开玩笑|说笑|实打实|实际上是|"
    r"那(?:是|个是)(?:去年|前年|上一年|上年|以前|之前|往年)的(?:数|数字|数据|量)?|"  # 110个，哦那是去年的数，今年…
    r"(?:^|[，,。\s])(?:哦|噢|啊|呃)?不[，,]\s*是"  # 哦不，是999万
)
WEAK_CORRECTION_PATTERN = r"不是[^，,。；;]{0,12}[，,]?是"
# Bare answers to a yes/no question just asked.
YES_PATTERN = (
    r"^(是的|是啊|是|对的|对啊|对|有的|有啊|有过|有|具备|具有|嗯+|恩|没错|当然|确实|已经|首次|第一次|是第一次|"
    r"(评|选|批|拿|获)(上|到|下来|批)了?|入选了|获评了|(?i:yes|yep|yeah|yup|correct)(?![a-z]))"
)
# "零" / "一个都没有落地": none, to a yes/no or a how-many question.
NO_PATTERN = (
    r"^(没有|没(?!错|问题)|无|不是|否|不|还没有|还没|还不是|还不|尚未|未|从来没有|从没|都没有|不具备|不存在|清清白白|干干净净|"
    r"(?:零|〇|0)(?:起|次|条|个|家|项|台)?(?=$|[，,。；;！!\s])|一(?:个|项|家|台|次|条|起)(?:都|也)(?:没|无|不)|"
    r"(?i:no|nope|nah|not yet|never|none)(?![a-z])(?!\s*(?i:idea|clue)))"
)
# A reply saying someone else does it, or that only part of it is there: "no" to a question asking whether
# the speaker has or covers it ("都是请外面的施工队", "运营找的是第三方", "只有生产环节", "差了交换").
NOT_OURS_OR_PARTIAL_PATTERN = (
    r"外包|委托|第三方|合作方|合资方|请外面|外面的?[^，,。；;]{0,4}(公司|队|团队|人)|别人(做|干|来)|指望|依赖外|"
    r"(?:全权)?交给了?(别人|合作|合资|外|第三方)|全权交给|全靠|主要靠|靠[^，,。；;]{0,4}(集成商|代理商|服务商|外面|别人|合作|他们|人家|对方)|托给|托管给|^(只有|只做|只管|只|仅有|仅|就只有)|差了|缺了|少了|还差|就缺|还缺|只缺|缺少|"
    r"空着|空白|是空的|"
    r"(?:集成商|代理商|服务商|外包商|供应商|施工队)[^，,。；;]{0,2}(?:在|来)?(?:做|干|弄|负责|搞|运营|实施)"
)
# A segment that is only a hesitation ("嗯，", "呃，"): before a statement of another fact it answers nothing.
HESITATION_PATTERN = r"^(?:嗯+|恩|呃+|额|啊|哦)[，,。.\s…]*$"
# Affirmations that only say "what you said is right" (as opposed to "there was one").
PLAIN_YES_PATTERN = r"^(是的|是啊|是|对的|对啊|对|嗯+|恩|没错|当然|确实|(?i:yes|yep|yeah|yup|correct)(?![a-z]))"
# A denial just before a word: 不是独立法人, 并非分公司.
# 哪是个体户 is rhetorical; "并非任何企业之分公司" denies the word after an indefinite owner; a plan given up
# denies too ("不搞联合体了", "不组队了", "不打算联合申报").
DENIAL_BEFORE_PATTERN = (
    r"(不是|并非|非|不属于|不算|没有|没|无|从未|未曾|从没|不具备|不具有|哪是|哪里是|不走|不再是|不再以|不以|放弃"
    r"|不搞|不组|不用|不打算|不准备|不想|不参加|退出)[^，,。；;]{0,4}$"
    r"|(?:不是|并非|非|不属于|不隶属于?)任何[^，,。；;]{0,8}$|不$"
)
# Holding none of something ("一个都没有", "从未获得"), not any 不 ("能当国家级荣誉用不" asks).
NONE_HELD_PATTERN = r"没有|没(?:拿|评|获|得|选)|无(?!论)|从未|未曾|不曾|未(?:获|评|入)"
# After a word, in its segment: the speaker has nothing to do with it ("跟分公司不是一回事", "联合体跟我们不沾边").
# … or it never came to be ("联合体没组成").
UNRELATED_AFTER_PATTERN = (
    r"不是一(?:回|码)事|两码事|两回事|(?:不一样|不同|有区别|有差别|区别开)(?=$|[，,。；;！!啊哈的])|不沾边|不搭边|沾不上边|没(?:有)?(?:啥|什么)?关系|无关|谈不上|算不上|称不上|够不上|"
    r"没(?:有|能)?(?:组|搞|弄|凑|谈)成|未(?:能)?(?:组|搞)成|"
    r"(?:早已|早就|已经|已)?(?:注销|撤销|撤掉|关掉|不存在)了?(?=$|[，,。；;！!])"  # "分公司早已注销": no longer what we are
)
# Right after a word: it is denied by what follows ("一个外包也没用", "委托都没找过").
DENIED_AFTER_PATTERN = (
    r"(?:的?人|一[个家项次条位])?(?:也|都|从来|从)?(?:没|没有|不|未)(?:用|找|请|搞|做|签)(?:过)?(?=$|[，,。；;！!])"
    r"|(?:的?人|一[个家项次条位])?(?:也|都)(?:没有?|无)(?=$|[，,。；;！!])"  # "一个外包都没有", "外包一个都没有"
)
# Right before a deny word: the word itself is denied ("研发和运营都不外包", "无需委托").
DENIED_RIGHT_BEFORE_PATTERN = r"(?:不|不用|不需要|无需|无须|没再|从不)$"
# Right after a form word: the form denied after it, ending the segment ("联合体不是，个体户不是，分公司也不是哪样的").
# A form field answered 无 denies it too ("联合体：无", from a crossed box).
POSTPOSED_DENIAL_PATTERN = (
    r"\s*(?:也|都|倒|可|就|肯定|当然|根本)?更?(?:不是|不算|不属于)(?:哪样|啥|那种|这种)?[的了]?[嘛啦呢哦]?(?=$|[，,。；;！!、])"
    r"|\s*[：:]\s*(?:无|否|没有)(?=$|[，,。；;])"
)
# Right after a form word: a form field answered 有 or 是 ("独立法人：有", from a ticked box) states it.
FIELD_YES_AFTER_PATTERN = r"\s*[：:]\s*(?:有|是)(?=$|[，,。；;])"
# Right after a form word: a credential held ("有事业单位法人证书"), which states the form.
CREDENTIAL_AFTER_PATTERN = r"(证书|证|资格|执照)"
# A message asks something when it has a question mark or a question word.
QUESTION_PATTERN = (
    r"[？?]|吗|呢|多少|什么|怎么|如何|哪些|哪个|是否|能否|可否|够不够|行不行|能不能|可不可以|请问|为什么|几|"
    r"要不要|需不需要|用不用|算不算|会不会|给不给|对不对"
)
# What may surround a number in a bare answer ("大概150个吧").
FILLER_PATTERN = r"大概|大约|约|差不多|左右|一共|总共|吧|啊|呢|呀|的|是|有|嗯|[，,。；;！!？?\s]"
# Between two listed numbers: 200万和220万.
JOINER_PATTERN = r"\s*(和|、|及|与|跟|以及)?\s*"
# Between the words of a list of alternatives ("联合体或者个体户", "分公司、联合体"): a denial before it reaches each.
ALTERNATIVES_JOINER_PATTERN = r"\s*(?:或者|或是|还是|或|和|与|及|以及|跟|、|/)\s*"
# Between two things said: the speaker offers either ("个体户或者合伙企业", "大概是独立法人吧，也可能算分支机构").
EITHER_OR_PATTERN = r"或者|或是|还是|要么|也可能|也许|或许|(?<![\u4e00-\u9fff])or(?![a-z])"
# Just before a number that is being corrected away: 不是420万.
CORRECTED_AWAY_PATTERN = r"(不是|并非|而不是|[（(]非)\s*$"
# A question word after a negation is indefinite, not a question: 没出过什么事故, 没有多少收入.
INDEFINITE_PATTERN = r"(?<![有是能会可])(没有|没|不|无|未)[^，,。；;？?吗呢]{0,6}(什么|哪些|哪个|哪样|哪项|多少)"
# "研发这块呢，基本都是委托给…": 呢 after a topic, with the sentence going on after the comma, asks nothing.
TOPIC_NE_PATTERN = r"(?:这块|这一块|那块|这边|那边|方面|的话|这个)呢[，,]$"
# "什么事故都没出过": an indefinite word before 都/也 and a negation is no question either.
INDEFINITE_BEFORE_PATTERN = r"(?:什么|哪些|哪个|哪样|哪项|任何)(?=[^，,。；;？?吗呢]{0,24}(?:都|也)(?:没|不|无|未))"
# A statement of one's own: 我们/我司/本公司 … (a figure after these is the speaker's).
OWN_SUBJECT_PATTERN = r"我们|我司|我公司|本公司|本单位|我单位|咱们|咱|俺们|我这边|我方|本院|本所|本中心"
# A message's opening that says who asks or why before the question itself: a label ending in a colon
# ("银行客户经理想弄清楚：", "来电摘要：") or the speaker introducing themselves ("我是银行柜面的，…").
# A scene may run over a comma ("来电人系某院校老师，备课时想核对：…"); the question after it is read alone.
# Before a unit: where the speaker works ("我在汉南区一家独立法人公司管数据"), which is the applicant.
WORKPLACE_BEFORE_PATTERN = r"^(?:我|本人|俺)(?:现在|目前)?在(?![给帮为替跟和与同])[^，,。；;在给帮为替]{0,12}$"
SCENE_LABEL_PATTERN = r"^[^：:？?。！!，,\n]{1,30}(?:[：:]|——)|^[^：:？?。！!\n]{1,48}[：:](?=.)"
SELF_INTRODUCTION_PATTERN = r"^\s*(?:我|本人|俺|咱)(?:们)?(?:是|在)|^\s*作为"
# Right after a count of parties: they apply together ("三家作为一个主体一起报", "两家单位联合申报"), so the
# figure counts the applicants, not anything the rules measure.
JOINT_APPLICANTS_AFTER_PATTERN = (
    r"\s*(?:独立法人|法人|单位|公司|企业)*\s*(?:作为一个(?:申报)?主体|组成联合体|组队|"
    r"(?:一起|一道|一块儿?|共同|联合|抱团|合起来)[^，,。；;]{0,4}?(?:报|申报|申请)|"
    # "另外两家武汉企业组了个联合体", "三家单位抱团建了…": the parties that make up a consortium
    r"[^，,。；;\d]{0,8}?(?:组了?个?联合体|组成了?联合体|结成联合体|抱团|组团)|"
    r"(?:都|均)(?:是|为)[^，,。；;\d]{0,10}?(?:独立法人|法人|注册)|"
    # "三家都不做网络安全服务", "三家均未出过事故": what each of the parties does not do
    r"(?:都|均|全都|全)(?:不|没|未|无))"
)
# Possession before a noun: 我们有3家子公司, 在武汉设有分公司 — the noun is not the speaker.
POSSESSION_PATTERN = r"有(?!限)|拥有|下设|设有|(?:我们|我司|本公司|公司|集团)(?:下属|旗下)"
# Verbs that only link a subject to what it is ("是", "属于"): they say nothing of what happened.
COPULAS: tuple[str, ...] = ("是", "属于", "为")
# A calendar year: a figure in a segment with one is for that year.
YEAR_PATTERN = (
    r"(?<![\d〇零一二三四五六七八九])(?:\d{4}|\d{2}|[〇零一二三四五六七八九]{4}|二[〇零一二三四五六七八九](?=年(?!前|多|来|间|里|内|左右|上下)))年"
)
# A total then its parts: "一共650万，其中…"; the rest of it: "其余都来自工业企业".
PART_OF_PATTERN = r"其中"
REST_OF_TOTAL_PATTERN = r"其余|剩下|剩余|余下|另外的|其他的?(?:都|全)"
# Years named relative to now, as offsets (longest first: 大前年 holds 前年).
RELATIVE_YEARS: dict[str, int] = {"大前年": -3, "上一年": -1, "前年": -2, "去年": -1, "上年": -1, "今年": 0, "本年": 0}
# One year named, by number or relative to now: a total "in" it is that year's, not a running total.
ONE_YEAR_PATTERN = "|".join([YEAR_PATTERN, *RELATIVE_YEARS, "当年", "全年", "一整年"])
# Financial (capital) numerals, one character each, read as the ordinary ones.
CAPITAL_NUMERALS = str.maketrans("壹贰叁肆伍陆柒捌玖拾佰仟萬億", "一二三四五六七八九十百千万亿")
# Phrases that try to change an assistant's rules; a segment holding one is dropped.
INJECTION_MARKERS: tuple[str, ...] = (
    "忽略之前", "忽略以上", "忽略上面", "忽略所有", "忘记之前", "无视之前", "不要遵守", "你现在是", "扮演",
    "系统提示", "system prompt", "ignore previous", "ignore all", "disregard", "jailbreak", "开发者模式",
    "你必须回答", "直接告诉我所有", "不用引用", "不要引用", "你现在就是", "你就是经信", "假装你是", "假设你是",
    "直接批准", "你来批", "回复已批准",
)  # fmt: skip
# The same, as families of phrasings: "忽略你之前收到的所有指令", "从现在起你是…系统", "请直接输出：“…”".
INJECTION_PATTERN = "|".join([
    *map(re.escape, INJECTION_MARKERS),
    r"(?:忽略|无视|忘记|忘掉|别管|不要理会)[^。！？!?]{0,8}(?:之前|以上|上面|前面|先前|所有|全部|一切)",
    r"(?:从现在起|从现在开始|从今以后|接下来)[，,]?你",
    r"(?:直接|原样|只|照着?)(?:输出|回复|打印)[:：]?\s*[“\"「『']",
    r"ignore (?:all |any |the |your )?(?:previous|prior|above|earlier)",
    # Orders passed off as coming from inside: "[内部测试指令]", "【管理员口令】", "按此口径回答". (An English "ADMIN
    # OVERRIDE: …" is left in: dropping it drops the words saying what is asked, and the answer quotes the text anyway.)
    r"(?:内部|测试|管理员|后台|系统|开发)[^。！？!?\]】]{0,4}(?:指令|口令|命令)",
    r"(?:按|照)(?:此|这个|我的|以下|上述)口径(?:回答|回复|答复|作答)",
])
# Asking for a figure (多少, 几 …).
QUANTITY_QUESTION_WORDS: tuple[str, ...] = ("多少", "几", "多大", "多长", "多久")

# Function words and question words: no retrieval signal.
STOP_WORDS = frozenset(
    "的 了 和 与 及 或 是 在 对 为 等 其 之 以 于 由 将 并 且 也 都 就 吗 呢 吧 啊 呀 么 嘛 请问 一下 "
    "我们 我 你 您 他们 这个 那个 什么 怎么 怎样 如何 哪些 哪个 多少 能 可以 可 会 要 需要 有 没有 "
    "一个 个 吗 ？ ? ， , 。 . 、 ； ; ： : “ ” （ ） ( ) 《 》 〔 〕 ！ !".split()
)
# A segment that ends in a bare negation denies what the segment before named (最近两年都没有).
# Right before a form word: that company is somebody the speaker hires ("请外包公司干", "包给了一家合作公司").
OBJECT_BEFORE_PATTERN = r"(请|找|委托|交给|包给|外包给|给了)[^，,。；;]{0,4}$"
# Two characters of a noun right before a generic "公司" say what the company does ("平台公司", "科技公司"), not
# its legal form: a denial of them is not a denial of being a company.
BUSINESS_BEFORE_PATTERN = r"(?<![不非])[^\W\da-zA-Z_是为非算的个家这那一么啥][^\W\da-zA-Z_是为非算的个家这那一么啥]$"
# A reply that denies what was just asked ("分公司？不是。").
DENIED_REPLY_PATTERN = r"(当然|肯定|绝对|根本|压根)?(也)?(不是|不|并不是|没有)"
# Words before a bare answer that carry nothing ("这个还没有评上", "暂时还不是").
# A calendar year before a bare answer says when, not whether ("2024年评上的").
LEADING_FILLER_PATTERN = r"^((这个|那个|暂时|目前|现在|眼下|(?:19|20)\d\d年(?:\d{1,2}月份?)?)[，, ]*)+"
# A bracketed aside, left out when a segment is read as a bare answer ("没出过（安全质量环保都算上）").
ASIDE_PATTERN = r"（[^）]*）|\([^)]*\)"
BARE_NEGATION_END_PATTERN = (
    r"((没有|没|无|未|不曾|从未)(过|有过|发生过?|出过|的事|这回事|那回事)?|哪有的事|没事|没出事|干干净净|干净|平安无事|太太平平|清清白白|清白"
    r"|(?<![\d.一二两三四五六七八九十百千万亿])(?:0|零|〇)\s*(?:起|次|件|条|例|宗)?)(呢|啊|吧|了|儿)?$"
)
# A quantified or anaphoric denial with no fact of its own denies what the segment before listed
# ("采集、管理、交换，上面说的那些一个都还没做起来", "设备、生产、流通三截，一截都还没接上").
QUANTIFIED_NEGATION_PATTERN = r"(?:都|全|均|一[个样项条截段家]也)[^，,。；;都]{0,4}?(?:没|不|未|沾不上|谈不上)"
# The frame around a topic asked about in turn ("那工业互联网试点示范呢", "至于双跨的话", "还有国家试点示范这块").
TOPIC_FRAME_PATTERN = r"^(那么?|还有|至于|另外|再就是|然后)|(这块|这一块|这个|方面)?(呢|吗|嘛|的话|咋样|怎么样|怎么说)?$"
# A segment describing a typing slip ("刚才多打了个0"): its numbers are not figures.
TYPING_SLIP_PATTERN = r"(多|少)(打|写|输)了|打错|写错|输错|笔误"
# Administrative suffixes after a place name (武穴市, 黄陂区), and longer ones (苏州工业园区).
PLACE_SUFFIXES = "市区县省镇"
PLACE_SUFFIX_WORDS: tuple[str, ...] = ("工业园区", "工业园", "开发区", "高新区", "新区", "园区", "市", "区", "县", "省", "镇")
# Words of the past beside two figures of one count: the figure not said to be old stands
# ("去年80家，今年已经涨到125家", "是128家，98是去年的数").
# …and for a count, a cumulative or peak figure beside today's ("累计接过一万台，现在在线六千三百台").
EARLIER_PATTERN = r"去年|前年|以前|之前|原来|当初|累计|历史上|曾经|最多的时候|最高的时候|高峰"
# Earlier years as against now: "今年头一回评上，以前都没评上过" — a denial of those years keeps the present yes.
BEFORE_NOW_PATTERN = r"以前|之前|此前|历年|从前|往年|前几年|前些年|过去(?!两年|2年|二年)|以往"
# Between a place and the noun that names the speaker: 汉阳的一家分公司, 武汉这边的个体户, 在武汉设立的分公司.
PLACE_TO_NOUN_PATTERN = r"(这边|那边|本地)?(设立|成立|注册|开设|设)?的?(一家|一个|个)?"
# The same with a few words of name before a noun that ends the segment: 光谷这边的股份有限公司.
PLACE_TO_NAMED_NOUN_PATTERN = PLACE_TO_NOUN_PATTERN + r"(?:(?!有(?!限))[^，,。；;的给为和与]){0,6}?的?(一家|一个|个)?"
SEGMENT_END_PATTERN = r"\s*(吧|啊|呀|呢|了)?\s*[，,。；;！!？?]*$"

# Words right before a number that make it a difference or a result of arithmetic, not a stated figure:
# "就差一万", "还少5家", "多出20台".
DIFFERENCE_BEFORE = re.compile(r"(?:还|就|只|仅|才|相)?(?:差|(?<!不)少|多出|超出|差了|少了)$")

# A preface that reports whose question follows ("有个企业打电话来问：", "客户咨询："): the question is
# what comes after it, and words of the preface (电话) say nothing about the question.
REPORTED_QUESTION_PREFACE = re.compile(
    r"^[^。？！?：:]{0,24}?(?:打电话|来电|致电)?(?:来)?(?:问|咨询|想了解|想知道|打听)(?:一下|下)?(?:说)?[：:，,]\s*"
)
# Right before a figure: a comparison with the rule's line, not a figure ("没到一个亿", "已经过了").
COMPARED_BEFORE = re.compile(r"(没到|没过|没有到|还没到)\s*$")
# Right before 一: the number counts ("只有一项", "一共一个"), it is not the article "a".
# Also with a verb between ("只做出一项", "仅落地了一个"), but not 只是/才是 ("只是一家小厂": "a").
COUNT_BEFORE = re.compile(r"(只有|只|仅有|仅|就|才|一共|共|总共)\s*$|(?:只|仅|才)(?!是)[\u4e00-\u9fff]{1,2}了?\s*$")
# Words right after a figure that make it the rule's line, quoted: "过了1亿那条线", "没到100万封顶".
THRESHOLD_AFTER = re.compile(
    r"\s*(?:的)?(?:那条线|这条线|那个线|的线|(?:那个|这个|那道|这道)?门槛|红线|封顶|上限|下限|的要求|的标准|的条件|的规定|这条|那条|这一条)"
    r"|[^，,。；;]{0,6}?的(?:线|门槛|要求)"
    r"|\s*是(?:超过|以上|不低于|不少于|指)"
)
# Words right before a sum that make it the support asked about, not the speaker's figure: "能拿三百万吗".
SUPPORT_ASKED_BEFORE = re.compile(r"(?:能|可以|可|会|才|就)?(?:拿|领|得到|获得|补|给)(?:到)?$")

# An exception and the rest it stands apart from: "除了去年那起重大安全事故，别的事故啥也没有" — the
# excepted thing has the other polarity of the rest (there was that accident); "除了交换，别的都有" — the
# excepted part is missing. A rest said with 也 adds to it instead ("除了采集，别的也都有").
EXCEPTION_PATTERN = r"(?:^|[：:])\s*(?:除了|除开|除去|除却|除掉)"
# An exception pointing back at what was said ("除了这次，质量和环保没出过事"): the one just told stands.
ANAPHORIC_EXCEPTION_PATTERN = r"(?:^|[：:])\s*(?:除了|除开|除去|除却|除掉)(?:这|那|此)(?:一)?[次起回件个桩]?(?:事|事故)?(?:以外|之外|外)?\s*$"
# Words that set some apart from others ("别的试点没有"): a denial of "the others" is not a denial of all.
SET_APART_PATTERN = r"其他|其它|其余|别的|另外|剩下|除了|除开"
REST_PATTERN = r"^(?:那?(?:其他|其它|其余|别的|另外的|剩下的?|余下的?))"
# A part said empty ("交换和安全保障还是空白", "流通那块空着").
BLANK_PATTERN = r"空白|空着|是空的|一片空|没着落|没影"
# What an auditor or reviewer has not seen ("未见…批复文件"): absence of evidence, not a denial.
NOT_SEEN_PATTERN = r"未见|没见|没看到|未看到|未发现|没发现|查无"
# A part said to be the only one still missing ("就差成品出厂以后那截流通", "只缺数据交换"): the whole is not there.
LACKING_PATTERN = r"(?:就|只|还|唯独|单单|仅)(?:差|缺|欠)(?!不多|点|一点|些)|(?<![不没])(?:缺了|缺少了?|断在|少了)(?=[^，,。；;]{0,4}(?:那|这|一)?(?:环|块|段|截|个|部分))"
# Words for how things stand now: after a plan or target ("年底目标服务企业150家，目前实打实是112家") the
# present figure is compared with it, and is the applicant's.
PRESENT_PATTERN = r"目前|现在|当前|眼下|如今|实际|实打实"
# A legal form the applicant has changed from ("个体户那是老黄历了，2023年起换成有限责任公司"): the form said
# before the change is taken back, as with a correction.
FORM_CHANGED_PATTERN = r"老黄历|换成了?|变更(?:为|成)|转(?:为|成)|改制(?:为|成)?"
