<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>AtLimitModel</name>
        <message>
            <source>Code</source>
            <translation>编号</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>身份</translation>
        </message>
        <message>
            <source>Duties / limit</source>
            <translation>班次 / 周上限</translation>
        </message>
        <message>
            <source>Police</source>
            <translation>民警</translation>
        </message>
        <message>
            <source>Auxiliary</source>
            <translation>辅警</translation>
        </message>
        <message>
            <source>Security guard</source>
            <translation>保安</translation>
        </message>
        <message>
            <source>Volunteer</source>
            <translation>志愿者</translation>
        </message>
    </context>
    <context>
        <name>AttendanceModel</name>
        <message>
            <source>Present</source>
            <translation>到岗</translation>
        </message>
        <message>
            <source>Late</source>
            <translation>迟到</translation>
        </message>
        <message>
            <source>Absent</source>
            <translation>缺岗</translation>
        </message>
        <message>
            <source>Excused</source>
            <translation>请假</translation>
        </message>
        <message>
            <source>Substituted</source>
            <translation>替岗</translation>
        </message>
        <message>
            <source>Not recorded</source>
            <translation>未登记</translation>
        </message>
        <message>
            <source>Date</source>
            <translation>日期</translation>
        </message>
        <message>
            <source>Session</source>
            <translation>时段</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>School and post</source>
            <translation>学校与岗位</translation>
        </message>
        <message>
            <source>Person</source>
            <translation>人员</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>身份</translation>
        </message>
        <message>
            <source>Attendance</source>
            <translation>到岗情况</translation>
        </message>
        <message>
            <source>Minutes late</source>
            <translation>迟到分钟</translation>
        </message>
        <message>
            <source>Substitute</source>
            <translation>替岗人</translation>
        </message>
        <message>
            <source>Recorded by %1 at %2</source>
            <translation>%1 于 %2 登记</translation>
        </message>
    </context>
    <context>
        <name>AttendancePage</name>
        <message>
            <source>Attendance</source>
            <translation>出勤登记</translation>
        </message>
        <message>
            <source>Unsaved attendance</source>
            <translation>出勤尚未保存</translation>
        </message>
        <message>
            <source>Save the attendance typed on this page?</source>
            <translation>保存本页已录入的出勤吗？</translation>
        </message>
        <message>
            <source>No published duties on this day here: publish the week's roster first.</source>
            <translation>此处当天没有已发布的班次：请先发布本周排班表。</translation>
        </message>
        <message>
            <source>This sheet was printed from version %1; the published roster is now version %2. Record against the rows below.</source>
            <translation>此签到表按第 %1 版打印，已发布的排班表现为第 %2 版。请按下列班次登记。</translation>
        </message>
        <message>
            <source>Moved after printing: %1</source>
            <translation>打印后已调整：%1</translation>
        </message>
        <message>
            <source>%1 duties · %2 recorded · turnout %3 · %4 unsaved</source>
            <translation>%1 个班次 · 已登记 %2 · 到岗率 %3 · %4 条未保存</translation>
        </message>
        <message>
            <source>Late</source>
            <translation>迟到</translation>
        </message>
        <message>
            <source>Minutes late:</source>
            <translation>迟到分钟数：</translation>
        </message>
        <message>
            <source>Substituted</source>
            <translation>替岗</translation>
        </message>
        <message>
            <source>Code of the person who stood in:</source>
            <translation>替岗人编号：</translation>
        </message>
        <message>
            <source>Importing the sign-in file…</source>
            <translation>正在导入签到表…</translation>
        </message>
        <message>
            <source>… and %1 more</source>
            <translation>… 另有 %1 条</translation>
        </message>
        <message>
            <source>Nothing imported:</source>
            <translation>未导入任何记录：</translation>
        </message>
        <message>
            <source>Imported %1 new and %2 changed records.</source>
            <translation>已导入新记录 %1 条，修改 %2 条。</translation>
        </message>
        <message>
            <source>Import sign-in file</source>
            <translation>导入签到表文件</translation>
        </message>
        <message>
            <source>Spreadsheets (*.xlsx *.csv)</source>
            <translation>表格文件 (*.xlsx *.csv)</translation>
        </message>
    </context>
    <context>
        <name>AttendanceView</name>
        <message>
            <source>Attendance</source>
            <translation>出勤登记</translation>
        </message>
        <message>
            <source>Sign-in sheet code, e.g. 2F-1BX-1D</source>
            <translation>签到码，如 2F-1BX-1D</translation>
        </message>
        <message>
            <source>Open sheet</source>
            <translation>打开签到表</translation>
        </message>
        <message>
            <source>All present</source>
            <translation>全部到岗</translation>
        </message>
        <message>
            <source>Mark every duty with nothing recorded as present</source>
            <translation>把尚未登记的班次全部记为到岗</translation>
        </message>
        <message>
            <source>Save attendance</source>
            <translation>保存出勤</translation>
        </message>
        <message>
            <source>Import sign-in file…</source>
            <translation>导入签到表文件…</translation>
        </message>
        <message>
            <source>Reports and hours…</source>
            <translation>报表与服务时长…</translation>
        </message>
        <message>
            <source>Plan with turnout</source>
            <translation>排班参考到岗率</translation>
        </message>
        <message>
            <source>When planning, keep officers whose turnout of the last 8 weeks is below the threshold (80% unless changed with the rules command) from standing alone at a risk-3 post (a soft rule: no seat is left empty for it)</source>
            <translation>排班时，尽量不让近 8 周到岗率低于阈值（默认 80%，可用 rules 命令修改）的民警或辅警独自值守三级风险岗（软规则：不会因此空岗）</translation>
        </message>
        <message>
            <source>Keys: P present · L late · A absent · E excused · S substituted · Delete forget what was typed. Bold rows are not saved yet.</source>
            <translation>按键：P 到岗 · L 迟到 · A 缺岗 · E 请假 · S 替岗 · Delete 撤销输入。粗体行尚未保存。</translation>
        </message>
    </context>
    <context>
        <name>BackupDialog</name>
        <message>
            <source>Back up the database</source>
            <translation>备份数据库</translation>
        </message>
        <message>
            <source>Saves every school, post, person, calendar entry and roster into one file. Restore brings it back exactly.</source>
            <translation>把所有学校、岗位、人员、日历和排班保存到一个文件中，恢复时原样还原。</translation>
        </message>
        <message>
            <source>Save as</source>
            <translation>另存为</translation>
        </message>
        <message>
            <source>Backup file</source>
            <translation>备份文件</translation>
        </message>
        <message>
            <source>Back up</source>
            <translation>备份</translation>
        </message>
        <message>
            <source>Open folder</source>
            <translation>打开文件夹</translation>
        </message>
        <message>
            <source>Backing up…</source>
            <translation>正在备份…</translation>
        </message>
        <message>
            <source>{rows} rows of {tables} tables saved to {path}</source>
            <translation>已将 {tables} 张表的 {rows} 行保存到 {path}</translation>
        </message>
        <message>
            <source>No backup written: {reason}</source>
            <translation>未写入备份：{reason}</translation>
        </message>
    </context>
    <context>
        <name>BasemapDialog</name>
        <message>
            <source>Basemap</source>
            <translation>底图</translation>
        </message>
        <message>
            <source>No basemap</source>
            <translation>不用底图</translation>
        </message>
        <message>
            <source>Offline file (MBTiles)</source>
            <translation>离线文件（MBTiles）</translation>
        </message>
        <message>
            <source>Tile server on the intranet</source>
            <translation>内网瓦片服务</translation>
        </message>
        <message>
            <source>Browse…</source>
            <translation>浏览…</translation>
        </message>
        <message>
            <source>Rows counted from the south (TMS)</source>
            <translation>行号自南向北计（TMS）</translation>
        </message>
        <message>
            <source>{z}, {x} and {y} stand for zoom, column and row; {-y} for a row counted from the south. Tiles are fetched only from this address and kept in the user's cache folder.</source>
            <translation>{z}、{x}、{y} 分别代表缩放级别、列号和行号；{-y} 代表自南向北计的行号。瓦片只从此地址获取，并保存在用户的缓存文件夹中。</translation>
        </message>
        <message>
            <source>File</source>
            <translation>文件</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>地址</translation>
        </message>
        <message>
            <source>The address must start with http:// or https://</source>
            <translation>地址须以 http:// 或 https:// 开头</translation>
        </message>
        <message>
            <source>The address needs {z}, {x} and {y} (or {-y})</source>
            <translation>地址须包含 {z}、{x} 和 {y}（或 {-y}）</translation>
        </message>
        <message>
            <source>No such file: %1</source>
            <translation>文件不存在：%1</translation>
        </message>
        <message>
            <source>Offline basemap (MBTiles)</source>
            <translation>离线底图（MBTiles）</translation>
        </message>
    </context>
    <context>
        <name>BellGridModel</name>
        <message>
            <source>The default of this kind of school; type to give the day its own times</source>
            <translation>本类学校的默认时间；输入即为当天设置本校时间</translation>
        </message>
    </context>
    <context>
        <name>CalendarController</name>
        <message>
            <source>%1 / %2</source>
            <translation>%1 年 %2 月</translation>
        </message>
        <message>
            <source>The holiday calendar for %1 is not known yet (the calendar package covers 2004–2026): weekdays count as school days. Enter public holidays and make-up days as exceptions.</source>
            <translation>%1 年的法定节假日和调休安排尚未收录（日历数据覆盖 2004–2026 年）：工作日均按上课日计算。请把节假日和补班日作为例外录入。</translation>
        </message>
        <message>
            <source>Make-up day %1 follows %2</source>
            <translation>补班日 %1 按%2作息</translation>
        </message>
        <message>
            <source>Calendar exception %1 on %2</source>
            <translation>日历例外：%2 %1</translation>
        </message>
        <message>
            <source>Change not possible</source>
            <translation>无法修改</translation>
        </message>
        <message>
            <source>Select a day to see what applies.</source>
            <translation>选择一天查看当天安排。</translation>
        </message>
        <message>
            <source>Add term %1</source>
            <translation>新增学期 %1</translation>
        </message>
        <message>
            <source>Edit term %1</source>
            <translation>修改学期 %1</translation>
        </message>
        <message>
            <source>Remove term %1</source>
            <translation>删除学期 %1</translation>
        </message>
        <message>
            <source>Remove calendar exception %1</source>
            <translation>删除日历例外 %1</translation>
        </message>
    </context>
    <context>
        <name>CalendarPage</name>
        <message>
            <source>Calendar</source>
            <translation>日历</translation>
        </message>
    </context>
    <context>
        <name>CalendarView</name>
        <message>
            <source>Terms and vacations</source>
            <translation>学期与假期</translation>
        </message>
        <message>
            <source>Add term</source>
            <translation>新增学期</translation>
        </message>
        <message>
            <source>Edit</source>
            <translation>修改</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>删除</translation>
        </message>
        <message>
            <source>Exceptions this month (closure, early release, exam)</source>
            <translation>本月例外（停课、提前放学、考试）</translation>
        </message>
        <message>
            <source>Add exception</source>
            <translation>新增例外</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>今天</translation>
        </message>
        <message>
            <source>Previous month</source>
            <translation>上个月</translation>
        </message>
        <message>
            <source>Next month</source>
            <translation>下个月</translation>
        </message>
        <message>
            <source>Make-up day follows</source>
            <translation>补班日按</translation>
        </message>
        <message>
            <source>&lt;span style='background:#fde0dc'&gt;&amp;nbsp;holiday&amp;nbsp;&lt;/span&gt; &lt;span style='background:#dbe9fb'&gt;&amp;nbsp;make-up working day&amp;nbsp;&lt;/span&gt; &lt;span style='background:#fff1c4'&gt;&amp;nbsp;exception&amp;nbsp;&lt;/span&gt; &lt;span style='background:#e8e8e8'&gt;&amp;nbsp;no school (outside term, vacation)&amp;nbsp;&lt;/span&gt;</source>
            <translation>&lt;span style='background:#fde0dc'&gt;&amp;nbsp;法定节假日&amp;nbsp;&lt;/span&gt; &lt;span style='background:#dbe9fb'&gt;&amp;nbsp;调休补班日&amp;nbsp;&lt;/span&gt; &lt;span style='background:#fff1c4'&gt;&amp;nbsp;例外&amp;nbsp;&lt;/span&gt; &lt;span style='background:#e8e8e8'&gt;&amp;nbsp;不上课（学期外、假期）&amp;nbsp;&lt;/span&gt;</translation>
        </message>
    </context>
    <context>
        <name>Conflict</name>
        <message>
            <source>Crew</source>
            <translation>组员</translation>
        </message>
        <message>
            <source>Speed</source>
            <translation>时速</translation>
        </message>
        <message>
            <source>Shift starts</source>
            <translation>上班时间</translation>
        </message>
        <message>
            <source>Shift ends</source>
            <translation>下班时间</translation>
        </message>
        <message>
            <source>Starts from</source>
            <translation>出发点</translation>
        </message>
        <message>
            <source>Start latitude</source>
            <translation>出发点纬度</translation>
        </message>
        <message>
            <source>Start longitude</source>
            <translation>出发点经度</translation>
        </message>
        <message>
            <source>End latitude</source>
            <translation>终点纬度</translation>
        </message>
        <message>
            <source>End longitude</source>
            <translation>终点经度</translation>
        </message>
        <message>
            <source>Active</source>
            <translation>启用</translation>
        </message>
        <message>
            <source>Applies to</source>
            <translation>适用范围</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>是</translation>
        </message>
        <message>
            <source>no</source>
            <translation>否</translation>
        </message>
        <message>
            <source>another planner</source>
            <translation>另一位排班员</translation>
        </message>
        <message>
            <source>{record} was removed by {who} {when} after you opened it.</source>
            <translation>{record} 在您打开后被 {who} {when} 删除。</translation>
        </message>
        <message>
            <source>{record} was changed by {who} {when} after you opened it.</source>
            <translation>{record} 在您打开后被 {who} {when} 修改。</translation>
        </message>
        <message>
            <source>The draft changed while solving</source>
            <translation>求解期间草稿已被修改</translation>
        </message>
        <message>
            <source>The new roster was not stored. Keep the newer draft, or replace it with the new roster (the replacement is recorded in the audit trail)?</source>
            <translation>新排班表尚未保存。保留较新的草稿，还是用新排班表替换它（替换会记入审计记录）？</translation>
        </message>
        <message>
            <source>Keep the newer draft</source>
            <translation>保留较新的草稿</translation>
        </message>
        <message>
            <source>Replace it with the new roster</source>
            <translation>用新排班表替换</translation>
        </message>
        <message>
            <source>Someone else saved this record first</source>
            <translation>他人已先保存了此记录</translation>
        </message>
    </context>
    <context>
        <name>ConflictDialog</name>
        <message>
            <source>Someone else saved this record first</source>
            <translation>他人已先保存了此记录</translation>
        </message>
        <message>
            <source>Nothing of yours was saved yet. Choose for each field which value to keep, then save again.</source>
            <translation>您的修改尚未保存。请逐项选择保留哪个值，然后再次保存。</translation>
        </message>
        <message>
            <source>Field</source>
            <translation>字段</translation>
        </message>
        <message>
            <source>Their value (stored)</source>
            <translation>对方的值（已保存）</translation>
        </message>
        <message>
            <source>Your value</source>
            <translation>您的值</translation>
        </message>
        <message>
            <source>Keep mine</source>
            <translation>保留我的</translation>
        </message>
        <message>
            <source>Take theirs</source>
            <translation>采用对方的</translation>
        </message>
    </context>
    <context>
        <name>EditController</name>
        <message>
            <source>No week is loaded.</source>
            <translation>尚未载入任何一周。</translation>
        </message>
        <message>
            <source>Add {name} to {duty}</source>
            <translation>把 {name} 加入 {duty}</translation>
        </message>
        <message>
            <source>Move {name} to {duty}</source>
            <translation>把 {name} 调到 {duty}</translation>
        </message>
        <message>
            <source>Remove {name} from {duty}</source>
            <translation>把 {name} 移出 {duty}</translation>
        </message>
        <message>
            <source>Unpin {name} at {duty}</source>
            <translation>取消固定 {name} 在 {duty}</translation>
        </message>
        <message>
            <source>Pin {name} at {duty}</source>
            <translation>固定 {name} 在 {duty}</translation>
        </message>
        <message>
            <source>Cannot undo or redo this edit: the roster of that week changed since (generated, published or edited again).</source>
            <translation>无法撤销或重做此修改：该周排班表此后已有变化（重新生成、发布或再次修改）。</translation>
        </message>
        <message>
            <source>Refused: {why}</source>
            <translation>被拒绝：{why}</translation>
        </message>
        <message>
            <source>Read only: {who} may not change another station's roster.</source>
            <translation>只读：{who} 不能修改其他派出所的排班。</translation>
        </message>
        <message>
            <source>Wait for the solve to finish (or stop it) before editing.</source>
            <translation>请等求解结束（或停止求解）后再编辑。</translation>
        </message>
        <message>
            <source>Cancelled: the published roster was left as it is.</source>
            <translation>已取消：已发布的排班保持不变。</translation>
        </message>
        <message>
            <source>Change a published roster?</source>
            <translation>修改已发布的排班吗？</translation>
        </message>
        <message>
            <source>This week's roster is published. The change opens a new draft version and is recorded in the audit trail (who, when, before and after). Go on?</source>
            <translation>本周排班已发布。修改将新建草稿版本，并记入审计记录（何人、何时、修改前后）。继续吗？</translation>
        </message>
    </context>
    <context>
        <name>Errors</name>
        <message>
            <source>must not be empty</source>
            <translation>不能为空</translation>
        </message>
        <message>
            <source>is longer than {max} characters</source>
            <translation>超过 {max} 个字符</translation>
        </message>
        <message>
            <source>“{value}” is already used</source>
            <translation>“{value}”已被使用</translation>
        </message>
        <message>
            <source>is not a known value</source>
            <translation>不是有效的选项</translation>
        </message>
        <message>
            <source>{value} is out of range</source>
            <translation>{value} 超出允许范围</translation>
        </message>
        <message>
            <source>“{value}” is not a time; write 07:20-07:55, several separated by ;</source>
            <translation>“{value}”不是有效时间；请写成 07:20-07:55，多个时段用 ; 分隔</translation>
        </message>
        <message>
            <source>the end must come after the start ({start} – {end})</source>
            <translation>结束时间必须晚于开始时间（{start} – {end}）</translation>
        </message>
        <message>
            <source>{start}–{end} overlaps {other} ({other_start}–{other_end}) on the same day</source>
            <translation>{start}–{end} 与同一天的{other}（{other_start}–{other_end}）时间重叠</translation>
        </message>
        <message>
            <source>police ≤ officers ≤ total must hold (now {police} / {officers} / {total})</source>
            <translation>须满足 民警 ≤ 警力 ≤ 总人数（现为 {police} / {officers} / {total}）</translation>
        </message>
        <message>
            <source>“{value}” is not a mobile number (13812345678), a landline with area code (0592-1234567) or an internal short number (3–6 digits)</source>
            <translation>“{value}”不是手机号（13812345678）、带区号的座机（0592-1234567）或内部短号（3–6 位数字）</translation>
        </message>
        <message>
            <source>{schools} schools, {people} people and {rosters} rosters still belong to it; move them to another station first</source>
            <translation>仍有 {schools} 所学校、{people} 名人员和 {rosters} 份排班表属于该派出所，请先将其调到其他派出所</translation>
        </message>
        <message>
            <source>has duties in a roster; set it inactive instead</source>
            <translation>已有排班任务，请改为停用</translation>
        </message>
        <message>
            <source>give both latitude and longitude, or neither</source>
            <translation>纬度和经度须同时填写，或都不填</translation>
        </message>
        <message>
            <source>lies outside the term</source>
            <translation>不在学期范围内</translation>
        </message>
        <message>
            <source>“{value}” is not a police officer</source>
            <translation>“{value}”不是民警</translation>
        </message>
        <message>
            <source>must not be the responsible officer</source>
            <translation>不能与责任民警是同一人</translation>
        </message>
    </context>
    <context>
        <name>ExceptionDialog</name>
        <message>
            <source>Calendar exception</source>
            <translation>日历例外</translation>
        </message>
        <message>
            <source>Exception</source>
            <translation>例外</translation>
        </message>
        <message>
            <source>Applies to</source>
            <translation>适用范围</translation>
        </message>
        <message>
            <source>From</source>
            <translation>开始日期</translation>
        </message>
        <message>
            <source>To</source>
            <translation>结束日期</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <source>Follows the timetable of</source>
            <translation>按以下作息</translation>
        </message>
        <message>
            <source>Own guard times (07:20-07:55; several separated by ;)</source>
            <translation>当天护学时间（07:20-07:55；多个时段用 ; 分隔）</translation>
        </message>
        <message>
            <source>e.g. sports day, mid-term exam</source>
            <translation>例如：运动会、期中考试</translation>
        </message>
    </context>
    <context>
        <name>ExceptionTableModel</name>
        <message>
            <source>Dates</source>
            <translation>日期</translation>
        </message>
        <message>
            <source>Exception</source>
            <translation>例外</translation>
        </message>
        <message>
            <source>Applies to</source>
            <translation>适用范围</translation>
        </message>
        <message>
            <source>Times</source>
            <translation>时间</translation>
        </message>
    </context>
    <context>
        <name>ExportDialog</name>
        <message>
            <source>Export a week</source>
            <translation>导出一周</translation>
        </message>
        <message>
            <source>Week of</source>
            <translation>所在周（周一）</translation>
        </message>
        <message>
            <source>Format</source>
            <translation>格式</translation>
        </message>
        <message>
            <source>Export</source>
            <translation>导出</translation>
        </message>
        <message>
            <source>Which</source>
            <translation>选择</translation>
        </message>
        <message>
            <source>Scope</source>
            <translation>范围</translation>
        </message>
        <message>
            <source>Full phone numbers (otherwise masked: 138****5678)</source>
            <translation>显示完整电话号码（否则隐去：138****5678）</translation>
        </message>
        <message>
            <source>Save as</source>
            <translation>另存为</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>打开</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <source>Excel workbook (.xlsx), a sheet per station</source>
            <translation>Excel 工作簿（.xlsx），每个派出所一张工作表</translation>
        </message>
        <message>
            <source>CSV table (.csv, opens in Excel)</source>
            <translation>CSV 表格（.csv，可用 Excel 打开）</translation>
        </message>
        <message>
            <source>Calendar files (.ics), one per school and person</source>
            <translation>日历文件（.ics），每所学校、每人一个</translation>
        </message>
        <message>
            <source>Messages for WeChat and SMS (.txt), one per school and person</source>
            <translation>微信和短信通知（.txt），每所学校、每人一份</translation>
        </message>
        <message>
            <source>The whole district</source>
            <translation>全辖区</translation>
        </message>
        <message>
            <source>One police station</source>
            <translation>单个派出所</translation>
        </message>
        <message>
            <source>One school</source>
            <translation>单个学校</translation>
        </message>
        <message>
            <source>One person</source>
            <translation>单个人员</translation>
        </message>
        <message>
            <source>Writes one file per school and per person into a folder.</source>
            <translation>在文件夹中为每所学校和每个人各写一个文件。</translation>
        </message>
        <message>
            <source>Writes one file with a row per duty.</source>
            <translation>写成一个文件，每人次值班一行。</translation>
        </message>
        <message>
            <source>Choose where to save the export.</source>
            <translation>请选择导出的保存位置。</translation>
        </message>
        <message>
            <source>Exporting…</source>
            <translation>正在导出…</translation>
        </message>
        <message>
            <source>{rows} duties exported: {files} file(s) in {path}</source>
            <translation>已导出 {rows} 人次值班：{files} 个文件，位于 {path}</translation>
        </message>
        <message>
            <source>Nothing exported: {reason}</source>
            <translation>未导出：{reason}</translation>
        </message>
    </context>
    <context>
        <name>FiguresModel</name>
        <message>
            <source>Window</source>
            <translation>时段</translation>
        </message>
        <message>
            <source>Schools</source>
            <translation>学校</translation>
        </message>
        <message>
            <source>≤ 1 min</source>
            <translation>1分钟内</translation>
        </message>
        <message>
            <source>≤ 3 min</source>
            <translation>3分钟内</translation>
        </message>
        <message>
            <source>≤ 5 min</source>
            <translation>5分钟内</translation>
        </message>
        <message>
            <source>Posts alone → posts and patrols</source>
            <translation>仅岗位 → 岗位加巡逻</translation>
        </message>
    </context>
    <context>
        <name>ImportDialog</name>
        <message>
            <source>Import from Excel or CSV</source>
            <translation>从 Excel 或 CSV 导入</translation>
        </message>
        <message>
            <source>Rows are matched by code: a code already in the database is updated, a new code is added. A file with any error imports nothing.</source>
            <translation>按编号匹配：数据库中已有的编号将被更新，新编号将被添加。文件中只要有错误，就不导入任何数据。</translation>
        </message>
        <message>
            <source>Import</source>
            <translation>导入</translation>
        </message>
        <message>
            <source>File</source>
            <translation>文件</translation>
        </message>
        <message>
            <source>File to import</source>
            <translation>要导入的文件</translation>
        </message>
        <message>
            <source>Download a template…</source>
            <translation>下载模板…</translation>
        </message>
        <message>
            <source>Check file</source>
            <translation>检查文件</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <source>{n} errors in {rows} rows; nothing was imported. Correct the file and check it again.</source>
            <translation>{rows} 行中有 {n} 处错误，未导入任何数据。请修改文件后重新检查。</translation>
        </message>
        <message>
            <source>Imported {rows} rows of {kind}: {created} added, {updated} updated.</source>
            <translation>已导入{kind} {rows} 行：新增 {created}，更新 {updated}。</translation>
        </message>
        <message>
            <source>The file is fine: {rows} rows of {kind}. Import them now? The import cannot be undone with Ctrl+Z (make a backup first if unsure).</source>
            <translation>文件无误：{kind}共 {rows} 行。现在导入吗？导入无法用 Ctrl+Z 撤销（如不确定请先备份）。</translation>
        </message>
        <message>
            <source>Choose a file to import.</source>
            <translation>请选择要导入的文件。</translation>
        </message>
        <message>
            <source>The file cannot be read: {reason}</source>
            <translation>无法读取文件：{reason}</translation>
        </message>
    </context>
    <context>
        <name>ImportErrorsModel</name>
        <message>
            <source>Row</source>
            <translation>行</translation>
        </message>
        <message>
            <source>Column</source>
            <translation>列</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>值</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>原因</translation>
        </message>
    </context>
    <context>
        <name>ImportKinds</name>
        <message>
            <source>Schools</source>
            <translation>学校</translation>
        </message>
        <message>
            <source>Guard posts</source>
            <translation>护学岗位</translation>
        </message>
        <message>
            <source>Bell times</source>
            <translation>作息时间</translation>
        </message>
        <message>
            <source>People</source>
            <translation>人员</translation>
        </message>
    </context>
    <context>
        <name>Labels</name>
        <message>
            <source>Kindergarten</source>
            <translation>幼儿园</translation>
        </message>
        <message>
            <source>Primary school</source>
            <translation>小学</translation>
        </message>
        <message>
            <source>Middle school</source>
            <translation>初中</translation>
        </message>
        <message>
            <source>High school</source>
            <translation>高中</translation>
        </message>
        <message>
            <source>Nine-year school</source>
            <translation>九年一贯制</translation>
        </message>
        <message>
            <source>Vocational school</source>
            <translation>职业学校</translation>
        </message>
        <message>
            <source>Arrival</source>
            <translation>早入校</translation>
        </message>
        <message>
            <source>Noon</source>
            <translation>午间</translation>
        </message>
        <message>
            <source>Dismissal</source>
            <translation>放学</translation>
        </message>
        <message>
            <source>After-school care</source>
            <translation>课后延时</translation>
        </message>
        <message>
            <source>Evening study</source>
            <translation>晚自习</translation>
        </message>
        <message>
            <source>Noon dismissal</source>
            <translation>午间放学</translation>
        </message>
        <message>
            <source>Noon return</source>
            <translation>午间入校</translation>
        </message>
        <message>
            <source>{name} ({n})</source>
            <translation>{name}（{n}）</translation>
        </message>
        <message>
            <source>After care</source>
            <translation>课后延时</translation>
        </message>
        <message>
            <source>Evening</source>
            <translation>晚自习</translation>
        </message>
        <message>
            <source>Police officer</source>
            <translation>民警</translation>
        </message>
        <message>
            <source>Auxiliary police</source>
            <translation>辅警</translation>
        </message>
        <message>
            <source>Security guard</source>
            <translation>保安</translation>
        </message>
        <message>
            <source>Volunteer</source>
            <translation>志愿者</translation>
        </message>
        <message>
            <source>Monday</source>
            <translation>周一</translation>
        </message>
        <message>
            <source>Tuesday</source>
            <translation>周二</translation>
        </message>
        <message>
            <source>Wednesday</source>
            <translation>周三</translation>
        </message>
        <message>
            <source>Thursday</source>
            <translation>周四</translation>
        </message>
        <message>
            <source>Friday</source>
            <translation>周五</translation>
        </message>
        <message>
            <source>Saturday</source>
            <translation>周六</translation>
        </message>
        <message>
            <source>Sunday</source>
            <translation>周日</translation>
        </message>
        <message>
            <source>Mon</source>
            <translation>一</translation>
        </message>
        <message>
            <source>Tue</source>
            <translation>二</translation>
        </message>
        <message>
            <source>Wed</source>
            <translation>三</translation>
        </message>
        <message>
            <source>Thu</source>
            <translation>四</translation>
        </message>
        <message>
            <source>Fri</source>
            <translation>五</translation>
        </message>
        <message>
            <source>Sat</source>
            <translation>六</translation>
        </message>
        <message>
            <source>Sun</source>
            <translation>日</translation>
        </message>
        <message>
            <source>Holiday</source>
            <translation>节假日</translation>
        </message>
        <message>
            <source>Closure</source>
            <translation>停课</translation>
        </message>
        <message>
            <source>Make-up working day</source>
            <translation>调休补班</translation>
        </message>
        <message>
            <source>Own times</source>
            <translation>特殊作息</translation>
        </message>
        <message>
            <source>Early release</source>
            <translation>提前放学</translation>
        </message>
        <message>
            <source>Exam day</source>
            <translation>考试日</translation>
        </message>
        <message>
            <source>All schools</source>
            <translation>全部学校</translation>
        </message>
        <message>
            <source>A kind of school</source>
            <translation>某类学校</translation>
        </message>
        <message>
            <source>One school</source>
            <translation>单个学校</translation>
        </message>
        <message>
            <source>1 low</source>
            <translation>低</translation>
        </message>
        <message>
            <source>2 medium</source>
            <translation>中</translation>
        </message>
        <message>
            <source>3 high</source>
            <translation>高</translation>
        </message>
        <message>
            <source>Code</source>
            <translation>编号</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>Police station</source>
            <translation>派出所</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>地址</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>备注</translation>
        </message>
        <message>
            <source>Latitude</source>
            <translation>纬度</translation>
        </message>
        <message>
            <source>Longitude</source>
            <translation>经度</translation>
        </message>
        <message>
            <source>Enrolment</source>
            <translation>在校人数</translation>
        </message>
        <message>
            <source>Officer in charge</source>
            <translation>责任民警</translation>
        </message>
        <message>
            <source>Deputy officer in charge</source>
            <translation>代理责任民警</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>身份</translation>
        </message>
        <message>
            <source>Max per day</source>
            <translation>每日上限</translation>
        </message>
        <message>
            <source>Max per week</source>
            <translation>每周上限</translation>
        </message>
        <message>
            <source>Earlier load</source>
            <translation>历史任务量</translation>
        </message>
        <message>
            <source>First day</source>
            <translation>开始日期</translation>
        </message>
        <message>
            <source>Last day</source>
            <translation>结束日期</translation>
        </message>
        <message>
            <source>From</source>
            <translation>开始日期</translation>
        </message>
        <message>
            <source>To</source>
            <translation>结束日期</translation>
        </message>
        <message>
            <source>School</source>
            <translation>学校</translation>
        </message>
        <message>
            <source>Kind of school</source>
            <translation>学校类型</translation>
        </message>
        <message>
            <source>Follows weekday</source>
            <translation>按星期几作息</translation>
        </message>
        <message>
            <source>Times</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>Posts</source>
            <translation>岗位</translation>
        </message>
        <message>
            <source>Person</source>
            <translation>人员</translation>
        </message>
        <message>
            <source>Preferred schools</source>
            <translation>常驻学校</translation>
        </message>
        <message>
            <source>Risk</source>
            <translation>风险</translation>
        </message>
        <message>
            <source>Police</source>
            <translation>民警</translation>
        </message>
        <message>
            <source>Officers</source>
            <translation>警力</translation>
        </message>
        <message>
            <source>Total</source>
            <translation>总人数</translation>
        </message>
        <message>
            <source>Post {n}</source>
            <translation>岗位 {n}</translation>
        </message>
        <message>
            <source>Bell times</source>
            <translation>作息时间</translation>
        </message>
        <message>
            <source>Availability</source>
            <translation>可用时间</translation>
        </message>
        <message>
            <source>Leave</source>
            <translation>请假</translation>
        </message>
        <message>
            <source>Vacation</source>
            <translation>假期</translation>
        </message>
    </context>
    <context>
        <name>LeaveTableModel</name>
        <message>
            <source>From</source>
            <translation>开始</translation>
        </message>
        <message>
            <source>To</source>
            <translation>结束</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>事由</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>People</source>
            <translation>人员</translation>
        </message>
        <message>
            <source>Calendar</source>
            <translation>日历</translation>
        </message>
        <message>
            <source>Roster</source>
            <translation>排班</translation>
        </message>
        <message>
            <source>Patrols</source>
            <translation>巡逻</translation>
        </message>
        <message>
            <source>Attendance</source>
            <translation>出勤登记</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>文件(&amp;F)</translation>
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation>编辑(&amp;E)</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>视图(&amp;V)</translation>
        </message>
        <message>
            <source>&amp;Language</source>
            <translation>语言(&amp;L)</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>帮助(&amp;H)</translation>
        </message>
        <message>
            <source>&amp;New database…</source>
            <translation>新建数据库(&amp;N)…</translation>
        </message>
        <message>
            <source>&amp;Open database…</source>
            <translation>打开数据库(&amp;O)…</translation>
        </message>
        <message>
            <source>Open the Jimei &amp;demo district</source>
            <translation>打开集美示例辖区(&amp;D)</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>退出(&amp;Q)</translation>
        </message>
        <message>
            <source>&amp;Undo</source>
            <translation>撤销(&amp;U)</translation>
        </message>
        <message>
            <source>&amp;Redo</source>
            <translation>重做(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;Save changes</source>
            <translation>保存修改(&amp;S)</translation>
        </message>
        <message>
            <source>&amp;Find…</source>
            <translation>查找(&amp;F)…</translation>
        </message>
        <message>
            <source>Police s&amp;tations…</source>
            <translation>派出所(&amp;T)…</translation>
        </message>
        <message>
            <source>Re&amp;load from the database</source>
            <translation>从数据库重新载入(&amp;L)</translation>
        </message>
        <message>
            <source>&amp;Full screen</source>
            <translation>全屏(&amp;F)</translation>
        </message>
        <message>
            <source>中文 (Chinese)</source>
            <translation>中文</translation>
        </message>
        <message>
            <source>English</source>
            <translation>English</translation>
        </message>
        <message>
            <source>Short &amp;guide</source>
            <translation>使用指南(&amp;G)</translation>
        </message>
        <message>
            <source>&amp;About Huxue</source>
            <translation>关于护学(&amp;A)</translation>
        </message>
        <message>
            <source>Huxue school-guard planning</source>
            <translation>护学岗排班</translation>
        </message>
        <message>
            <source>%1 stations · %2 schools · %3 posts · %4 people</source>
            <translation>%1 个派出所 · %2 所学校 · %3 个岗位 · %4 人</translation>
        </message>
        <message>
            <source>Database: %1</source>
            <translation>数据库：%1</translation>
        </message>
        <message>
            <source>Planner: %1</source>
            <translation>规划员：%1</translation>
        </message>
        <message>
            <source>Connected to the server again at %1</source>
            <translation>%1 已重新连接到服务器</translation>
        </message>
        <message>
            <source>The database server cannot be reached. What you type is kept; Huxue reconnects by itself and saves your pending changes as soon as the server is back.</source>
            <translation>暂时连不上数据库服务器。您输入的内容会保留；护学会自动重新连接，服务器恢复后立即保存尚未保存的修改。</translation>
        </message>
        <message>
            <source>a station</source>
            <translation>一个派出所</translation>
        </message>
        <message>
            <source>a school</source>
            <translation>一所学校</translation>
        </message>
        <message>
            <source>a person</source>
            <translation>一名人员</translation>
        </message>
        <message>
            <source>a term</source>
            <translation>一个学期</translation>
        </message>
        <message>
            <source>the calendar</source>
            <translation>校历</translation>
        </message>
        <message>
            <source>a roster</source>
            <translation>一份排班表</translation>
        </message>
        <message>
            <source>a patrol unit</source>
            <translation>一个巡逻单元</translation>
        </message>
        <message>
            <source>attendance</source>
            <translation>到岗记录</translation>
        </message>
        <message>
            <source>%1 changed %2 at %3</source>
            <translation>%1 于 %3 修改了%2</translation>
        </message>
        <message>
            <source>&amp;Undo %1</source>
            <translation>撤销(&amp;U)：%1</translation>
        </message>
        <message>
            <source>&amp;Redo %1</source>
            <translation>重做(&amp;R)：%1</translation>
        </message>
        <message>
            <source>Change not possible</source>
            <translation>无法修改</translation>
        </message>
        <message>
            <source>Cannot open the database</source>
            <translation>无法打开数据库</translation>
        </message>
        <message>
            <source>New database</source>
            <translation>新建数据库</translation>
        </message>
        <message>
            <source>Huxue database (*.db)</source>
            <translation>护学数据库 (*.db)</translation>
        </message>
        <message>
            <source>%1 exists already; choose a new file name.</source>
            <translation>%1 已存在，请换一个文件名。</translation>
        </message>
        <message>
            <source>Open database</source>
            <translation>打开数据库</translation>
        </message>
        <message>
            <source>Huxue database (*.db);;All files (*)</source>
            <translation>护学数据库 (*.db);;所有文件 (*)</translation>
        </message>
        <message>
            <source>Short guide</source>
            <translation>使用指南</translation>
        </message>
        <message>
            <source>&lt;h3&gt;Huxue in five steps&lt;/h3&gt;&lt;ol&gt;&lt;li&gt;&lt;b&gt;Schools&lt;/b&gt;: find a school by name, code or pinyin initials (jmxx); edit its fields, its posts and their staffing needs, and its bell times. Grey times are the defaults of the school's kind.&lt;/li&gt;&lt;li&gt;&lt;b&gt;People&lt;/b&gt;: police, auxiliary police, security guards and volunteers, with their phone, limits, preferred schools, weekly availability (paint it with the mouse) and leave.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Calendar&lt;/b&gt;: terms and vacations, public holidays and make-up days, and exceptions such as closures, early release or exam days.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Roster&lt;/b&gt;: plan a week and print the duty sheets.&lt;/li&gt;&lt;li&gt;Every change is saved at once and can be undone with Ctrl+Z.&lt;/li&gt;&lt;/ol&gt;</source>
            <translation>&lt;h3&gt;五步用好护学&lt;/h3&gt;&lt;ol&gt;&lt;li&gt;&lt;b&gt;学校&lt;/b&gt;：按名称、编号或拼音首字母（如 jmxx）查找学校；编辑学校信息、护学岗位及各时段所需警力、作息时间。灰色时间为该类学校的默认作息。&lt;/li&gt;&lt;li&gt;&lt;b&gt;人员&lt;/b&gt;：民警、辅警、保安和志愿者，包括电话、任务上限、常驻学校、每周可用时间（用鼠标涂选）和请假。&lt;/li&gt;&lt;li&gt;&lt;b&gt;日历&lt;/b&gt;：学期与寒暑假、法定节假日与调休补班，以及停课、提前放学、考试等例外。&lt;/li&gt;&lt;li&gt;&lt;b&gt;排班&lt;/b&gt;：按周排班并打印值班表。&lt;/li&gt;&lt;li&gt;每次修改立即保存，可用 Ctrl+Z 撤销。&lt;/li&gt;&lt;/ol&gt;</translation>
        </message>
        <message>
            <source>About Huxue</source>
            <translation>关于护学</translation>
        </message>
        <message>
            <source>&lt;h3&gt;护学 Huxue %1&lt;/h3&gt;&lt;p&gt;School-guard post planning for police stations: schools, posts, bell times, people and rosters.&lt;/p&gt;&lt;p&gt;Chinese text uses WenQuanYi Micro Hei (Apache 2.0 / GPL).&lt;/p&gt;</source>
            <translation>&lt;h3&gt;护学 Huxue %1&lt;/h3&gt;&lt;p&gt;派出所护学岗排班：学校、岗位、作息时间、人员与排班表。&lt;/p&gt;&lt;p&gt;中文字体：文泉驿微米黑（Apache 2.0 / GPL）。&lt;/p&gt;</translation>
        </message>
    </context>
    <context>
        <name>MapView</name>
        <message>
            <source>Turnout %1</source>
            <translation>到岗率 %1</translation>
        </message>
    </context>
    <context>
        <name>MonthModel</name>
        <message>
            <source>Make-up (%1)</source>
            <translation>补班（按周%1）</translation>
        </message>
        <message>
            <source>No school</source>
            <translation>不上课</translation>
        </message>
    </context>
    <context>
        <name>NeedTableModel</name>
        <message>
            <source>Session (staffed)</source>
            <translation>时段（需设岗）</translation>
        </message>
        <message>
            <source>Police ≥</source>
            <translation>民警 ≥</translation>
        </message>
        <message>
            <source>Officers ≥</source>
            <translation>警力 ≥</translation>
        </message>
        <message>
            <source>Total</source>
            <translation>总人数</translation>
        </message>
    </context>
    <context>
        <name>OutputActions</name>
        <message>
            <source>&amp;Print duty sheets…</source>
            <translation>打印值班表(&amp;P)…</translation>
        </message>
        <message>
            <source>&amp;Export a week…</source>
            <translation>导出一周(&amp;E)…</translation>
        </message>
        <message>
            <source>&amp;Import from Excel or CSV…</source>
            <translation>从 Excel 或 CSV 导入(&amp;I)…</translation>
        </message>
        <message>
            <source>Download an import &amp;template…</source>
            <translation>下载导入模板(&amp;T)…</translation>
        </message>
        <message>
            <source>&amp;Back up the database…</source>
            <translation>备份数据库(&amp;B)…</translation>
        </message>
        <message>
            <source>&amp;Restore a backup…</source>
            <translation>恢复备份(&amp;R)…</translation>
        </message>
        <message>
            <source>Station rosters, school sheets, duty cards and sign-in sheets as PDF</source>
            <translation>派出所排班表、学校值班表、个人任务卡和签到表（PDF）</translation>
        </message>
        <message>
            <source>Excel, CSV, calendar files or messages for WeChat and SMS</source>
            <translation>Excel、CSV、日历文件或微信短信通知</translation>
        </message>
    </context>
    <context>
        <name>OutputFiles</name>
        <message>
            <source>The folder %1 holds files already. Replace files of the same name?</source>
            <translation>文件夹 %1 中已有文件。要替换同名文件吗？</translation>
        </message>
        <message>
            <source>%1 exists already. Replace it?</source>
            <translation>%1 已存在。要替换它吗？</translation>
        </message>
        <message>
            <source>Replace?</source>
            <translation>替换？</translation>
        </message>
    </context>
    <context>
        <name>OverviewPage</name>
        <message>
            <source>Whole district</source>
            <translation>全区</translation>
        </message>
        <message>
            <source>Overview</source>
            <translation>总览</translation>
        </message>
        <message>
            <source>Reading the week…</source>
            <translation>正在读取本周…</translation>
        </message>
        <message>
            <source>people by duties this week; %1 at their limit</source>
            <translation>按本周班次数统计人数；%1 人已达上限</translation>
        </message>
        <message>
            <source>Mon</source>
            <translation>周一</translation>
        </message>
        <message>
            <source>Tue</source>
            <translation>周二</translation>
        </message>
        <message>
            <source>Wed</source>
            <translation>周三</translation>
        </message>
        <message>
            <source>Thu</source>
            <translation>周四</translation>
        </message>
        <message>
            <source>Fri</source>
            <translation>周五</translation>
        </message>
        <message>
            <source>Sat</source>
            <translation>周六</translation>
        </message>
        <message>
            <source>Sun</source>
            <translation>周日</translation>
        </message>
        <message>
            <source>No duty this week.</source>
            <translation>本周没有护学岗时段。</translation>
        </message>
        <message>
            <source>Not planned yet: %1 seats to fill.</source>
            <translation>尚未排班：共 %1 人次待安排。</translation>
        </message>
        <message>
            <source>All %1 seats filled.</source>
            <translation>%1 人次全部排满。</translation>
        </message>
        <message>
            <source>%1 of %2 seats filled (%3); %4 short, %5 of them at high-risk posts.</source>
            <translation>已安排 %1 / %2 人次（%3），缺 %4 人次，其中高风险 %5。</translation>
        </message>
        <message>
            <source>High</source>
            <translation>高</translation>
        </message>
        <message>
            <source>Medium</source>
            <translation>中</translation>
        </message>
        <message>
            <source>Low</source>
            <translation>低</translation>
        </message>
        <message>
            <source>By risk: </source>
            <translation>按风险：</translation>
        </message>
        <message>
            <source>Hours on duty: officers %1 h, volunteers %2 h, security guards %3 h</source>
            <translation>值守时长：警力 %1 小时，志愿者 %2 小时，保安 %3 小时</translation>
        </message>
        <message>
            <source>Turnout (到岗率): no attendance recorded for this week yet.</source>
            <translation>到岗率：本周尚未登记到岗情况。</translation>
        </message>
        <message>
            <source>Turnout (到岗率): %1 — %2 of %3 recorded duties attended; %4 absent, %5 late; %6 peak sessions unguarded</source>
            <translation>到岗率：%1 —— 已登记的 %3 个班次中到岗 %2 个；缺岗 %4 个，迟到 %5 个；高峰时段无人值守 %6 个</translation>
        </message>
        <message>
            <source>High risk short: %1 %2, %3 %4 (%5 missing)</source>
            <translation>高风险缺员：%1 %2，%3 %4（缺 %5 人）</translation>
        </message>
        <message>
            <source>Not yet published: %1</source>
            <translation>尚未发布：%1</translation>
        </message>
        <message>
            <source>Sheets to print again: %1 (printed %2, the roster changed since)</source>
            <translation>需重新打印的值班表：%1（%2 打印后排班表已改动）</translation>
        </message>
        <message>
            <source>Nothing left to do for this week.</source>
            <translation>本周没有待办事项。</translation>
        </message>
        <message>
            <source>◀ Previous week</source>
            <translation>◀ 上一周</translation>
        </message>
        <message>
            <source>Next week ▶</source>
            <translation>下一周 ▶</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>刷新</translation>
        </message>
        <message>
            <source>Fill by station</source>
            <translation>各派出所排班情况</translation>
        </message>
        <message>
            <source>What remains to do</source>
            <translation>待办事项</translation>
        </message>
        <message>
            <source>Load against weekly limits</source>
            <translation>人员负荷（对照每周上限）</translation>
        </message>
        <message>
            <source>Fill by school and day (click to open in the roster)</source>
            <translation>各校每日排班（点击在排班页打开）</translation>
        </message>
    </context>
    <context>
        <name>PathField</name>
        <message>
            <source>Browse…</source>
            <translation>浏览…</translation>
        </message>
    </context>
    <context>
        <name>PatrolMapPage</name>
        <message>
            <source>Morning arrival</source>
            <translation>早入校</translation>
        </message>
        <message>
            <source>Noon</source>
            <translation>午间</translation>
        </message>
        <message>
            <source>Dismissal</source>
            <translation>放学</translation>
        </message>
        <message>
            <source>Evening study</source>
            <translation>晚自习</translation>
        </message>
        <message>
            <source>Patrols</source>
            <translation>巡逻</translation>
        </message>
        <message>
            <source>With patrols</source>
            <translation>含巡逻</translation>
        </message>
        <message>
            <source>Colour by turnout</source>
            <translation>按到岗率着色</translation>
        </message>
        <message>
            <source>Plan patrols</source>
            <translation>规划巡逻</translation>
        </message>
        <message>
            <source>Patrol units…</source>
            <translation>巡逻单元…</translation>
        </message>
        <message>
            <source>Route cards…</source>
            <translation>路线卡…</translation>
        </message>
        <message>
            <source>Export…</source>
            <translation>导出…</translation>
        </message>
        <message>
            <source>Basemap…</source>
            <translation>底图…</translation>
        </message>
        <message>
            <source>Fit</source>
            <translation>全图</translation>
        </message>
        <message>
            <source>Week</source>
            <translation>周</translation>
        </message>
        <message>
            <source>Response within 1, 3, 5 minutes (posts → with patrols)</source>
            <translation>1、3、5 分钟响应（仅岗位 → 含巡逻）</translation>
        </message>
        <message>
            <source>turnout ≥ %1</source>
            <translation>到岗率 ≥ %1</translation>
        </message>
        <message>
            <source>turnout below %1</source>
            <translation>到岗率低于 %1</translation>
        </message>
        <message>
            <source>no attendance recorded</source>
            <translation>未登记到岗情况</translation>
        </message>
        <message>
            <source>≤ %1 min</source>
            <translation>%1 分钟内</translation>
        </message>
        <message>
            <source>over 5 min</source>
            <translation>超过 5 分钟</translation>
        </message>
        <message>
            <source>no officer on duty</source>
            <translation>无在岗警力</translation>
        </message>
        <message>
            <source>officer at a post</source>
            <translation>民警/辅警在岗</translation>
        </message>
        <message>
            <source>police station</source>
            <translation>派出所</translation>
        </message>
        <message>
            <source>Planning patrols…</source>
            <translation>正在规划巡逻…</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>正在读取…</translation>
        </message>
        <message>
            <source>%1 loops this week; %2 school-windows beyond 5 minutes</source>
            <translation>本周巡逻路线 %1 条；超过 5 分钟 %2 校次</translation>
        </message>
        <message>
            <source>No duty sessions this week.</source>
            <translation>本周没有护学时段。</translation>
        </message>
        <message>
            <source>Folder for the route cards</source>
            <translation>路线卡保存位置</translation>
        </message>
        <message>
            <source>Route cards</source>
            <translation>路线卡</translation>
        </message>
        <message>
            <source>Route cards written: %1</source>
            <translation>已写入路线卡：%1 张</translation>
        </message>
        <message>
            <source>Export the response report</source>
            <translation>导出响应报告</translation>
        </message>
        <message>
            <source>Export</source>
            <translation>导出</translation>
        </message>
        <message>
            <source>Written: %1</source>
            <translation>已写入：%1</translation>
        </message>
        <message>
            <source>Basemap: %1 tiles could not be fetched from the tile server</source>
            <translation>底图：有 %1 个瓦片未能从瓦片服务获取</translation>
        </message>
    </context>
    <context>
        <name>PeopleController</name>
        <message>
            <source>%1 of %2 people</source>
            <translation>共 %2 人，显示 %1 人</translation>
        </message>
    </context>
    <context>
        <name>PeoplePage</name>
        <message>
            <source>People</source>
            <translation>人员</translation>
        </message>
    </context>
    <context>
        <name>PeopleView</name>
        <message>
            <source>All stations</source>
            <translation>全部派出所</translation>
        </message>
        <message>
            <source>All roles</source>
            <translation>全部身份</translation>
        </message>
        <message>
            <source>Active</source>
            <translation>在用</translation>
        </message>
        <message>
            <source>Inactive</source>
            <translation>停用</translation>
        </message>
        <message>
            <source>Active and inactive</source>
            <translation>在用和停用</translation>
        </message>
        <message>
            <source>Search name, code, phone or pinyin…</source>
            <translation>搜索姓名、编号、电话或拼音…</translation>
        </message>
        <message>
            <source>New person</source>
            <translation>新增人员</translation>
        </message>
    </context>
    <context>
        <name>PersonEditor</name>
        <message>
            <source>Add a police station first.</source>
            <translation>请先添加派出所。</translation>
        </message>
        <message>
            <source>New person</source>
            <translation>新增人员</translation>
        </message>
        <message>
            <source>Select a person</source>
            <translation>请选择人员</translation>
        </message>
        <message>
            <source>Edit person %1</source>
            <translation>修改人员 %1</translation>
        </message>
        <message>
            <source>Add person %1</source>
            <translation>新增人员 %1</translation>
        </message>
        <message>
            <source>Delete person %1</source>
            <translation>删除人员 %1</translation>
        </message>
        <message>
            <source>Unsaved changes</source>
            <translation>有未保存的修改</translation>
        </message>
        <message>
            <source>Save the changes to this person?</source>
            <translation>保存对此人员的修改吗？</translation>
        </message>
        <message>
            <source>mobile</source>
            <translation>手机</translation>
        </message>
        <message>
            <source>landline</source>
            <translation>座机</translation>
        </message>
        <message>
            <source>short number</source>
            <translation>短号</translation>
        </message>
        <message>
            <source>invalid</source>
            <translation>无效</translation>
        </message>
        <message>
            <source>Delete person</source>
            <translation>删除人员</translation>
        </message>
        <message>
            <source>Delete %1? You can undo this.</source>
            <translation>删除 %1？可以撤销。</translation>
        </message>
    </context>
    <context>
        <name>PersonEditorView</name>
        <message>
            <source>Code (badge no.)</source>
            <translation>编号（警号）</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>身份</translation>
        </message>
        <message>
            <source>Police station</source>
            <translation>派出所</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <source>Home (lat, lon)</source>
            <translation>住址位置（纬度, 经度）</translation>
        </message>
        <message>
            <source>Max per day / week</source>
            <translation>每日 / 每周上限</translation>
        </message>
        <message>
            <source>Active</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>备注</translation>
        </message>
        <message>
            <source>13812345678, 0592-1234567 or 6101</source>
            <translation>13812345678、0592-1234567 或 6101</translation>
        </message>
        <message>
            <source>latitude</source>
            <translation>纬度</translation>
        </message>
        <message>
            <source>longitude</source>
            <translation>经度</translation>
        </message>
        <message>
            <source>no limit</source>
            <translation>不限</translation>
        </message>
        <message>
            <source> per day</source>
            <translation> 次/日</translation>
        </message>
        <message>
            <source> per week</source>
            <translation> 次/周</translation>
        </message>
        <message>
            <source>Can be rostered</source>
            <translation>可参与排班</translation>
        </message>
        <message>
            <source>Person</source>
            <translation>基本信息</translation>
        </message>
        <message>
            <source>Availability</source>
            <translation>可用时间</translation>
        </message>
        <message>
            <source>Leave</source>
            <translation>请假</translation>
        </message>
        <message>
            <source>Preferred schools</source>
            <translation>常驻学校</translation>
        </message>
        <message>
            <source>Always available (no weekly pattern)</source>
            <translation>随时可用（不设每周时间）</translation>
        </message>
        <message>
            <source>Paint the times this person can stand guard: press and drag with the mouse; start on a green cell to erase. Columns are quarter hours, 06:00–22:00.</source>
            <translation>用鼠标按住拖动，涂出此人可以上岗的时间；从绿色格子开始拖动即为擦除。每格一刻钟，06:00–22:00。</translation>
        </message>
        <message>
            <source>Weekdays 06:30–19:00</source>
            <translation>工作日 06:30–19:00</translation>
        </message>
        <message>
            <source>Clear</source>
            <translation>清空</translation>
        </message>
        <message>
            <source>Add leave</source>
            <translation>新增请假</translation>
        </message>
        <message>
            <source>Remove leave</source>
            <translation>删除请假</translation>
        </message>
        <message>
            <source>Add</source>
            <translation>添加</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>删除</translation>
        </message>
        <message>
            <source>School name or pinyin…</source>
            <translation>学校名称或拼音…</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>保存</translation>
        </message>
        <message>
            <source>Revert</source>
            <translation>还原</translation>
        </message>
        <message>
            <source>Delete person</source>
            <translation>删除人员</translation>
        </message>
    </context>
    <context>
        <name>PersonTableModel</name>
        <message>
            <source>Code</source>
            <translation>编号/警号</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>身份</translation>
        </message>
        <message>
            <source>Police station</source>
            <translation>派出所</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <source>Max/week</source>
            <translation>周上限</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>inactive</source>
            <translation>停用</translation>
        </message>
        <message>
            <source>on leave</source>
            <translation>请假中</translation>
        </message>
        <message>
            <source>active</source>
            <translation>在用</translation>
        </message>
    </context>
    <context>
        <name>Planning</name>
        <message>
            <source>short {n}</source>
            <translation>缺 {n}</translation>
        </message>
        <message>
            <source>{n} police</source>
            <translation>{n} 名民警</translation>
        </message>
        <message>
            <source>{n} officers</source>
            <translation>{n} 名警力</translation>
        </message>
        <message>
            <source>{n} people</source>
            <translation>{n} 人</translation>
        </message>
        <message>
            <source>on duty at {where}</source>
            <translation>正在 {where} 执勤</translation>
        </message>
        <message>
            <source>at the daily limit (raise max per day)</source>
            <translation>已达每日上限（可提高每日上限）</translation>
        </message>
        <message>
            <source>at the weekly limit (raise max per week)</source>
            <translation>已达每周上限（可提高每周上限）</translation>
        </message>
        <message>
            <source>another station's officer (cross the station boundary)</source>
            <translation>其他派出所警力（需跨所调配）</translation>
        </message>
        <message>
            <source>lives beyond the travel radius</source>
            <translation>住处超出出行半径</translation>
        </message>
        <message>
            <source>on leave</source>
            <translation>请假中</translation>
        </message>
        <message>
            <source>not available at that time</source>
            <translation>该时间不可用</translation>
        </message>
        <message>
            <source>the post does not need this role</source>
            <translation>该岗位不需要此身份</translation>
        </message>
        <message>
            <source>the post is full</source>
            <translation>该岗位已满</translation>
        </message>
        <message>
            <source>free, not chosen (the solve ended early)</source>
            <translation>空闲但未安排（求解提前结束）</translation>
        </message>
        <message>
            <source>Mon</source>
            <translation>周一</translation>
        </message>
        <message>
            <source>Tue</source>
            <translation>周二</translation>
        </message>
        <message>
            <source>Wed</source>
            <translation>周三</translation>
        </message>
        <message>
            <source>Thu</source>
            <translation>周四</translation>
        </message>
        <message>
            <source>Fri</source>
            <translation>周五</translation>
        </message>
        <message>
            <source>Sat</source>
            <translation>周六</translation>
        </message>
        <message>
            <source>Sun</source>
            <translation>周日</translation>
        </message>
        <message>
            <source>School · post</source>
            <translation>学校 · 岗位</translation>
        </message>
        <message>
            <source>Session</source>
            <translation>时段</translation>
        </message>
        <message>
            <source>{school} ({code}), post {post}, risk {risk}</source>
            <translation>{school}（{code}），岗位 {post}，风险 {risk}</translation>
        </message>
        <message>
            <source>Need: {police} police, {officers} officers, {total} people</source>
            <translation>需求：民警 {police}，警力 {officers}，总人数 {total}</translation>
        </message>
        <message>
            <source>(pinned)</source>
            <translation>（已固定）</translation>
        </message>
        <message>
            <source>Short: {what}</source>
            <translation>缺员：{what}</translation>
        </message>
        <message>
            <source>Person</source>
            <translation>人员</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>身份</translation>
        </message>
        <message>
            <source>Duties</source>
            <translation>任务数</translation>
        </message>
        <message>
            <source>Risk</source>
            <translation>风险</translation>
        </message>
        <message>
            <source>When</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>Missing</source>
            <translation>缺员</translation>
        </message>
        <message>
            <source>Cause</source>
            <translation>原因</translation>
        </message>
        <message>
            <source>(cause not computed)</source>
            <translation>（未计算原因）</translation>
        </message>
        <message>
            <source>Who could cover it, and what stops them:</source>
            <translation>谁能补上，以及受什么限制：</translation>
        </message>
        <message>
            <source>Who</source>
            <translation>人员</translation>
        </message>
        <message>
            <source>Action</source>
            <translation>操作</translation>
        </message>
        <message>
            <source>Roster</source>
            <translation>排班</translation>
        </message>
        <message>
            <source>Before</source>
            <translation>之前</translation>
        </message>
        <message>
            <source>After</source>
            <translation>之后</translation>
        </message>
        <message>
            <source>Published</source>
            <translation>已发布</translation>
        </message>
        <message>
            <source>New version</source>
            <translation>新版本</translation>
        </message>
        <message>
            <source>Generated</source>
            <translation>已生成</translation>
        </message>
        <message>
            <source>Sick-call repair</source>
            <translation>病假调整</translation>
        </message>
        <message>
            <source>Manual edit</source>
            <translation>手工修改</translation>
        </message>
        <message>
            <source>Added by hand</source>
            <translation>手工添加</translation>
        </message>
        <message>
            <source>Removed by hand</source>
            <translation>手工移除</translation>
        </message>
        <message>
            <source>Moved by hand</source>
            <translation>手工调动</translation>
        </message>
        <message>
            <source>Pinned</source>
            <translation>已固定</translation>
        </message>
        <message>
            <source>Unpinned</source>
            <translation>取消固定</translation>
        </message>
        <message>
            <source>Change</source>
            <translation>变更</translation>
        </message>
        <message>
            <source>Duty</source>
            <translation>任务</translation>
        </message>
    </context>
    <context>
        <name>PlanningController</name>
        <message>
            <source>Publish this week first: next week starts from its published roster.</source>
            <translation>请先发布本周排班：下周以本周已发布的排班为起点。</translation>
        </message>
        <message>
            <source>Nobody found</source>
            <translation>未找到此人</translation>
        </message>
        <message>
            <source>{name} ({code}): {n} duties this week, marked yellow</source>
            <translation>{name}（{code}）：本周 {n} 个任务，已用黄色标出</translation>
        </message>
        <message>
            <source>No duty sessions this week</source>
            <translation>本周没有护学时段</translation>
        </message>
        <message>
            <source>No roster yet: {n} sessions, {s} seats</source>
            <translation>尚未排班：{n} 个时段，{s} 人次</translation>
        </message>
        <message>
            <source>Published</source>
            <translation>已发布</translation>
        </message>
        <message>
            <source>Draft</source>
            <translation>草稿</translation>
        </message>
        <message>
            <source>{state} {version} · {filled}/{seats} seats filled</source>
            <translation>{state} {version} · 已排 {filled}/{seats}</translation>
        </message>
        <message>
            <source>All {n} seats filled</source>
            <translation>{n} 人次全部排满</translation>
        </message>
        <message>
            <source>{short} short, {high} of them at high-risk posts</source>
            <translation>缺 {short} 人次，其中高风险 {high}</translation>
        </message>
        <message>
            <source>Select a cell of the roster.</source>
            <translation>请选择排班表中的一格。</translation>
        </message>
        <message>
            <source>Need {police} police, {officers} officers, {total} people</source>
            <translation>需要民警 {police}、警力 {officers}、共 {total} 人</translation>
        </message>
        <message>
            <source>Full: remove someone to put another here.</source>
            <translation>已满：先移除一人才能安排他人。</translation>
        </message>
        <message>
            <source>Choose who to remove in the list.</source>
            <translation>请在列表中选择要移除的人员。</translation>
        </message>
        <message>
            <source>Choose whose duty to pin in the list.</source>
            <translation>请在列表中选择要固定的人员任务。</translation>
        </message>
        <message>
            <source>Refused: {why}</source>
            <translation>被拒绝：{why}</translation>
        </message>
    </context>
    <context>
        <name>PlanningPage</name>
        <message>
            <source>Roster</source>
            <translation>排班</translation>
        </message>
    </context>
    <context>
        <name>PlanningView</name>
        <message>
            <source>Whole district</source>
            <translation>全辖区</translation>
        </message>
        <message>
            <source>All stations</source>
            <translation>全部派出所</translation>
        </message>
        <message>
            <source>All kinds</source>
            <translation>全部学校类型</translation>
        </message>
        <message>
            <source>All risks</source>
            <translation>全部风险等级</translation>
        </message>
        <message>
            <source>red post: high risk</source>
            <translation>红色岗位：高风险</translation>
        </message>
        <message>
            <source>red cell: short</source>
            <translation>红底：缺员</translation>
        </message>
        <message>
            <source>pinned</source>
            <translation>已固定</translation>
        </message>
        <message>
            <source>Week of</source>
            <translation>所在周（周一）</translation>
        </message>
        <message>
            <source>◀</source>
            <translation>◀</translation>
        </message>
        <message>
            <source>Previous week (Alt+Left)</source>
            <translation>上一周（Alt+←）</translation>
        </message>
        <message>
            <source>▶</source>
            <translation>▶</translation>
        </message>
        <message>
            <source>Next week (Alt+Right)</source>
            <translation>下一周（Alt+→）</translation>
        </message>
        <message>
            <source>Time limit</source>
            <translation>时间上限</translation>
        </message>
        <message>
            <source> s</source>
            <translation> 秒</translation>
        </message>
        <message>
            <source>Generate</source>
            <translation>生成排班</translation>
        </message>
        <message>
            <source>Solve the week in the background; pinned duties are kept</source>
            <translation>在后台求解本周排班；已固定的任务保持不变</translation>
        </message>
        <message>
            <source>Stop</source>
            <translation>停止</translation>
        </message>
        <message>
            <source>Stop the search and keep the best roster found</source>
            <translation>停止搜索并保留已找到的最佳排班</translation>
        </message>
        <message>
            <source>Sick call…</source>
            <translation>病假…</translation>
        </message>
        <message>
            <source>Plan next week from this one</source>
            <translation>以本周为基础排下周</translation>
        </message>
        <message>
            <source>Open next week and solve it from this week's published roster: the same people at the same gates; leave and holidays change only what they must</source>
            <translation>打开下周，以本周已发布的排班为起点求解：同一批人守同一个校门；请假和节假日只改动必须改动的部分</translation>
        </message>
        <message>
            <source>Publish</source>
            <translation>发布</translation>
        </message>
        <message>
            <source>Filter schools and posts…</source>
            <translation>筛选学校和岗位…</translation>
        </message>
        <message>
            <source>Problems only</source>
            <translation>只看问题</translation>
        </message>
        <message>
            <source>Only posts with a short session this week</source>
            <translation>只显示本周有缺员时段的岗位</translation>
        </message>
        <message>
            <source>Show one station's schools of the district</source>
            <translation>只看辖区内某个派出所的学校</translation>
        </message>
        <message>
            <source>Find a person (name or code)…</source>
            <translation>查找人员（姓名或编号）…</translation>
        </message>
        <message>
            <source>Compact rows</source>
            <translation>紧凑行</translation>
        </message>
        <message>
            <source>One line per row: more posts on screen</source>
            <translation>每行一行姓名：一屏显示更多岗位</translation>
        </message>
        <message>
            <source>Filter people by name or code…</source>
            <translation>按姓名或编号筛选人员…</translation>
        </message>
        <message>
            <source>By station</source>
            <translation>按派出所</translation>
        </message>
        <message>
            <source>By school</source>
            <translation>按学校</translation>
        </message>
        <message>
            <source>By person</source>
            <translation>按人员</translation>
        </message>
        <message>
            <source>Compare versions</source>
            <translation>版本对比</translation>
        </message>
        <message>
            <source>Audit trail</source>
            <translation>审计记录</translation>
        </message>
        <message>
            <source>Compare</source>
            <translation>对比</translation>
        </message>
        <message>
            <source>Selected duty</source>
            <translation>所选任务</translation>
        </message>
        <message>
            <source>On duty (drag to another cell to move):</source>
            <translation>在岗人员（拖到其他格子即可调动）：</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>删除</translation>
        </message>
        <message>
            <source>Pin / unpin</source>
            <translation>固定 / 取消固定</translation>
        </message>
        <message>
            <source>Eligible and free (drag onto a cell):</source>
            <translation>可安排的空闲人员（拖到格子上）：</translation>
        </message>
        <message>
            <source>Add to this duty</source>
            <translation>加入此任务</translation>
        </message>
        <message>
            <source>Short posts, riskiest first</source>
            <translation>缺员岗位（风险高者在前）</translation>
        </message>
        <message>
            <source>seconds</source>
            <translation>秒</translation>
        </message>
        <message>
            <source>objective</source>
            <translation>目标值</translation>
        </message>
        <message>
            <source>bound</source>
            <translation>下界</translation>
        </message>
    </context>
    <context>
        <name>PostTableModel</name>
        <message>
            <source>Code</source>
            <translation>编号</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>岗位名称</translation>
        </message>
        <message>
            <source>Risk 1–3</source>
            <translation>风险 1–3</translation>
        </message>
        <message>
            <source>Latitude</source>
            <translation>纬度</translation>
        </message>
        <message>
            <source>Longitude</source>
            <translation>经度</translation>
        </message>
        <message>
            <source>Active</source>
            <translation>启用</translation>
        </message>
        <message>
            <source>Empty: the post stands at its school's location</source>
            <translation>留空：岗位位于所属学校的位置</translation>
        </message>
        <message>
            <source>At the school's location; type to place the post itself</source>
            <translation>使用学校的位置；输入坐标可单独设置岗位位置</translation>
        </message>
    </context>
    <context>
        <name>PrintDialog</name>
        <message>
            <source>Print duty sheets</source>
            <translation>打印值班表</translation>
        </message>
        <message>
            <source>Week of</source>
            <translation>所在周（周一）</translation>
        </message>
        <message>
            <source>Print</source>
            <translation>打印</translation>
        </message>
        <message>
            <source>All</source>
            <translation>全部</translation>
        </message>
        <message>
            <source>Kind of sheet</source>
            <translation>表格种类</translation>
        </message>
        <message>
            <source>Which sheets</source>
            <translation>打印范围</translation>
        </message>
        <message>
            <source>Only</source>
            <translation>仅</translation>
        </message>
        <message>
            <source>Police station</source>
            <translation>派出所</translation>
        </message>
        <message>
            <source>All stations</source>
            <translation>全部派出所</translation>
        </message>
        <message>
            <source>Full phone numbers (otherwise masked: 138****5678)</source>
            <translation>显示完整电话号码（否则隐去：138****5678）</translation>
        </message>
        <message>
            <source>Also save each school sheet as an image (PNG) for WeChat</source>
            <translation>同时把每所学校的值班表存为图片（PNG），便于微信发送</translation>
        </message>
        <message>
            <source>Save in folder</source>
            <translation>保存到文件夹</translation>
        </message>
        <message>
            <source>Folder for the printed sheets</source>
            <translation>值班表保存文件夹</translation>
        </message>
        <message>
            <source>Preview</source>
            <translation>预览</translation>
        </message>
        <message>
            <source>Stop</source>
            <translation>停止</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <source>Open in the system viewer</source>
            <translation>用系统查看器打开</translation>
        </message>
        <message>
            <source>Open folder</source>
            <translation>打开文件夹</translation>
        </message>
        <message>
            <source>Station weekly roster</source>
            <translation>派出所周排班表</translation>
        </message>
        <message>
            <source>School duty sheet</source>
            <translation>学校值班表</translation>
        </message>
        <message>
            <source>Person duty card</source>
            <translation>个人执勤卡</translation>
        </message>
        <message>
            <source>Post sign-in sheet</source>
            <translation>岗位签到表</translation>
        </message>
        <message>
            <source>Choose a folder for the sheets.</source>
            <translation>请选择值班表的保存文件夹。</translation>
        </message>
        <message>
            <source>Reading the week…</source>
            <translation>正在读取本周…</translation>
        </message>
        <message>
            <source>Sheet {done} of {total}</source>
            <translation>第 {done} / {total} 张</translation>
        </message>
        <message>
            <source>{n} sheets written to {folder}</source>
            <translation>已写入 {n} 张表到 {folder}</translation>
        </message>
        <message>
            <source>All in one file for printing: {name}</source>
            <translation>合并为一个文件便于打印：{name}</translation>
        </message>
        <message>
            <source>Nothing printed: {reason}</source>
            <translation>未打印：{reason}</translation>
        </message>
        <message>
            <source>Stopped; the sheets written so far are in the folder.</source>
            <translation>已停止；已生成的表在文件夹中。</translation>
        </message>
        <message>
            <source>Cannot show this file: %1</source>
            <translation>无法显示此文件：%1</translation>
        </message>
        <message>
            <source>The printed files appear here.</source>
            <translation>生成的文件显示在这里。</translation>
        </message>
        <message>
            <source>%1: %2 page(s), as printed.</source>
            <translation>%1：共 %2 页，与打印件一致。</translation>
        </message>
        <message>
            <source>The first %1 are shown.</source>
            <translation>此处显示前 %1 页。</translation>
        </message>
        <message>
            <source>Choose a PDF in the list to see its pages.</source>
            <translation>在列表中选择一个 PDF 文件即可预览各页。</translation>
        </message>
    </context>
    <context>
        <name>ProgressDisplay</name>
        <message>
            <source>Seats filled: – / {n}</source>
            <translation>已排岗位：– / {n}</translation>
        </message>
        <message>
            <source>Solving… {t:.1f} s</source>
            <translation>正在求解… {t:.1f} 秒</translation>
        </message>
        <message>
            <source>Seats filled: {filled} / {seats}</source>
            <translation>已排人次：{filled} / {seats}</translation>
        </message>
        <message>
            <source>Objective {o:,.0f} · bound {b:,.0f}</source>
            <translation>目标值 {o:,.0f} · 界 {b:,.0f}</translation>
        </message>
    </context>
    <context>
        <name>RecordEditorController</name>
        <message>
            <source>Read only: {who} may not change another station's records.</source>
            <translation>只读：{who} 不能修改其他派出所的记录。</translation>
        </message>
        <message>
            <source>%1 changed this record while you were editing it. Your input is kept: save to store it over theirs, or discard it to see theirs.</source>
            <translation>%1 在您编辑期间修改了这条记录。您输入的内容已保留：保存将覆盖对方的修改，放弃则显示对方的版本。</translation>
        </message>
    </context>
    <context>
        <name>RepairController</name>
        <message>
            <source>Repairing the roster…</source>
            <translation>正在调整排班…</translation>
        </message>
        <message>
            <source>The repair failed: {why}</source>
            <translation>调整失败：{why}</translation>
        </message>
        <message>
            <source>Repair kept. Sheets to print again: {schools}</source>
            <translation>已保留调整。需重新打印：{schools}</translation>
        </message>
        <message>
            <source>none</source>
            <translation>无</translation>
        </message>
        <message>
            <source>Repair cancelled: nothing was changed.</source>
            <translation>已取消调整：没有任何改动。</translation>
        </message>
    </context>
    <context>
        <name>RepairDialog</name>
        <message>
            <source>Sick-call repair</source>
            <translation>病假调整</translation>
        </message>
        <message>
            <source>Repairing the roster changes {n} duties of {p} people.</source>
            <translation>调整排班将改变 {p} 人的 {n} 项任务。</translation>
        </message>
        <message>
            <source>Removed ({n})</source>
            <translation>移除（{n}）</translation>
        </message>
        <message>
            <source>Added ({n})</source>
            <translation>新增（{n}）</translation>
        </message>
        <message>
            <source>Moved ({n})</source>
            <translation>调动（{n}）</translation>
        </message>
        <message>
            <source>Sheets to print again:</source>
            <translation>需重新打印的表：</translation>
        </message>
        <message>
            <source>People to tell:</source>
            <translation>需通知的人员：</translation>
        </message>
        <message>
            <source>Accept</source>
            <translation>接受</translation>
        </message>
    </context>
    <context>
        <name>ReportDialog</name>
        <message>
            <source>Attendance reports and volunteer hours</source>
            <translation>出勤报表与志愿服务时长</translation>
        </message>
        <message>
            <source>This week</source>
            <translation>本周</translation>
        </message>
        <message>
            <source>This month</source>
            <translation>本月</translation>
        </message>
        <message>
            <source>This term</source>
            <translation>本学期</translation>
        </message>
        <message>
            <source>Whole district</source>
            <translation>全区</translation>
        </message>
        <message>
            <source>Report</source>
            <translation>报表</translation>
        </message>
        <message>
            <source>For</source>
            <translation>范围</translation>
        </message>
        <message>
            <source>From</source>
            <translation>从</translation>
        </message>
        <message>
            <source>To</source>
            <translation>到</translation>
        </message>
        <message>
            <source>Format</source>
            <translation>格式</translation>
        </message>
        <message>
            <source>Save as…</source>
            <translation>另存为…</translation>
        </message>
        <message>
            <source>Turnout report (到岗率)</source>
            <translation>到岗率报表</translation>
        </message>
        <message>
            <source>Volunteer hours: a statement per volunteer</source>
            <translation>志愿服务时长：每人一份证明</translation>
        </message>
        <message>
            <source>Volunteer hours: list</source>
            <translation>志愿服务时长：汇总表</translation>
        </message>
        <message>
            <source>The whole district</source>
            <translation>全区</translation>
        </message>
        <message>
            <source>No term contains this day.</source>
            <translation>这一天不在任何学期内。</translation>
        </message>
        <message>
            <source>The period ends before it starts.</source>
            <translation>结束日期早于开始日期。</translation>
        </message>
        <message>
            <source>Building the report…</source>
            <translation>正在生成报表…</translation>
        </message>
        <message>
            <source>Saved %1</source>
            <translation>已保存 %1</translation>
        </message>
        <message>
            <source>Save as</source>
            <translation>另存为</translation>
        </message>
    </context>
    <context>
        <name>ResponseCard</name>
        <message>
            <source>No peak window this week.</source>
            <translation>本周没有高峰时段。</translation>
        </message>
        <message>
            <source>Beyond 5 minutes with patrols: %1 school-windows; no officer at all: %2 → %3</source>
            <translation>加巡逻后仍超过 5 分钟：%1 校次；无民警可到：%2 → %3</translation>
        </message>
        <message>
            <source>Response times at peaks (1-3-5 rule)</source>
            <translation>高峰时段响应时间（1、3、5）</translation>
        </message>
        <message>
            <source>Place officers for response times when planning</source>
            <translation>排班时按响应时间安排民警</translation>
        </message>
        <message>
            <source>Among gates of equal shortfall, the roster solve puts officers where they reach more schools within 3 and 5 minutes at peaks (no seat is left empty for it)</source>
            <translation>在缺员相同的岗位之间，排班优先把民警安排在高峰时段 3 分钟、5 分钟内能到达更多学校的岗位（不会因此空出任何岗位）</translation>
        </message>
    </context>
    <context>
        <name>ResponseModel</name>
        <message>
            <source>Peak</source>
            <translation>高峰</translation>
        </message>
        <message>
            <source>Schools</source>
            <translation>学校</translation>
        </message>
        <message>
            <source>≤ 1 min</source>
            <translation>≤ 1 分钟</translation>
        </message>
        <message>
            <source>≤ 3 min</source>
            <translation>≤ 3 分钟</translation>
        </message>
        <message>
            <source>≤ 5 min</source>
            <translation>≤ 5 分钟</translation>
        </message>
        <message>
            <source>Avg</source>
            <translation>平均</translation>
        </message>
        <message>
            <source>Max</source>
            <translation>最长</translation>
        </message>
        <message>
            <source>Posts alone → posts and patrols (minutes)</source>
            <translation>仅固定岗 → 固定岗加巡逻（分钟）</translation>
        </message>
    </context>
    <context>
        <name>RestoreDialog</name>
        <message>
            <source>Restore a backup</source>
            <translation>恢复备份</translation>
        </message>
        <message>
            <source>Restoring replaces all data of the open database ({db}) with the backup's. The current data is first saved to {folder}.</source>
            <translation>恢复将用备份替换当前数据库（{db}）的全部数据。当前数据会先保存到 {folder}。</translation>
        </message>
        <message>
            <source>Backup file</source>
            <translation>备份文件</translation>
        </message>
        <message>
            <source>Yes, replace all data of this database</source>
            <translation>是的，替换此数据库的全部数据</translation>
        </message>
        <message>
            <source>Restore</source>
            <translation>恢复</translation>
        </message>
        <message>
            <source>Restoring…</source>
            <translation>正在恢复…</translation>
        </message>
        <message>
            <source>Restored {rows} rows of {tables} tables. The data it replaced is in {path}.</source>
            <translation>已恢复 {tables} 张表的 {rows} 行。被替换的数据保存在 {path}。</translation>
        </message>
        <message>
            <source>Nothing restored; the database is unchanged: {reason}</source>
            <translation>未恢复，数据库未改动：{reason}</translation>
        </message>
    </context>
    <context>
        <name>SchoolEditor</name>
        <message>
            <source>Add a police station first.</source>
            <translation>请先添加派出所。</translation>
        </message>
        <message>
            <source>New school</source>
            <translation>新增学校</translation>
        </message>
        <message>
            <source>Select a school</source>
            <translation>请选择学校</translation>
        </message>
        <message>
            <source>Edit school %1</source>
            <translation>修改学校 %1</translation>
        </message>
        <message>
            <source>Add school %1</source>
            <translation>新增学校 %1</translation>
        </message>
        <message>
            <source>Unsaved changes</source>
            <translation>有未保存的修改</translation>
        </message>
        <message>
            <source>Save the changes to this school?</source>
            <translation>保存对此学校的修改吗？</translation>
        </message>
        <message>
            <source>(none)</source>
            <translation>（无）</translation>
        </message>
        <message>
            <source>Gate %1</source>
            <translation>%1 号门</translation>
        </message>
        <message>
            <source>Delete school</source>
            <translation>删除学校</translation>
        </message>
        <message>
            <source>Delete %1 with its posts and bell times? You can undo this.</source>
            <translation>删除 %1 及其岗位和作息时间？可以撤销。</translation>
        </message>
        <message>
            <source>Delete school %1</source>
            <translation>删除学校 %1</translation>
        </message>
    </context>
    <context>
        <name>SchoolEditorView</name>
        <message>
            <source>Code</source>
            <translation>编号</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>Police station</source>
            <translation>派出所</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>地址</translation>
        </message>
        <message>
            <source>Location (lat, lon)</source>
            <translation>位置（纬度, 经度）</translation>
        </message>
        <message>
            <source>Enrolment</source>
            <translation>在校人数</translation>
        </message>
        <message>
            <source>Officer in charge</source>
            <translation>责任民警</translation>
        </message>
        <message>
            <source>Deputy officer in charge</source>
            <translation>代理责任民警</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>备注</translation>
        </message>
        <message>
            <source>Active</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>latitude, e.g. 24.58</source>
            <translation>纬度，如 24.58</translation>
        </message>
        <message>
            <source>longitude, e.g. 118.10</source>
            <translation>经度，如 118.10</translation>
        </message>
        <message>
            <source>School takes part in planning</source>
            <translation>参与护学排班</translation>
        </message>
        <message>
            <source>A police officer named on the school's sheet while the officer in charge is on leave</source>
            <translation>责任民警休假期间在学校值班表上列出的民警</translation>
        </message>
        <message>
            <source>School</source>
            <translation>学校信息</translation>
        </message>
        <message>
            <source>Posts</source>
            <translation>岗位</translation>
        </message>
        <message>
            <source>Bell times</source>
            <translation>作息时间</translation>
        </message>
        <message>
            <source>Add post</source>
            <translation>新增岗位</translation>
        </message>
        <message>
            <source>Remove post</source>
            <translation>删除岗位</translation>
        </message>
        <message>
            <source>Staffing need of the selected post</source>
            <translation>所选岗位的警力需求</translation>
        </message>
        <message>
            <source>Guard windows per weekday and session; several windows separated by ; (07:20-07:55). Grey italic days follow the defaults of this kind of school.</source>
            <translation>按星期和时段填写护学时间，多个时段用 ; 分隔（07:20-07:55）。灰色斜体表示沿用本类学校的默认作息。</translation>
        </message>
        <message>
            <source>Copy Monday to all weekdays</source>
            <translation>把周一复制到所有工作日</translation>
        </message>
        <message>
            <source>Reset to the defaults of this school kind</source>
            <translation>恢复为本类学校默认作息</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>保存</translation>
        </message>
        <message>
            <source>Revert</source>
            <translation>还原</translation>
        </message>
        <message>
            <source>Delete school</source>
            <translation>删除学校</translation>
        </message>
    </context>
    <context>
        <name>SchoolListModel</name>
        <message>
            <source>Preferred school</source>
            <translation>常驻学校</translation>
        </message>
    </context>
    <context>
        <name>SchoolTableModel</name>
        <message>
            <source>Code</source>
            <translation>编号</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>Police station</source>
            <translation>派出所</translation>
        </message>
        <message>
            <source>Posts</source>
            <translation>岗位</translation>
        </message>
        <message>
            <source>Risk</source>
            <translation>风险</translation>
        </message>
        <message>
            <source>Active</source>
            <translation>启用</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>是</translation>
        </message>
        <message>
            <source>no</source>
            <translation>否</translation>
        </message>
    </context>
    <context>
        <name>SchoolsController</name>
        <message>
            <source>%1 of %2 schools</source>
            <translation>共 %2 所，显示 %1 所</translation>
        </message>
    </context>
    <context>
        <name>SchoolsPage</name>
        <message>
            <source>Schools</source>
            <translation>学校</translation>
        </message>
    </context>
    <context>
        <name>SchoolsView</name>
        <message>
            <source>All stations</source>
            <translation>全部派出所</translation>
        </message>
        <message>
            <source>All kinds</source>
            <translation>全部类型</translation>
        </message>
        <message>
            <source>Risk %1</source>
            <translation>风险 %1</translation>
        </message>
        <message>
            <source>Any risk</source>
            <translation>全部风险等级</translation>
        </message>
        <message>
            <source>Search name, code or pinyin (jmxx)…</source>
            <translation>搜索名称、编号或拼音（jmxx）…</translation>
        </message>
        <message>
            <source>New school</source>
            <translation>新增学校</translation>
        </message>
        <message>
            <source>Police stations…</source>
            <translation>派出所…</translation>
        </message>
    </context>
    <context>
        <name>SickCallDialog</name>
        <message>
            <source>Sick call</source>
            <translation>病假</translation>
        </message>
        <message>
            <source>Person</source>
            <translation>人员</translation>
        </message>
        <message>
            <source>From</source>
            <translation>从</translation>
        </message>
        <message>
            <source>To</source>
            <translation>至</translation>
        </message>
        <message>
            <source>The person is put on leave and their station's week is re-solved changing as little as possible. You see every change before it is kept.</source>
            <translation>此人将被登记请假，并以尽量少的改动重新安排其所在派出所本周排班。保存前可查看每一项变更。</translation>
        </message>
        <message>
            <source>Repair</source>
            <translation>调整</translation>
        </message>
    </context>
    <context>
        <name>SolveController</name>
        <message>
            <source>This week has no duty sessions to roster.</source>
            <translation>本周没有需要排班的护学时段。</translation>
        </message>
        <message>
            <source>Generate again?</source>
            <translation>重新生成吗？</translation>
        </message>
        <message>
            <source>This week is published. Generating opens a new draft version; the change is recorded in the audit trail.</source>
            <translation>本周排班已发布。重新生成将新建一个草稿版本，变更会记入审计记录。</translation>
        </message>
        <message>
            <source>Generate over manual edits?</source>
            <translation>覆盖手动修改重新生成？</translation>
        </message>
        <message>
            <source>This draft has {n} duties set by hand. Pinned ones are kept; the rest of the roster is solved again. Generate?</source>
            <translation>本草稿有 {n} 个手动安排的任务。已固定的会保留，其余排班将重新求解。是否生成？</translation>
        </message>
        <message>
            <source>Stopping… the best roster found will be kept</source>
            <translation>正在停止…将保留已找到的最佳排班</translation>
        </message>
        <message>
            <source>Storing the roster…</source>
            <translation>正在保存排班…</translation>
        </message>
        <message>
            <source>{status} in {t:.1f} s (stored in {s:.1f} s)</source>
            <translation>{status}，用时 {t:.1f} 秒（保存 {s:.1f} 秒）</translation>
        </message>
        <message>
            <source>{kept} of {carried} duties kept from the week before</source>
            <translation>沿用上周 {carried} 个岗次中的 {kept} 个</translation>
        </message>
        <message>
            <source>Kept the newer draft; the new roster was not stored.</source>
            <translation>已保留较新的草稿；新排班表未保存。</translation>
        </message>
        <message>
            <source>The roster could not be stored: {why}</source>
            <translation>无法保存排班：{why}</translation>
        </message>
        <message>
            <source>The solve failed: {why}</source>
            <translation>求解失败：{why}</translation>
        </message>
        <message>
            <source>Optimal roster</source>
            <translation>最优排班</translation>
        </message>
        <message>
            <source>Roster found</source>
            <translation>已找到排班</translation>
        </message>
        <message>
            <source>Stopped; best roster kept</source>
            <translation>已停止；保留最佳排班</translation>
        </message>
        <message>
            <source>No roster found</source>
            <translation>未找到排班</translation>
        </message>
    </context>
    <context>
        <name>StationFillModel</name>
        <message>
            <source>Station</source>
            <translation>派出所</translation>
        </message>
        <message>
            <source>Seats</source>
            <translation>岗位人次</translation>
        </message>
        <message>
            <source>Filled</source>
            <translation>已安排</translation>
        </message>
        <message>
            <source>Short</source>
            <translation>缺员</translation>
        </message>
        <message>
            <source>High risk short</source>
            <translation>高风险缺员</translation>
        </message>
        <message>
            <source>Roster</source>
            <translation>排班表</translation>
        </message>
        <message>
            <source>not generated</source>
            <translation>未生成</translation>
        </message>
        <message>
            <source>published</source>
            <translation>已发布</translation>
        </message>
        <message>
            <source>draft</source>
            <translation>草稿</translation>
        </message>
        <message>
            <source>v%1 %2</source>
            <translation>第%1版 %2</translation>
        </message>
    </context>
    <context>
        <name>StationTableModel</name>
        <message>
            <source>Code</source>
            <translation>编号</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <source>Location (lat, lon)</source>
            <translation>位置（纬度, 经度）</translation>
        </message>
        <message>
            <source>Schools</source>
            <translation>学校</translation>
        </message>
        <message>
            <source>People</source>
            <translation>人员</translation>
        </message>
        <message>
            <source>not placed</source>
            <translation>未设置</translation>
        </message>
    </context>
    <context>
        <name>StationsController</name>
        <message>
            <source>New police station</source>
            <translation>新派出所</translation>
        </message>
        <message>
            <source>Edit station %1</source>
            <translation>修改派出所 %1</translation>
        </message>
        <message>
            <source>Add station %1</source>
            <translation>新增派出所 %1</translation>
        </message>
        <message>
            <source>Delete station %1</source>
            <translation>删除派出所 %1</translation>
        </message>
        <message>
            <source>Unsaved changes</source>
            <translation>有未保存的修改</translation>
        </message>
        <message>
            <source>Save the changes to this station?</source>
            <translation>保存对此派出所的修改吗？</translation>
        </message>
        <message>
            <source>Select a station</source>
            <translation>请选择派出所</translation>
        </message>
        <message>
            <source>%1 schools and %2 people belong to this station.</source>
            <translation>该派出所辖 %1 所学校、%2 名人员。</translation>
        </message>
        <message>
            <source>%1 police stations</source>
            <translation>共 %1 个派出所</translation>
        </message>
        <message>
            <source>Delete station</source>
            <translation>删除派出所</translation>
        </message>
        <message>
            <source>Delete %1? You can undo this.</source>
            <translation>删除 %1？可以撤销。</translation>
        </message>
    </context>
    <context>
        <name>StationsDialog</name>
        <message>
            <source>Police stations</source>
            <translation>派出所</translation>
        </message>
    </context>
    <context>
        <name>StationsView</name>
        <message>
            <source>Every school and every person belongs to a police station (派出所). Officers guard only the schools of their own station.</source>
            <translation>每所学校和每名人员都属于一个派出所。民警和辅警只在本所辖区的学校护学。</translation>
        </message>
        <message>
            <source>New station</source>
            <translation>新增派出所</translation>
        </message>
        <message>
            <source>Delete station</source>
            <translation>删除派出所</translation>
        </message>
        <message>
            <source>Station</source>
            <translation>派出所</translation>
        </message>
        <message>
            <source>Code</source>
            <translation>编号</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <source>Location (lat, lon)</source>
            <translation>位置（纬度, 经度）</translation>
        </message>
        <message>
            <source>e.g. JM</source>
            <translation>如 JM</translation>
        </message>
        <message>
            <source>e.g. 集美派出所</source>
            <translation>如 集美派出所</translation>
        </message>
        <message>
            <source>latitude, e.g. 24.58</source>
            <translation>纬度，如 24.58</translation>
        </message>
        <message>
            <source>longitude, e.g. 118.10</source>
            <translation>经度，如 118.10</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>保存</translation>
        </message>
        <message>
            <source>Revert</source>
            <translation>还原</translation>
        </message>
        <message>
            <source>Undo</source>
            <translation>撤销</translation>
        </message>
        <message>
            <source>Redo</source>
            <translation>重做</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
    </context>
    <context>
        <name>TemplateDialog</name>
        <message>
            <source>Download an import template</source>
            <translation>下载导入模板</translation>
        </message>
        <message>
            <source>Template for</source>
            <translation>模板类型</translation>
        </message>
        <message>
            <source>Format</source>
            <translation>格式</translation>
        </message>
        <message>
            <source>Save as</source>
            <translation>另存为</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>保存</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>打开</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <source>Excel (.xlsx, with a sheet explaining each column)</source>
            <translation>Excel（.xlsx，附各列说明）</translation>
        </message>
        <message>
            <source>CSV (.csv, header row only)</source>
            <translation>CSV（.csv，仅表头）</translation>
        </message>
        <message>
            <source>Template saved: {path}</source>
            <translation>模板已保存：{path}</translation>
        </message>
    </context>
    <context>
        <name>TermDialog</name>
        <message>
            <source>Term</source>
            <translation>学期</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <source>First day</source>
            <translation>开始日期</translation>
        </message>
        <message>
            <source>Last day</source>
            <translation>结束日期</translation>
        </message>
        <message>
            <source>Vacations (name, first day, last day; leave the name empty for none)</source>
            <translation>假期（名称、开始、结束；名称留空表示无）</translation>
        </message>
    </context>
    <context>
        <name>TermTableModel</name>
        <message>
            <source>Term</source>
            <translation>学期</translation>
        </message>
        <message>
            <source>First day</source>
            <translation>开始日期</translation>
        </message>
        <message>
            <source>Last day</source>
            <translation>结束日期</translation>
        </message>
        <message>
            <source>Vacations</source>
            <translation>假期</translation>
        </message>
    </context>
    <context>
        <name>Turnout</name>
        <message>
            <source>Turnout</source>
            <translation>到岗率</translation>
        </message>
        <message>
            <source>No attendance recorded in the last %1 weeks</source>
            <translation>近 %1 周没有出勤记录</translation>
        </message>
        <message>
            <source>%1 of %2 duties (last %3 weeks)</source>
            <translation>近 %3 周 %2 个班次中到岗 %1 个</translation>
        </message>
    </context>
    <context>
        <name>UnitsDialog</name>
        <message>
            <source>Patrol car</source>
            <translation>巡逻车</translation>
        </message>
        <message>
            <source>E-bike</source>
            <translation>电动车</translation>
        </message>
        <message>
            <source>On foot</source>
            <translation>步巡</translation>
        </message>
        <message>
            <source>Patrol units</source>
            <translation>巡逻单元</translation>
        </message>
        <message>
            <source>person codes, separated by spaces</source>
            <translation>人员编号，以空格分隔</translation>
        </message>
        <message>
            <source>Code</source>
            <translation>编号</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <source>Station</source>
            <translation>派出所</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>Speed</source>
            <translation>时速</translation>
        </message>
        <message>
            <source>Crew</source>
            <translation>组员</translation>
        </message>
        <message>
            <source>Starts from</source>
            <translation>出发点</translation>
        </message>
        <message>
            <source>Place</source>
            <translation>地点名称</translation>
        </message>
        <message>
            <source>Start latitude, longitude</source>
            <translation>出发点纬度、经度</translation>
        </message>
        <message>
            <source>Ends at</source>
            <translation>结束于</translation>
        </message>
        <message>
            <source>End latitude, longitude</source>
            <translation>结束点纬度、经度</translation>
        </message>
        <message>
            <source>Shift starts</source>
            <translation>上班</translation>
        </message>
        <message>
            <source>Shift ends</source>
            <translation>下班</translation>
        </message>
        <message>
            <source>New</source>
            <translation>新增</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>保存</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>删除</translation>
        </message>
        <message>
            <source>Import…</source>
            <translation>导入…</translation>
        </message>
        <message>
            <source>The station</source>
            <translation>派出所</translation>
        </message>
        <message>
            <source>A police post (警务站) or another place</source>
            <translation>警务站或其他地点</translation>
        </message>
        <message>
            <source>Back where it started</source>
            <translation>返回出发点</translation>
        </message>
        <message>
            <source>Another place</source>
            <translation>其他地点</translation>
        </message>
        <message>
            <source>e.g. 杏林湾警务站</source>
            <translation>例如 杏林湾警务站</translation>
        </message>
        <message>
            <source>Imported: %1</source>
            <translation>已导入：%1</translation>
        </message>
        <message>
            <source>Import patrol units</source>
            <translation>导入巡逻单元</translation>
        </message>
        <message>
            <source>CSV files (*.csv)</source>
            <translation>CSV 文件 (*.csv)</translation>
        </message>
    </context>
    <context>
        <name>UnitsModel</name>
        <message>
            <source>Code</source>
            <translation>编号</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <source>Station</source>
            <translation>派出所</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>Shift</source>
            <translation>班次</translation>
        </message>
        <message>
            <source>Crew</source>
            <translation>组员</translation>
        </message>
    </context>
    <context>
        <name>VersionsController</name>
        <message>
            <source>Published {n} roster(s); later edits open a new version.</source>
            <translation>已发布 {n} 份排班；之后的修改将新建版本。</translation>
        </message>
        <message>
            <source>published</source>
            <translation>已发布</translation>
        </message>
        <message>
            <source>draft</source>
            <translation>草稿</translation>
        </message>
        <message>
            <source>{n} version(s) of this week</source>
            <translation>本周共 {n} 个版本</translation>
        </message>
        <message>
            <source>moved</source>
            <translation>调动</translation>
        </message>
        <message>
            <source>removed</source>
            <translation>移除</translation>
        </message>
        <message>
            <source>added</source>
            <translation>新增</translation>
        </message>
        <message>
            <source>{r} removed, {a} added, {m} moved; {p} people concerned</source>
            <translation>移除 {r}，新增 {a}，调动 {m}；涉及 {p} 人</translation>
        </message>
        <message>
            <source>Publish the week?</source>
            <translation>发布本周排班吗？</translation>
        </message>
        <message>
            <source>Publishing locks this version of the roster. Later changes open a new version and are recorded in the audit trail.</source>
            <translation>发布将锁定此版本排班。之后的修改将新建版本并记入审计记录。</translation>
        </message>
    </context>
    <context>
        <name>WelcomeDialog</name>
        <message>
            <source>Welcome to Huxue</source>
            <translation>欢迎使用护学</translation>
        </message>
        <message>
            <source>Welcome to Huxue school-guard planning</source>
            <translation>欢迎使用护学岗排班</translation>
        </message>
        <message>
            <source>There is no database yet. Explore the Jimei demo district (276 schools, six police stations), or start with an empty database of your own.</source>
            <translation>还没有数据库。可以先看看集美示例辖区（276 所学校、6 个派出所），或从一个空数据库开始。</translation>
        </message>
        <message>
            <source>Open the Jimei demo district</source>
            <translation>打开集美示例辖区</translation>
        </message>
        <message>
            <source>Create an empty database</source>
            <translation>新建空数据库</translation>
        </message>
        <message>
            <source>Open a database file…</source>
            <translation>打开数据库文件…</translation>
        </message>
        <message>
            <source>Quit</source>
            <translation>退出</translation>
        </message>
        <message>
            <source>Open database</source>
            <translation>打开数据库</translation>
        </message>
        <message>
            <source>Huxue database (*.db);;All files (*)</source>
            <translation>护学数据库 (*.db);;所有文件 (*)</translation>
        </message>
    </context>
    <context>
        <name>_FileJobDialog</name>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
    </context>
</TS>
