"""The people, customers, headers and values of the sample exports, in English and Chinese.

The starter configs (`<template>.<lang>.yaml`) name these headers and values;
`tests/test_init.py` runs every config on its generated data, so the two stay in step.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Member:
    """One roster person and the profile their sample activity is drawn from."""

    person: str
    name: str
    team: str
    role: str
    manager: str
    perf: float  # scales volume, win rate and deal size around 1.0
    alias: str = ""  # another spelling some export rows use


SALES_TEAM = {
    "en": (
        Member("Alice Chen", "Alice Chen", "East", "sales", "Morgan Hayes", 1.20),
        Member("Robert Li", "Robert Li", "East", "sales", "Alice Chen", 1.00, "Bob Li"),
        Member("Maria Garcia", "María García", "East", "sales", "Alice Chen", 0.85),
        Member("Priya Nair", "Priya Nair", "East", "presales", "Alice Chen", 1.05),
        Member("Daniel Kim", "Daniel Kim", "West", "sales", "Morgan Hayes", 0.95),
        Member("Catherine Moore", "Catherine Moore", "West", "sales", "Daniel Kim", 1.10, "Cathy"),
        Member("Emily Zhang", "Emily Zhang", "West", "sales", "Daniel Kim", 0.70),
        Member("Ahmed Hassan", "Ahmed Hassan", "West", "presales", "Daniel Kim", 0.90),
    ),
    "zh": (
        Member("王磊", "王磊", "华东销售部", "销售", "周总", 1.20),
        Member("李娜", "李娜", "华东销售部", "销售", "王磊", 1.00, "Nina Li"),
        Member("张伟", "张伟", "华东销售部", "销售", "王磊", 0.85),
        Member("陈静", "陈静", "华东销售部", "售前", "王磊", 1.05),
        Member("黄志强", "黄志强", "华南销售部", "销售", "周总", 0.95),
        Member("赵敏", "赵敏", "华南销售部", "销售", "黄志强", 1.10, "敏敏"),
        Member("周杰", "周杰", "华南销售部", "销售", "黄志强", 0.70),
        Member("孙悦", "孙悦", "华南销售部", "售前", "黄志强", 0.90),
    ),
}

PRESALES_TEAM = {
    "en": (
        Member("Hannah Schmidt", "Hannah Schmidt", "Solutions East", "lead", "Morgan Hayes", 1.10),
        Member(
            "Tom Fischer", "Thomas Fischer", "Solutions East", "presales", "Hannah Schmidt", 1.0
        ),
        Member(
            "Laura Bennett", "Laura Bennett", "Solutions East", "presales", "Hannah Schmidt", 0.8
        ),
        Member("Ethan Walsh", "Ethan Walsh", "Solutions West", "lead", "Morgan Hayes", 0.95),
        Member("Mei Tanaka", "Mei Tanaka", "Solutions West", "presales", "Ethan Walsh", 1.15),
        Member("Sofia Rossi", "Sofia Rossi", "Solutions West", "presales", "Ethan Walsh", 0.9),
    ),
    "zh": (
        Member("刘洋", "刘洋", "华东售前", "售前主管", "周总", 1.10),
        Member("杨帆", "杨帆", "华东售前", "售前", "刘洋", 1.00),
        Member("吴婷", "吴婷", "华东售前", "售前", "刘洋", 0.80),
        Member("徐晨", "徐晨", "华南售前", "售前主管", "周总", 0.95),
        Member("郑雪", "郑雪", "华南售前", "售前", "徐晨", 1.15),
        Member("何俊", "何俊", "华南售前", "售前", "徐晨", 0.90),
    ),
}

KEY_ACCOUNT_TEAM = {
    "en": (
        Member("Jonathan Park", "Jonathan S. Park", "Enterprise", "", "Morgan Hayes", 1.10),
        Member("Olivia Turner", "Olivia Turner", "Enterprise", "", "Jonathan Park", 1.20),
        Member("Grace Liu", "Grace Liu", "Enterprise", "", "Jonathan Park", 0.85),
        Member("William Foster", "William Foster", "Strategic", "", "Morgan Hayes", 1.00),
        Member("Natalie Brooks", "Natalie Brooks", "Strategic", "", "William Foster", 0.95),
        Member("Samuel Adeyemi", "Samuel Adeyemi", "Strategic", "", "William Foster", 0.75),
    ),
    "zh": (
        Member("马超", "马超", "大客户一部", "", "周总", 1.10),
        Member("林芳", "林芳", "大客户一部", "", "马超", 1.20),
        Member("高远", "高远", "大客户一部", "", "马超", 0.85),
        Member("罗静", "罗静", "大客户二部", "", "周总", 1.00),
        Member("梁斌", "梁斌", "大客户二部", "", "罗静", 0.95),
        Member("宋佳", "宋佳", "大客户二部", "", "罗静", 0.75),
    ),
}

# Customer names: one of the first words, then one of the second.
CUSTOMER_PARTS = {
    "en": (
        ("Acme", "Northwind", "Blue Ridge", "Summit", "Harbor", "Pioneer", "Redwood", "Granite"),
        ("Logistics", "Foods", "Energy", "Retail", "Software", "Pharma", "Textiles", "Motors"),
    ),
    "zh": (
        (
            "上海启航",
            "杭州嘉禾",
            "广州海纳",
            "南京明德",
            "深圳远航",
            "苏州华瑞",
            "成都天府",
            "武汉长江",
        ),
        (
            "物流有限公司",
            "食品股份有限公司",
            "能源集团有限公司",
            "零售有限公司",
            "软件股份有限公司",
            "制药有限公司",
            "纺织有限公司",
            "汽车配件有限公司",
        ),
    ),
}

PRODUCTS = {
    "en": ("CRM Cloud", "Analytics", "Integration", "Support Plan"),
    "zh": ("云CRM", "数据分析平台", "系统集成", "运维服务"),
}

# Headers and coded values of the exports. The keys are the generator's names;
# the values are what the files (and the configs) say.
WORDS = {
    "en": {
        # deals / opportunities
        "deal_id": "Deal ID",
        "owner": "Owner",
        "account": "Account",
        "stage": "Stage",
        "amount": "Amount",
        "created": "Created Date",
        "closed": "Close Date",
        "won": "Won",
        "lost": "Lost",
        "open": "Open",
        # visits
        "visit_date": "Visit Date",
        "rep": "Rep",
        "visit_type": "Type",
        "on_site": "On-site",
        "remote": "Phone",
        "visits_sheet": "Visits",
        # presales
        "opp_id": "Opportunity ID",
        "presales": "Presales",
        "customer": "Customer",
        "product": "Product",
        "opp_created": "Created",
        "opp_closed": "Closed",
        "proposal_id": "Proposal ID",
        "submitted": "Submitted",
        "result": "Result",
        "accepted": "Won",
        "rejected": "Lost",
        "in_review": "In review",
        "feedback_date": "Date",
        "rating": "Score",
        "feedback_sheet": "Feedback",
        # roster and targets
        "employee": "Employee",
        "employee_id": "Employee ID",
        "full_name": "Full Name",
        "team": "Team",
        "role": "Role",
        "manager": "Manager",
        "aliases": "Aliases",
        "t_person": "person",
        "t_kpi": "kpi",
        "t_target": "target",
        "t_period": "period",
    },
    "zh": {
        "deal_id": "商机编号",
        "owner": "销售",
        "account": "客户",
        "stage": "阶段",
        "amount": "金额",
        "created": "创建日期",
        "closed": "成交日期",
        "won": "赢单",
        "lost": "丢单",
        "open": "跟进中",
        "visit_date": "拜访日期",
        "rep": "销售",
        "visit_type": "拜访方式",
        "on_site": "上门拜访",
        "remote": "电话拜访",
        "visits_sheet": "拜访记录",
        "opp_id": "商机编号",
        "presales": "售前",
        "customer": "客户",
        "product": "产品",
        "opp_created": "创建日期",
        "opp_closed": "结束日期",
        "proposal_id": "方案编号",
        "submitted": "提交日期",
        "result": "结果",
        "accepted": "成功",
        "rejected": "失败",
        "in_review": "评审中",
        "feedback_date": "日期",
        "rating": "评分",
        "feedback_sheet": "客户反馈",
        "employee": "姓名",
        "employee_id": "工号",
        "full_name": "显示名",
        "team": "团队",
        "role": "角色",
        "manager": "主管",
        "aliases": "别名",
        "t_person": "人员",
        "t_kpi": "指标",
        "t_target": "目标",
        "t_period": "期间",
    },
}

# File names of each template's data, per language.
FILES = {
    "en": {
        "deals": "deals.csv",
        "visits": "visits.xlsx",
        "opportunities": "opportunities.csv",
        "proposals": "proposals.csv",
        "feedback": "feedback.xlsx",
        "roster": "roster.csv",
        "targets": "targets.csv",
    },
    "zh": {
        "deals": "商机.csv",
        "visits": "拜访.xlsx",
        "opportunities": "商机.csv",
        "proposals": "方案.csv",
        "feedback": "反馈.xlsx",
        "roster": "人员.csv",
        "targets": "目标.csv",
    },
}
