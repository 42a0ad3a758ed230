"""Make resources/fonts/uming-gb2312.ttf: the Song (明体) face of the 简报's title and body.

AR PL UMing CN (Debian package fonts-arphic-uming, Arphic Public License) is a
21 MB collection of four faces; the briefs need one face and the characters of
GB 2312 (6763 hanzi and the symbols of rows 1-9), ASCII and the CJK, full-width
and general punctuation blocks: 4.7 MB, without hinting (PDFs do not use it).
Characters outside the subset are set in WenQuanYi Micro Hei by
``zsdesk.reports.pdf.song_markup``.

The Arphic Public License, section 2a, asks for a notice in each modified file
saying how and when it was changed: it goes in the font's description (name ID
10) and its version string. Run (fonttools is needed only here):

    apt-get install fonts-arphic-uming && pip install fonttools
    python tools/subset_uming.py
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

SOURCE = Path("/usr/share/fonts/truetype/arphic/uming.ttc")
FACE = 0      # "AR PL UMing CN": the mainland glyph forms
OUT = Path(__file__).resolve().parent.parent / "resources" / "fonts" / "uming-gb2312.ttf"


def gb2312() -> set[int]:
    out = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                out.add(ord(bytes([hi, lo]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return out


def main() -> int:
    from fontTools import subset
    from fontTools.ttLib import TTCollection

    if not SOURCE.is_file():
        print(f"missing {SOURCE}: apt-get install fonts-arphic-uming", file=sys.stderr)
        return 1
    font = TTCollection(str(SOURCE)).fonts[FACE]
    codes = (gb2312() | set(range(0x20, 0x7F)) | set(range(0x2010, 0x2070)) | set(range(0x3000, 0x3040))
             | set(range(0xFF01, 0xFF5F)))
    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codes)
    subsetter.subset(font)
    today = dt.date.today().isoformat()
    notice = (f"Modified by the zsdesk authors on {today}: a subset of AR PL UMing CN (face 0 of uming.ttc, "
              f"Debian fonts-arphic-uming 0.2.20080216.2) to the characters of GB 2312, ASCII and CJK "
              f"punctuation, without hinting, made with fontTools (tools/subset_uming.py). "
              f"Arphic Public License: see LICENSE-arphic-uming.txt.")
    names = font["name"]
    for rec in list(names.names):
        if rec.nameID == 5:
            names.setName(f"{rec.toUnicode()}; zsdesk GB2312 subset {today}", 5, rec.platformID,
                          rec.platEncID, rec.langID)
    names.setName(notice, 10, 3, 1, 0x409)
    names.setName(notice, 10, 1, 0, 0)
    font.save(str(OUT))
    print(f"{OUT} ({OUT.stat().st_size:,} bytes, {len(codes)} code points)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
