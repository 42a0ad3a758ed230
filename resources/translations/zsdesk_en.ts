<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name></name>
    <message>
        <location filename="../../zsdesk/ui/lists/page.py" line="+107"/>
        <source>全部</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+56"/>
        <source>{0}：{1}项 ▾</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+53"/>
        <source>输入即筛选；空格分隔多个词（须同时满足）。Ctrl+F 定位到此处，Esc 清空。</source>
        <extracomment>the filter chips shown, in order: units, industries, stages, kinds, years, lights the label of the ``kinds`` chip (方式, 类型 …)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>新建一条记录（Ctrl+N）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>单元</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>产业</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>阶段</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>年度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>亮灯</source>
        <translation>Lights</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>只显示钻取的记录；点击取消钻取，回到完整列表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>清除筛选</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+117"/>
        <source>钻取：{0}  ✕</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+66"/>
        <source>记录表单尚未包含在当前版本中，暂时无法在此打开或新建记录。
列表的查询、筛选和钻取照常可用。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+32"/>
        <source>正在查询…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>正在统计…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>钻取 {0} 条</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>共 {0} 条</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{0}年</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+89"/>
        <source>显示的列</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>恢复默认列</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ActivityModel</name>
    <message>
        <location filename="../../zsdesk/ui/pages/dashboard.py" line="+362"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>拜访</source>
        <translation>visit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>线索</source>
        <translation>lead</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>项目</source>
        <translation>project</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>客商</source>
        <translation>company</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>载体</source>
        <translation>carrier</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>到位资金</source>
        <translation>capital arrival</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>待协调问题</source>
        <translation>open issue</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>项目共享</source>
        <translation>shared project</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>落户预审</source>
        <translation>pre-review</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>新增</source>
        <translation>Added </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>修改</source>
        <translation>Changed </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>删除</source>
        <translation>Deleted </translation>
    </message>
    <message>
        <location line="+24"/>
        <source>同步导入</source>
        <translation>sync import</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>台账导入</source>
        <translation>ledger import</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>演示数据</source>
        <translation>demo data</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>改动 {0} 项</source>
        <translation>{0} fields changed</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../zsdesk/ui/app.py" line="+68"/>
        <location line="+170"/>
        <source>招商桌面</source>
        <extracomment>after the bundled font: the usual Chinese UI fonts, then a Latin sans</extracomment>
        <translation>Investment Desk</translation>
    </message>
    <message>
        <location line="-53"/>
        <source>数据库尚未初始化，无法打开：
{0}

请先在命令行把它初始化为本站点，例如：
  zsdesk init --role county --code TX-U01 --name 泰兴高新区招商单元
（市招商办用 --role city），
或运行 zsdesk --demo 打开演示数据库。

数据库中没有任何内容被改动。</source>
        <translation>The database is not initialised and cannot be opened:
{0}

Initialise it as this site on the command line first, for example:
  zsdesk init --role county --code TX-U01 --name 泰兴高新区招商单元
(the city office uses --role city),
or run zsdesk --demo to open the demo database.

Nothing in the database was changed.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>正在生成演示数据，请稍候…</source>
        <translation>Generating demo data, please wait…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>招商桌面 — 演示数据</source>
        <translation>Investment Desk — demo data</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>首次打开演示数据库，正在生成演示数据（约需数秒）
{0}</source>
        <translation>Opening the demo database for the first time: generating demo data (a few seconds)
{0}</translation>
    </message>
</context>
<context>
    <name>ArrivalsModel</name>
    <message>
        <location filename="../../zsdesk/ui/forms/models.py" line="+215"/>
        <source>到位日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>金额（万元）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>备注</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ArrivalsPanel</name>
    <message>
        <location filename="../../zsdesk/ui/forms/panels.py" line="+127"/>
        <source>到位日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>金额</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>备注（凭证号等）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>添加到位资金</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>共{0}笔，合计 {1} 万元</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>，占合同投资 {0} 万元的 {1}%</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttachmentsModel</name>
    <message>
        <location filename="../../zsdesk/ui/forms/models.py" line="+72"/>
        <source>文件名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>大小</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SHA-256</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttachmentsPanel</name>
    <message>
        <location filename="../../zsdesk/ui/forms/panels.py" line="+155"/>
        <source>类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>添加文件…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>校验所选文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>文件复制到数据目录，以SHA-256指纹保存；指纹可用于核对原件。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>选择附件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>已保存附件，SHA-256：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>请先在列表中选中一个文件。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>“{0}”完好：内容与SHA-256一致。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“{0}”缺失或已被改动：与登记的SHA-256不一致。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <location filename="../../zsdesk/ui/forms/models.py" line="+67"/>
        <source>新建</source>
        <extracomment>fields of the change log that say nothing to a person reading the trail</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>修改</source>
        <translation>Changed </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>删除</source>
        <translation>Deleted </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本机录入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>台账导入</source>
        <translation>ledger import</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>同步导入</source>
        <translation>sync import</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>初始化</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>内置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>站点</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>操作人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>操作</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>字段</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>原值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>新值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>是</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>否</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CarrierForm</name>
    <message>
        <location filename="../../zsdesk/ui/forms/carrier.py" line="+20"/>
        <source>招商单元</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>载体名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>所在园区</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>地址</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>总面积</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>空置面积</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>价格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>备注</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>载体</source>
        <translation>Carriers</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>（请选择）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+3"/>
        <location line="+12"/>
        <source>m²</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-9"/>
        <source>万元</source>
        <translation>×10k CNY</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>亩</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+34"/>
        <source>新建载体</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>载体 {0} — {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompanyForm</name>
    <message>
        <location filename="../../zsdesk/ui/forms/company.py" line="+68"/>
        <source>企业名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>统一社会信用代码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>企业类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>所在地区</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>地址</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>所属产业</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>备注</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+36"/>
        <source>联系人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-36"/>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>合并到</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>企业信息</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>营业执照上的全称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>18位，可不填</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>例：江苏泰州</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>添加联系人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>删除所选联系人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>联系人随企业一起保存。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+61"/>
        <source>新建企业</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>企业 — {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+34"/>
        <source>统一社会信用代码与“{0}”（{1}）相同</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>名称与“{0}”（{1}）相似（{2}%）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>改用该企业</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>查看</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompanyPicker</name>
    <message>
        <location filename="../../zsdesk/ui/widgets/pickers.py" line="+425"/>
        <source>输入企业名称、拼音首字母或编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>新建企业…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+96"/>
        <source>相似的已有企业：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未选择企业：请从列表中选择</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>，或&lt;a href=&quot;new:&quot;&gt;新建“{0}”&lt;/a&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompletionChart</name>
    <message>
        <location filename="../../zsdesk/ui/pages/dashboard.py" line="+67"/>
        <source>超进度</source>
        <translation>Ahead of pace</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>欠进度</source>
        <translation>Behind pace</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>序时进度 {0}</source>
        <translation>Year elapsed {0}</translation>
    </message>
</context>
<context>
    <name>ContactsModel</name>
    <message>
        <location filename="../../zsdesk/ui/forms/models.py" line="-242"/>
        <source>姓名</source>
        <extracomment>the id of the row&apos;s record (contact, arrival, problem, attachment) the raw value of a cell (date, Decimal, text) for sorting and tests</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>职务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>电话</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>邮箱</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>微信</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../zsdesk/ui/pages/dashboard.py" line="+94"/>
        <source>年度主要指标</source>
        <extracomment>the rows behind a figure: (table, row ids, title) the data was read and shown</extracomment>
        <translation>Key figures of the year</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>进度条中的竖线为序时进度；绿色为超进度，红色为欠进度；点击卡片查看明细</source>
        <translation>The tick on each bar is the share of the year elapsed; green is ahead of pace, red behind; click a card for its records</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>工作台</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>目标完成情况</source>
        <translation>Completion of targets</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>完成率与序时进度；点击条形查看明细</source>
        <translation>Completion against the year elapsed; click a bar for its records</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>各单元完成率</source>
        <translation>Completion by unit</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>各单元完成情况（赛马）</source>
        <translation>Units compared (ranking)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>点击表头排序；双击单元格查看明细</source>
        <translation>Click a header to sort; double-click a cell for its records</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>提醒</source>
        <translation>Reminders</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>双击查看</source>
        <translation>Double-click to open</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>亮灯</source>
        <translation>Lights</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+126"/>
        <source>跟进</source>
        <translation>Follow-ups</translation>
    </message>
    <message>
        <location line="-125"/>
        <source>最近动态</source>
        <translation>Activity</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>签约项目</source>
        <translation>Signed projects</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>签约金额</source>
        <translation>Signed investment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>亿元以上项目</source>
        <translation>Projects ≥ ¥100M</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>开工项目</source>
        <translation>Projects started</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>到位资金</source>
        <translation>Capital arrived</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>拜访企业</source>
        <translation>Company visits</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>外出招商天数</source>
        <translation>Days on trips</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>履约率</source>
        <translation>Performance rate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>开工率</source>
        <translation>Start rate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>资金到位率</source>
        <translation>Capital arrival rate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>建成投产率</source>
        <translation>Production rate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>应开未开项目</source>
        <translation>Overdue starts</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>个</source>
        <translation> </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>万元</source>
        <translation>×10k CNY</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>次</source>
        <translation> </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>天</source>
        <translation>days</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>分</source>
        <translation>pts</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>约 {0} 亿元</source>
        <translation>about {0} ×100M CNY</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已履约 {0} / 新签约 {1} 个</source>
        <translation>{0} performed / {1} newly signed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已开工 {0} / 应开工 {1} 个</source>
        <translation>{0} started / {1} due to start</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>到位 {0} / 合同 {1} 亿元</source>
        <translation>{0} arrived / {1} contracted (×100M CNY)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>到位 {0} / 合同 {1} 万元</source>
        <translation>{0} arrived / {1} contracted (×10k CNY)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已投产 {0} / 应投产 {1} 个</source>
        <translation>{0} producing / {1} due to produce</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>超过开工时限仍未开工</source>
        <translation>Not started although the time limit has passed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>外出拜访 {0} 次</source>
        <translation>{0} visits on trips</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>刷新工作台</source>
        <translation>Refreshing the dashboard</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>无法读取统计数据：{0}</source>
        <translation>Cannot read the figures: {0}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{0}年度 · 统计至{1}月{2}日</source>
        <translation>Year {0} · up to {1}/{2}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>序时进度 {0}</source>
        <translation>Year elapsed {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>全市各单元</source>
        <translation>All units of the city</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本站点：{0}</source>
        <translation>This site: {0}</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>红灯 &lt;b style=&apos;color:{0}&apos;&gt;{1}&lt;/b&gt; 项</source>
        <translation>Red &lt;b style=&apos;color:{0}&apos;&gt;{1}&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>黄灯 &lt;b style=&apos;color:#A86B00&apos;&gt;{0}&lt;/b&gt; 项</source>
        <translation>Yellow &lt;b style=&apos;color:#A86B00&apos;&gt;{0}&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>今日到期跟进 &lt;b&gt;{0}&lt;/b&gt; 条</source>
        <translation>Follow-ups due today &lt;b&gt;{0}&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>逾期未跟进 &lt;b style=&apos;color:{0}&apos;&gt;{1}&lt;/b&gt; 条</source>
        <translation>Overdue follow-ups &lt;b style=&apos;color:{0}&apos;&gt;{1}&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>我的跟进（{0}）</source>
        <translation>My follow-ups ({0})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>亮灯 {0}</source>
        <translation>Lights {0}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{0}：{1}，未下达目标</source>
        <translation>{0}: {1}, no target set</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0}：完成 {1} / 目标 {2}（{3}）
点击查看明细</source>
        <translation>{0}: {1} of target {2} ({3})
Click for its records</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>{0}年度 · {1}</source>
        <translation>Year {0} · {1}</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+9"/>
        <source>{0} · {1}年度 · {2}</source>
        <translation>{0} · year {1} · {2}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>跟进 · {0}</source>
        <translation>Follow-up · {0}</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>{0}亿</source>
        <translation>{0}×100M</translation>
    </message>
</context>
<context>
    <name>DateEdit</name>
    <message>
        <location filename="../../zsdesk/ui/widgets/dates.py" line="+49"/>
        <source>清除日期</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FollowUpModel</name>
    <message>
        <location filename="../../zsdesk/ui/pages/dashboard.py" line="-730"/>
        <source>到期</source>
        <translation>Due</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>跟进对象</source>
        <translation>Follow up with</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>拜访</source>
        <translation>Visit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>线索</source>
        <translation>Lead</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>今天</source>
        <translation>Today</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{0} {1} · 逾期 {2} 天</source>
        <translation>{0} {1} · {2} days overdue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} {1} · 今日到期</source>
        <translation>{0} {1} · due today</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{0}
到期 {1}</source>
        <translation>{0}
Due {1}</translation>
    </message>
</context>
<context>
    <name>Forms</name>
    <message>
        <location filename="../../zsdesk/ui/forms/stage.py" line="+59"/>
        <source>推进到{0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0}…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IndustryPicker</name>
    <message>
        <location filename="../../zsdesk/ui/widgets/pickers.py" line="-223"/>
        <source>（不选）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+30"/>
        <source>（未选择）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KpiCard</name>
    <message>
        <location filename="../../zsdesk/ui/pages/dashboard.py" line="-144"/>
        <source>缺少数据</source>
        <extracomment>cards in grid order: the six target lines first, then the rest sums from 10亿 (in 万元) are written in 亿元 where a card has little room</extracomment>
        <translation>No data</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>目标 {0} · 完成 {1}</source>
        <translation>Target {0} · {1} done</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>超进度</source>
        <translation>Ahead of pace</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>欠进度</source>
        <translation>Behind pace</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>完成 {0}，序时进度 {1}</source>
        <translation>{0} done; {1} of the year elapsed</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>未下达目标</source>
        <translation>No target set</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>其中{0}条为期末前集中录入（突击上报）</source>
        <translation>{0} of them entered just before the deadline (rush entries)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>点击查看明细（{0}条）</source>
        <translation>Click for the {0} records behind it</translation>
    </message>
</context>
<context>
    <name>LeadForm</name>
    <message>
        <location filename="../../zsdesk/ui/forms/lead.py" line="+90"/>
        <source>招商单元</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>企业</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>项目名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>产业/链环节</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>计划投资</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>其中外资</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>线索来源</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>包保责任人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>首报日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>下次跟进</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>备注</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>阶段</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>阶段日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>阶段原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>线索</source>
        <translation>Lead</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>例：以商招商、展会、中介</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>万美元</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>责任与跟进</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>之后的阶段变化用“推进”操作记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>初始阶段</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+59"/>
        <source>新建线索</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>线索 {0} — {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>已签约，生成签约项目 {0}。&lt;a href=&quot;open&quot;&gt;打开项目&lt;/a&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LightsModel</name>
    <message>
        <location filename="../../zsdesk/ui/models.py" line="+270"/>
        <source>亮灯</source>
        <translation>Lights</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>项目/线索</source>
        <translation>Project / lead</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>情况</source>
        <translation>Situation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>红灯</source>
        <translation>Red light</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>黄灯</source>
        <translation>Yellow light</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>项目</source>
        <translation>Project</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>线索</source>
        <translation>Lead</translation>
    </message>
</context>
<context>
    <name>ListModel</name>
    <message>
        <location filename="../../zsdesk/ui/lists/model.py" line="+296"/>
        <source>读取列表</source>
        <extracomment>the raw value of a cell (Decimal, date, int, str or None): what the column sorts by the record&apos;s id (any column) the whole row as the dict ``queries.rows`` gave (any column) the first page of the current query is in (also after a refresh) the total of the current query is known loading failed: the message to show</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+40"/>
        <source>列表读取失败：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>统计条数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+94"/>
        <source>已结束，不亮灯</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>由“{0}”维护，本站点只读</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../zsdesk/ui/main_window.py" line="+277"/>
        <source>市级</source>
        <extracomment>item data of the navigation list</extracomment>
        <translation>city</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>县级</source>
        <translation>county</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} · {1} — 招商桌面</source>
        <translation>{0} · {1} — Investment Desk</translation>
    </message>
    <message>
        <location line="+28"/>
        <location line="+215"/>
        <source>招商桌面</source>
        <translation>Investment Desk</translation>
    </message>
    <message>
        <location line="-198"/>
        <source>导航</source>
        <translation>Navigation</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{0}（Ctrl+{1}）</source>
        <translation>{0} (Ctrl+{1})</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>刷新(&amp;R)</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>退出(&amp;X)</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新建记录(&amp;N)</source>
        <translation>&amp;New record</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>这一页没有可新建的记录</source>
        <translation>There is nothing to create on this page</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查找(&amp;F)</source>
        <translation>&amp;Find</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>这一页没有搜索框</source>
        <translation>This page has no search box</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>转到(&amp;G)</source>
        <translation>&amp;Go</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>关于招商桌面(&amp;A)</source>
        <translation>&amp;About Investment Desk</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>数据库：{0}</source>
        <translation>Database: {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+101"/>
        <source>尚未同步</source>
        <translation>Not synchronised yet</translation>
    </message>
    <message>
        <location line="-100"/>
        <location line="+101"/>
        <source>本站点还没有导入或导出过同步文件</source>
        <translation>This site has not imported or exported a sync file yet</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>“{0}”没有明细记录</source>
        <translation>“{0}” has no records behind it</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>没有列出这类记录的页面：{0}</source>
        <translation>No page lists these records: {0}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>“{0}”页面暂不可用，无法列出这{1}条记录</source>
        <translation>The “{0}” page is not available; the {1} records cannot be listed</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>读取同步状态</source>
        <translation>Reading the sync state</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{0} 个同步冲突待处理</source>
        <translation>{0} sync conflicts to resolve</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>同步状态不可用</source>
        <translation>Sync state unavailable</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>“{0}”未能完成。</source>
        <translation>“{0}” could not be completed.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>后台工作</source>
        <translation>Background work</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>关于招商桌面</source>
        <translation>About Investment Desk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;招商桌面&lt;/b&gt; zsdesk {0}&lt;br&gt;县级招商单元与市招商办的离线工作台。&lt;br&gt;&lt;br&gt;界面字体：文泉驿微米黑（Apache-2.0）</source>
        <translation>&lt;b&gt;Investment Desk&lt;/b&gt; zsdesk {0}&lt;br&gt;The offline desk of county investment-promotion units and their city office.&lt;br&gt;&lt;br&gt;Interface font: WenQuanYi Micro Hei (Apache-2.0)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>最近同步：{0} 导入“{1}”的文件</source>
        <translation>Last sync: {0}, imported the file of “{1}”</translation>
    </message>
</context>
<context>
    <name>MoneyEdit</name>
    <message>
        <location filename="../../zsdesk/ui/widgets/money.py" line="+43"/>
        <source>例：5,000 或 1.2亿</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>万元</source>
        <translation>×10k CNY</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <location filename="../../zsdesk/ui/pages/__init__.py" line="+45"/>
        <source>工作台</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>拜访记录</source>
        <translation>Visits</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>招商线索</source>
        <translation>Leads</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>签约项目</source>
        <translation>Projects</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>客商库</source>
        <translation>Companies</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>载体</source>
        <translation>Carriers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>统计与简报</source>
        <translation>Statistics &amp; briefs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <location filename="../../zsdesk/ui/pages/placeholder.py" line="+25"/>
        <source>页面</source>
        <translation>Page</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>“{0}”页面暂不可用</source>
        <translation>The “{0}” page is not available yet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>这一页面尚未包含在当前版本中，将在后续版本提供。
其他页面照常使用，数据不受影响。</source>
        <translation>This page is not part of this version yet; a later version brings it.
The other pages work as usual and your data is not affected.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“{0}”页面暂时无法打开</source>
        <translation>The “{0}” page cannot be opened</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>打开这一页面时出错：{0}
其他页面照常使用，数据没有改动；详细信息已写入日志，请联系维护人员。</source>
        <translation>Opening this page failed: {0}
The other pages work as usual and no data was changed; the details are in the log, please tell your support contact.</translation>
    </message>
</context>
<context>
    <name>ProblemsModel</name>
    <message>
        <location filename="../../zsdesk/ui/forms/models.py" line="+107"/>
        <source>类别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>问题描述</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>提出日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>责任部门</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>解决日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>解决情况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>已解决</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>待协调</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message>
        <location filename="../../zsdesk/ui/forms/panels.py" line="-122"/>
        <source>类别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>问题描述</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>提出日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>责任部门</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>添加问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>标记所选问题已解决…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+33"/>
        <source>请先在列表中选中一个问题。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>该问题已解决。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProjectForm</name>
    <message>
        <location filename="../../zsdesk/ui/forms/project.py" line="+25"/>
        <source>招商单元</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>企业</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>项目名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>产业/链环节</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>来源线索</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>签约日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>合同投资</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>其中外资</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>用地</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>载体</source>
        <translation>Carriers</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>新增就业</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>预计年产值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>预计年税收</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>包保责任人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>备注</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>阶段</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>阶段日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>阶段原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>项目</source>
        <translation>Project</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>万美元</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>建设与效益</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>亩</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>（无）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+2"/>
        <source>万元/年</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>责任</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>资金到位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>待协调问题</source>
        <translation>Open issue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>附件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+30"/>
        <source>来源线索：{0} {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>来源线索：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+32"/>
        <source>保存项目后可添加</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>新建签约项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>项目 {0} — {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <location filename="../../zsdesk/ui/forms/base.py" line="+195"/>
        <source>基本信息</source>
        <extracomment>fields the form collects that update() must not get (set only at creation) field -&gt; label (the audit trail and messages name fields by it)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>修改记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+249"/>
        <source>保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-248"/>
        <source>保存并关闭（Ctrl+S 保存后继续编辑）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+177"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="-62"/>
        <source>未保存：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+54"/>
        <source>该记录属于“{0}”，只读</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+40"/>
        <source>未保存：{0}。已录入的内容仍在表单中，可稍后再试。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>未保存：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>保存时发生程序错误，未保存任何内容；详情已写入日志。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>已保存。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>有尚未保存的修改。要保存吗？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>不保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>继续编辑</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+33"/>
        <source>编号 {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>新记录（保存后编号）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResolveDialog</name>
    <message>
        <location filename="../../zsdesk/ui/forms/panels.py" line="-105"/>
        <source>问题已解决</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>解决日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>解决情况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>确定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../zsdesk/ui/pages/settings.py" line="+299"/>
        <source>签约后应开工（月）</source>
        <translation>Start due after signing (months)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>签约后应投产（月）</source>
        <translation>Production due after signing (months)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>临近时限亮黄灯（提前天数）</source>
        <translation>Yellow light before a limit (days)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>线索停滞亮黄灯（天）</source>
        <translation>Idle lead turns yellow (days)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>线索停滞亮红灯（天）</source>
        <translation>Idle lead turns red (days)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>突击上报判定（期末前天数）</source>
        <translation>Rush entries: days before the deadline</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>以下参考数据（招商单元、考核目标、评分规则、亮灯时限）由市级维护，本站点只读；市里更新后随同步文件送达。</source>
        <translation>The reference data below (units, targets, scoring rules, light limits) is kept by the city office and is read-only here; changes arrive with the city&apos;s sync file.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>界面语言</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>本机使用人</source>
        <translation>User of this computer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>工作台的“我的跟进”按此人筛选</source>
        <translation>The dashboard&apos;s “My follow-ups” shows this person&apos;s</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>考核目标</source>
        <translation>Targets</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>双击单元格修改；改过的格子为黄色，保存后生效</source>
        <translation>Double-click a cell to edit; changed cells are yellow until saved</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>放弃修改</source>
        <translation>Discard changes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>保存目标</source>
        <translation>Save targets</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>招商单元</source>
        <translation>Units</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>新增…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重命名…</source>
        <translation>Rename…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>停用/启用</source>
        <translation>Deactivate / activate</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>评分规则（赛马）</source>
        <translation>Scoring rules (ranking)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{0} 权重</source>
        <translation>{0} weight</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>每个应开未开项目扣分</source>
        <translation>Deduction per overdue start</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>保存为新版本</source>
        <translation>Save as a new version</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>亮灯时限</source>
        <translation>Light limits</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+145"/>
        <source>保存亮灯时限</source>
        <translation>Save light limits</translation>
    </message>
    <message>
        <location line="-124"/>
        <source>签约项目</source>
        <translation>Signed projects</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>签约金额</source>
        <translation>Signed investment</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>亿元以上项目</source>
        <translation>Projects ≥ ¥100M</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>开工项目</source>
        <translation>Projects started</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>到位资金</source>
        <translation>Capital arrived</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>拜访企业</source>
        <translation>Company visits</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>读取设置</source>
        <translation>Reading the settings</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>无法读取参考数据：{0}</source>
        <translation>Cannot read the reference data: {0}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{0}年度考核目标</source>
        <translation>Targets for {0}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>当前为第 {0} 版；保存会生成新版本，旧版本保留给已出的简报。</source>
        <translation>This is version {0}; saving makes a new version and keeps the old one for briefs already issued.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>尚无评分规则。</source>
        <translation>No scoring rules yet.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>（未选择：显示本站点全部跟进）</source>
        <translation>(none: show all follow-ups of this site)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>已选择“{0}”，重新启动招商桌面后生效。</source>
        <translation>“{0}” chosen; it applies when Investment Desk is started again.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>没有修改过的目标。</source>
        <translation>No target was changed.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>保存考核目标</source>
        <translation>Saving targets</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{0} · {1}：{2}</source>
        <translation>{0} · {1}: {2}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>以下目标未保存（没有保存任何修改）：
</source>
        <translation>These targets were refused (nothing was saved):
</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已保存 {0} 项考核目标。</source>
        <translation>{0} targets saved.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>保存评分规则</source>
        <translation>Saving scoring rules</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>评分规则已保存为新版本。</source>
        <translation>The scoring rules were saved as a new version.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>亮灯时限已保存。</source>
        <translation>Light limits saved.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>已新增招商单元。</source>
        <translation>Unit added.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+9"/>
        <source>请先在表中选择一个招商单元。</source>
        <translation>Select a unit in the table first.</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>已重命名招商单元。</source>
        <translation>Unit renamed.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>已启用“{0}”。</source>
        <translation>“{0}” is active again.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已停用“{0}”；它的历史记录保留。</source>
        <translation>“{0}” is deactivated; its records are kept.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>修改招商单元</source>
        <translation>Changing a unit</translation>
    </message>
</context>
<context>
    <name>StaffPicker</name>
    <message>
        <location filename="../../zsdesk/ui/widgets/pickers.py" line="-248"/>
        <source>（未指定）</source>
        <extracomment>the record id an item stands for</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StageBar</name>
    <message>
        <location filename="../../zsdesk/ui/forms/stage.py" line="+132"/>
        <source>其他阶段</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+52"/>
        <source>当前阶段：{0}（{1}）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StageDialog</name>
    <message>
        <location line="-161"/>
        <source>必填：说明原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>可不填</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>签约日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>合同投资额</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>当前阶段将从“{0}”变为“{1}”。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>签约后将生成签约项目，计入签约个数和签约金额。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+28"/>
        <source>未推进：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>未推进：</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StageHistoryModel</name>
    <message>
        <location filename="../../zsdesk/ui/forms/models.py" line="+64"/>
        <source>阶段</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>原因/说明</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StagedRecordForm</name>
    <message>
        <location filename="../../zsdesk/ui/forms/lead.py" line="-182"/>
        <source>阶段历史</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+37"/>
        <source>已推进到“{0}”。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncStatusPlaceholder</name>
    <message>
        <location filename="../../zsdesk/ui/pages/placeholder.py" line="+26"/>
        <source>正在读取同步状态…</source>
        <translation>Reading the sync state…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>读取同步状态</source>
        <translation>Reading the sync state</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>本站点：{0}（{1}）</source>
        <translation>This site: {0} ({1})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>尚未与任何站点交换过同步文件。</source>
        <translation>No sync file has been exchanged with any site yet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>未收到</source>
        <translation>nothing received</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>· {0}（{1}）：已收到第 {2} 号文件（{3}），已发出第 {4} 号</source>
        <translation>· {0} ({1}): received file no. {2} ({3}), sent no. {4}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>有 {0} 个同步文件在等待缺失的前序文件。</source>
        <translation>{0} sync files wait for an earlier file that is missing.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>待处理冲突：{0} 个</source>
        <translation>Conflicts to resolve: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在此页面提供之前，请用命令行导出和导入：zsdesk sync export / zsdesk sync import。</source>
        <translation>Until this page is available, export and import on the command line: zsdesk sync export / zsdesk sync import.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>无法读取同步状态：{0}</source>
        <translation>Cannot read the sync state: {0}</translation>
    </message>
</context>
<context>
    <name>TargetsModel</name>
    <message>
        <location filename="../../zsdesk/ui/pages/settings.py" line="-524"/>
        <source>招商单元</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>签约项目
(个)</source>
        <translation>Signed
projects</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>签约金额
(万元)</source>
        <translation>Signed investment
(×10k CNY)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>亿元以上
项目(个)</source>
        <translation>Projects
≥ ¥100M</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>开工项目
(个)</source>
        <translation>Projects
started</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>到位资金
(万元)</source>
        <translation>Capital arrived
(×10k CNY)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>拜访企业
(次)</source>
        <translation>Company
visits</translation>
    </message>
</context>
<context>
    <name>TaskStatus</name>
    <message>
        <location filename="../../zsdesk/ui/tasks.py" line="+296"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>停止这项工作；已进行的部分不会保存</source>
        <translation>Stop this work; what was done so far is not saved</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>正在处理…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>正在取消：{0}</source>
        <translation>Cancelling: {0}</translation>
    </message>
</context>
<context>
    <name>Tasks</name>
    <message>
        <location line="-70"/>
        <source>操作因程序错误未完成：{0}
本次未提交的修改已撤销；详细信息已写入日志，请联系维护人员。</source>
        <extracomment>progress signals are sent at most this often (a loop may report thousands of times)</extracomment>
        <translation>The operation stopped because of a program error: {0}
Changes not yet committed were undone; the details are in the log, please tell your support contact.</translation>
    </message>
</context>
<context>
    <name>UnitDialog</name>
    <message>
        <location filename="../../zsdesk/ui/pages/settings.py" line="+98"/>
        <location line="+29"/>
        <source>重命名招商单元</source>
        <translation>Rename unit</translation>
    </message>
    <message>
        <location line="-29"/>
        <location line="+25"/>
        <source>新增招商单元</source>
        <translation>Add unit</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>单元代码</source>
        <translation>Unit code</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>单元名称</source>
        <translation>Unit name</translation>
    </message>
</context>
<context>
    <name>UnitTableModel</name>
    <message>
        <location filename="../../zsdesk/ui/models.py" line="-175"/>
        <source>排名</source>
        <extracomment>the raw value a column sorts by (a number, or None: sorts last either way) the ``metrics.Figure`` behind a cell (None for text columns); later screens list ``figure.row_ids`` from it the id of the row&apos;s record (unit id, or project/lead id for 亮灯) the metrics key each figure column shows</extracomment>
        <translation>Rank</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>按得分排名（赛马）</source>
        <translation>Rank by score</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>招商单元</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>签约
项目</source>
        <translation>Signed
projects</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>本年新签约项目个数</source>
        <translation>Projects signed this year</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>签约金额
(万元)</source>
        <translation>Investment
(×10k)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>本年新签约项目合同投资额</source>
        <translation>Contract investment of projects signed this year</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>亿元
以上</source>
        <translation>≥ ¥100M</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>合同投资1亿元（外资1000万美元）以上的签约项目</source>
        <translation>Signed projects of ¥100M (foreign: US$10M) or more</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>开工
项目</source>
        <translation>Started</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>本年开工的项目个数</source>
        <translation>Projects started this year</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>到位资金
(万元)</source>
        <translation>Capital
(×10k)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>本年到位资金</source>
        <translation>Capital arrived this year</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>拜访
企业</source>
        <translation>Visits</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>本年拜访企业次数</source>
        <translation>Company visits this year</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>外出
天数</source>
        <translation>Trip
days</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>本年外出招商天数</source>
        <translation>Days on promotion trips this year</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>履约率</source>
        <translation>Perf.
rate</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>本年签约项目中已履约（注册及以后）的比例</source>
        <translation>Share of this year&apos;s signed projects that have performed (registered or later)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>开工率</source>
        <translation>Start
rate</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>应开工项目中已开工的比例</source>
        <translation>Share of projects due to start that have started</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>应开
未开</source>
        <translation>Overdue
starts</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>超过开工时限仍未开工的项目个数</source>
        <translation>Projects not started although their time limit has passed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>各项完成率加权求和，减去扣分</source>
        <translation>Weighted sum of completions, less deductions</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>目标 {0}，完成 {1}（{2}）</source>
        <translation>Target {0}, {1} done ({2})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>超进度</source>
        <translation>Ahead of pace</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>欠进度</source>
        <translation>Behind pace</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} / {1}</source>
        <translation>{0} / {1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>其中{0}条为期末前集中录入（突击上报）</source>
        <translation>{0} of them entered just before the deadline (rush entries)</translation>
    </message>
</context>
<context>
    <name>UnitsModel</name>
    <message>
        <location filename="../../zsdesk/ui/pages/settings.py" line="-161"/>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>所属站点</source>
        <translation>Site</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>（未分配）</source>
        <translation>(not assigned)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在用</source>
        <translation>active</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已停用</source>
        <translation>deactivated</translation>
    </message>
</context>
<context>
    <name>VisitForm</name>
    <message>
        <location filename="../../zsdesk/ui/forms/visit.py" line="+28"/>
        <source>招商单元</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>拜访日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>拜访方式</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>拜访企业</source>
        <translation>Company visits</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>关联线索</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>地点</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>外出天数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>对方人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>我方人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>带队/记录人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>拜访成果</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>下一步工作</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>下一步截止</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>跟进已完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>拜访</source>
        <translation>Visit</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>对方姓名、职务；未选企业时必填</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>例：上海张江</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source> 天</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>我方</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>成果与跟进</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>已完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+41"/>
        <source>关联线索：{0} {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>关联线索：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>记录拜访</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>拜访记录 {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_Panel</name>
    <message>
        <location filename="../../zsdesk/ui/forms/panels.py" line="-100"/>
        <source>未保存：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>未保存：{0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_TreePopup</name>
    <message>
        <location filename="../../zsdesk/ui/widgets/pickers.py" line="+144"/>
        <source>筛选产业或链环节</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
