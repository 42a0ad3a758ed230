<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>ActivityModel</name>
    <message>
        <location filename="../../zsdesk/ui/pages/dashboard.py" line="+328"/>
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
    <name>AddNodeDialog</name>
    <message>
        <location filename="../../zsdesk/ui/pages/chains.py" line="+187"/>
        <source>产业</source>
        <translation>Industry</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>位置</source>
        <translation>Position</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>例如：冷链装备</source>
        <translation>e.g. cold-chain equipment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>环节名称</source>
        <translation>Link name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新环节随同步文件发到各县区。</source>
        <translation>The new link goes to the counties with the sync files.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>请填写环节名称</source>
        <translation>Enter the link name</translation>
    </message>
</context>
<context>
    <name>AlertDialog</name>
    <message>
        <location filename="../../zsdesk/ui/forms/alert.py" line="+23"/>
        <source>处理撞车提醒</source>
        <translation>Resolve clash alert</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>一方</source>
        <translation>One side</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>另一方</source>
        <translation>Other side</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>首报首谈建议</source>
        <translation>First-report suggestion</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>双方均无接触记录，由市级协调</source>
        <translation>Neither side recorded a contact; to be settled by the city</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>同一投资方·合并</source>
        <translation>Same investor · merge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>各自保留（须填写理由）</source>
        <translation>Both keep it (reason required)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>归属认定</source>
        <translation>Assign to a unit</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>两家企业的记录分属县区，市级不能合并：将记录为同一投资方，由县区在各自的客商库中处理。</source>
        <translation>The two company records belong to the counties, so the city cannot merge them: they will be recorded as the same investor, and each county handles them in its own company records.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>处理方式</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+27"/>
        <source>未知单元</source>
        <translation>unknown unit</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>归属单元</source>
        <translation>Assigned unit</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>处理理由，会随同步文件送达两个县区（各自保留时必填）</source>
        <translation>Reason; it goes to both counties with the sync files (required when both keep it)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>确定处理</source>
        <translation>Resolve</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{0} · {1} · 首次接触 {2}</source>
        <translation>{0} · {1} · first contact {2}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>请选择处理方式</source>
        <translation>Choose a resolution</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>各自保留须填写理由</source>
        <translation>Enter a reason when both keep it</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请选择归属单元</source>
        <translation>Choose the assigned unit</translation>
    </message>
</context>
<context>
    <name>AlertsModel</name>
    <message>
        <location filename="../../zsdesk/ui/pages/sync.py" line="+366"/>
        <source>发现依据</source>
        <translation>Found by</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>一方（企业 · 单元 · 首次接触）</source>
        <translation>One side (company · unit · first contact)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>另一方（企业 · 单元 · 首次接触）</source>
        <translation>Other side (company · unit · first contact)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>首报首谈建议归属</source>
        <translation>Suggested by first report</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本站记录</source>
        <translation>Record here</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>无接触记录</source>
        <translation>No contact recorded</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未知单元</source>
        <translation>unknown unit</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>统一社会信用代码相同</source>
        <translation>Same credit code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>企业名称相似（{0}%）</source>
        <translation>Similar company names ({0}%)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>由市级协调</source>
        <translation>To be settled by the city</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>本站未保存</source>
        <translation>Not stored here</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本站</source>
        <translation>This site</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>双方均无接触记录，由市级协调归属</source>
        <translation>Neither side recorded a contact; the city decides</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>首报首谈：{0}于{1}首次接触，建议归属该单元</source>
        <translation>First report: {0} made first contact on {1}; suggested for that unit</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../zsdesk/ui/app.py" line="+89"/>
        <location line="+283"/>
        <location line="+82"/>
        <source>招商桌面</source>
        <extracomment>at most this long is waited for the frame&apos;s first paint before the database is opened after the bundled font: the usual Chinese UI fonts, then a Latin sans</extracomment>
        <translation>Investment Desk</translation>
    </message>
    <message>
        <location line="-222"/>
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
        <location line="+54"/>
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
    <message>
        <location line="+47"/>
        <source>正在升级数据库（升级前已自动备份）。
数据多的数据库可能需要几分钟，请不要关闭程序。</source>
        <translation>Upgrading the database (it was backed up first).
A large database can take a few minutes; please do not close the program.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>招商桌面 — 升级数据库</source>
        <translation>zsdesk — upgrading the database</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>数据库文件已损坏：
{0}

为避免损坏扩大，招商桌面没有打开它，也没有写入任何内容。</source>
        <translation>The database file is damaged:
{0}

To keep the damage from spreading, zsdesk did not open it and wrote nothing to it.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>招商桌面 — 数据库已损坏</source>
        <translation>zsdesk — database damaged</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>最近一个完好的备份：
{0}
（{1}）

点“恢复此备份”用它替换损坏的数据库；损坏的文件会另存在 backups 文件夹中。备份之后录入的内容需要重新录入，之后导入过的同步文件可以再导入一次。</source>
        <translation>Newest good backup:
{0}
({1})

Click &quot;Restore this backup&quot; to replace the damaged database with it; the damaged file is kept in the backups folder. Anything entered after the backup must be entered again; sync files imported since can be imported again.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>恢复此备份</source>
        <translation>Restore this backup</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>没有找到完好的自动备份。请把该文件复制一份交技术人员处理，或在命令行用自己保存的备份恢复：zsdesk restore 备份文件</source>
        <translation>No good automatic backup was found. Copy the file for a technician, or restore a backup of your own from the command line: zsdesk restore BACKUP-FILE</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>已从备份恢复数据库。</source>
        <translation>The database was restored from the backup.</translation>
    </message>
    <message>
        <location line="+128"/>
        <source>数据库尚未初始化，没有打开。数据库中没有任何内容被改动。</source>
        <translation>The database has not been set up, so it was not opened. Nothing in it was changed.</translation>
    </message>
</context>
<context>
    <name>ArrivalsModel</name>
    <message>
        <location filename="../../zsdesk/ui/forms/models.py" line="+210"/>
        <source>到位日期</source>
        <translation>Arrival date</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>金额（万元）</source>
        <translation>Amount (×10k CNY)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>ArrivalsPanel</name>
    <message>
        <location filename="../../zsdesk/ui/forms/panels.py" line="+226"/>
        <source>到位日期</source>
        <translation>Arrival date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>备注（凭证号等）</source>
        <translation>Note (voucher no. etc.)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+76"/>
        <source>添加到位资金</source>
        <translation>Add capital arrival</translation>
    </message>
    <message>
        <location line="-74"/>
        <source>取消修改</source>
        <translation>Cancel correction</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>修改所选…</source>
        <translation>Correct selected…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>删除所选…</source>
        <translation>Delete selected…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>共{0}笔，合计 {1} 万元</source>
        <extracomment>the arrival whose correction the inputs hold (None: they add a new one)</extracomment>
        <translation>{0} arrivals, {1} ×10k CNY in all</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>，占合同投资 {0} 万元的 {1}%</source>
        <translation>, {1}% of the contract investment of {0} ×10k CNY</translation>
    </message>
    <message>
        <location line="+26"/>
        <location line="+23"/>
        <source>到位记录</source>
        <translation>capital arrival</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>保存修改</source>
        <translation>Save correction</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>{0} 到位 {1} 万元</source>
        <translation>{1} (10k CNY) arrived on {0}</translation>
    </message>
</context>
<context>
    <name>AttachmentsModel</name>
    <message>
        <location filename="../../zsdesk/ui/forms/models.py" line="+73"/>
        <source>文件名</source>
        <translation>File name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>校验</source>
        <translation>Check</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>✓ 完好</source>
        <translation>✓ Intact</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>✗ 文件已被改动或缺失</source>
        <translation>✗ File changed or missing</translation>
    </message>
</context>
<context>
    <name>AttachmentsPanel</name>
    <message>
        <location filename="../../zsdesk/ui/forms/panels.py" line="+235"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>添加文件…</source>
        <translation>Add file…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>校验所选文件</source>
        <translation>Verify selected file</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>文件复制到数据目录，以SHA-256指纹保存；指纹可用于核对原件。</source>
        <translation>Files are copied into the data folder and kept by their SHA-256 fingerprint, which checks them against the original.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>删除所选…</source>
        <translation>Delete selected…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>选择附件</source>
        <translation>Choose attachment</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>已保存附件，SHA-256：{0}</source>
        <translation>Attachment saved, SHA-256: {0}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>请先在列表中选中一个文件。</source>
        <translation>Select a file in the list first.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>“{0}”完好：内容与SHA-256一致。</source>
        <translation>“{0}” is intact: its content matches its SHA-256.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“{0}”缺失或已被改动：与登记的SHA-256不一致。</source>
        <translation>“{0}” is missing or was changed: it does not match the recorded SHA-256.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+18"/>
        <source>文件</source>
        <translation>file</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>无法打开：{0}</source>
        <translation>Cannot open: {0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>注意：“{0}”与登记的SHA-256不一致，可能已被改动。</source>
        <translation>Note: “{0}” does not match its recorded SHA-256; it may have been changed.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>系统没有能打开“{0}”的程序。</source>
        <translation>No program on this computer opens “{0}”.</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <location filename="../../zsdesk/ui/forms/models.py" line="+59"/>
        <source>新建</source>
        <extracomment>fields of the change log that say nothing to a person reading the trail</extracomment>
        <translation>New</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>修改</source>
        <translation>Changed </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>删除</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>本机录入</source>
        <translation>Entered here</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>演示数据</source>
        <translation>demo data</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>冲突处理</source>
        <translation>conflict resolution</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>台账导入</source>
        <translation>ledger import</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>同步导入</source>
        <translation>sync import</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>初始化</source>
        <translation>Set-up</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>内置</source>
        <translation>Built-in</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>站点</source>
        <translation>Site</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>操作人</source>
        <translation>By</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>原值</source>
        <translation>Old value</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>新值</source>
        <translation>New value</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>市级配置</source>
        <translation>city configuration</translation>
    </message>
</context>
<context>
    <name>BriefSettingsDialog</name>
    <message>
        <location filename="../../zsdesk/ui/forms/brief_settings.py" line="+58"/>
        <source>简报设置</source>
        <extracomment>the recipients, in the order the 报尾 prints them, and the field of ``BriefSettings`` holding each</extracomment>
        <translation>Brief settings</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>读取简报设置</source>
        <translation>Reading brief settings</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>报头</source>
        <translation>Masthead</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>发文单位</source>
        <translation>Issuing office</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>报头印“内部资料  注意保存”</source>
        <translation>Print “Internal material – keep safe” in the masthead</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>密级</source>
        <translation>Classification</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>第</source>
        <translation>No. </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>期</source>
        <translation> of the year</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>按日历</source>
        <translation>By calendar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>期号按期间在年内的顺序：月报为月份，周报为周次，季报为季度</source>
        <translation>Issue number by the period&apos;s order in the year: month for monthly, week for weekly, quarter for quarterly briefs</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>本期期号</source>
        <translation>Issue number</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>报尾</source>
        <translation>Footer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>报</source>
        <translation>To (superiors)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>送</source>
        <translation>To (peers)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>发</source>
        <translation>To (subordinates)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>留空则不印这一行；单位之间用逗号分隔</source>
        <translation>Leave empty to omit this line; separate offices with commas</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>份</source>
        <translation> copies</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>印发份数</source>
        <translation>Copies printed</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>全部列出</source>
        <translation>All</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>行</source>
        <translation> rows</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>每个项目清单最多列出的行数，按合同投资从大到小；0为全部列出。台账中有全部项目。</source>
        <translation>Most rows listed in each project list, largest contract investment first; 0 lists all. The ledger has every project.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>清单行数</source>
        <translation>List rows</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>印“个人赛马”一节（各招商人员的实绩、优秀与无实绩）</source>
        <translation>Print the &quot;Individual race&quot; section (each staff member&apos;s results, Excellent and no-results flags)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>个人赛马</source>
        <translation>Individual race</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>下一步工作在简报页上按期间填写。</source>
        <translation>Next steps are entered per period on the Briefs page.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+186"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="-185"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>{0} {1}（{2}）</source>
        <translation>{0} {1} ({2})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>简报名称（{0}）</source>
        <translation>Brief title ({0})</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>本站点是县区站点：县区生成的简报是预检稿，报头印本站点名称“{0}”，不编期号。简报名称、报送范围、印发份数等由市级设置，随同步送达，这里只能查看。</source>
        <translation>This is a county site: briefs made here are drafts, with this site’s name “{0}” in the masthead and no issue number. The brief title, recipients, copies and the rest are set by the city and arrive with sync; here they can only be viewed.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>预检稿不编期号</source>
        <translation>Drafts have no issue number</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+12"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>无法读取简报设置：{0}</source>
        <translation>Cannot read the brief settings: {0}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>按日历为第{0}期</source>
        <translation>By calendar: no. {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按日历（期间在年内的顺序）</source>
        <translation>By calendar (the period&apos;s order in the year)</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>保存简报设置</source>
        <translation>Saving brief settings</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>未保存：{0}</source>
        <translation>Not saved: {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>保存时发生程序错误，未保存任何内容。{0}</source>
        <translation>A program error occurred while saving; nothing was saved. {0}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>未保存：</source>
        <translation>Not saved: </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>已停止，未保存。填写的内容仍在这里。</source>
        <translation>Stopped; nothing was saved. What you entered is still here.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>放弃未保存的修改？</source>
        <translation>Discard unsaved changes?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>放弃</source>
        <translation>Discard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>继续编辑</source>
        <translation>Keep editing</translation>
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
        <translation>Carrier name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>所在园区</source>
        <translation>Park</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>总面积</source>
        <translation>Total area</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>空置面积</source>
        <translation>Free area</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>价格</source>
        <translation>Price</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>载体</source>
        <translation>Carrier</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+3"/>
        <location line="+12"/>
        <source>m²</source>
        <translation>m²</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>万元</source>
        <translation>×10k CNY</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>亩</source>
        <translation>mu</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>新建载体</source>
        <translation>New carrier</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>载体 {0} — {1}</source>
        <translation>Carrier {0} — {1}</translation>
    </message>
</context>
<context>
    <name>ChainsPage</name>
    <message>
        <location filename="../../zsdesk/ui/pages/chains.py" line="-163"/>
        <source>上游</source>
        <extracomment>chips shown on a node per kind before &quot;+N&quot; chip fill by status: landed projects by stage, leads in talks, targets</extracomment>
        <translation>Upstream</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>中游</source>
        <translation>Midstream</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>下游</source>
        <translation>Downstream</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>断点·补链</source>
        <translation>Gap · fill</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>强链</source>
        <translation>Strengthen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>稳固</source>
        <translation>Solid</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>龙头</source>
        <translation>Leading</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>配套</source>
        <translation>Supplier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>已落地项目</source>
        <translation>Landed projects</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>在谈项目</source>
        <translation>Projects in negotiation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>目标企业</source>
        <translation>Target companies</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>类型：{0}</source>
        <translation>Type: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>招商单元：{0}</source>
        <translation>Unit: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>单击打开记录</source>
        <translation>Click to open the record</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+376"/>
        <source>取消目标企业标记</source>
        <translation>Unmark target company</translation>
    </message>
    <message>
        <location line="-337"/>
        <source>标记目标企业</source>
        <translation>Mark target company</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>新增产业链环节</source>
        <translation>Add chain link</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>产业链图谱</source>
        <extracomment>the chain on screen was drawn (tests and screenshots wait for it)</extracomment>
        <translation>Industry chain map</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+21"/>
        <source>产业</source>
        <translation>Industry</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>只看一个招商单元的项目、线索和目标企业</source>
        <translation>Show only one unit’s projects, leads and target companies</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>标记目标企业…</source>
        <translation>Mark target company…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>把客商库中的企业标记为所选环节的龙头或配套目标企业</source>
        <translation>Mark a company from the company records as a leading or supplier target for the selected link</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>新增环节…</source>
        <translation>Add link…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>（市级）为本产业新增一个产业链环节</source>
        <translation>(City) Add a chain link to this industry</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>导出产业招商指南…</source>
        <translation>Export industry guide…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>生成本产业的产业招商指南（PDF）：图谱、各环节企业、断点与强链、适宜载体、责任单元</source>
        <translation>Make this industry&apos;s investment guide (PDF): chain map, companies per link, gaps and links to strengthen, suitable carriers, responsible units</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>打开指南</source>
        <translation>Open guide</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>单元</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>框线：红色 断点（无落地项目，补链）；橙色 强链（已落地项目中投产不足{0}个）；绿色 稳固。色块：蓝 签约/注册，橙 开工/竣工，绿 投产/达效，灰虚线 在谈，紫 目标企业。单击色块打开记录，单击环节选中它。</source>
        <translation>Borders: red = gap (no landed project; fill the chain); orange = strengthen (fewer than {0} landed projects producing); green = solid. Blocks: blue = signed/registered, orange = started/completed, green = producing/effective, grey dashed = negotiating, purple = target company. Click a block to open its record; click a link to select it.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>读取产业</source>
        <translation>Reading industries</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>全部单元</source>
        <translation>All units</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>产业目录是空的：由市级在产业目录中设置产业及其上游、中游、下游环节后即可查看。</source>
        <translation>The industry catalogue is empty: once the city sets up industries and their upstream, midstream and downstream links in the catalogue, they can be viewed here.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>读取产业链</source>
        <translation>Reading industry chain</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>无法读取产业链：{0}</source>
        <translation>Cannot read the industry chain: {0}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{0}：{1}个环节，已落地项目{2}个，在谈{3}个，目标企业{4}家。</source>
        <translation>{0}: {1} links, {2} landed projects, {3} in negotiation, {4} target companies.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>断点：{0}。</source>
        <translation>Gaps: {0}.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>无断点。</source>
        <translation>No gaps.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>需强链：{0}。</source>
        <translation>To strengthen: {0}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0}还没有产业链环节。</source>
        <translation>{0} has no chain links yet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>点“新增环节…”设置上游、中游、下游环节。</source>
        <translation>Click “Add link…” to set up upstream, midstream and downstream links.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>产业链环节由市级设置，随同步文件到达。</source>
        <translation>Chain links are set by the city and arrive with the sync files.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>另有{0}个项目或线索未选产业链环节。</source>
        <translation>{0} more projects or leads have no chain link chosen.</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>已落地 {0}（投产 {1}）</source>
        <translation>Landed {0} (producing {1})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在谈 {0}</source>
        <translation>Negotiating {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>目标企业 {0}</source>
        <translation>Targets {0}</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>另有{0}家，见产业招商指南</source>
        <translation>{0} more: see the industry guide</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>已新增产业链环节。</source>
        <translation>Chain link added.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已标记目标企业。</source>
        <translation>Target company marked.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>没有保存：{0}</source>
        <translation>Not saved: {0}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>产业招商指南保存为</source>
        <translation>Save industry guide as</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>生成产业招商指南</source>
        <translation>Making industry guide</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>已生成产业招商指南：{0}。点“打开指南”查看或打印。</source>
        <translation>Industry guide made: {0}. Click “Open guide” to view or print it.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>没有生成产业招商指南：{0}</source>
        <translation>No industry guide made: {0}</translation>
    </message>
</context>
<context>
    <name>CompanyForm</name>
    <message>
        <location filename="../../zsdesk/ui/forms/company.py" line="+72"/>
        <source>企业名称</source>
        <translation>Company name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>企业类型</source>
        <translation>Company type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>所在地区</source>
        <translation>Region</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>所属产业</source>
        <translation>Industry</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+52"/>
        <source>联系人</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <location line="-52"/>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>合并到</source>
        <translation>Merged into</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>企业信息</source>
        <translation>Company</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>营业执照上的全称</source>
        <translation>Full name on the business licence</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>18位，可不填</source>
        <translation>18 characters, optional</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>例：江苏泰州</source>
        <translation>e.g. Taizhou, Jiangsu</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>添加联系人</source>
        <translation>Add contact</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>删除所选联系人</source>
        <translation>Remove selected contact</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>联系人随企业一起保存。</source>
        <translation>Contacts are saved with the company.</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>新建企业</source>
        <translation>New company</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>企业 — {0}</source>
        <translation>Company — {0}</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>统一社会信用代码与“{0}”（{1}）相同</source>
        <translation>Same credit code as “{0}” ({1})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>名称与“{0}”（{1}）相似（{2}%）</source>
        <translation>Name similar to “{0}” ({1}) ({2}%)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>改用该企业</source>
        <translation>Use this company</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>查看</source>
        <translation>View</translation>
    </message>
</context>
<context>
    <name>CompanyPicker</name>
    <message>
        <location filename="../../zsdesk/ui/widgets/pickers.py" line="+425"/>
        <source>输入企业名称、拼音首字母或编号</source>
        <translation>Type a company name, pinyin initials or number</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>新建企业…</source>
        <translation>New company…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>新建企业（Alt+N）</source>
        <translation>New company (Alt+N)</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>相似的已有企业：{0}</source>
        <translation>Similar existing company: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未选择企业：请从列表中选择</source>
        <translation>No company chosen: pick one from the list</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>，或&lt;a href=&quot;new:&quot;&gt;新建“{0}”&lt;/a&gt;</source>
        <translation>, or &lt;a href=&quot;new:&quot;&gt;create “{0}”&lt;/a&gt;</translation>
    </message>
</context>
<context>
    <name>CompletionChart</name>
    <message>
        <location filename="../../zsdesk/ui/pages/dashboard.py" line="+195"/>
        <source>超进度</source>
        <translation>Ahead of pace</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>欠进度</source>
        <translation>Behind pace</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>未下达</source>
        <translation>no target</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>序时进度 {0}</source>
        <translation>Year elapsed {0}</translation>
    </message>
</context>
<context>
    <name>ConflictsModel</name>
    <message>
        <location filename="../../zsdesk/ui/pages/sync.py" line="-64"/>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>本站的值</source>
        <translation>Value here</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>对方的值</source>
        <translation>Their value</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>自动采用</source>
        <translation>Taken automatically</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>（本站未修改）</source>
        <translation>(not changed here)</translation>
    </message>
</context>
<context>
    <name>ContactsModel</name>
    <message>
        <location filename="../../zsdesk/ui/forms/models.py" line="-274"/>
        <source>姓名</source>
        <extracomment>the id of the row&apos;s record (contact, arrival, problem, attachment) the raw value of a cell (date, Decimal, text) for sorting and tests</extracomment>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>职务</source>
        <translation>Title</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>邮箱</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>微信</source>
        <translation>WeChat</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../zsdesk/ui/crash.py" line="+58"/>
        <source>招商桌面 — 程序出现意外错误</source>
        <translation>Investment Desk — unexpected error</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>程序出现意外错误</source>
        <translation>An unexpected error occurred</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>刚才的操作没有完成（这不是你的操作有误）。已经保存的数据不受影响；正在填写、尚未保存的内容可能没有保存。
你可以关闭此提示继续使用。如果错误反复出现，请点“复制详情”，把复制的内容连同日志文件发给维护人员。</source>
        <translation>What you just did was not completed (this is not your mistake). Data already saved is not affected; anything being entered and not yet saved may not have been saved.
You can close this message and carry on. If the error keeps happening, click “Copy details” and send what was copied, together with the log file, to your support contact.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>日志文件：{0}</source>
        <translation>Log file: {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>日志文件无法写入：请点“复制详情”，把内容保存下来发给维护人员。</source>
        <translation>The log file cannot be written: click “Copy details”, keep what was copied and send it to your support contact.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>复制详情</source>
        <translation>Copy details</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>把错误详情（含版本和系统信息）复制到剪贴板</source>
        <translation>Copy the error details (with the version and system information) to the clipboard</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>已复制</source>
        <translation>Copied</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../zsdesk/ui/pages/dashboard.py" line="+187"/>
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
        <location line="+73"/>
        <source>工作台</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <location line="+17"/>
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
        <location line="+15"/>
        <source>个人赛马（本年度）</source>
        <translation>Individual race (this year)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按包保责任人和拜访参与人统计；有个人目标的显示完成率；“优秀”按市里设定的规则</source>
        <translation>Counted by person in charge and by visit participants; completion shown where a personal target is set; &quot;Excellent&quot; by the city&apos;s rule</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>还没有招商人员：在“设置”中新增。</source>
        <translation>No staff yet: add them in Settings.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>近三年各单元的名次与目标完成情况；名次以市级数据为准</source>
        <translation>Each unit&apos;s rank and target completion over the last three years; ranks from the city&apos;s data</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>近三年本单元的目标完成情况（名次以市里通报为准）</source>
        <translation>This unit&apos;s target completion over the last three years (ranks: see the city&apos;s published ranking)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>历年赛马</source>
        <translation>Race over the years</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>无法读取个人赛马：{0}</source>
        <translation>Cannot read the individual race: {0}</translation>
    </message>
    <message>
        <location line="+4"/>
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
        <location line="+133"/>
        <source>跟进</source>
        <translation>Follow-ups</translation>
    </message>
    <message>
        <location line="-132"/>
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
        <location line="+6"/>
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
        <location line="+8"/>
        <source>读取个人赛马</source>
        <translation>Reading the individual race</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>读取历年赛马</source>
        <translation>Reading the race over the years</translation>
    </message>
    <message>
        <location line="+9"/>
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
        <source>更新于 {0}</source>
        <translation>Updated {0}</translation>
    </message>
    <message>
        <location line="+2"/>
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
        <location line="+2"/>
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
        <source>共{0}条，此处列出最早到期的{1}条；全部见拜访记录、招商线索列表</source>
        <translation>{0} in all; the {1} due earliest are listed here; see the visits and leads lists for all</translation>
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
        <location line="+45"/>
        <source>{0}年度 · {1}</source>
        <translation>Year {0} · {1}</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+8"/>
        <source>{0} · {1}年度 · {2}</source>
        <translation>{0} · year {1} · {2}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>读取明细</source>
        <translation>Reading details</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>无法读取明细：{0}</source>
        <translation>Cannot read the details: {0}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>跟进 · {0}</source>
        <translation>Follow-up · {0}</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>{0}亿</source>
        <translation>{0}×100M</translation>
    </message>
</context>
<context>
    <name>DateEdit</name>
    <message>
        <location filename="../../zsdesk/ui/widgets/dates.py" line="+77"/>
        <source>清除日期</source>
        <translation>Clear date</translation>
    </message>
</context>
<context>
    <name>Domain</name>
    <message>
        <location filename="../../zsdesk/ui/lists/model.py" line="+184"/>
        <source>线索</source>
        <translation>Lead</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>接洽</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在谈</source>
        <translation>Negotiating</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>意向</source>
        <translation>Intent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>签约</source>
        <translation>Signed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>搁置</source>
        <translation>On hold</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>终止</source>
        <translation>Terminated</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>注册</source>
        <translation>Registered</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>开工</source>
        <translation>Started</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>竣工</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>投产</source>
        <translation>Producing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>达效</source>
        <translation>Effective</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未履约</source>
        <translation>Defaulted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>停滞</source>
        <translation>Stalled</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上门招商</source>
        <translation>Visit at the company</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>驻点招商</source>
        <translation>Resident promotion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>来访接待</source>
        <translation>Hosted visit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>展会推介</source>
        <translation>Fair / roadshow</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>企业走访/安商稳商</source>
        <translation>Aftercare visit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>以商招商</source>
        <translation>Referral by investors</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>土地</source>
        <translation>Land</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>标准厂房</source>
        <translation>Standard factory</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>楼宇</source>
        <translation>Office building</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>孵化器</source>
        <translation>Incubator</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>世界500强</source>
        <translation>Global 500</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>中国500强</source>
        <translation>China 500</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>央企</source>
        <translation>Central SOE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>外资</source>
        <translation>Foreign-funded</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>专精特新</source>
        <translation>Specialised SME</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上市公司</source>
        <translation>Listed company</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>高新技术企业</source>
        <translation>High-tech enterprise</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>红灯</source>
        <translation>Red light</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>黄灯</source>
        <translation>Yellow light</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>绿灯</source>
        <translation>Green</translation>
    </message>
</context>
<context>
    <name>DrillDialog</name>
    <message>
        <location filename="../../zsdesk/ui/pages/dashboard.py" line="-795"/>
        <source>含与其他单元共享（飞地）的项目：按约定的计入比例计入，各行“计入”之和即工作台上的数字。</source>
        <extracomment>(table, row ids, title): open the rows in the list page</extracomment>
        <translation>Includes projects shared with other units (enclave), counted at the agreed share; the “Counted” values add up to the figure on the dashboard.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>在列表中查看</source>
        <translation>View in list</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>比率 {0}：分子 {1} / 分母 {2}，共享项目按计入比例计算</source>
        <translation>Rate {0}: numerator {1} / denominator {2}; shared projects count at their share</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>合计计入：{0} {1}，共 {2} 行</source>
        <translation>Total counted: {0} {1}, {2} rows</translation>
    </message>
</context>
<context>
    <name>DrillModel</name>
    <message>
        <location line="-84"/>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>项目</source>
        <translation>Project</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>所属单元</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>到位日期</source>
        <translation>Arrival date</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>签约日期</source>
        <translation>Signed on</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>到位资金(万元)</source>
        <translation>Capital arrived (×10k CNY)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>合同投资(万元)</source>
        <translation>Contract (×10k CNY)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>计入比例</source>
        <translation>Share</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>计入金额(万元)</source>
        <translation>Counted (×10k CNY)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>计入个数</source>
        <translation>Counted (no.)</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../zsdesk/ui/error_text.py" line="+20"/>
        <source>数据库被占用：另一个程序正在写入，请稍后再试。未保存任何内容。</source>
        <extracomment>storage failures by ``StorageError.code`` (set where the core translates storage errors)</extracomment>
        <translation>The database is in use: another program is writing to it. Please try again shortly. Nothing was saved.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>磁盘已满：请清理磁盘空间后重试。未保存任何内容。</source>
        <translation>The disk is full: free some space and try again. Nothing was saved.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数据库文件只读：请检查文件权限。未保存任何内容。</source>
        <translation>The database file is read-only: check its permissions. Nothing was saved.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>读写数据库文件出错：U 盘或磁盘可能已拔出或损坏。请插好后重试；未保存任何内容。</source>
        <translation>Error reading or writing the database file: the USB stick or disk may have been removed or be damaged. Plug it back in and try again; nothing was saved.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>无法打开数据库文件：请检查路径和权限。</source>
        <translation>Cannot open the database file: check its path and permissions.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数据库文件已损坏或不是zsdesk数据库：请从备份恢复。</source>
        <translation>The database file is damaged or is not a zsdesk database: restore it from a backup.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无法连接数据库服务器：请检查网络和服务器地址。</source>
        <translation>Cannot connect to the database server: check the network and the server address.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数据库文件已损坏：{path}。本次没有写入任何内容，请不要继续使用它。最近一个完好的备份是 {backup}，恢复请运行：{command}</source>
        <translation>The database file is damaged: {path}. Nothing was written this time; please stop using it. The newest good backup is {backup}; to restore it, run: {command}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>数据库文件已损坏：{path}。本次没有写入任何内容，请不要继续使用它。没有找到完好的自动备份：请把该文件复制一份交技术人员处理，或用你自己保存的备份恢复（zsdesk restore 备份文件）。</source>
        <translation>The database file is damaged: {path}. Nothing was written this time; please stop using it. No good automatic backup was found: give a copy of the file to your support contact, or restore a backup you kept yourself (zsdesk restore BACKUP-FILE).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>“{path}”不是招商桌面的数据库文件：请检查 --db 或 ZSDESK_DB 指定的路径（数据库一般是 zsdesk.db）。该文件没有被改动。</source>
        <translation>“{path}” is not an Investment Desk database file: check the path given by --db or ZSDESK_DB (the database is usually zsdesk.db). The file was not changed.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>此数据库由更新版本的招商桌面创建（数据库版本 {revision}），请先升级招商桌面。数据库没有任何改动。</source>
        <translation>This database was made by a newer version of Investment Desk (database version {revision}); please upgrade Investment Desk first. Nothing in the database was changed.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>{0}。
原因：{1}
本站点的数据没有任何改动。{2}</source>
        <translation>{0}.
Reason: {1}
Nothing in this site&apos;s data was changed. {2}</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>请联系维护人员。</source>
        <translation>Please tell your support contact.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>详细信息已写入日志文件 {0}，请把它发给维护人员。</source>
        <translation>The details were written to the log file {0}; please send it to your support contact.</translation>
    </message>
</context>
<context>
    <name>EventDialog</name>
    <message>
        <location filename="../../zsdesk/ui/pages/events.py" line="+150"/>
        <source>活动名称</source>
        <translation>Event name</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>活动类型</source>
        <translation>Event type</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>主办单元</source>
        <translation>Host unit</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>开始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>结束日期</source>
        <translation>End date</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>同一系列的活动（如“1336”“兰洽会”）在列表中另有系列合计</source>
        <translation>Events of one series (e.g. “1336”, “Lanzhou Fair”) also get a series total in the list</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>系列</source>
        <translation>Series</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>请填写活动名称</source>
        <translation>Enter the event name</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>请选择主办单元</source>
        <translation>Choose the host unit</translation>
    </message>
</context>
<context>
    <name>EventsPage</name>
    <message>
        <location line="-175"/>
        <source>集中签约</source>
        <translation>Group signing</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>推介会</source>
        <translation>Promotion meeting</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>展会</source>
        <translation>Trade fair</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>外出招商活动</source>
        <translation>Outbound promotion trip</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+23"/>
        <source>签约项目</source>
        <translation>Signed projects</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>线索</source>
        <translation>Lead</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>拜访</source>
        <translation>Visit</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>活动</source>
        <translation>Event</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+77"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="-77"/>
        <location line="+79"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="-78"/>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>主办单元</source>
        <translation>Host unit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>系列</source>
        <translation>Series</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>签约金额（万元）</source>
        <translation>Signed investment (×10k CNY)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>履约率</source>
        <translation>Performance rate</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>开工率</source>
        <translation>Start rate</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>资金到位率</source>
        <translation>Capital arrival rate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>建成投产率</source>
        <translation>Production rate</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+288"/>
        <source>{0}（系列合计）</source>
        <translation>{0} (series total)</translation>
    </message>
    <message>
        <location line="-276"/>
        <source>{0} 至 {1}</source>
        <translation>{0} to {1}</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>指标</source>
        <translation>Metric</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>数值</source>
        <translation>Value</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>企业</source>
        <translation>Company</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>招商单元</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>阶段/方式</source>
        <translation>Stage/method</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>投资额（万元）</source>
        <translation>Investment (×10k CNY)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>编辑招商活动</source>
        <translation>Edit promotion event</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>新增招商活动</source>
        <translation>Add promotion event</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>关联签约项目</source>
        <translation>Link signed projects</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>招商活动</source>
        <extracomment>the list was shown (tests and screenshots wait for it)</extracomment>
        <translation>Promotion events</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新增活动…</source>
        <translation>Add event…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>关联签约项目…</source>
        <translation>Link signed projects…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>把在本活动签约的项目关联到活动，计入本活动的履约、开工、资金到位和投产情况</source>
        <translation>Link the projects signed at this event to it, so they count in the event&apos;s performance, start, capital arrival and production figures</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+167"/>
        <source>取消关联</source>
        <translation>Unlink</translation>
    </message>
    <message>
        <location line="-139"/>
        <source>各率按简报口径计算，只统计关联到活动的签约项目，自最早签约日至今天：履约率 = 已注册及以后且未违约 / 签约项目；开工率、建成投产率只计签约已满开工、投产时限（亮灯设置）的项目；资金到位率 = 累计到位资金 / 合同投资。同一系列有两次以上活动时另列系列合计。双击关联记录打开它。</source>
        <translation>Rates are computed as in the briefs, only from signed projects linked to the event, from the earliest signing date to today: performance rate = registered or later and not defaulted / signed projects; start and production rates count only projects past their start or production limit after signing (light settings); capital arrival rate = total capital arrived / contract investment. A series with two or more events also gets a series total. Double-click a linked record to open it.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>读取招商活动</source>
        <translation>Reading promotion events</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>无法读取招商活动：{0}</source>
        <translation>Cannot read the promotion events: {0}</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>选择一个活动查看其签约项目和指标</source>
        <translation>Select an event to see its signed projects and figures</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0}：签约项目{1}个，线索{2}个，拜访{3}次</source>
        <translation>{0}: {1} signed projects, {2} leads, {3} visits</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>读取活动</source>
        <translation>Reading event</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>读取项目</source>
        <translation>Reading projects</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>没有保存：{0}</source>
        <translation>Not saved: {0}</translation>
    </message>
</context>
<context>
    <name>FateModel</name>
    <message>
        <location filename="../../zsdesk/ui/ledger_wizard.py" line="+52"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>工作表</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>行号</source>
        <translation>Row</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>原因或说明</source>
        <translation>Reason or note</translation>
    </message>
</context>
<context>
    <name>Figures</name>
    <message>
        <location filename="../../zsdesk/ui/models.py" line="+40"/>
        <source>本期无新签约项目</source>
        <extracomment>the raw value a column sorts by (a number, or None: sorts last either way) the ``metrics.Figure`` behind a cell (None for text columns); later screens list ``figure.row_ids`` from it the id of the row&apos;s record (unit id, or project/lead id for 亮灯)</extracomment>
        <translation>No projects signed in this period</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没有评分规则</source>
        <translation>No scoring rules</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+21"/>
        <source>无签约满{0}个月的项目</source>
        <translation>No projects signed {0} months ago or earlier</translation>
    </message>
    <message>
        <location line="-20"/>
        <location line="+23"/>
        <source>缺少目标：{0}</source>
        <translation>Targets missing: {0}</translation>
    </message>
    <message>
        <location line="-22"/>
        <location line="+22"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location line="-20"/>
        <source>签约项目个数</source>
        <translation>Projects signed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>签约金额（万元）</source>
        <translation>Signed investment (×10k CNY)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>亿元以上项目</source>
        <translation>Projects ≥ ¥100M</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>开工项目个数</source>
        <translation>Projects started</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>到位资金（万元）</source>
        <translation>Capital arrived (×10k CNY)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>拜访企业次数</source>
        <translation>Company visits</translation>
    </message>
</context>
<context>
    <name>FirstStart</name>
    <message>
        <location filename="../../zsdesk/ui/first_start.py" line="+27"/>
        <source>用入网文件加入</source>
        <translation>Join with a setup file</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>入网文件来自：{0}（{1}）
市级密钥指纹：{2}

本站点将加入为：{3} {4}

请与市招商办核对上面的密钥指纹（可电话确认），一致后再点“加入”。</source>
        <translation>Setup file from: {0} ({1})
City key fingerprint: {2}

This site will join as: {3} {4}

Check the fingerprint above with the city investment office (a phone call will do); click “Join” only if it matches.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>加入</source>
        <translation>Join</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>FirstStartWindow</name>
    <message>
        <location line="+21"/>
        <source>招商桌面 — 首次使用</source>
        <translation>Zhaoshang Desk — first start</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>这个数据库还没有站点。请选择本电脑的用途：
{0}</source>
        <translation>This database has no site yet. Choose what this computer is for:
{0}</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+13"/>
        <location line="+75"/>
        <source>创建市级站点</source>
        <translation>Create the city site</translation>
    </message>
    <message>
        <location line="-88"/>
        <source>市招商办的电脑：汇总各县区的数据，为县区生成入网文件。</source>
        <translation>The city investment office&apos;s computer: collects the counties&apos; data and makes their setup files.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>例：TZ-CITY</source>
        <translation>e.g. TZ-CITY</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>例：泰州市招商办</source>
        <translation>e.g. Taizhou Investment Office</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>站点代码：</source>
        <translation>Site code:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>名称：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>通用产业目录（十大产业）</source>
        <translation>General industry catalogue (ten industries)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>亳州市十大新兴产业</source>
        <translation>Bozhou&apos;s ten emerging industries</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>县区加入后使用同一产业目录；创建后市级仍可修改</source>
        <translation>Counties use the same industry catalogue after joining; the city can still change it later</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>产业目录：</source>
        <translation>Industry catalogue:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>用市里的入网文件加入（县级）</source>
        <translation>Join with the city&apos;s setup file (county)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>县区的电脑：选择市招商办发来的入网文件（.json）。</source>
        <translation>A county&apos;s computer: choose the setup file (.json) the city investment office sent.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>选择入网文件…</source>
        <translation>Choose setup file…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>加入…</source>
        <translation>Join…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>打开其他数据库文件…</source>
        <translation>Open another database file…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>请填写市级站点的代码和名称。</source>
        <translation>Enter the city site&apos;s code and name.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>选择市里发来的入网文件</source>
        <translation>Choose the setup file from the city</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>入网文件 (*.json);;所有文件 (*)</source>
        <translation>Setup files (*.json);;All files (*)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>读取入网文件</source>
        <translation>Reading the setup file</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>入网文件来自：{0}（{1}）
市级密钥指纹：{2}
本站点将加入为：{3} {4}</source>
        <translation>Setup file from: {0} ({1})
City key fingerprint: {2}
This site will join as: {3} {4}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>加入市级同步</source>
        <translation>Joining the city&apos;s sync</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>打开数据库文件</source>
        <translation>Open a database file</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数据库文件 (*.db);;所有文件 (*)</source>
        <translation>Database files (*.db);;All files (*)</translation>
    </message>
</context>
<context>
    <name>FolderFilesModel</name>
    <message>
        <location filename="../../zsdesk/ui/pages/sync.py" line="+123"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>来自</source>
        <translation>From</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+1"/>
        <source>将导入</source>
        <translation>Will import</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已导入过</source>
        <translation>Already imported</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>等待之前的文件</source>
        <translation>Waiting for earlier file</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>将进入等待队列</source>
        <translation>Will wait in queue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已拒绝</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>不能导入</source>
        <translation>Cannot import</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已导入</source>
        <translation>Imported</translation>
    </message>
</context>
<context>
    <name>FollowUpModel</name>
    <message>
        <location filename="../../zsdesk/ui/pages/dashboard.py" line="-174"/>
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
        <location filename="../../zsdesk/ui/forms/stage.py" line="+63"/>
        <source>推进到{0}…</source>
        <translation>Advance to {0}…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0}…</source>
        <translation>{0}…</translation>
    </message>
    <message>
        <location filename="../../zsdesk/ui/forms/base.py" line="+127"/>
        <source>等待“{0}”完成后保存…</source>
        <translation>Waiting for “{0}” to finish before saving…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>正在停止…（已开始的写入会完成）</source>
        <translation>Stopping… (a write already under way will finish)</translation>
    </message>
</context>
<context>
    <name>HandledAlertsModel</name>
    <message>
        <location filename="../../zsdesk/ui/pages/sync.py" line="-56"/>
        <source>撞车双方</source>
        <translation>Clashing sides</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>处理结果</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>处理日期</source>
        <translation>Resolved on</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>（企业记录由县区处理）</source>
        <translation>(company records are handled by the counties)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>首报首谈建议：{0}；处理人：{1}</source>
        <translation>First-report suggestion: {0}; resolved by: {1}</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../../zsdesk/ui/pages/dashboard.py" line="+391"/>
        <source>招商单元</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{0}年</source>
        <translation>{0}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>提示</source>
        <translation>Flags</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>第{0}名/{1}</source>
        <translation>No. {0} of {1}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>完成{0}/{1}项目标</source>
        <translation>{0} of {1} targets met</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>未下达目标</source>
        <translation>no targets set</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>（截至今日）</source>
        <translation> (to date)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>连续两年先进</source>
        <translation>Top two years running</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>连续两年未完成目标</source>
        <translation>Targets missed two years running</translation>
    </message>
</context>
<context>
    <name>ImportPreviewModel</name>
    <message>
        <location filename="../../zsdesk/ui/pages/sync.py" line="-185"/>
        <source>数据</source>
        <translation>Data</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>更新</source>
        <translation>Updated</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>未变</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>冲突</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>拒绝</source>
        <translation>Refused</translation>
    </message>
</context>
<context>
    <name>IndustryPicker</name>
    <message>
        <location filename="../../zsdesk/ui/widgets/pickers.py" line="-230"/>
        <source>（不选）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>（未选择）</source>
        <translation>(not chosen)</translation>
    </message>
</context>
<context>
    <name>KpiCard</name>
    <message>
        <location filename="../../zsdesk/ui/pages/dashboard.py" line="-561"/>
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
        <location filename="../../zsdesk/ui/forms/lead.py" line="+87"/>
        <source>由拜访转为线索：已带入企业、单元、责任人和拜访内容，请填写项目名称后保存。</source>
        <extracomment>转为线索: the visit this new lead is made from (linked to it when saved)</extracomment>
        <translation>Lead from a visit: company, unit, responsible person and visit notes are filled in; enter the project name and save.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>招商单元</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>企业</source>
        <translation>Company</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>项目名称</source>
        <translation>Project name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>产业/链环节</source>
        <translation>Industry / chain node</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>计划投资</source>
        <translation>Planned investment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>其中外资</source>
        <translation>of which foreign</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>线索来源</source>
        <translation>Lead source</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>包保责任人</source>
        <translation>Responsible person</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>首报日期</source>
        <translation>First reported</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>下次跟进</source>
        <translation>Next follow-up</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>阶段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>阶段日期</source>
        <translation>Stage date</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>阶段原因</source>
        <translation>Stage reason</translation>
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
        <location line="+9"/>
        <source>例：以商招商、展会、中介</source>
        <translation>e.g. investor referral, fair, agent</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>万美元</source>
        <translation>×10k USD</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>责任与跟进</source>
        <translation>Responsibility and follow-up</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>之后的阶段变化用“推进”操作记录</source>
        <translation>Later stage changes are recorded with “Advance”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>初始阶段</source>
        <translation>Initial stage</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>新建线索</source>
        <translation>New lead</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>线索 {0} — {1}</source>
        <translation>Lead {0} — {1}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>已签约，生成签约项目 {0}。&lt;a href=&quot;open&quot;&gt;打开项目&lt;/a&gt;</source>
        <translation>Signed: project {0} was created. &lt;a href=&quot;open&quot;&gt;Open the project&lt;/a&gt;</translation>
    </message>
</context>
<context>
    <name>LedgerImportWizard</name>
    <message>
        <location filename="../../zsdesk/ui/ledger_wizard.py" line="+45"/>
        <source>导入Excel台账</source>
        <translation>Import Excel ledger</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>&lt; 上一步</source>
        <translation>&lt; Back</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+141"/>
        <source>下一步 &gt;</source>
        <translation>Next &gt;</translation>
    </message>
    <message>
        <location line="-138"/>
        <location line="+141"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="-135"/>
        <source>读取招商单元</source>
        <translation>Reading units</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>选择一个或几个台账工作簿（.xlsx、.xls、.ods）。每个工作表的台账类型和各列会自动识别，下一步可以查看和修改。</source>
        <translation>Choose one or more ledger workbooks (.xlsx, .xls, .ods). The ledger type and columns of each sheet are detected automatically; you can check and change them in the next step.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>添加文件…</source>
        <translation>Add file…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>移除所选</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>台账中没有“招商单元”列时导入到：</source>
        <translation>When the ledger has no “Unit” column, import into:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>（按台账或本站点）</source>
        <translation>(by ledger or this site)</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+100"/>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location line="-100"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>工作表</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>台账类型</source>
        <translation>Ledger type</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>数据行</source>
        <translation>Data rows</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>工作表：</source>
        <translation>Sheet:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>台账表头</source>
        <translation>Ledger header</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+22"/>
        <source>导入为</source>
        <translation>Import as</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>新建以下招商人员（人员名单中还没有的包保责任人、记录人、我方人员）</source>
        <translation>Create these staff members (responsible persons, recorders and our people not yet in the staff list)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>将新建的企业：</source>
        <translation>Companies to be created:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>产业目录中没有的产业名称（可改选，或留空）：</source>
        <translation>Industry names not in the catalogue (choose another, or leave empty):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>台账写法</source>
        <translation>As in ledger</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>行数</source>
        <translation>Rows</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>建议对应</source>
        <translation>Suggested match</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>取消导入</source>
        <translation>Cancel import</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>停止导入，不写入任何内容</source>
        <translation>Stop the import without writing anything</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>1. 选择文件</source>
        <translation>1. Choose files</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>2. 工作表和台账类型</source>
        <translation>2. Sheets and ledger types</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>3. 列对应</source>
        <translation>3. Column mapping</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>4. 待确认：新人员、新企业、产业对应</source>
        <translation>4. To confirm: new staff, new companies, industry matches</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>5. 预览：每一行的结果</source>
        <translation>5. Preview: the result of each row</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>6. 导入</source>
        <translation>6. Import</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>读取台账</source>
        <translation>Reading ledger</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>请至少勾选一个要导入的工作表。</source>
        <translation>Tick at least one sheet to import.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>预览台账</source>
        <translation>Previewing ledger</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>正在导入…（可以取消：取消后不写入任何内容）</source>
        <translation>Importing… (you can cancel: nothing is written then)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>导入台账</source>
        <translation>Importing ledger</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>导入失败，没有写入任何内容。</source>
        <translation>The import failed; nothing was written.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>选择台账工作簿</source>
        <translation>Choose ledger workbooks</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel或WPS表格 (*.xlsx *.xlsm *.xls *.ods)</source>
        <translation>Excel or WPS spreadsheets (*.xlsx *.xlsm *.xls *.ods)</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>类型自动识别</source>
        <translation>Type detected</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>列对应沿用上次</source>
        <translation>Column mapping from last time</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>不导入的工作表：{0}</source>
        <translation>Sheets not imported: {0}</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>按所选类型重新读取</source>
        <translation>Re-read as the chosen type</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>表头在第{0}行。</source>
        <translation>Header in row {0}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>这种表头的列对应沿用上次导入时的设置。</source>
        <translation>The column mapping for this header is taken from the last import.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>修改后会记住，下次导入同样表头的台账时沿用。</source>
        <translation>Changes are remembered and used next time a ledger with the same header is imported.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>（不导入）</source>
        <translation>(not imported)</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>按新的列对应重新读取</source>
        <translation>Re-read with the new mapping</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>检查台账</source>
        <translation>Checking ledger</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>目录中没有相近的产业</source>
        <translation>No similar industry in the catalogue</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>（留空）</source>
        <translation>(leave empty)</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>没有数据行</source>
        <translation>No data rows</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>预览（尚未写入）：{0}。</source>
        <translation>Preview (nothing written yet): {0}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>被拒绝的行不导入，其余各行导入；可按列出的行号和原因修改台账后再导入这些行。</source>
        <translation>Refused rows are not imported, the others are; correct the ledger by the listed row numbers and reasons, then import those rows again.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>已导入：{0}。</source>
        <translation>Imported: {0}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>被拒绝的{0}行没有导入：请按下面列出的行号、列和原因修改台账后再导入。</source>
        <translation>The {0} refused rows were not imported: correct the ledger by the row numbers, columns and reasons below and import again.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>没有需要写入的内容：{0}。</source>
        <translation>Nothing to write: {0}.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>已取消导入，没有写入任何内容。</source>
        <translation>Import cancelled; nothing was written.</translation>
    </message>
</context>
<context>
    <name>LightsModel</name>
    <message>
        <location filename="../../zsdesk/ui/models.py" line="+258"/>
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
    <name>LinkProjectDialog</name>
    <message>
        <location filename="../../zsdesk/ui/pages/events.py" line="-212"/>
        <source>活动</source>
        <translation>Event</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>签约项目</source>
        <translation>Signed projects</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>没有可关联的签约项目。</source>
        <translation>No signed projects to link.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>请选择签约项目</source>
        <translation>Choose signed projects</translation>
    </message>
</context>
<context>
    <name>ListColumns</name>
    <message>
        <location filename="../../zsdesk/ui/lists/model.py" line="-77"/>
        <source>编号</source>
        <extracomment>the raw value of a cell (Decimal, date, int, str or None): what the column sorts by the record&apos;s id (any column) the whole row as the dict ``queries.rows`` gave (any column) every column title and tip of ``queries.COLUMNS`` and every domain word a list shows, marked for lupdate (the words live in modules without Qt; a test keeps this complete)</extracomment>
        <translation>Number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>拜访日期</source>
        <translation>Visit date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>企业</source>
        <translation>Company</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>方式</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>对方人员</source>
        <translation>Their people</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>我方负责人</source>
        <translation>Our lead</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>外出天数</source>
        <translation>Trip days</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>招商单元</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>下一步</source>
        <translation>Next step</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>截止</source>
        <translation>Due</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>成果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>所属站点</source>
        <translation>Site</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>记录由其他站点维护时，显示该站点（本站点只读）</source>
        <translation>The site that keeps the record when it is another (read-only here)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>亮灯</source>
        <translation>Lights</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按亮灯规则：阶段停留时间、搁置</source>
        <translation>By the light rules: time in stage, on hold</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>项目名称</source>
        <translation>Project name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>产业</source>
        <translation>Industry</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>计划投资(万元)</source>
        <translation>Planned (×10k CNY)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>阶段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>阶段日期</source>
        <translation>Stage date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>包保责任人</source>
        <translation>Responsible person</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>首报日期</source>
        <translation>First reported</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>下次跟进</source>
        <translation>Next follow-up</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按亮灯规则：开工、投产时限，待协调问题</source>
        <translation>By the light rules: start and production limits, open issues</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>签约日期</source>
        <translation>Signed on</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>合同投资(万元)</source>
        <translation>Contract (×10k CNY)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>用地(亩)</source>
        <translation>Land (mu)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>载体</source>
        <translation>Carrier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>用工(人)</source>
        <translation>Jobs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>企业名称</source>
        <translation>Company name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>所在地区</source>
        <translation>Region</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>载体名称</source>
        <translation>Carrier name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>园区</source>
        <translation>Park</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>面积</source>
        <translation>Area</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>土地：亩；厂房、楼宇：平方米</source>
        <translation>Land: mu; factories and buildings: m²</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>空置面积</source>
        <translation>Free area</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>价格(万元)</source>
        <translation>Price (×10k CNY)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>每单位面积每年</source>
        <translation>per unit of area and year</translation>
    </message>
</context>
<context>
    <name>ListModel</name>
    <message>
        <location line="+292"/>
        <location line="+80"/>
        <source>读取列表</source>
        <extracomment>columns whose values are domain words (stage labels, visit and carrier kinds) columns kept as wide as their text (the number and stage tell rows apart); how many loaded rows are measured for it the first page of the current query is in (also after a refresh) the total of the current query is known loading failed: the message to show what the first search needs is read (see ``queries.warm_up``) display values kept at most (whole pages, the ones used last): 1M visits scrolled to the end keep their ids (16 B each, ``IdList``) and this many rows</extracomment>
        <translation>Reading the list</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>列表读取失败：{0}</source>
        <translation>Cannot read the list: {0}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>统计条数</source>
        <translation>Counting</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+18"/>
        <source>准备搜索</source>
        <extracomment>the lists whose search matches the records&apos; companies by the company keys</extracomment>
        <translation>Preparing search</translation>
    </message>
    <message>
        <location line="+133"/>
        <source>已结束，不亮灯</source>
        <translation>Finished, no light</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>由“{0}”维护，本站点只读</source>
        <translation>Kept by “{0}”, read-only here</translation>
    </message>
</context>
<context>
    <name>ListPage</name>
    <message>
        <location filename="../../zsdesk/ui/lists/page.py" line="+155"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>{0}：{1}项 ▾</source>
        <translation>{0}: {1} ▾</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>列表</source>
        <translation>List</translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../../zsdesk/ui/pages/carriers.py" line="+14"/>
        <location filename="../../zsdesk/ui/pages/companies.py" line="+14"/>
        <source>类型</source>
        <extracomment>the filter chips shown, in order: units, industries, stages, kinds, years, lights the label of the ``kinds`` chip (方式, 类型 …); these texts are marked with QT_TRANSLATE_NOOP(&quot;ListPage&quot;, …) where a page sets them</extracomment>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>搜索编号、名称、企业（可用拼音或首字母）</source>
        <translation>Search number, name, company (pinyin or initials)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新建</source>
        <translation>New</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>输入即筛选；空格分隔多个词（须同时满足）。Ctrl+F 定位到此处，Esc 清空，↓ 进入列表。</source>
        <translation>Filters as you type; separate words with spaces (all must match). Ctrl+F comes here, Esc clears, ↓ goes to the list.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>新建一条记录（Ctrl+N）</source>
        <translation>New record (Ctrl+N)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>导出Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导出当前列表到Excel（保留筛选、排序和显示的列）</source>
        <translation>Export this list to Excel (keeps the filters, order and shown columns)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>单元</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>产业</source>
        <translation>Industry</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>阶段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>亮灯</source>
        <translation>Lights</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>只显示钻取的记录；点击取消钻取，回到完整列表</source>
        <translation>Only the drilled-down records; click to go back to the full list</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>清除筛选</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <location line="+123"/>
        <source>钻取：{0}  ✕</source>
        <translation>Drill-down: {0}  ✕</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>记录表单尚未包含在当前版本中，暂时无法在此打开或新建记录。
列表的查询、筛选和钻取照常可用。</source>
        <translation>Record forms are not part of this version yet: records cannot be opened or created here.
Searching, filtering and drill-down work as usual.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>正在查询…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>正在统计…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>钻取 {0} 条</source>
        <translation>{0} drilled down</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>共 {0} 条</source>
        <translation>{0} in all</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{0}年</source>
        <translation>{0}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>导出列表到</source>
        <translation>Export the list to</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>搜索：{0}</source>
        <translation>Search: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导出日期：{0}</source>
        <translation>Exported on: {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>筛选：{0}</source>
        <translation>Filters: {0}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>导出列表</source>
        <translation>Exporting the list</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>已导出 {0} 条：{1}</source>
        <translation>Exported {0} records: {1}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>没有导出：{0}</source>
        <translation>Not exported: {0}</translation>
    </message>
    <message>
        <location line="+116"/>
        <source>显示的列</source>
        <translation>Columns shown</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>恢复默认列</source>
        <translation>Default columns</translation>
    </message>
    <message>
        <location filename="../../zsdesk/ui/pages/carriers.py" line="-2"/>
        <source>载体</source>
        <translation>Carrier</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>搜索编号、名称、园区、地址</source>
        <translation>Search number, name, park, address</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新建载体</source>
        <translation>New carrier</translation>
    </message>
    <message>
        <location filename="../../zsdesk/ui/pages/companies.py" line="-2"/>
        <source>客商库</source>
        <translation>Companies</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>搜索名称（拼音/首字母）、信用代码、地区、联系人</source>
        <translation>Search name (pinyin/initials), credit code, region, contact</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新建企业</source>
        <translation>New company</translation>
    </message>
    <message>
        <location filename="../../zsdesk/ui/pages/leads.py" line="+12"/>
        <source>招商线索</source>
        <translation>Leads</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>搜索编号、项目、企业（拼音/首字母）、责任人</source>
        <translation>Search number, project, company (pinyin/initials), person</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新建线索</source>
        <translation>New lead</translation>
    </message>
    <message>
        <location filename="../../zsdesk/ui/pages/projects.py" line="+12"/>
        <source>签约项目</source>
        <translation>Signed projects</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>搜索编号、项目、企业（拼音/首字母）、责任人、载体</source>
        <translation>Search number, project, company (pinyin/initials), person, carrier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新建项目</source>
        <translation>New project</translation>
    </message>
    <message>
        <location filename="../../zsdesk/ui/pages/visits.py" line="+15"/>
        <source>拜访记录</source>
        <translation>Visits</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>方式</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>搜索编号、企业、人员、地点（可用拼音或首字母）</source>
        <translation>Search number, company, person, place (pinyin or initials)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>转为线索…</source>
        <translation>Make lead…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>用这条拜访新建一条线索，保存后与拜访关联</source>
        <translation>Create a lead from this visit; once saved it is linked to the visit</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>已关联线索 {0}</source>
        <translation>Linked to lead {0}</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>新建拜访</source>
        <translation>New visit</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../zsdesk/ui/main_window.py" line="+653"/>
        <source>市级</source>
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
        <location line="-343"/>
        <location line="+90"/>
        <location line="+278"/>
        <source>招商桌面</source>
        <extracomment>the first page is made once the window is painted, or after this long at the latest item data of the navigation list the window has been painted once</extracomment>
        <translation>Investment Desk</translation>
    </message>
    <message>
        <location line="-261"/>
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
        <location line="+13"/>
        <source>导入Excel台账(&amp;I)…</source>
        <translation>&amp;Import Excel ledger…</translation>
    </message>
    <message>
        <location line="+4"/>
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
        <location line="+7"/>
        <source>正在打开数据库…</source>
        <translation>Opening the database…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>数据库：{0}</source>
        <translation>Database: {0}</translation>
    </message>
    <message>
        <location line="-13"/>
        <location line="+144"/>
        <source>尚未同步</source>
        <translation>Not synchronised yet</translation>
    </message>
    <message>
        <location line="-143"/>
        <location line="+144"/>
        <source>本站点还没有导入或导出过同步文件</source>
        <translation>This site has not imported or exported a sync file yet</translation>
    </message>
    <message>
        <location line="-42"/>
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
        <location line="+21"/>
        <source>读取同步状态</source>
        <translation>Reading the sync state</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{0} 个同步冲突待处理</source>
        <translation>{0} sync conflicts to resolve</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>同步状态不可用</source>
        <translation>Sync state unavailable</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>“{0}”未能完成。</source>
        <translation>“{0}” could not be completed.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>后台工作</source>
        <translation>Background work</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>关于招商桌面</source>
        <translation>About Investment Desk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;招商桌面&lt;/b&gt; zsdesk {0}&lt;br&gt;县级招商单元与市招商办的离线工作台。&lt;br&gt;&lt;br&gt;界面字体：文泉驿微米黑（Apache-2.0）</source>
        <translation>&lt;b&gt;Investment Desk&lt;/b&gt; zsdesk {0}&lt;br&gt;The offline desk of county investment-promotion units and their city office.&lt;br&gt;&lt;br&gt;Interface font: WenQuanYi Micro Hei (Apache-2.0)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>已导出 {0} 给“{1}”，待对方导入</source>
        <translation>Exported for “{1}” at {0}, awaiting their import</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>最近同步：{0} 导出给“{1}”</source>
        <translation>Last sync: {0}, exported for “{1}”</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>最近同步：{0} 导入“{1}”的文件</source>
        <translation>Last sync: {0}, imported the file of “{1}”</translation>
    </message>
</context>
<context>
    <name>MarkTargetDialog</name>
    <message>
        <location filename="../../zsdesk/ui/pages/chains.py" line="-379"/>
        <location line="+20"/>
        <source>产业链环节</source>
        <translation>Chain link</translation>
    </message>
    <message>
        <location line="-18"/>
        <location line="+19"/>
        <source>企业</source>
        <translation>Company</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>目标类型</source>
        <translation>Target type</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+11"/>
        <source>招商单元</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>例如：省级龙头企业，拟扩产</source>
        <translation>e.g. provincial leading company, plans to expand</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>本产业没有产业链环节，不能标记目标企业。</source>
        <translation>This industry has no chain links, so no target company can be marked.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>请选择：{0}</source>
        <translation>Choose: {0}</translation>
    </message>
</context>
<context>
    <name>MoneyEdit</name>
    <message>
        <location filename="../../zsdesk/ui/widgets/money.py" line="+43"/>
        <source>例：5,000 或 1.2亿</source>
        <translation>e.g. 5,000 or 1.2亿</translation>
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
        <location filename="../../zsdesk/ui/pages/__init__.py" line="+55"/>
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
    <message>
        <location line="+2"/>
        <source>落户预审</source>
        <translation>Project review</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>产业链图谱</source>
        <translation>Industry chain map</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>招商活动</source>
        <translation>Promotion events</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../../zsdesk/ui/password.py" line="+107"/>
        <source>设置密码</source>
        <translation>Set password</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>修改密码</source>
        <translation>Change password</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>取消密码</source>
        <translation>Remove password</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>数据库和它的备份将用此密码加密保存。密码一旦忘记，无法找回，数据也无法打开。</source>
        <translation>The database and its backups will be encrypted with this password. A forgotten password cannot be recovered, and without it the data cannot be opened.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数据库和它的备份将改用新密码加密。</source>
        <translation>The database and its backups will be encrypted with the new password.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消后，数据库和它的备份不再加密，任何拿到这台电脑的人都能读取。</source>
        <translation>Without a password the database and its backups are no longer encrypted: anyone who has this computer can read them.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>当前密码</source>
        <translation>Current password</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>至少{0}个字符</source>
        <translation>At least {0} characters</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>新密码</source>
        <translation>New password</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>再输入一次</source>
        <translation>Repeat it</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>请输入当前密码。</source>
        <translation>Enter the current password.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>新密码至少{0}个字符。</source>
        <translation>The new password needs at least {0} characters.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>密码不能包含控制字符。</source>
        <translation>The password cannot contain control characters.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>两次输入的新密码不一致。</source>
        <translation>The two entries of the new password differ.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>密码不正确。</source>
        <translation>Wrong password.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>密码没有改动：{0}</source>
        <translation>The password was not changed: {0}</translation>
    </message>
</context>
<context>
    <name>PeersModel</name>
    <message>
        <location filename="../../zsdesk/ui/pages/sync.py" line="-60"/>
        <source>站点</source>
        <translation>Site</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>最近收到的文件</source>
        <translation>Last file received</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>最近发出的文件</source>
        <translation>Last file sent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>对方已收到本站数据</source>
        <translation>They have our data up to</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>提示</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>市级</source>
        <translation>city</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>县级</source>
        <translation>county</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+28"/>
        <source>尚未收到</source>
        <translation>Nothing received yet</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>第{0}号&#x3000;{1}</source>
        <translation>No. {0}&#x3000;{1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>第{0}号</source>
        <translation>No. {0}</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+25"/>
        <source>尚未发出</source>
        <translation>Nothing sent yet</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>已收到截至 {0} 的数据</source>
        <translation>Data received up to {0}</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+23"/>
        <source>尚无回执</source>
        <translation>No acknowledgement yet</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>已发入网文件，尚未收到对方的首个文件（密钥未登记）</source>
        <translation>Setup file issued; no file received from this site yet (key not enrolled)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>对方拒收本站{0}条修改</source>
        <translation>They refused {0} of our changes</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>密钥指纹：{0}</source>
        <translation>Key fingerprint: {0}</translation>
    </message>
</context>
<context>
    <name>PendingModel</name>
    <message>
        <location line="+225"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>来自</source>
        <translation>From</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>收到时间</source>
        <translation>Received</translation>
    </message>
</context>
<context>
    <name>PeopleModel</name>
    <message>
        <location filename="../../zsdesk/ui/pages/dashboard.py" line="+454"/>
        <source>招商人员</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>单元</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>签约项目</source>
        <translation>Signed projects</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>签约金额（万元）</source>
        <translation>Signed (×10k CNY)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>亿元以上</source>
        <translation>≥100M CNY</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>到位资金（万元）</source>
        <translation>Capital arrived (×10k CNY)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>拜访</source>
        <translation>Visits</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>外出天数</source>
        <translation>Days away</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>名次</source>
        <translation>Rank</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>评定</source>
        <translation>Rating</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>优秀</source>
        <translation>Excellent</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>12个月无实绩</source>
        <translation>No results in 12 months</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>最近一次实绩：{0}</source>
        <translation>Last result: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没有签约或到资记录</source>
        <translation>No signing or capital arrival on record</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>个人目标 {0}</source>
        <translation>Personal target {0}</translation>
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
其他页面照常使用，数据没有改动。{1}</source>
        <translation>Opening this page failed: {0}
The other pages work as usual and no data was changed. {1}</translation>
    </message>
</context>
<context>
    <name>ProblemsModel</name>
    <message>
        <location filename="../../zsdesk/ui/forms/models.py" line="+107"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>问题描述</source>
        <translation>Issue</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>提出日期</source>
        <translation>Raised on</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>责任部门</source>
        <translation>Responsible office</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>解决日期</source>
        <translation>Solved on</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>解决情况</source>
        <translation>Solution</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>已解决</source>
        <translation>Solved</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>待协调</source>
        <translation>Open</translation>
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message>
        <location filename="../../zsdesk/ui/forms/panels.py" line="-210"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>问题描述</source>
        <translation>Issue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>提出日期</source>
        <translation>Raised on</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>责任部门</source>
        <translation>Responsible office</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+75"/>
        <source>添加问题</source>
        <translation>Add issue</translation>
    </message>
    <message>
        <location line="-73"/>
        <source>取消修改</source>
        <translation>Cancel correction</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>标记所选问题已解决…</source>
        <translation>Mark selected issue solved…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>修改所选…</source>
        <translation>Correct selected…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>删除所选…</source>
        <translation>Delete selected…</translation>
    </message>
    <message>
        <location line="+48"/>
        <location line="+26"/>
        <source>问题</source>
        <extracomment>the problem whose correction the inputs hold (None: they add a new one)</extracomment>
        <translation>problem</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>保存修改</source>
        <translation>Save correction</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>请先在列表中选中一个问题。</source>
        <translation>Select an issue in the list first.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>该问题已解决。</source>
        <translation>The issue is solved.</translation>
    </message>
</context>
<context>
    <name>ProjectForm</name>
    <message>
        <location filename="../../zsdesk/ui/forms/project.py" line="+28"/>
        <source>招商单元</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>企业</source>
        <translation>Company</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>项目名称</source>
        <translation>Project name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>产业/链环节</source>
        <translation>Industry / chain node</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>来源线索</source>
        <translation>From lead</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>项目类别</source>
        <translation>Project category</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>签约日期</source>
        <translation>Signed on</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>合同投资</source>
        <translation>Contract investment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>其中外资</source>
        <translation>of which foreign</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>用地</source>
        <translation>Land</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>载体</source>
        <translation>Carrier</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>新增就业</source>
        <translation>New jobs</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>预计年产值</source>
        <translation>Expected yearly output</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>预计年税收</source>
        <translation>Expected yearly tax</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>包保责任人</source>
        <translation>Responsible person</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>阶段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>阶段日期</source>
        <translation>Stage date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>阶段原因</source>
        <translation>Stage reason</translation>
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
        <location line="+11"/>
        <source>（未填）</source>
        <translation>(not entered)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>个人赛马的优秀规则按工业项目计算；未填类别的项目不算工业项目</source>
        <translation>The excellence rule of the personal ranking counts industrial projects; a project without a category is not counted as industrial</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>万美元</source>
        <translation>×10k USD</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>建设与效益</source>
        <translation>Construction and returns</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>亩</source>
        <translation>mu</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>人</source>
        <translation>people</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+2"/>
        <source>万元/年</source>
        <translation>×10k CNY/year</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>责任</source>
        <translation>Responsibility</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>项目共享（飞地）…</source>
        <translation>Share project (enclave)…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>项目一页纸…</source>
        <translation>Project one-pager…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>把本项目的基本情况、进度、资金到位和存在问题生成一页PDF</source>
        <translation>Make a one-page PDF of this project&apos;s basics, progress, capital arrivals and problems</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>打开一页纸</source>
        <translation>Open one-pager</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>资金到位</source>
        <translation>Capital arrivals</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>待协调问题</source>
        <translation>Open issues</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>附件</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>阶段历史</source>
        <translation>Stage history</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>来源线索：{0} {1}</source>
        <translation>Source lead: {0} {1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>来源线索：{0}</source>
        <translation>From lead: {0}</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>保存项目后可添加</source>
        <translation>Available once the project is saved</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>已登记项目共享（飞地）。</source>
        <translation>Project sharing (enclave) recorded.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>项目一页纸保存为</source>
        <translation>Save project one-pager as</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>生成项目一页纸</source>
        <translation>Making project one-pager</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>已生成项目一页纸：{0}。点“打开一页纸”查看或打印。</source>
        <translation>Project one-pager made: {0}. Click “Open one-pager” to view or print it.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>（表单中尚未保存的修改不在其中）</source>
        <translation>(unsaved changes in the form are not included)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>没有生成项目一页纸：{0}</source>
        <translation>No project one-pager made: {0}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>系统没有能打开PDF的程序：{0}</source>
        <translation>No program on this system can open PDF files: {0}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>共享项目（飞地）：本站点可添加资金到位和待协调问题，其余只读</source>
        <translation>Shared project: this site may add capital arrivals and problems; the rest is read-only</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>新建签约项目</source>
        <translation>New signed project</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>项目 {0} — {1}</source>
        <translation>Project {0} — {1}</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../zsdesk/ui/forms/panels.py" line="-472"/>
        <location line="+7"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>删除“{0}”？删除后不再计入统计，修改记录中保留删除原因。</source>
        <translation>Delete “{0}”? It no longer counts in the figures; the change log keeps the reason.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>必填：删除原因</source>
        <translation>Required: why it is deleted</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>RecommendDialog</name>
    <message>
        <location filename="../../zsdesk/ui/pages/reviews.py" line="+138"/>
        <source>推荐落户预审</source>
        <translation>Recommend for review</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>只有亿元以上项目（内资≥1亿元，或外资≥1000万美元）可以推荐。</source>
        <translation>Only major projects (domestic ≥ 100 million yuan, or foreign ≥ 10 million US dollars) can be recommended.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>项目</source>
        <translation>Project</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>推荐日期</source>
        <translation>Recommended on</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>推荐意见</source>
        <translation>Recommendation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>没有可推荐的项目：本单元没有尚未预审的亿元以上项目。</source>
        <translation>Nothing to recommend: this unit has no major project that is not already under review.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>请选择项目</source>
        <translation>Choose a project</translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <location filename="../../zsdesk/ui/forms/base.py" line="+139"/>
        <source>基本信息</source>
        <extracomment>fields the form collects that update() must not get (set only at creation) a save&apos;s write ended: True saved (or nothing to save), False refused or failed the window&apos;s task runner: every write of the form goes through its writer the save under way (None when none is) field -&gt; label (the audit trail and messages name fields by it)</extracomment>
        <translation>Basics</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>修改记录</source>
        <translation>History</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+383"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="-382"/>
        <source>保存并关闭（Ctrl+S 保存后继续编辑）</source>
        <translation>Save and close (Ctrl+S saves and keeps editing)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+254"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="-132"/>
        <source>未保存：</source>
        <translation>Not saved:</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>撤销此修改</source>
        <translation>Undo this change</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>把所选字段改回修改前的值（作为一次新的修改记录并同步）</source>
        <translation>Set the selected field back to its value before the change (saved as a new change and synced)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>请先在表中选择一条“修改”记录。</source>
        <translation>First select a “Changed” entry in the table.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>只能撤销“修改”记录。</source>
        <translation>Only “Changed” entries can be undone.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>表单中有尚未保存的修改，请先保存或取消。</source>
        <translation>The form has unsaved changes: save or discard them first.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>撤销修改：{0}</source>
        <translation>Undo change: {0}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>已撤销：“{0}”已改回修改前的值。</source>
        <translation>Undone: “{0}” is back to its value before the change.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>未撤销：{0}</source>
        <translation>Not undone: {0}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>已停止，未撤销。</source>
        <translation>Stopped; nothing was undone.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>该记录属于“{0}”，只读</source>
        <translation>This record belongs to “{0}”: read-only</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>保存：{0}</source>
        <translation>Save: {0}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>已停止，未保存。已录入的内容仍在表单中。</source>
        <translation>Stopped; nothing was saved. What you entered is still in the form.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>{0}已录入的内容仍在表单中。</source>
        <translation>{0} What you entered is still in the form.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>未保存：{0}。已录入的内容仍在表单中，可稍后再试。</source>
        <translation>Not saved: {0}. What you entered is still in the form; try again later.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>未保存：{0}</source>
        <translation>Not saved: {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>保存时发生程序错误，未保存任何内容。{0}</source>
        <translation>A program error occurred while saving; nothing was saved. {0}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>已保存。</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>放弃未保存的修改？</source>
        <translation>Discard unsaved changes?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>放弃</source>
        <translation>Discard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>继续编辑</source>
        <translation>Keep editing</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>编号 {0}</source>
        <translation>No. {0}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>新记录（保存后编号）</source>
        <translation>New record (numbered when saved)</translation>
    </message>
</context>
<context>
    <name>ReferralDialog</name>
    <message>
        <location filename="../../zsdesk/ui/forms/referral.py" line="+27"/>
        <source>项目共享（飞地）</source>
        <translation>Project sharing (enclave)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>项目</source>
        <translation>Project</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>飞入地</source>
        <translation>Receiving unit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>飞出地</source>
        <translation>Referring unit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>以下为飞出地分得的比例（0–100%），其余计入飞入地。</source>
        <translation>The shares below (0–100%) go to the referring unit; the rest is credited to the receiving unit.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>投资额</source>
        <translation>Investment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>税收</source>
        <translation>Tax</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>考核分</source>
        <translation>Score</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>协议日期</source>
        <translation>Agreed on</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>项目共享（飞地）由市级登记。</source>
        <translation>Project sharing (enclave) is recorded by the city.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已登记共享：飞出地 {0}，投资 {1}、税收 {2}、考核分 {3}（{4}）。</source>
        <translation>Already shared: referring unit {0}, investment {1}, tax {2}, score {3} ({4}).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>请选择飞出地</source>
        <translation>Choose the referring unit</translation>
    </message>
</context>
<context>
    <name>RefusedRowsModel</name>
    <message>
        <location filename="../../zsdesk/ui/pages/sync.py" line="-147"/>
        <source>数据</source>
        <translation>Data</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>拒绝原因</source>
        <translation>Reason refused</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <location filename="../../zsdesk/ui/pages/reports.py" line="+51"/>
        <source>周报</source>
        <extracomment>how many periods of each kind the period list offers (the running one included)</extracomment>
        <translation>Weekly</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>月报</source>
        <translation>Monthly</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>双月报</source>
        <translation>Bimonthly</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>季报</source>
        <translation>Quarterly</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>年报</source>
        <translation>Yearly</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>拜访企业台账</source>
        <translation>Visits ledger</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在谈项目台账</source>
        <translation>Leads ledger</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>签约项目台账</source>
        <translation>Signed projects ledger</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>主要指标统计表</source>
        <translation>Key figures table</translation>
    </message>
    <message>
        <location line="+610"/>
        <source>{0}{1}行</source>
        <translation>{0} {1} rows</translation>
    </message>
    <message>
        <location line="-562"/>
        <source>统计与简报</source>
        <extracomment>the database changed through this page (a ledger import)</extracomment>
        <translation>Statistics &amp; briefs</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>简报（PDF）</source>
        <translation>Brief (PDF)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>报头、指标、排名、项目清单和下一步工作，A4 版式</source>
        <translation>Masthead, figures, ranking, project lists and next steps, A4</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>种类</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+61"/>
        <source>单元</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location line="-49"/>
        <source>下一步工作</source>
        <translation>Next steps</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>每段一行，印在简报最后；留空则简报略去这一部分。</source>
        <translation>One paragraph per line, printed at the end of the brief; leave empty to omit it.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>生成简报…</source>
        <translation>Make brief…</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+39"/>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location line="-133"/>
        <source>半年报</source>
        <translation>Half-year</translation>
    </message>
    <message>
        <location line="+109"/>
        <source>简报设置…</source>
        <translation>Brief settings…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>简报名称、发文单位、密级、报送范围、印发份数、清单行数和本期期号</source>
        <translation>Brief title, issuing office, classification, recipients, copies, list rows and issue number</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>生成这期简报并送打印机（不另存文件）</source>
        <translation>Make this issue of the brief and send it to the printer (no file saved)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>台账导出（Excel）</source>
        <translation>Ledger export (Excel)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>按日常台账格式</source>
        <translation>In the usual ledger layout</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>台账</source>
        <translation>Ledger</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>台账导入（Excel）</source>
        <translation>Ledger import (Excel)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>读取单元</source>
        <translation>Reading units</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>无法读取招商单元：{0}</source>
        <translation>Cannot read the units: {0}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>全市各招商单元</source>
        <translation>All units of the city</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本站点：{0}</source>
        <translation>This site: {0}</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+63"/>
        <source>{0}年</source>
        <translation>{0}</translation>
    </message>
    <message>
        <location line="-62"/>
        <source>全部年度</source>
        <translation>All years</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>下一步工作由市级填写，随同步送达；县区预检稿中照印。</source>
        <translation>Next steps are written by the city and arrive with sync; county drafts print them as they are.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按种类和期间保存，再次生成同一期简报时沿用。</source>
        <translation>Kept per kind and period, and used again for the same issue.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>全市（正式简报，编期号）</source>
        <translation>Whole city (official brief, numbered)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <source>{0} {1}（预检稿）</source>
        <translation>{0} {1} (draft)</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>全部单元</source>
        <translation>All units</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>本站点全部单元</source>
        <translation>All units of this site</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{0}（截至今日）</source>
        <translation>{0} (to date)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{0}年第{1}周（{2}月{3}日—{4}月{5}日）</source>
        <translation>{0} week {1} ({2}/{3}–{4}/{5})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0}年{1}月</source>
        <translation>{2} {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0}年{1}—{2}月</source>
        <translation>{0}, months {1}–{2}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0}年第{1}季度</source>
        <translation>{0} Q{1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0}年上半年</source>
        <translation>H1 {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0}年下半年</source>
        <translation>H2 {0}</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>读取简报设置</source>
        <translation>Reading brief settings</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>无法读取简报设置：{0}</source>
        <translation>Cannot read the brief settings: {0}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>预检稿，不编期号</source>
        <translation>Draft, no issue number</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>第{0}期（按日历）</source>
        <translation>No. {0} (by calendar)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>第{0}期（市级设定）</source>
        <translation>No. {0} (set by the city)</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>简报设置已保存，下次生成或打印时使用。</source>
        <translation>Brief settings saved; they are used the next time you make or print a brief.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>请选择期间</source>
        <translation>Choose a period</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>本站点没有招商单元，无法生成预检稿</source>
        <translation>This site has no unit: no draft can be made</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>下一步工作不能超过{0}字</source>
        <translation>Next steps cannot exceed {0} characters</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>简报保存为</source>
        <translation>Save brief as</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>生成简报</source>
        <translation>Making brief</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>生成简报并打印</source>
        <translation>Making and printing brief</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>正在{0}…</source>
        <translation>{0}…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>第{0}期</source>
        <translation>Issue {0}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{0} 预检稿</source>
        <translation>{0} draft</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>已生成{0}简报 {1} {2}：{3}（{4}页）</source>
        <translation>{0} brief {1} {2} made: {3} ({4} pages)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>本机的招商桌面未包含 PDF 打印组件（QtPdf），已在系统的 PDF 阅读器中打开简报（{0}），请在那里打印。</source>
        <translation>Investment Desk on this computer lacks the PDF printing component (QtPdf); the brief ({0}) was opened in the system PDF reader, please print it there.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>打印简报</source>
        <translation>Printing brief</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>已将{0}简报 {1} {2}送打印机（{3}页）。</source>
        <translation>{0} brief {1} {2} sent to the printer ({3} pages).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>已停止打印：没有送打印机的页不会打印。</source>
        <translation>Printing stopped: pages not yet sent to the printer will not print.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>没有生成简报：{0}</source>
        <translation>No brief made: {0}</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>已导入{0}：{1}。</source>
        <translation>Imported {0}: {1}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>被拒绝的{0}行没有导入（行号、列和原因见导入向导）。</source>
        <translation>The {0} refused rows were not imported (the import wizard shows each row, column and reason).</translation>
    </message>
    <message>
        <location line="-84"/>
        <source>没有打印：{0}</source>
        <translation>Not printed: {0}</translation>
    </message>
    <message>
        <location line="-341"/>
        <source>一次可选多个工作簿（.xlsx .xls .ods）：识别工作表和台账种类，核对列对应，确认新的招商人员和产业，逐行预览后在一个事务中导入，可随时取消</source>
        <translation>Pick one or several workbooks (.xlsx .xls .ods): sheets and ledger kinds are recognised, you check the column mapping, confirm new staff and industries, preview every row, then import in one transaction; you can cancel at any time</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>导入Excel台账…</source>
        <translation>Import Excel ledger…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>与“文件 › 导入Excel台账…”相同</source>
        <translation>Same as File › Import Excel ledger…</translation>
    </message>
    <message>
        <location line="+369"/>
        <source>台账保存为</source>
        <translation>Save ledger as</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>导出台账</source>
        <translation>Exporting ledger</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{0}项指标，{1}个工作表</source>
        <translation>{0} figures, {1} sheets</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0}行</source>
        <translation>{0} rows</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已导出“{0}”（{1}）：{2}</source>
        <translation>Exported “{0}” ({1}): {2}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>没有导出：{0}</source>
        <translation>Not exported: {0}</translation>
    </message>
</context>
<context>
    <name>ResolveDialog</name>
    <message>
        <location filename="../../zsdesk/ui/forms/panels.py" line="+273"/>
        <source>问题已解决</source>
        <translation>Issue solved</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>解决日期</source>
        <translation>Solved on</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>解决情况</source>
        <translation>Solution</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>已停止，未保存。</source>
        <translation>Stopped; nothing was saved.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>保存时发生程序错误，未保存任何内容。{0}</source>
        <translation>A program error occurred while saving; nothing was saved. {0}</translation>
    </message>
</context>
<context>
    <name>ReviewsPage</name>
    <message>
        <location filename="../../zsdesk/ui/pages/reviews.py" line="-131"/>
        <source>单元推荐</source>
        <translation>Recommended by unit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>联席会审查</source>
        <translation>Joint meeting review</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>市领导审核</source>
        <translation>City leader review</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>通过</source>
        <translation>Approved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退回</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>项目编号</source>
        <translation>Project no.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>项目名称</source>
        <translation>Project</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>招商单元</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>投资额</source>
        <translation>Investment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>当前步骤</source>
        <translation>Current step</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>推荐日期</source>
        <translation>Recommended on</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>步骤日期</source>
        <translation>Step date</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>意见</source>
        <translation>Comment</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>（外资{0}）</source>
        <translation> (foreign {0})</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>万美元</source>
        <translation>×10k USD</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>审查中</source>
        <translation>Under review</translation>
    </message>
    <message>
        <location line="+131"/>
        <source>落户预审</source>
        <translation>Project review</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>单元推荐…</source>
        <translation>Recommend…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>推荐亿元以上项目进入落户预审</source>
        <translation>Put a major project up for review</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>登记审查…</source>
        <translation>Record step…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登记联席会审查、市领导审核，或通过、退回（市级）</source>
        <translation>Record the joint meeting review, the city leader review, or approve or return (city)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>会议月份</source>
        <translation>Meeting month</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0}年{1}月</source>
        <translation>{1}/{0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>会议议题（PDF）…</source>
        <translation>Meeting agenda (PDF)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>生成所选月份的重大项目落户预审暨矛盾问题协调会议题：待审的预审项目和未解决的问题</source>
        <translation>Make the agenda of the selected month&apos;s major-project pre-review and problem coordination meeting: projects awaiting review and unresolved problems</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>生成所选月份协调会议题的本单元稿：本站点单元待审的预审项目和未解决的问题</source>
        <translation>Make this unit&apos;s draft of the selected month&apos;s coordination meeting agenda: this site&apos;s projects awaiting review and unresolved problems</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>打开议题</source>
        <translation>Open agenda</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>推荐后请把同步文件报送市里；市里审查的结果随返回的同步文件回到本单元。</source>
        <translation>After recommending, send your sync file to the city; the city&apos;s decision comes back with its return file.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>各单元推荐的项目随同步文件到达；结果随返回文件回到推荐的单元。</source>
        <translation>Units&apos; recommendations arrive with their sync files; the outcome goes back to the recommending unit with the return file.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>读取预审</source>
        <translation>Reading reviews</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>无法读取预审：{0}</source>
        <translation>Cannot read the reviews: {0}</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>会议议题-{0}</source>
        <translation>Meeting agenda {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>会议议题保存为</source>
        <translation>Save meeting agenda as</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>生成会议议题</source>
        <translation>Making meeting agenda</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>已生成{0}会议议题：{1}。点“打开议题”查看或打印。</source>
        <translation>{0} meeting agenda made: {1}. Click “Open agenda” to view or print it.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>没有生成会议议题：{0}</source>
        <translation>No meeting agenda made: {0}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>系统没有能打开PDF的程序：{0}</source>
        <translation>No program on this system can open PDF files: {0}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>读取项目</source>
        <translation>Reading projects</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已推荐落户预审。</source>
        <translation>Recommended for review.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>已登记预审步骤。</source>
        <translation>Review step recorded.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../zsdesk/ui/pages/settings.py" line="+515"/>
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
        <location line="+24"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>以下参考数据（招商单元、考核目标、评分规则、亮灯时限）由市级维护，本站点只读；市里更新后随同步文件送达。</source>
        <translation>The reference data below (units, targets, scoring rules, light limits) is kept by the city office and is read-only here; changes arrive with the city&apos;s sync file.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>界面语言</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>更改在重新启动招商桌面后生效。</source>
        <translation>Changes apply when Investment Desk is started again.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>本机使用人</source>
        <translation>User of this computer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>工作台的“我的跟进”按此人筛选</source>
        <translation>The dashboard&apos;s “My follow-ups” shows this person&apos;s</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>只影响这台电脑；不选时显示本站点全部到期跟进。</source>
        <translation>Affects this computer only; with nobody chosen, all follow-ups due at this site are shown.</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>考核目标</source>
        <translation>Targets</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>双击单元格修改；改过的格子为黄色，保存后生效</source>
        <translation>Double-click a cell to edit; changed cells are yellow until saved</translation>
    </message>
    <message>
        <location line="+18"/>
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
        <location line="+13"/>
        <location line="+29"/>
        <source>新增…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>重命名…</source>
        <translation>Rename…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+29"/>
        <source>停用/启用</source>
        <translation>Deactivate / activate</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>招商人员</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>停用后不再供选择，历史记录保留</source>
        <translation>Deactivated people are no longer offered; their records are kept</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>个人目标…</source>
        <translation>Personal targets…</translation>
    </message>
    <message>
        <location line="+14"/>
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
        <source>本年超时未开工项目每个扣分</source>
        <translation>Deduction per project past its start limit this year</translation>
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
        <location line="+222"/>
        <source>保存亮灯时限</source>
        <translation>Save light limits</translation>
    </message>
    <message>
        <location line="-215"/>
        <source>单个项目至少（万元）</source>
        <translation>One project of at least (×10k CNY)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>或外资单个项目至少（万美元）</source>
        <translation>or one foreign project of at least (×10k USD)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>或项目个数至少（个）</source>
        <translation>or at least this many projects</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>且合计超过（万元）</source>
        <translation>together over (×10k CNY)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>个人赛马 · 优秀规则</source>
        <translation>Individual race · Excellent rule</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>一年内满足其一即为“优秀”；工作台和简报的个人赛马按此评定</source>
        <translation>Meeting either within a year rates &quot;Excellent&quot;; the dashboard and the brief rate people by it</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>只计工业项目（项目类别为“工业”）</source>
        <translation>Industrial projects only (project category &quot;Industry&quot;)</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+22"/>
        <source>保存优秀规则</source>
        <translation>Save the rule</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>现行规则：一年内1个项目投资不少于{0}万元，或{1}个项目投资合计超过{2}万元，为优秀{3}</source>
        <translation>Rule in force: within a year, one project of at least {0} ×10k CNY, or {1} projects together over {2} ×10k CNY, rates Excellent{3}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>（只计工业项目）</source>
        <translation> (industrial projects only)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>个人赛马优秀规则已保存。</source>
        <translation>The Excellent rule is saved.</translation>
    </message>
    <message>
        <location line="+21"/>
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
        <location line="+15"/>
        <source>无法读取参考数据：{0}</source>
        <translation>Cannot read the reference data: {0}</translation>
    </message>
    <message>
        <location line="+11"/>
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
        <location line="+6"/>
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
        <location line="+5"/>
        <source>已保存 {0} 项考核目标。</source>
        <translation>{0} targets saved.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>保存评分规则</source>
        <translation>Saving scoring rules</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>评分规则已保存为新版本。</source>
        <translation>The scoring rules were saved as a new version.</translation>
    </message>
    <message>
        <location line="+19"/>
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
        <location line="+41"/>
        <source>已启用“{0}”。</source>
        <translation>“{0}” is active again.</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>已停用“{0}”；它的历史记录保留。</source>
        <translation>“{0}” is deactivated; its records are kept.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>修改招商单元</source>
        <translation>Changing a unit</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>没有在用的招商单元，请先新增招商单元。</source>
        <translation>There is no unit in use: add a unit first.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>已新增招商人员“{0}”。</source>
        <translation>Added “{0}” to the staff.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+12"/>
        <source>请先在表中选择一位招商人员。</source>
        <translation>First select a person in the table.</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>已修改招商人员“{0}”。</source>
        <translation>Saved the changes to “{0}”.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>已停用“{0}”；其历史记录保留。</source>
        <translation>Deactivated “{0}”; their records are kept.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>修改招商人员</source>
        <translation>Change a staff member</translation>
    </message>
    <message>
        <location line="-491"/>
        <source>数据保护</source>
        <translation>Data protection</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>设置密码后，数据库和它的备份都加密保存（附件文件除外），电脑丢失也不会泄露数据；密码一旦忘记，无法找回。</source>
        <translation>With a password, the database and its backups are stored encrypted (attachment files excepted), so a lost computer gives nothing away; a forgotten password cannot be recovered.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>设置密码…</source>
        <translation>Set password…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>修改密码…</source>
        <translation>Change password…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消密码…</source>
        <translation>Remove password…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>当前：已设置密码，数据库已加密。</source>
        <translation>Now: a password is set and the database is encrypted.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>当前：未设置密码，数据库没有加密。</source>
        <translation>Now: no password; the database is not encrypted.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>此版本的招商桌面不支持数据库加密（缺少 sqlcipher3 模块），无法设置密码。</source>
        <translation>This build of zsdesk cannot encrypt databases (the sqlcipher3 module is missing), so no password can be set.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数据库在服务器上（PostgreSQL），不能在这里设置密码；请使用服务器端的加密。</source>
        <translation>The database is on a server (PostgreSQL): no password can be set here. Use the server&apos;s encryption.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>已设置密码，数据库已加密。</source>
        <translation>Password set; the database is encrypted.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已修改密码。</source>
        <translation>Password changed.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已取消密码，数据库不再加密。</source>
        <translation>Password removed; the database is no longer encrypted.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} 个备份已解密。</source>
        <translation> {0} backup(s) decrypted as well.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{0} 个备份也已加密。</source>
        <translation> {0} backup(s) encrypted as well.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} 个备份使用别的密码或已损坏，未改动：{1}</source>
        <translation> {0} backup(s) use another password or are damaged and were left as they are: {1}</translation>
    </message>
</context>
<context>
    <name>StaffDialog</name>
    <message>
        <location line="-285"/>
        <location line="+39"/>
        <source>编辑招商人员</source>
        <translation>Edit staff member</translation>
    </message>
    <message>
        <location line="-39"/>
        <location line="+35"/>
        <source>新增招商人员</source>
        <translation>Add staff member</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>招商单元</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>职务</source>
        <translation>Position</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
</context>
<context>
    <name>StaffModel</name>
    <message>
        <location line="-225"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>招商单元</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>职务</source>
        <translation>Position</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>在用</source>
        <translation>In use</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已停用</source>
        <translation>Deactivated</translation>
    </message>
</context>
<context>
    <name>StaffPicker</name>
    <message>
        <location filename="../../zsdesk/ui/widgets/pickers.py" line="-248"/>
        <source>（未指定）</source>
        <extracomment>the record id an item stands for</extracomment>
        <translation>(not given)</translation>
    </message>
</context>
<context>
    <name>StaffTargetsDialog</name>
    <message>
        <location filename="../../zsdesk/ui/pages/settings.py" line="+238"/>
        <source>个人考核目标</source>
        <translation>Personal targets</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>招商人员</source>
        <translation>Staff member</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>指标</source>
        <translation>Metric</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>目标值</source>
        <translation>Target</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>保存此目标</source>
        <translation>Save this target</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>已设目标</source>
        <translation>Targets set</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>读取个人目标</source>
        <translation>Read personal targets</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>请先新增招商人员。</source>
        <translation>Add a staff member first.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>保存个人目标</source>
        <translation>Save a personal target</translation>
    </message>
</context>
<context>
    <name>StageBar</name>
    <message>
        <location filename="../../zsdesk/ui/forms/stage.py" line="+153"/>
        <source>其他阶段</source>
        <translation>Other stages</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>当前阶段：{0}（{1}）</source>
        <translation>Current stage: {0} ({1})</translation>
    </message>
</context>
<context>
    <name>StageDialog</name>
    <message>
        <location line="-181"/>
        <source>必填：说明原因</source>
        <translation>Required: give the reason</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>可不填</source>
        <translation>optional</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>签约日期</source>
        <translation>Signed on</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>合同投资额</source>
        <translation>Contract investment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>原因</source>
        <translation>Reason</translation>
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
        <translation>The stage changes from “{0}” to “{1}”.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>签约后将生成签约项目，计入签约个数和签约金额。</source>
        <translation>Signing creates a signed project, counted in signed projects and signed investment.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>已停止，阶段没有改变。</source>
        <translation>Stopped; the stage has not changed.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>未推进：{0}</source>
        <translation>Not advanced: {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>推进时发生程序错误，阶段没有改变。{0}</source>
        <translation>A program error occurred while advancing; the stage did not change. {0}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>未推进：</source>
        <translation>Not advanced:</translation>
    </message>
</context>
<context>
    <name>StageEntriesPanel</name>
    <message>
        <location filename="../../zsdesk/ui/forms/panels.py" line="+254"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>原因/说明</source>
        <translation>Reason / note</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>保存修改</source>
        <translation>Save correction</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消修改</source>
        <translation>Cancel correction</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>修改所选…</source>
        <translation>Correct selected…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>删除所选…</source>
        <translation>Delete selected…</translation>
    </message>
    <message>
        <location line="+31"/>
        <location line="+25"/>
        <source>阶段记录</source>
        <extracomment>the stage entry whose correction the inputs hold</extracomment>
        <translation>stage entry</translation>
    </message>
</context>
<context>
    <name>StageHistoryModel</name>
    <message>
        <location filename="../../zsdesk/ui/forms/models.py" line="+71"/>
        <source>阶段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>原因/说明</source>
        <translation>Reason / note</translation>
    </message>
</context>
<context>
    <name>StagedRecordForm</name>
    <message>
        <location filename="../../zsdesk/ui/forms/lead.py" line="-191"/>
        <source>阶段历史</source>
        <translation>Stage history</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>已推进到“{0}”。</source>
        <translation>Advanced to “{0}”.</translation>
    </message>
</context>
<context>
    <name>StepDialog</name>
    <message>
        <location filename="../../zsdesk/ui/pages/reviews.py" line="-174"/>
        <source>登记预审步骤</source>
        <translation>Record review step</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>项目</source>
        <translation>Project</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>当前步骤</source>
        <translation>Current step</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>步骤</source>
        <translation>Step</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>意见</source>
        <translation>Comment</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../zsdesk/ui/pages/sync.py" line="-224"/>
        <source>站点</source>
        <extracomment>a model&apos;s row object, for views and tests record kinds as people say them</extracomment>
        <translation>Site</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+60"/>
        <source>招商单元</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location line="-59"/>
        <source>招商人员</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>产业</source>
        <translation>Industry</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>客商</source>
        <translation>Companies</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>企业联系人</source>
        <translation>Company contacts</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+59"/>
        <source>载体</source>
        <translation>Carrier</translation>
    </message>
    <message>
        <location line="-58"/>
        <source>拜访记录</source>
        <translation>Visits</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>拜访参与人</source>
        <translation>Visit participants</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>招商线索</source>
        <translation>Leads</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>线索阶段</source>
        <translation>Lead stages</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>签约项目</source>
        <translation>Signed projects</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>项目阶段</source>
        <translation>Project stages</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>资金到位</source>
        <translation>Capital arrivals</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>待协调问题</source>
        <translation>Open issues</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>落户预审</source>
        <translation>Pre-reviews</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>预审步骤</source>
        <translation>Review steps</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>项目共享</source>
        <translation>Shared projects</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>考核目标</source>
        <translation>Targets</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>评分规则</source>
        <translation>Scoring rules</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>设置项</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>附件</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+830"/>
        <location line="+116"/>
        <source>撞车提醒</source>
        <translation>Clash alerts</translation>
    </message>
    <message>
        <location line="-945"/>
        <source>招商活动</source>
        <translation>Promotion events</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>活动关联</source>
        <translation>Event links</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>产业链目标企业</source>
        <translation>Chain target companies</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>名称</source>
        <extracomment>fields as the forms call them (the rest show their column name)</extracomment>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>签约日期</source>
        <translation>Signed on</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>签约金额（万元）</source>
        <translation>Signed investment (×10k CNY)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>外资（万美元）</source>
        <translation>Foreign (×10k USD)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>计划投资（万元）</source>
        <translation>Planned investment (×10k CNY)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>用地（亩）</source>
        <translation>Land (mu)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>就业人数</source>
        <translation>Jobs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>预计年产值（万元）</source>
        <translation>Expected output (×10k CNY)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>预计年税收（万元）</source>
        <translation>Expected tax (×10k CNY)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>阶段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>项目类别</source>
        <translation>Project category</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>阶段日期</source>
        <translation>Stage date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>阶段原因</source>
        <translation>Stage reason</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>所在地区</source>
        <translation>Region</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>拜访日期</source>
        <translation>Visit date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>方式</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>外出天数</source>
        <translation>Trip days</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>拜访成效</source>
        <translation>Visit outcome</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>下一步</source>
        <translation>Next step</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>下次跟进日期</source>
        <translation>Next follow-up date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已跟进</source>
        <translation>Followed up</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>首报日期</source>
        <translation>First reported</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>下次跟进</source>
        <translation>Next follow-up</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数值</source>
        <translation>Value</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>删除</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>企业</source>
        <translation>Company</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>所属产业</source>
        <translation>Industry</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>包保责任人</source>
        <translation>Responsible person</translation>
    </message>
    <message>
        <location line="+889"/>
        <source>本站点尚未加入市级同步：点“用入网文件加入…”，选择市里发来的入网文件。本站点已录入的数据会保留，第一次导出时一并发给市里。</source>
        <translation>This site has not joined the city&apos;s sync yet: click “Join with setup file…” and choose the setup file the city sent. What this site has recorded is kept and goes to the city with the first export.</translation>
    </message>
    <message>
        <location filename="../../zsdesk/ui/error_text.py" line="-73"/>
        <source>文件不完整</source>
        <extracomment>what a refused sync file means, by ``PackageRefused.code`` (``CryptoError`` is &quot;decrypt&quot;): (what was wrong, what to do). Kept in the sync page&apos;s translation context.</extracomment>
        <translation>The file is incomplete</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>可能复制时U盘被提前拔出。请对方重新导出，再导入新的文件。</source>
        <translation>The USB stick may have been pulled out while copying. Ask them to export again and import the new file.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件被改动或已损坏</source>
        <translation>The file was changed or is damaged</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+6"/>
        <source>请对方重新导出，再导入新的文件。</source>
        <translation>Ask them to export again and import the new file.</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>文件的签名对不上：文件被改动过，或不是该站点签发的</source>
        <translation>The file&apos;s signature does not match: it was changed, or that site did not sign it</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请不要使用这个文件；与对方联系，请其重新导出。</source>
        <translation>Do not use this file; contact them and ask for a new export.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件格式不对</source>
        <translation>Wrong file format</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请确认选的是招商桌面导出的同步文件（.zsync）。</source>
        <translation>Make sure you chose a sync file exported by Investment Desk (.zsync).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件的清单不完整</source>
        <translation>The file&apos;s manifest is incomplete</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>文件超出允许的大小或条目数</source>
        <translation>The file exceeds the allowed size or number of entries</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请确认选的是招商桌面导出的同步文件。</source>
        <translation>Make sure you chose a sync file exported by Investment Desk.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>这个文件不是发给本站点的</source>
        <translation>This file is not addressed to this site</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请选择发给本站点的文件（文件名中间是本站点代码）。</source>
        <translation>Choose a file addressed to this site (its name holds this site&apos;s code in the middle).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件无法解密</source>
        <translation>The file cannot be decrypted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>这个文件不是用本站点的密钥加密的；请对方确认导出对象后重新导出。</source>
        <translation>This file was not encrypted to this site&apos;s key; ask them to check the receiver and export again.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>发送文件的站点还没有入网</source>
        <translation>The sending site has not joined yet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>市级先为该县区生成入网文件，县区入网后再导出。</source>
        <translation>The city makes a setup file for the county first; the county exports after joining.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>入网凭据不符：发送文件的电脑不是用市里最新的入网文件加入的</source>
        <translation>Enrolment proof does not match: the sending computer did not join with the city&apos;s latest setup file</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件可能是伪造的，或对方用了已作废的旧入网文件；请与对方联系，必要时为其重新生成入网文件。</source>
        <translation>The file may be forged, or the other site used an old setup file that was replaced; contact them and, if needed, issue a new setup file.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>入网文件已经用过：该站点已用另一台电脑加入</source>
        <translation>Setup file already used: this site joined from another computer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>同一份入网文件只能用一次。如对方确实换了电脑，请为其重新生成入网文件（原电脑的密钥将作废）。</source>
        <translation>A setup file works once. If the site really changed computers, issue a new setup file for it (the old computer&apos;s key will be revoked).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>发送文件的电脑的密钥已作废</source>
        <translation>The sending computer&apos;s key has been revoked</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已为该站点重新生成过入网文件，原电脑发出的文件不再接受；请对方在新电脑上导出。</source>
        <translation>A new setup file was issued for this site; files from the old computer are no longer accepted. Ask them to export from the new computer.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>与已导入过的同号文件内容不同</source>
        <translation>Differs from the file of the same number already imported</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>对方可能恢复了旧备份或复制了电脑；请与对方联系后再处理。</source>
        <translation>They may have restored an old backup or cloned a computer; contact them before going on.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件中有对方无权发送的数据</source>
        <translation>The file holds data they may not send</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+16"/>
        <location filename="../../zsdesk/ui/pages/sync.py" line="-544"/>
        <location line="+755"/>
        <source>请与对方联系。</source>
        <translation>Please contact them.</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>文件无法读取</source>
        <translation>The file cannot be read</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请检查U盘是否已插好，或把文件复制到电脑上再导入。</source>
        <translation>Check that the USB stick is plugged in, or copy the file to the computer and import it from there.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件来自更新版本的招商桌面</source>
        <translation>The file comes from a newer Investment Desk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请先升级本机的招商桌面，再导入。</source>
        <translation>Update Investment Desk on this computer first, then import.</translation>
    </message>
    <message>
        <location filename="../../zsdesk/ui/pages/sync.py" line="-1080"/>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <location line="+499"/>
        <source>同步</source>
        <extracomment>the database changed through this page (an import, a resolution): the window&apos;s status and 同步 badge should be read again an export finished: (the file paths, all verified)</extracomment>
        <translation>Sync</translation>
    </message>
    <message>
        <location line="+33"/>
        <location line="+422"/>
        <source>导出同步文件</source>
        <translation>Export sync file</translation>
    </message>
    <message>
        <location line="-422"/>
        <source>写到U盘，交给对方导入</source>
        <translation>Write it to a USB stick for them to import</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>发给：</source>
        <translation>To:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>导出到文件夹…</source>
        <translation>Export to folder…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>选择U盘或文件夹；文件写入后会读回校验</source>
        <translation>Choose a USB stick or folder; the file is read back and checked after writing</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>备份数据库…</source>
        <translation>Back up database…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>把本站点的数据库完整复制一份</source>
        <translation>Make a full copy of this site&apos;s database</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>生成入网文件…</source>
        <translation>Make setup file…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>为一个县区生成入网文件：县区用它加入本市的同步</source>
        <translation>Make a setup file for a county: the county joins the city&apos;s sync with it</translation>
    </message>
    <message>
        <location line="+21"/>
        <location line="+714"/>
        <source>导入同步文件</source>
        <translation>Import sync file</translation>
    </message>
    <message>
        <location line="-714"/>
        <source>先预览，确认后再写入</source>
        <translation>Preview first, write after confirming</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>选择对方发来的 .zsync 文件。导入前会显示将新增、更新的数据和冲突；点“应用”才会写入，写入前自动备份数据库。</source>
        <translation>Choose the .zsync file they sent. Before importing you see what will be added, updated and in conflict; only “Apply” writes, after an automatic backup of the database.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>选择文件并预览…</source>
        <translation>Choose file and preview…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>导入文件夹…</source>
        <translation>Import folder…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>一次导入一个文件夹里的全部 .zsync 文件（如各县区的文件），按站点和序号依次导入，先预览</source>
        <translation>Import all .zsync files in a folder at once (such as the counties&apos; files), in order of site and number, after a preview</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>已与对方核对一致，信任并预览</source>
        <translation>Checked with them: trust and preview</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>不一致，不导入</source>
        <translation>Does not match: do not import</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>导入预览</source>
        <translation>Import preview</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>被拒绝的记录</source>
        <translation>Refused records</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>新增：本站还没有的记录。
更新：本站已有，将改为对方的新值。
未变：本站已有且相同（例如再次送达的参考数据），不做改动。
冲突：双方改了同一项，自动采用较新的修改；导入后在下方“冲突”中确认。
拒绝：对方无权修改的数据，不会写入。</source>
        <translation>New: records this site does not have yet.
Updated: records this site has, changed to their new values.
Unchanged: records this site has with the same values (e.g. reference data sent again).
Conflicts: both sides changed the same field; the newer change is taken, confirm it under “Conflicts” after importing.
Refused: data they may not change; not written.</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+36"/>
        <location line="+421"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="-456"/>
        <source>不导入这个文件，数据保持不变</source>
        <translation>Do not import this file; the data stays as it is</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+375"/>
        <source>应用</source>
        <translation>Apply</translation>
    </message>
    <message>
        <location line="-364"/>
        <location line="+467"/>
        <source>导入文件夹</source>
        <translation>Import folder</translation>
    </message>
    <message>
        <location line="-444"/>
        <source>不导入这些文件，数据保持不变</source>
        <translation>Do not import these files; the data stays unchanged</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>全部应用</source>
        <translation>Apply all</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按上表的顺序逐个导入；被拒绝的文件不影响其他文件</source>
        <translation>Import one by one in the order of the table above; a refused file does not affect the others</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+157"/>
        <source>冲突</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <location line="-157"/>
        <source>两个站点改了同一项：已自动采用较新的修改，请确认</source>
        <translation>Two sites changed the same field: the newer change was taken, please confirm</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>没有待处理的冲突。</source>
        <translation>No conflicts to resolve.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>保留本站</source>
        <translation>Keep ours</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+601"/>
        <source>采用本站点的值；处理结果随下次同步送达对方</source>
        <translation>Take this site&apos;s value; the decision travels with the next sync</translation>
    </message>
    <message>
        <location line="-599"/>
        <source>采用对方</source>
        <translation>Take theirs</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>手工编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>知悉</source>
        <translation>Acknowledge</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>本站点不能处理的冲突：知悉后从列表中移除，不修改记录；记录所属站点的处理结果会随同步文件传来</source>
        <translation>A conflict this site cannot resolve: acknowledging removes it from the list without changing the record; the owning site&apos;s resolution will arrive with the sync files</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>打开记录</source>
        <translation>Open record</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>同一客商被两个招商单元同时接触</source>
        <translation>The same company is being approached by two units</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>没有撞车提醒。</source>
        <translation>No clash alerts.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>处理…</source>
        <translation>Resolve…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>打开本站记录</source>
        <translation>Open our record</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>各站点同步情况</source>
        <translation>Sync state per site</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>用入网文件加入…</source>
        <translation>Join with setup file…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>选择市里发来的入网文件，加入市级同步；本站点已录入的数据保留</source>
        <translation>Choose the setup file the city sent to join the city&apos;s sync; what this site has recorded is kept</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>等待中的文件</source>
        <translation>Waiting files</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>缺少更早的文件，收到后自动导入</source>
        <translation>An earlier file is missing; they import themselves when it arrives</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>没有等待中的文件。</source>
        <translation>No waiting files.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>读取同步状态</source>
        <translation>Reading the sync state</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>无法读取同步状态：{0}</source>
        <translation>Cannot read the sync state: {0}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>市级</source>
        <translation>city</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>县级</source>
        <translation>county</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本站点：{0} {1}（{2}）</source>
        <translation>This site: {0} {1} ({2})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&#x3000;密钥指纹 {0}</source>
        <translation>  · key fingerprint {0}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>还没有同步对象。市级：点“生成入网文件…”为县区生成入网文件；县区：用市里发来的入网文件运行 zsdesk sync join 入网文件 加入。</source>
        <translation>No sync partner yet. City: use “Make setup file…” for each county; county: join with the city&apos;s setup file by running zsdesk sync join FILE.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>冲突（{0}）</source>
        <translation>Conflicts ({0})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>撞车提醒（{0}）</source>
        <translation>Clash alerts ({0})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>近{0}天已处理（{1}）</source>
        <translation>Resolved in the last {0} days ({1})</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>市里近{0}天已处理（{1}）</source>
        <translation>Resolved by the city in the last {0} days ({1})</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>全部已入网县区（{0}个，各一个文件）</source>
        <translation>All joined counties ({0}, one file each)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>（没有可导出的站点）</source>
        <translation>(no site to export to)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>上次导出到：{0}</source>
        <translation>Last exported to: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>还没有导出过；导出时选择U盘或文件夹。</source>
        <translation>Nothing exported yet; choose a USB stick or folder when exporting.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>没有可导出的站点：对方的首个文件导入后才能向其导出。</source>
        <translation>No site to export to: a site can be sent files once its first file was imported.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>选择导出到的U盘或文件夹</source>
        <translation>Choose the USB stick or folder to export to</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>已写入 {0}（{1}条修改，{2}）</source>
        <translation>Written {0} ({1} changes, {2})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>文件已读回校验无误，可以安全拔出U盘。</source>
        <translation>The file was read back and checked: the USB stick can be removed safely.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>文件读回校验未通过：请不要使用这个U盘上的文件，换一个U盘重新导出。</source>
        <translation>The file failed the read-back check: do not use the file on this stick; export again to another one.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>没有导出：{0}</source>
        <translation>Not exported: {0}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>选择要导入的同步文件</source>
        <translation>Choose the sync file to import</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>同步文件 (*.zsync);;所有文件 (*)</source>
        <translation>Sync files (*.zsync);;All files (*)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>预览同步文件</source>
        <translation>Previewing sync file</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>导入预览：{0}（来自 {1}，第{2}号）</source>
        <translation>Import preview: {0} (from {1}, no. {2})</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>放入等待队列</source>
        <translation>Put in the waiting queue</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>。点“应用”写入，点“取消”不导入。</source>
        <translation>. “Apply” writes it, “Cancel” does not import.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>被拒绝的记录（{0}条，不会写入）</source>
        <translation>Refused records ({0}, not written)</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>选择存放同步文件的文件夹</source>
        <translation>Choose the folder holding the sync files</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>预览文件夹中的同步文件</source>
        <translation>Previewing sync files in folder</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>文件夹“{0}”中没有 .zsync 同步文件，未导入任何数据。</source>
        <translation>The folder “{0}” has no .zsync sync files; nothing was imported.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>导入文件夹：{0}（{1}个文件）</source>
        <translation>Import folder: {0} ({1} files)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>将导入{0}个，已导入过{1}个，将进入等待队列{2}个，不能导入{3}个。按下表顺序（按站点和序号）逐个导入，写入前自动备份一次数据库。点“全部应用”导入，点“取消”不导入。</source>
        <translation>{0} will be imported, {1} were imported before, {2} will wait in the queue, {3} cannot be imported. They are imported one by one in the order below (by site and number), after one automatic backup of the database. “Apply all” imports, “Cancel” does not.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>已跳过{0}个不是同步文件的文件：{1}</source>
        <translation>Skipped {0} files that are not sync files: {1}</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>导入结果：{0}（{1}个文件）</source>
        <translation>Import result: {0} ({1} files)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已导入{0}个，此前已导入{1}个，等待之前的文件{2}个，拒绝{3}个。</source>
        <translation>{0} imported, {1} imported before, {2} waiting for earlier files, {3} refused.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>等待队列中另有{0}个文件随之导入。</source>
        <translation>{0} more files from the waiting queue were imported with them.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>被拒绝的文件没有写入任何数据，其他文件不受影响；把鼠标停在该行上可看处理办法。</source>
        <translation>Refused files wrote no data and the other files are not affected; hover over a row to see what to do.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>文件夹导入未完成：{0}
正在导入的文件已整体撤销；此前已导入的文件保留。</source>
        <translation>The folder import did not finish: {0}
The file being imported was rolled back completely; files imported before it are kept.</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>未加入：{0}
本站点的数据没有任何改动。</source>
        <translation>Not joined: {0}
Nothing at this site was changed.</translation>
    </message>
    <message>
        <location filename="../../zsdesk/ui/error_text.py" line="+11"/>
        <location filename="../../zsdesk/ui/pages/sync.py" line="-934"/>
        <location line="+755"/>
        <source>文件被拒绝</source>
        <translation>File refused</translation>
    </message>
    <message>
        <location filename="../../zsdesk/ui/pages/sync.py" line="+3"/>
        <source>未导入“{0}”：{1}。
原因：{2}
本站点的数据没有任何改动。{3}</source>
        <translation>“{0}” was not imported: {1}.
Reason: {2}
Nothing in this site&apos;s data was changed. {3}</translation>
    </message>
    <message>
        <location line="+132"/>
        <source>这是入网文件，不是同步文件：本站点尚未加入市级同步，可以用它加入。</source>
        <translation>This is a setup file, not a sync file: this site has not joined the city&apos;s sync yet and can join with it.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>这是入网文件，不是同步文件：“{0}”只在县区第一次加入市级同步时使用，本站点已经是站点“{1}”，不需要它。要导入的是对方导出的 .zsync 同步文件；如果是为新电脑准备的入网文件，请在新电脑上打开它。本站点的数据没有任何改动。</source>
        <translation>This is a setup file, not a sync file: “{0}” is only used when a county first joins the city&apos;s sync, and this computer is already the site “{1}”, so it does not need it. Import the .zsync sync file the other site exported; if the setup file is meant for a new computer, open it on that computer. Nothing at this site was changed.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>选择市里发来的入网文件</source>
        <translation>Choose the setup file from the city</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>入网文件 (*.json);;所有文件 (*)</source>
        <translation>Setup files (*.json);;All files (*)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>读取入网文件</source>
        <translation>Reading the setup file</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>未加入：本站点的数据没有任何改动。</source>
        <translation>Not joined: nothing at this site was changed.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>加入市级同步</source>
        <translation>Joining the city&apos;s sync</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>已加入市级同步，本站点为“{0} {1}”。已录入的数据都保留，请导出同步文件交给市里。</source>
        <translation>Joined the city&apos;s sync as “{0} {1}”. Everything recorded is kept; export a sync file and take it to the city.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>这是站点“{0}”发来的第一个文件。请打电话给对方，请对方在其电脑上运行 zsdesk sync status 查看本站点记录的密钥指纹，逐段核对与下面一致后，再点“信任”。指纹不一致说明文件可能被冒充，请不要导入。</source>
        <translation>This is the first file from site “{0}”. Phone them and ask them to run zsdesk sync status on their computer to read their key fingerprint; compare it group by group with the one below before choosing “Trust”. A different fingerprint means the file may be forged: do not import it.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>对方</source>
        <translation>Them</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>（文件中没有指纹）</source>
        <translation>(no fingerprint in the file)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>尚未导入：需要先核对对方的密钥指纹。本站点的数据没有任何改动。</source>
        <translation>Not imported yet: their key fingerprint must be checked first. Nothing in this site&apos;s data was changed.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>未导入：密钥指纹未确认。本站点的数据没有任何改动。</source>
        <translation>Not imported: the key fingerprint was not confirmed. Nothing in this site&apos;s data was changed.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>等待中的第{0}号文件也已导入：{1}</source>
        <translation>Waiting file no. {0} was imported too: {1}</translation>
    </message>
    <message>
        <location line="-114"/>
        <location line="+125"/>
        <source>已取消：未导入任何数据。</source>
        <translation>Cancelled: nothing was imported.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>导入未完成：{0}
本次导入已整体撤销，数据没有改动。</source>
        <translation>The import did not finish: {0}
It was undone as a whole; the data is unchanged.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>该记录属于{0}，由其处理；处理结果会随同步文件传来。可点“知悉”将其移出列表。</source>
        <translation>This record belongs to {0}, which resolves it; the resolution will arrive with the sync files. Click “Acknowledge” to remove it from the list.</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+17"/>
        <location line="+29"/>
        <source>请先在表中选择一个冲突。</source>
        <translation>Select a conflict in the table first.</translation>
    </message>
    <message>
        <location line="-40"/>
        <source>知悉冲突</source>
        <translation>Acknowledging conflict</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已知悉“{0}”的{1}：记录未修改，{2}的处理结果会随同步文件传来。</source>
        <translation>Acknowledged “{0}” ({1}): the record was not changed; the resolution by {2} will arrive with the sync files.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>记录所属站点</source>
        <translation>the owning site</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>保留本站的值</source>
        <translation>Keep our value</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>采用对方的值</source>
        <translation>Take their value</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>采用手工填写的值</source>
        <translation>Take the value typed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>处理冲突</source>
        <translation>Resolving conflict</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>已处理“{0}”的{1}：{2}。处理结果随下次同步送达对方。</source>
        <translation>Resolved {1} of “{0}”: {2}. The decision travels with the next sync.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>冲突未处理：{0}</source>
        <translation>Conflict not resolved: {0}</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>打开本站保存的客商记录</source>
        <translation>Open the company record kept here</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本站没有保存这两家客商的记录</source>
        <translation>Neither company is kept at this site</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>认定为同一投资方、各自保留或归属其中一个单元；处理结果随下次同步送达两个县区</source>
        <translation>Record as the same investor, let both keep it, or assign it to one unit; the resolution reaches both counties with the next sync</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>撞车提醒由市级处理：市里的处理结果会随同步文件传来</source>
        <translation>Clash alerts are resolved by the city: the city&apos;s resolution will arrive with the sync files</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>已处理撞车提醒（{0} / {1}）：{2}。处理结果随下次同步送达两个县区。</source>
        <translation>Clash alert resolved ({0} / {1}): {2}. The resolution reaches both counties with the next sync.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>两家企业的记录分属县区，市级未合并，由县区在各自的客商库中处理。</source>
        <translation>The two company records belong to the counties; the city did not merge them, and each county handles them in its own company records.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>无法打开记录：{0}</source>
        <translation>Cannot open the record: {0}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>备份数据库到</source>
        <translation>Back up the database to</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数据库备份 (*.db)</source>
        <translation>Database backups (*.db)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>备份数据库</source>
        <translation>Backing up database</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>数据库已备份到 {0}。</source>
        <translation>The database was backed up to {0}.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>没有备份：{0}</source>
        <translation>No backup made: {0}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>没有可入网的招商单元：请先在“设置”中新增县区的招商单元。</source>
        <translation>No unit to make a setup file for: add the county&apos;s unit in Settings first.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+42"/>
        <source>生成入网文件</source>
        <translation>Make setup file</translation>
    </message>
    <message>
        <location line="-40"/>
        <source>为哪个招商单元生成入网文件：</source>
        <translation>Make a setup file for which unit:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>县区首次导入时，还要电话核对其密钥指纹</source>
        <translation>Also confirm the county&apos;s key fingerprint by phone at its first import</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>入网文件含一次性入网凭据，县区的首个同步文件凭它自动登记；勾选后还需核对指纹才导入</source>
        <translation>The setup file holds a one-time enrolment secret that enrols the county&apos;s first sync file automatically; when ticked, the fingerprint must also be confirmed</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>重新生成入网文件</source>
        <translation>Issue a new setup file</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} 已经用入网文件加入。只有在对方换了电脑或电脑丢失时才需要重新生成：
· 原电脑的密钥将作废，它今后发出的文件都会被拒绝；
· 已收到的该站点数据保留，新电脑加入时会带回这些数据。

确定重新生成吗？</source>
        <translation>{0} has already joined. Issue a new setup file only when the site changed computers or lost its laptop:
· the old computer&apos;s key is revoked and every file it sends is refused;
· the site&apos;s data already received stays, and the new computer gets it back when it joins.

Issue a new setup file?</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>保存入网文件</source>
        <translation>Save setup file</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>入网文件 (*.json)</source>
        <translation>Setup files (*.json)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>已生成 {0} 的入网文件：{1}
把它当面拷给县区（文件内含一次性入网凭据，只能用一次，不要转发到群里）；县区用它加入后，其首个同步文件导入时自动登记。</source>
        <translation>Setup file for {0} written: {1}
Hand it to the county in person (it holds a one-time enrolment secret and works once; never post it to a group chat). After the county joins with it, its first sync file is enrolled automatically.</translation>
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
        <location filename="../../zsdesk/ui/pages/settings.py" line="-280"/>
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
        <location filename="../../zsdesk/ui/tasks.py" line="+387"/>
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
        <location line="-375"/>
        <source>数据库被其他程序占用，正在重试…</source>
        <extracomment>progress signals are sent at most this often (a loop may report thousands of times) ``retry_locked``: one attempt waits this long for the lock before the task says so and tries again ``retry_locked``: after this long waiting for another program&apos;s lock the task gives up</extracomment>
        <translation>The database is in use by another program; retrying…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>数据库被其他程序占用，等了{0}秒仍未释放，本次没有保存任何内容。请稍后再试，或先关闭正在写入该数据库的程序。</source>
        <translation>The database is still in use by another program after waiting {0} seconds; nothing was saved. Please try again later, or first close the program that is writing to the database.</translation>
    </message>
    <message>
        <location line="+296"/>
        <source>操作因程序错误未完成：{0}
本次未提交的修改已撤销。{1}</source>
        <translation>The operation stopped because of a program error: {0}
The changes it had not committed were undone. {1}</translation>
    </message>
</context>
<context>
    <name>UnitDialog</name>
    <message>
        <location filename="../../zsdesk/ui/pages/settings.py" line="+110"/>
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
        <location filename="../../zsdesk/ui/models.py" line="-179"/>
        <source>排名</source>
        <extracomment>the metrics key each figure column shows</extracomment>
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
        <location line="+83"/>
        <source>名次以市里通报为准：本机只有本单元的数据，不排名</source>
        <translation>The rank is the city&apos;s to give: this computer holds only this unit&apos;s data, so it ranks nothing</translation>
    </message>
    <message>
        <location line="+7"/>
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
        <location filename="../../zsdesk/ui/pages/settings.py" line="-221"/>
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
    <name>UnlockDialog</name>
    <message>
        <location filename="../../zsdesk/ui/password.py" line="-141"/>
        <source>招商桌面 — 输入密码</source>
        <translation>zsdesk — Password</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>数据库已加密：请输入密码</source>
        <translation>The database is encrypted: enter its password</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>请输入密码。</source>
        <translation>Enter the password.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>密码不正确，请重新输入。</source>
        <translation>Wrong password. Please try again.</translation>
    </message>
</context>
<context>
    <name>ValueDialog</name>
    <message>
        <location filename="../../zsdesk/ui/pages/sync.py" line="-1204"/>
        <source>手工编辑冲突的值</source>
        <translation>Edit the conflicting value</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0}&#x3000;{1}</source>
        <translation>{0}&#x3000;{1}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>整数</source>
        <translation>Whole number</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>数字，例如 1200.5</source>
        <translation>Number, e.g. 1200.5</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>日期，例如 2026-06-15</source>
        <translation>Date, e.g. 2026-06-15</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>采用这个值</source>
        <translation>Take this value</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>请填写整数</source>
        <translation>Enter a whole number</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+2"/>
        <source>请填写数字，例如 1200.5</source>
        <translation>Enter a number, e.g. 1200.5</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>请按 2026-06-15 的格式填写日期</source>
        <translation>Enter the date as 2026-06-15</translation>
    </message>
</context>
<context>
    <name>VisitForm</name>
    <message>
        <location filename="../../zsdesk/ui/forms/visit.py" line="+46"/>
        <source>招商单元</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>拜访日期</source>
        <translation>Visit date</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>拜访方式</source>
        <translation>Kind of visit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>拜访企业</source>
        <translation>Company visits</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>关联线索</source>
        <translation>Lead</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>外出天数</source>
        <translation>Trip days</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>对方人员</source>
        <translation>Their people</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>我方人员</source>
        <translation>Our people</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>带队/记录人</source>
        <translation>Leader / recorder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>拜访成果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>下一步工作</source>
        <translation>Next steps</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>下一步截止</source>
        <translation>Next step due</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>跟进已完成</source>
        <translation>Follow-up done</translation>
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
        <location line="+9"/>
        <source>对方姓名、职务；未选企业时必填</source>
        <translation>Their names and titles; required when no company is chosen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>例：上海张江</source>
        <translation>e.g. Zhangjiang, Shanghai</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>我方</source>
        <translation>Our side</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>成果与跟进</source>
        <translation>Outcome and follow-up</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>已完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>转为线索…</source>
        <translation>Make lead…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>用本次拜访新建一条线索（带入企业、单元、责任人和拜访内容），保存后与本拜访关联</source>
        <translation>Create a lead from this visit (company, unit, responsible person and visit notes filled in); once saved it is linked to this visit</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>关联线索：{0} {1}&#x3000;&lt;a href=&quot;open&quot;&gt;打开线索&lt;/a&gt;</source>
        <translation>Linked lead: {0} {1}&amp;nbsp;&amp;nbsp;&lt;a href=&quot;open&quot;&gt;Open lead&lt;/a&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>关联线索：{0}</source>
        <translation>Lead: {0}</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>已转为线索 {0}，并与本拜访关联。</source>
        <translation>Made lead {0} and linked it to this visit.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已新建线索 {0}。</source>
        <translation>Lead {0} created.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>记录拜访</source>
        <translation>Log visit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>拜访记录 {0}</source>
        <translation>Visit {0}</translation>
    </message>
</context>
<context>
    <name>WriteDialog</name>
    <message>
        <location filename="../../zsdesk/ui/pages/reviews.py" line="-98"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>已停止，没有保存。</source>
        <translation>Stopped; nothing was saved.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>未保存：</source>
        <translation>Not saved: </translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+2"/>
        <source>未保存：{0}</source>
        <translation>Not saved: {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>保存时发生程序错误，没有保存。{0}</source>
        <translation>A program error occurred while saving; nothing was saved. {0}</translation>
    </message>
</context>
<context>
    <name>_Panel</name>
    <message>
        <location filename="../../zsdesk/ui/forms/panels.py" line="-588"/>
        <source>未保存：</source>
        <translation>Not saved:</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>已停止，未保存。</source>
        <translation>Stopped; nothing was saved.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>未保存：{0}</source>
        <translation>Not saved: {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>保存时发生程序错误，未保存任何内容。{0}</source>
        <translation>A program error occurred while saving; nothing was saved. {0}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>请先在列表中选中一条{0}。</source>
        <translation>Select a {0} in the list first.</translation>
    </message>
</context>
<context>
    <name>_TreePopup</name>
    <message>
        <location filename="../../zsdesk/ui/widgets/pickers.py" line="+144"/>
        <source>筛选产业或链环节</source>
        <translation>Filter industries or chain nodes</translation>
    </message>
</context>
</TS>
