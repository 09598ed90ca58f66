"""The command line's `--help` in the planner's language.

Help lines are written in English where each option is made; `localize` gives the parser the
Chinese of each (`HELP_ZH`) when the language is zh_CN. argparse's own words (``usage:``,
``options``, ``the following arguments are required``) come through its gettext hook, which
`install_argparse_words` points at `ARGPARSE_ZH`. A test walks every sub-command and checks
that each option has a help line and a Chinese one.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator

from huxue.i18n import language

HELP_ZH: dict[str, str] = {
    # the program and its global options
    "护学 Huxue — school-guard post planning. Without a sub-command: open the GUI.": (
        "护学 — 护学岗排班。不带子命令时打开窗口。"
    ),
    "show this help message and exit": "显示本帮助并退出",
    "open the GUI on the Jimei demo database": "在集美演示数据库上打开窗口",
    "database file or URL (default: the user's database)": "数据库文件或网址（默认：用户数据库）",
    "language of the window and of messages (default: the system's)": (
        "窗口和提示的语言（默认：跟随系统）"
    ),
    # sub-commands
    "write a week as huxue-instance/1 JSON": "把一周写成 huxue-instance/1 JSON 文件",
    "create an empty database (only init and demo create one)": (
        "新建空数据库（只有 init 和 demo 会新建数据库）"
    ),
    "build the Jimei demo district (default: in the demo database)": (
        "生成集美演示辖区（默认写入演示数据库）"
    ),
    "solve a huxue-instance/1 file and write a huxue-roster/1 file": (
        "求解 huxue-instance/1 文件并写出 huxue-roster/1 文件"
    ),
    "check a roster against its instance": "按排班数据检查排班表",
    "solve a stored week and keep it as a draft roster": "为数据库中的一周排班，存为草稿",
    "sick call: record leave and re-solve with few changes": "临时请假：登记请假并以最少改动重排",
    "lock a week's roster as a new published version": "发布一周的排班表（锁定为新版本）",
    "print a week's sheets as PDF": "把一周的表打印为 PDF",
    "export a week as XLSX, CSV, iCalendar or messages": "把一周导出为 XLSX、CSV、日历或通知文字",
    "write an empty import file (.xlsx or .csv)": "写出空白导入模板（.xlsx 或 .csv）",
    "import schools, posts, bell times or people (all or none)": (
        "导入学校、岗位、作息时间或人员（全部导入或全不导入）"
    ),
    "write the whole database as JSON": "把整个数据库备份为 JSON",
    "restore a JSON backup into an empty database": "把 JSON 备份恢复到空数据库",
    "plan patrol loops for the week's peak windows": "为本周各高峰时段规划巡逻路线",
    "response times per school and peak (csv, pdf or png)": (
        "各学校各高峰时段的响应时间（csv、pdf 或 png）"
    ),
    "print a route card (PDF) per patrol unit": "为每个巡逻单元打印路线卡（PDF）",
    "list, import, delete or write a template of patrol units": (
        "列出、导入、删除巡逻单元或写出其模板"
    ),
    "attendance of published weeks, turnout, volunteer hours": (
        "已发布周的到岗登记、到岗率、志愿服务时长"
    ),
    "render each main page of the window as PNG (offscreen)": "把窗口各主要页面截图为 PNG（离屏）",
    # options shared by many sub-commands
    "the week's Monday (any day selects its week)": "该周的周一（任一天都选中它所在的周）",
    "one station's code (default: the whole district)": "某派出所的代码（默认：全辖区）",
    "output JSON file": "输出的 JSON 文件",
    "replace an output file that exists already": "覆盖已存在的输出文件",
    "database file or URL (default: $HUXUE_DATABASE_URL or the user's database)": (
        "数据库文件或网址（默认：$HUXUE_DATABASE_URL 或用户数据库）"
    ),
    "database file or URL to create": "要新建的数据库文件或网址",
    # demo
    "Build the Jimei (集美) demo district: stations, schools, posts, bell times, terms and "
    "people. Writes to the demo database unless --db names another; refuses a database that "
    "already holds data unless --force.": (
        "生成集美演示辖区：派出所、学校、岗位、作息时间、学期和人员。默认写入演示数据库，"
        "--db 可指定其他数据库；数据库已有数据时，须加 --force 才会替换。"
    ),
    "small (~20 schools), district (276 schools, default) or city (~1,500 schools)": (
        "small（约 20 所学校）、district（276 所，默认）或 city（约 1,500 所）"
    ),
    "random seed (default 0)": "随机种子（默认 0）",
    "replace the data of a database that holds some": "替换已有数据的数据库中的数据",
    "do nothing when the database already holds a district (for `make run`)": (
        "数据库已有辖区数据时不做任何事（供 `make run` 使用）"
    ),
    # solve-file, verify
    "Solve a week given as huxue-instance/1 JSON; write huxue-roster/1 JSON.": (
        "求解 huxue-instance/1 JSON 给出的一周，写出 huxue-roster/1 JSON。"
    ),
    "huxue-instance/1 file": "huxue-instance/1 文件",
    "roster to write": "要写出的排班表",
    "seconds (default: rules)": "秒数（默认：按规则）",
    "CP-SAT workers (2)": "CP-SAT 并行线程数（2）",
    "random seed (default: rules)": "随机种子（默认：按规则）",
    "one model for the whole week (check)": "整周用一个模型（用于核对）",
    "Check every rule; exit 0 when none is broken, 1 when some are.": (
        "逐条检查规则；全部满足时退出码 0，有违反时退出码 1。"
    ),
    "huxue-roster/1 file": "huxue-roster/1 文件",
    # solve, repair, publish
    "seconds (default: the district's rule, 30)": "秒数（默认：辖区规则，30）",
    "start from that week's published roster (same gates, same people)": (
        "以该周已发布的排班为起点（同样的岗位、同样的人）"
    ),
    "the person's code (警号)": "人员编号（警号）",
    "first day of leave": "请假第一天",
    "last day of leave": "请假最后一天",
    "reason of the leave (default 病假)": "请假事由（默认：病假）",
    "seconds (10)": "秒数（10）",
    "one station's code (default: every station)": "某派出所的代码（默认：所有派出所）",
    # print, export, template, import, backup, restore
    "which sheets to print": "打印哪种表",
    "output folder": "输出文件夹",
    "one station's code (or its schools, people, posts)": (
        "某派出所的代码（或其学校、人员、岗位）"
    ),
    "one school's code (school sheet, its posts or people)": (
        "某学校的代码（学校值班表、其岗位或人员）"
    ),
    "one person's code (person card)": "某人员的编号（执勤卡）",
    "one post's code (sign-in sheet)": "某岗位的代码（签到表）",
    "print phone numbers unmasked": "打印完整电话号码（不隐藏）",
    "skip the combined file": "不生成合并文件",
    "also save each school sheet as PNG": "同时把每张学校值班表存为 PNG",
    "file format": "文件格式",
    "output file (xlsx, csv) or folder (ics, text)": "输出文件（xlsx、csv）或文件夹（ics、text）",
    "one station's code": "某派出所的代码",
    "one school's code": "某学校的代码",
    "one person's code": "某人员的编号",
    "export phone numbers unmasked": "导出完整电话号码（不隐藏）",
    "which records the file holds": "文件中是哪类记录",
    "output .xlsx or .csv file": "输出的 .xlsx 或 .csv 文件",
    ".xlsx or .csv file (CSV in UTF-8 or GBK)": ".xlsx 或 .csv 文件（CSV 用 UTF-8 或 GBK 编码）",
    "a backup written by `backup`": "由 `backup` 写出的备份",
    "replace a database that holds data": "替换已有数据的数据库",
    # patrols
    "one station's code (default: every station with units)": (
        "某派出所的代码（默认：所有有巡逻单元的派出所）"
    ),
    "per window": "按时段列出",
    "output file": "输出文件",
    "one station's schools (default: the district)": "某派出所的学校（默认：全辖区）",
    "the day the map shows (default: the week's first school day)": (
        "地图显示的日期（默认：本周第一个上课日）"
    ),
    "the map's window": "地图显示的时段",
    "one unit's code": "某巡逻单元的代码",
    "list (the last column is the unit's version), import, template or delete": (
        "列出（最后一列是单元的版本）、导入、写出模板或删除"
    ),
    "CSV file (import, template), unit (delete)": "CSV 文件（导入、模板），单元编号（删除）",
    "delete: the unit's version as listed; refused when it changed since (exit 1)": (
        "删除：列出时单元的版本；此后被改过则拒绝（退出码 1）"
    ),
    # attendance
    "record attendance (all present, or one duty)": "登记到岗（全部到岗，或单个时段）",
    "import a filled sign-in file (all or nothing)": "导入填好的签到文件（全部导入或全不导入）",
    "write the sign-in file to fill for a sheet or days": "为某张签到表或某几天写出待填的签到文件",
    "turnout report (到岗率) as PDF, XLSX or CSV": "到岗率报表（PDF、XLSX 或 CSV）",
    "volunteer service hours: statements or a list": "志愿服务时长：个人证明或名单",
    "each person's turnout of the last weeks": "每人最近几周的到岗率",
    "a sign-in sheet's code: its week's duties at its post": "签到表编码：该岗位该周的时段",
    "a station's code (with --date)": "派出所代码（与 --date 同用）",
    "a day (with --station)": "日期（与 --station 同用）",
    "present for every unrecorded duty": "未登记的时段全部记为到岗",
    "one duty's session key (post/date/kind)": "单个时段的键（岗位/日期/时段类型）",
    "the planned person's code (with --session)": "排定人员的编号（与 --session 同用）",
    "到岗/迟到/缺岗/请假/替岗 or present/late/absent/excused/substituted": (
        "到岗/迟到/缺岗/请假/替岗（或 present/late/absent/excused/substituted）"
    ),
    "minutes late": "迟到分钟数",
    "the substitute's code (with --status substituted)": "替岗人员编号（与 --status 替岗 同用）",
    "a sign-in sheet's code": "签到表编码",
    "first day": "第一天",
    "last day (default: the first)": "最后一天（默认：同第一天）",
    "first day (YYYY-MM-DD)": "第一天（YYYY-MM-DD）",
    "last day (YYYY-MM-DD)": "最后一天（YYYY-MM-DD）",
    "a term's name instead of --from/--to": "学期名称（代替 --from/--to）",
    "a statement per volunteer": "每位志愿者一份证明",
    "everyone, not volunteers only": "所有人，不只志愿者",
    "how many weeks back (default 8)": "往前看几周（默认 8）",
    "the last day counted (default: today)": "统计的最后一天（默认：今天）",
    # screenshot
    "Render the Schools, People, Calendar and Roster pages (and close-ups of the editors) "
    "offscreen to DIR/<page>.png.": (
        "离屏把学校、人员、校历和排班页面（以及编辑器特写）截图为 DIR/<页面>.png。"
    ),
    "language (default zh_CN)": "语言（默认 zh_CN）",
    "database (default: the demo)": "数据库（默认：演示数据库）",
    "replace pictures that exist already": "覆盖已存在的图片",
    "demo size to build when no database holds one (default district)": (
        "没有数据库时生成的演示规模（默认 district）"
    ),
    "store the new roster even if the week's draft changed while solving (default: keep the "
    "newer draft and exit 1)": (
        "即使求解期间本周草稿已被改动，也存入新排班（默认：保留较新的草稿并以退出码 1 结束）"
    ),
    # rules
    "show the district's solver rules; switch the lone-officer rule on or off": (
        "显示辖区的排班规则；开关“低到岗率民警不单独值守”规则"
    ),
    "Without options, print the rules the solver plans the district with. The lone-officer "
    "rule keeps officers whose turnout of the last 8 weeks is below a threshold from standing "
    "alone at a risk-3 post (a soft rule with a weight).": (
        "不带选项时，显示排班所用的辖区规则。“低到岗率民警不单独值守”规则让近 8 周到岗率低于阈值的"
        "民警不单独值守高风险岗（软规则，带权重）。"
    ),
    "switch the rule": "开关该规则",
    "threshold, 0–1 (default 0.8)": "阈值，0–1（默认 0.8）",
    "cost per lone stand (default 30)": "每次单独值守的代价（默认 30）",
    "place officers where they reach more schools within 3 and 5 minutes at peaks": (
        "把民警排在高峰时段 3 分钟、5 分钟内能到达更多学校的岗位"
    ),
    "cost per school out of reach (10)": "每所到不了的学校的代价（10）",
    # audit and admin
    "check the audit trail": "检查审计记录",
    "check the audit hash chain: exit 0 intact, 1 naming the first removed or altered entry": (
        "检查审计哈希链：完好时退出码 0；否则退出码 1，并指出第一条被删除或篡改的记录"
    ),
    "planner accounts on a shared PostgreSQL database (superuser connection)": (
        "共享 PostgreSQL 数据库上的排班员账号（用超级用户连接）"
    ),
    "Set up planner accounts and station ownership on a PostgreSQL database. Run with a "
    "superuser's URL (e.g. postgresql://postgres@host/huxue).": (
        "在 PostgreSQL 数据库上设置排班员账号和各派出所的数据归属。"
        "用超级用户的网址运行（如 postgresql://postgres@host/huxue）。"
    ),
    "create the owner and group roles, the schema, row-level security and grants": (
        "创建属主角色和组角色、数据表结构、行级安全策略和权限"
    ),
    "bring the schema up to date and re-apply the planners' rights": (
        "把数据表结构升级到最新，并重新授予排班员权限"
    ),
    "create or change a planner's login for one station or the district office": (
        "为某个派出所或分局新建或修改排班员登录账号"
    ),
    "list planners and their stations": "列出排班员及其所属派出所",
    "take a planner's rights away": "收回排班员的权限",
    "The password is asked for at a prompt, or read from the environment variable named by "
    "--password-env; it is never an argument. --no-password: the server's own authentication "
    "(pg_hba.conf) admits the login.": (
        "密码在提示符下输入，或从 --password-env 指定的环境变量读取，绝不作为参数。"
        "--no-password：由服务器自身的认证（pg_hba.conf）准许登录。"
    ),
    "login name (lower-case letters, digits, _)": "登录名（小写字母、数字、下划线）",
    "the station's code": "派出所代码",
    "the district office": "分局",
    "read the password from environment variable VAR": "从环境变量 VAR 读取密码",
    "no password: the server authenticates": "不设密码：由服务器认证",
}

# argparse's own words (Python 3.11–3.13), looked up through its gettext hook.
ARGPARSE_ZH: dict[str, str] = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "无效的选项：%(value)r（可选 %(choices)s）"
    ),
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多需要一个值",
    "expected at least one argument": "至少需要一个值",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "not allowed with argument %s": "不能与参数 %s 同用",
    "one of the arguments %s is required": "须给出参数 %s 之一",
    "ambiguous option: %(option)s could match %(matches)s": (
        "有歧义的选项：%(option)s 可能是 %(matches)s"
    ),
    "ignored explicit argument %r": "忽略了多余的值 %r",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
}
_ARGPARSE_PLURAL_ZH = {"expected %s argument": "需要 %s 个值"}


def _gettext(text: str) -> str:
    if language() == "zh_CN":
        return ARGPARSE_ZH.get(text, text)
    return text


def _ngettext(singular: str, plural: str, n: int) -> str:
    if language() == "zh_CN":
        return _ARGPARSE_PLURAL_ZH.get(singular, singular)
    return singular if n == 1 else plural


def install_argparse_words() -> None:
    """Let argparse's own words follow the messages' language (English stays as it was)."""
    argparse._ = _gettext  # type: ignore[attr-defined]
    argparse.ngettext = _ngettext  # type: ignore[attr-defined]


def parsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    """`parser` and every sub-command's parser below it."""
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in dict.fromkeys(action.choices.values()):
                yield from parsers(child)


def help_texts(parser: argparse.ArgumentParser) -> Iterator[tuple[str, argparse.Action | None]]:
    """Every description and help line of a parser (the action, None for a description)."""
    if parser.description:
        yield parser.description, None
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                yield choice.help or "", choice
        elif action.help != argparse.SUPPRESS:
            yield action.help or "", action


def localize(parser: argparse.ArgumentParser) -> None:
    """Put the Chinese help lines on `parser` and its sub-commands when the language is zh_CN."""
    if language() != "zh_CN":
        return
    for each in parsers(parser):
        if each.description:
            each.description = HELP_ZH.get(each.description, each.description)
        for action in each._actions:
            targets = (
                action._choices_actions
                if isinstance(action, argparse._SubParsersAction)
                else [action]
            )
            for target in targets:
                if target.help and target.help != argparse.SUPPRESS:
                    target.help = HELP_ZH.get(target.help, target.help)
