"""How callers say it → how the measures say it. Appended to a query before search.

A small domain thesaurus, kept as a readable table: each entry maps colloquial words to the
regulation's own terms, so both the lexical and the vector index meet the clause's wording.
"""

from __future__ import annotations

# colloquial word → the measures' words (added to the query, never replacing it)
THESAURUS: dict[str, str] = {
    "钱": "资金",
    "补贴": "补助 资金支持",
    "补多少": "资金支持 最高",
    "给多少": "给予 奖励",
    "拿到": "收到",
    "到账": "拨付",
    "发钱": "拨付",
    "打款": "拨付",
    "打到": "拨付",
    "账户": "拨付",
    "造假": "弄虚作假",
    "假材料": "弄虚作假",
    "掺水": "弄虚作假",
    "掺点水": "弄虚作假",
    "注水": "弄虚作假",
    "骗": "弄虚作假",
    "处罚": "取消 收回",
    "公司": "企业 单位",
    "申请": "申报",
    "能不能申": "申报条件",
    "资格": "申报条件 申报主体",
    "注册": "注册登记 申报主体",
    "外地": "在我市注册登记",
    "目的": "为支持",
    "为什么": "为支持",
    "为了什么": "为支持 制订本办法",
    "谁审": "审核",
    "审批": "审核",
    "评审": "审核 专家评审",
    "多久": "时间",
    "几天": "时间 工作日",
    "公示": "公示时间",
    "交什么": "申报材料",
    "提交": "申报材料",
    "准备": "申报材料",
    "不用申请": "免申即享",
    "自动": "免申即享",
    "先给钱": "事后奖励",
    "先把钱": "事后奖励或补助",
    "垫付": "事后奖励或补助",
    "先垫": "事后奖励或补助",
    "要还": "无偿支持",
    "还钱": "无偿支持",
    "归还": "无偿支持",
    "退还": "无偿支持",
    "支持方式": "无偿支持 事后奖励或补助",
    "事先": "事后奖励或补助",
    "预付": "事后奖励或补助",
    "做完": "事后",
    "有效期": "终止 实施",
    "什么时候开始": "实施",
    "失效": "终止",
    "到期": "终止",
    "解释权": "负责解释",
    "信用": "失信",
    "黑名单": "严重失信",
    "出事": "事故",
    "事故": "重大安全 质量 环保事故",
    "环保": "环保事故",
    "财务": "财务处理",
    "记账": "财务处理",
    "绩效": "绩效评价",
    "考核": "绩效评价",
    "等保": "网络安全",
    "工控": "工控安全",
    "连接设备": "设备连接数",
    "接入设备": "设备连接数",
    "服务了": "服务企业数",
    "客户": "服务企业",
    "节点": "二级节点 标识解析",
    "标识": "标识解析",
}


def expand_query(query: str) -> str:
    """The query followed by the measures' words for the colloquial words it contains."""
    additions = [terms for word, terms in THESAURUS.items() if word in query]
    return f"{query} {' '.join(additions)}" if additions else query
