; zsdesk (招商桌面): Inno Setup script of the Windows installer.
;
; Installs the PyInstaller bundle for the current user, without administrator
; rights, in %LOCALAPPDATA%\Programs\zsdesk; Start-menu and (optional) desktop
; shortcuts named 招商桌面; .zsync sync files open in zsdesk on the import preview.
;
; Build it on Windows (see README.md, "Install / 安装"):
;   python installers\build.py            the bundle: installers\dist\zsdesk\ and installers\dist\version.iss
;   iscc installers\windows\zsdesk.iss    the installer: installers\dist\zsdesk-<version>-setup.exe
; The version comes from the package (zsdesk.__version__) through dist\version.iss,
; which the spec writes; `iscc /DAppVersion=1.2.3 …` overrides it.
;
; Users' data is NOT in {app}: the database, its backups, attachments and settings
; live in %LOCALAPPDATA%\zsdesk (and the registry key of the settings). Neither an
; upgrade nor the uninstaller touches them; this script never deletes
; {localappdata}\zsdesk, and must not.
;
; This file is UTF-8 with a byte-order mark: Inno Setup reads its Chinese text only then.

#define AppName "招商桌面"
#define AppExe "zsdesk.exe"
#define BundleDir "..\dist\zsdesk"
#ifndef AppVersion
  #include "..\dist\version.iss"
#endif

[Setup]
; one fixed id for every version: a newer installer upgrades the same installation
AppId={{37C5BBA0-A20A-463D-8910-A584B3EE0791}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=zsdesk
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\zsdesk
DisableDirPage=auto
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UninstallDisplayName={#AppName} {#AppVersion}
UninstallDisplayIcon={app}\{#AppExe}
ChangesAssociations=yes
CloseApplications=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist
OutputBaseFilename=zsdesk-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Languages]
; Simplified Chinese first (the default when Windows' language does not decide),
; when this Inno Setup has ChineseSimplified.isl (recent releases ship it; else add
; it to its Languages folder); without it the wizard is in English.
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; an upgrade starts from a clean program folder (old libraries must not linger);
; only the bundle's own folder, never a portable user's files beside the program
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\{#AppExe}"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#BundleDir}\_internal\*"; DestDir: "{app}\_internal"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "招商桌面：拜访、线索、签约项目与同步"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "招商桌面"; Tasks: desktopicon

[Registry]
; .zsync -> zsdesk.SyncFile, for this user (HKCU\Software\Classes): double-click
; runs `zsdesk.exe FILE`, which opens the 同步 page on the import preview of FILE
Root: HKCU; Subkey: "Software\Classes\.zsync"; ValueType: string; ValueName: ""; ValueData: "zsdesk.SyncFile"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\.zsync\OpenWithProgids"; ValueType: string; ValueName: "zsdesk.SyncFile"; ValueData: ""; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\zsdesk.SyncFile"; ValueType: string; ValueName: ""; ValueData: "招商桌面同步文件"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\zsdesk.SyncFile\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKCU; Subkey: "Software\Classes\zsdesk.SyncFile\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] and no [Code] deleting anything: the uninstaller removes the
; files it installed and the registry entries above, and leaves %LOCALAPPDATA%\zsdesk.
