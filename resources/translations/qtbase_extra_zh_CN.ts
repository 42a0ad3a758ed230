<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!--
  Qt's own texts that Qt's qtbase_zh_CN.qm does not translate (yet): Qt 6 gave the
  file dialog's labels a mnemonic ("Look in:" became "&Look in:") and the Chinese
  catalogue still holds the old texts. Loaded after qtbase_zh_CN in the Chinese UI
  (zsdesk/ui/i18n.py); drop a message once Qt's catalogue has it.
-->
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
</TS>
