"""Errors in the chosen language: a known error's ``code`` picks a translatable
template (Qt translations), so an English interface does not show the core's
Chinese message; an error whose code is not here keeps its Chinese message.
Also the one sentence every message about a bug ends with: where the log is.

The storage texts are the core's ``STORAGE_MESSAGES`` (the same Chinese, a test
checks), marked here for translation because the core has no Qt.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from zsdesk.app.diagnostics import CryptoError, PackageRefused, active_path

_CONTEXT = "Errors"

#: storage failures by ``StorageError.code`` (set where the core translates storage errors)
STORAGE_TEXT = {
    "storage.busy": QT_TRANSLATE_NOOP("Errors", "数据库被占用：另一个程序正在写入，请稍后再试。未保存任何内容。"),
    "storage.full": QT_TRANSLATE_NOOP("Errors", "磁盘已满：请清理磁盘空间后重试。未保存任何内容。"),
    "storage.readonly": QT_TRANSLATE_NOOP("Errors", "数据库文件只读：请检查文件权限。未保存任何内容。"),
    "storage.io": QT_TRANSLATE_NOOP(
        "Errors", "读写数据库文件出错：U 盘或磁盘可能已拔出或损坏。请插好后重试；未保存任何内容。"),
    "storage.cantopen": QT_TRANSLATE_NOOP("Errors", "无法打开数据库文件：请检查路径和权限。"),
    "storage.corrupt": QT_TRANSLATE_NOOP("Errors", "数据库文件已损坏或不是zsdesk数据库：请从备份恢复。"),
    "storage.connection": QT_TRANSLATE_NOOP("Errors", "无法连接数据库服务器：请检查网络和服务器地址。"),
    "storage.damaged": QT_TRANSLATE_NOOP(
        "Errors", "数据库文件已损坏：{path}。本次没有写入任何内容，请不要继续使用它。"
                  "最近一个完好的备份是 {backup}，恢复请运行：{command}"),
    "storage.damaged-no-backup": QT_TRANSLATE_NOOP(
        "Errors", "数据库文件已损坏：{path}。本次没有写入任何内容，请不要继续使用它。"
                  "没有找到完好的自动备份：请把该文件复制一份交技术人员处理，"
                  "或用你自己保存的备份恢复（zsdesk restore 备份文件）。"),
    "storage.not-zsdesk": QT_TRANSLATE_NOOP(
        "Errors", "“{path}”不是招商桌面的数据库文件：请检查 --db 或 ZSDESK_DB 指定的路径"
                  "（数据库一般是 zsdesk.db）。该文件没有被改动。"),
    "storage.newer": QT_TRANSLATE_NOOP(
        "Errors", "此数据库由更新版本的招商桌面创建（数据库版本 {revision}），请先升级招商桌面。数据库没有任何改动。"),
}

#: what a refused sync file means, by ``PackageRefused.code`` (``CryptoError`` is "decrypt"):
#: (what was wrong, what to do). Kept in the sync page's translation context.
REFUSAL_TEXT = {
    "truncated": (QT_TRANSLATE_NOOP("SyncPage", "文件不完整"),
                  QT_TRANSLATE_NOOP("SyncPage", "可能复制时U盘被提前拔出。请对方重新导出，再导入新的文件。")),
    "hash": (QT_TRANSLATE_NOOP("SyncPage", "文件被改动或已损坏"),
             QT_TRANSLATE_NOOP("SyncPage", "请对方重新导出，再导入新的文件。")),
    "signature": (QT_TRANSLATE_NOOP("SyncPage", "文件的签名对不上：文件被改动过，或不是该站点签发的"),
                  QT_TRANSLATE_NOOP("SyncPage", "请不要使用这个文件；与对方联系，请其重新导出。")),
    "format": (QT_TRANSLATE_NOOP("SyncPage", "文件格式不对"),
               QT_TRANSLATE_NOOP("SyncPage", "请确认选的是招商桌面导出的同步文件（.zsync）。")),
    "manifest": (QT_TRANSLATE_NOOP("SyncPage", "文件的清单不完整"),
                 QT_TRANSLATE_NOOP("SyncPage", "请对方重新导出，再导入新的文件。")),
    "limits": (QT_TRANSLATE_NOOP("SyncPage", "文件超出允许的大小或条目数"),
               QT_TRANSLATE_NOOP("SyncPage", "请确认选的是招商桌面导出的同步文件。")),
    "addressee": (QT_TRANSLATE_NOOP("SyncPage", "这个文件不是发给本站点的"),
                  QT_TRANSLATE_NOOP("SyncPage", "请选择发给本站点的文件（文件名中间是本站点代码）。")),
    "decrypt": (QT_TRANSLATE_NOOP("SyncPage", "文件无法解密"),
                QT_TRANSLATE_NOOP("SyncPage", "这个文件不是用本站点的密钥加密的；请对方确认导出对象后重新导出。")),
    "unenrolled": (QT_TRANSLATE_NOOP("SyncPage", "发送文件的站点还没有入网"),
                   QT_TRANSLATE_NOOP("SyncPage", "市级先为该县区生成入网文件，县区入网后再导出。")),
    "enrol": (QT_TRANSLATE_NOOP("SyncPage", "入网凭据不符：发送文件的电脑不是用市里最新的入网文件加入的"),
              QT_TRANSLATE_NOOP("SyncPage", "文件可能是伪造的，或对方用了已作废的旧入网文件；请与对方联系，"
                                            "必要时为其重新生成入网文件。")),
    "enrol-used": (QT_TRANSLATE_NOOP("SyncPage", "入网文件已经用过：该站点已用另一台电脑加入"),
                   QT_TRANSLATE_NOOP("SyncPage", "同一份入网文件只能用一次。如对方确实换了电脑，"
                                                 "请为其重新生成入网文件（原电脑的密钥将作废）。")),
    "revoked": (QT_TRANSLATE_NOOP("SyncPage", "发送文件的电脑的密钥已作废"),
                QT_TRANSLATE_NOOP("SyncPage", "已为该站点重新生成过入网文件，原电脑发出的文件不再接受；"
                                              "请对方在新电脑上导出。")),
    "fork": (QT_TRANSLATE_NOOP("SyncPage", "与已导入过的同号文件内容不同"),
             QT_TRANSLATE_NOOP("SyncPage", "对方可能恢复了旧备份或复制了电脑；请与对方联系后再处理。")),
    "rights": (QT_TRANSLATE_NOOP("SyncPage", "文件中有对方无权发送的数据"),
               QT_TRANSLATE_NOOP("SyncPage", "请与对方联系。")),
    "io": (QT_TRANSLATE_NOOP("SyncPage", "文件无法读取"),
           QT_TRANSLATE_NOOP("SyncPage", "请检查U盘是否已插好，或把文件复制到电脑上再导入。")),
    "version": (QT_TRANSLATE_NOOP("SyncPage", "文件来自更新版本的招商桌面"),
                QT_TRANSLATE_NOOP("SyncPage", "请先升级本机的招商桌面，再导入。")),
}


def _t(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def refusal_text(code: str, reason: str) -> str:
    """A refused sync file in plain words: what was wrong, the core's reason,
    that nothing changed, and what to do."""
    what, todo = REFUSAL_TEXT.get(code, (QT_TRANSLATE_NOOP("SyncPage", "文件被拒绝"),
                                         QT_TRANSLATE_NOOP("SyncPage", "请与对方联系。")))
    return QCoreApplication.translate("Errors", "{0}。\n原因：{1}\n本站点的数据没有任何改动。{2}").format(
        _t("SyncPage", what), reason, _t("SyncPage", todo))


def known_text(exc: BaseException) -> str | None:
    """The text of an error whose code is known here, in the chosen language; None otherwise."""
    code = getattr(exc, "code", None)
    if not isinstance(code, str):
        return None
    if isinstance(exc, PackageRefused | CryptoError):
        return refusal_text(code, getattr(exc, "reason", None) or str(exc))
    template = STORAGE_TEXT.get(code)
    if template is None:
        return None
    try:
        return _t(_CONTEXT, template).format(**dict(getattr(exc, "params", {}) or {}))
    except (KeyError, IndexError, ValueError):  # a translation naming a value the error lacks
        return str(exc)


def log_sentence() -> str:
    """Where the details of a bug are: the log file's path when it is written,
    else only whom to ask (a message never claims a log it has not written)."""
    path = active_path()
    if path is None:
        return QCoreApplication.translate("Errors", "请联系维护人员。")
    return QCoreApplication.translate("Errors", "详细信息已写入日志文件 {0}，请把它发给维护人员。").format(path)
