; Inno Setup 6 script: the Windows installer of Ward Office, in Vietnamese, for the current user only
; (no administrator rights): the program goes to %LOCALAPPDATA%\Programs\ward-office, with a Start-menu
; and a desktop shortcut. The record books live apart, in %LOCALAPPDATA%\ward-office, and uninstalling
; leaves them there. Saved as UTF-8 with a BOM, which is how Inno Setup knows to read it as UTF-8.
;
; Build on Windows, from the repository root, after the PyInstaller bundle (packaging/README.md):
;   iscc /DAppVersion=<version> packaging\windows\ward-office.iss
; and find dist\ward-office-<version>-windows-x64-setup.exe.
;
; The Vietnamese messages of the wizard are our own translation, Vietnamese.isl beside this script (another
; copy: /DVietnameseMessages=<file>).

#ifndef AppVersion
  #error Give the version: iscc /DAppVersion=X.Y.Z (it is __version__ in ward_office/__init__.py)
#endif
#ifndef VietnameseMessages
  #define VietnameseMessages AddBackslash(SourcePath) + "Vietnamese.isl"
#endif
#if !FileExists(VietnameseMessages)
  #error The Vietnamese messages are missing: {#VietnameseMessages}
#endif

#define AppName "Sổ theo dõi văn hóa công sở"
#define AppExe "ward-office.exe"
#ifndef Bundle
  #define Bundle "..\..\dist\ward-office"
#endif

[Setup]
AppId={{6F4E2B7A-3C59-4D1E-A8B2-9C0D5E7F1A34}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Ward Office
AppComments=Chấm công, kiểm tra văn hóa công sở và chấm điểm thi đua
DefaultDirName={localappdata}\Programs\ward-office
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=ward-office-{#AppVersion}-windows-x64-setup
SetupIconFile=..\..\resources\icons\ward-office.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no
CloseApplications=yes

[Languages]
Name: "vietnamese"; MessagesFile: "{#VietnameseMessages}"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; Nothing is listed for deletion on uninstall: the uninstaller removes only what [Files] installed,
; never the data folder.
