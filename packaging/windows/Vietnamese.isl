; Vietnamese messages of the Ward Office installer (Inno Setup 6.4), written for this project from the
; meaning of each message, in the words the program itself uses (tệp, thư mục, Hủy, Đồng ý; no pronoun
; for the reader). The keys are those of Inno Setup 6.4.1's Default.isl: tests/test_installer_messages.py checks
; that none is missing and that every %1..%9, %n and [name]-style field of a message is kept.
; Saved as UTF-8 with a BOM, which is how Inno Setup 6 knows to read it as Unicode.

[LangOptions]
LanguageName=Tiếng Việt
LanguageID=$042A
LanguageCodePage=0

[Messages]

; Titles
SetupAppTitle=Cài đặt
SetupWindowTitle=Cài đặt - %1
UninstallAppTitle=Gỡ cài đặt
UninstallAppFullTitle=Gỡ cài đặt %1

; Common
InformationTitle=Thông tin
ConfirmTitle=Xác nhận
ErrorTitle=Lỗi

; Before the wizard starts
SetupLdrStartupMessage=Chương trình này sẽ cài đặt %1. Tiếp tục?
LdrCannotCreateTemp=Không tạo được tệp tạm. Đã dừng cài đặt
LdrCannotExecTemp=Không chạy được tệp trong thư mục tạm. Đã dừng cài đặt
HelpTextNote=

; Errors at start
LastErrorMessage=%1.%n%nLỗi %2: %3
SetupFileMissing=Thiếu tệp %1 trong thư mục cài đặt. Hãy khắc phục hoặc lấy một bản mới của chương trình.
SetupFileCorrupt=Các tệp cài đặt bị hỏng. Hãy lấy một bản mới của chương trình.
SetupFileCorruptOrWrongVer=Các tệp cài đặt bị hỏng hoặc không dùng được với phiên bản trình cài đặt này. Hãy khắc phục hoặc lấy một bản mới của chương trình.
InvalidParameter=Dòng lệnh có một tham số không hợp lệ:%n%n%1
SetupAlreadyRunning=Trình cài đặt đang chạy rồi.
WindowsVersionNotSupported=Chương trình này không chạy được trên phiên bản Windows của máy tính này.
WindowsServicePackRequired=Chương trình này cần %1 Service Pack %2 trở lên.
NotOnThisPlatform=Chương trình này không chạy được trên %1.
OnlyOnThisPlatform=Chương trình này chỉ chạy được trên %1.
OnlyOnTheseArchitectures=Chương trình này chỉ cài đặt được trên các phiên bản Windows dành cho những loại bộ xử lý sau:%n%n%1
WinVersionTooLowError=Chương trình này cần %1 phiên bản %2 trở lên.
WinVersionTooHighError=Chương trình này không cài đặt được trên %1 phiên bản %2 trở lên.
AdminPrivilegesRequired=Cần đăng nhập Windows bằng tài khoản quản trị để cài đặt chương trình này.
PowerUserPrivilegesRequired=Cần đăng nhập Windows bằng tài khoản quản trị hoặc thuộc nhóm Power Users để cài đặt chương trình này.
SetupAppRunningError=Trình cài đặt thấy %1 đang chạy.%n%nHãy đóng tất cả các cửa sổ của chương trình đó, rồi bấm Đồng ý để tiếp tục, hoặc bấm Hủy để thoát.
UninstallAppRunningError=Trình gỡ cài đặt thấy %1 đang chạy.%n%nHãy đóng tất cả các cửa sổ của chương trình đó, rồi bấm Đồng ý để tiếp tục, hoặc bấm Hủy để thoát.

; Install for everyone or for this user only
PrivilegesRequiredOverrideTitle=Chọn cách cài đặt
PrivilegesRequiredOverrideInstruction=Chọn cách cài đặt
PrivilegesRequiredOverrideText1=%1 có thể cài đặt cho mọi người dùng máy tính (cần quyền quản trị) hoặc chỉ cho tài khoản đang đăng nhập.
PrivilegesRequiredOverrideText2=%1 có thể cài đặt chỉ cho tài khoản đang đăng nhập hoặc cho mọi người dùng máy tính (cần quyền quản trị).
PrivilegesRequiredOverrideAllUsers=Cài đặt cho &mọi người dùng
PrivilegesRequiredOverrideAllUsersRecommended=Cài đặt cho &mọi người dùng (nên chọn)
PrivilegesRequiredOverrideCurrentUser=Chỉ cài đặt cho &tài khoản này
PrivilegesRequiredOverrideCurrentUserRecommended=Chỉ cài đặt cho &tài khoản này (nên chọn)

; Other errors
ErrorCreatingDir=Trình cài đặt không tạo được thư mục "%1"
ErrorTooManyFilesInDir=Không tạo được tệp trong thư mục "%1" vì thư mục đã có quá nhiều tệp

; Shared by the wizard's pages
ExitSetupTitle=Thoát cài đặt
ExitSetupMessage=Việc cài đặt chưa xong. Nếu thoát bây giờ, chương trình sẽ không được cài đặt.%n%nCó thể chạy lại trình cài đặt vào lúc khác để cài đặt cho xong.%n%nThoát cài đặt?
AboutSetupMenuItem=&Giới thiệu trình cài đặt...
AboutSetupTitle=Giới thiệu trình cài đặt
AboutSetupMessage=%1 phiên bản %2%n%3%n%nTrang chủ của %1:%n%4
AboutSetupNote=
TranslatorNote=

; Buttons
ButtonBack=< &Quay lại
ButtonNext=&Tiếp theo >
ButtonInstall=&Cài đặt
ButtonOK=Đồng ý
ButtonCancel=Hủy
ButtonYes=&Có
ButtonYesToAll=Có cho &tất cả
ButtonNo=&Không
ButtonNoToAll=K&hông cho tất cả
ButtonFinish=&Hoàn tất
ButtonBrowse=&Chọn...
ButtonWizardBrowse=Chọ&n...
ButtonNewFolder=Tạo thư &mục mới

; Choosing the language
SelectLanguageTitle=Chọn ngôn ngữ cài đặt
SelectLanguageLabel=Chọn ngôn ngữ dùng trong khi cài đặt.

; Wizard: common
ClickNext=Bấm Tiếp theo để tiếp tục, hoặc bấm Hủy để thoát cài đặt.
BeveledLabel=
BrowseDialogTitle=Chọn thư mục
BrowseDialogLabel=Chọn một thư mục trong danh sách dưới đây, rồi bấm Đồng ý.
NewFolderName=Thư mục mới

; Welcome
WelcomeLabel1=Chào mừng đến với trình cài đặt [name]
WelcomeLabel2=Trình cài đặt sẽ cài [name/ver] vào máy tính này.%n%nNên đóng các chương trình khác đang mở trước khi tiếp tục.

; Password
WizardPassword=Mật khẩu
PasswordLabel1=Bản cài đặt này có mật khẩu bảo vệ.
PasswordLabel3=Hãy nhập mật khẩu, rồi bấm Tiếp theo để tiếp tục. Mật khẩu phân biệt chữ hoa và chữ thường.
PasswordEditLabel=&Mật khẩu:
IncorrectPassword=Mật khẩu vừa nhập không đúng. Hãy nhập lại.

; Licence
WizardLicense=Thỏa thuận sử dụng
LicenseLabel=Hãy đọc những thông tin quan trọng dưới đây trước khi tiếp tục.
LicenseLabel3=Hãy đọc thỏa thuận sử dụng dưới đây. Phải đồng ý với các điều khoản này thì mới cài đặt tiếp được.
LicenseAccepted=&Đồng ý với thỏa thuận
LicenseNotAccepted=&Không đồng ý với thỏa thuận

; Information
WizardInfoBefore=Thông tin
InfoBeforeLabel=Hãy đọc những thông tin quan trọng dưới đây trước khi tiếp tục.
InfoBeforeClickLabel=Khi đã sẵn sàng cài đặt tiếp, bấm Tiếp theo.
WizardInfoAfter=Thông tin
InfoAfterLabel=Hãy đọc những thông tin quan trọng dưới đây trước khi tiếp tục.
InfoAfterClickLabel=Khi đã sẵn sàng cài đặt tiếp, bấm Tiếp theo.

; User information
WizardUserInfo=Thông tin người dùng
UserInfoDesc=Hãy nhập thông tin người dùng.
UserInfoName=&Tên người dùng:
UserInfoOrg=Tên &cơ quan:
UserInfoSerial=&Số sê-ri:
UserInfoNameRequired=Phải nhập tên.

; Destination folder
WizardSelectDir=Chọn thư mục cài đặt
SelectDirDesc=Cài đặt [name] vào đâu?
SelectDirLabel3=Trình cài đặt sẽ cài [name] vào thư mục dưới đây.
SelectDirBrowseLabel=Bấm Tiếp theo để tiếp tục. Muốn chọn thư mục khác thì bấm Chọn.
DiskSpaceGBLabel=Cần ít nhất [gb] GB dung lượng trống trên ổ đĩa.
DiskSpaceMBLabel=Cần ít nhất [mb] MB dung lượng trống trên ổ đĩa.
CannotInstallToNetworkDrive=Không cài đặt được vào ổ đĩa mạng.
CannotInstallToUNCPath=Không cài đặt được vào đường dẫn mạng (UNC).
InvalidPath=Phải nhập đường dẫn đầy đủ có chữ cái ổ đĩa, chẳng hạn:%n%nC:\APP%n%nhoặc đường dẫn mạng (UNC) dạng:%n%n\\server\share
InvalidDrive=Ổ đĩa hoặc thư mục mạng (UNC) đã chọn không có hoặc không truy cập được. Hãy chọn chỗ khác.
DiskSpaceWarningTitle=Không đủ dung lượng trống
DiskSpaceWarning=Cần ít nhất %1 KB dung lượng trống để cài đặt, nhưng ổ đĩa đã chọn chỉ còn %2 KB.%n%nVẫn tiếp tục?
DirNameTooLong=Tên thư mục hoặc đường dẫn quá dài.
InvalidDirName=Tên thư mục không hợp lệ.
BadDirName32=Tên thư mục không được có các ký tự sau:%n%n%1
DirExistsTitle=Thư mục đã có
DirExists=Thư mục:%n%n%1%n%nđã có. Vẫn cài đặt vào thư mục này?
DirDoesntExistTitle=Thư mục chưa có
DirDoesntExist=Thư mục:%n%n%1%n%nchưa có. Tạo thư mục này?

; Components
WizardSelectComponents=Chọn thành phần
SelectComponentsDesc=Cài đặt những thành phần nào?
SelectComponentsLabel2=Đánh dấu các thành phần muốn cài đặt, bỏ dấu các thành phần không cài. Bấm Tiếp theo khi đã sẵn sàng.
FullInstallation=Cài đặt đầy đủ
CompactInstallation=Cài đặt gọn
CustomInstallation=Tự chọn thành phần
NoUninstallWarningTitle=Thành phần đã có
NoUninstallWarning=Các thành phần sau đã được cài trên máy tính này:%n%n%1%n%nBỏ chọn chúng sẽ không gỡ chúng khỏi máy.%n%nVẫn tiếp tục?
ComponentSize1=%1 KB
ComponentSize2=%1 MB
ComponentsDiskSpaceGBLabel=Các thành phần đã chọn cần ít nhất [gb] GB dung lượng ổ đĩa.
ComponentsDiskSpaceMBLabel=Các thành phần đã chọn cần ít nhất [mb] MB dung lượng ổ đĩa.

; Additional tasks
WizardSelectTasks=Chọn việc làm thêm
SelectTasksDesc=Làm thêm những việc nào?
SelectTasksLabel2=Chọn những việc trình cài đặt làm thêm khi cài [name], rồi bấm Tiếp theo.

; Start menu folder
WizardSelectProgramGroup=Chọn thư mục trong menu Start
SelectStartMenuFolderDesc=Đặt lối tắt của chương trình ở đâu?
SelectStartMenuFolderLabel3=Trình cài đặt sẽ tạo lối tắt của chương trình trong thư mục sau của menu Start.
SelectStartMenuFolderBrowseLabel=Bấm Tiếp theo để tiếp tục. Muốn chọn thư mục khác thì bấm Chọn.
MustEnterGroupName=Phải nhập tên thư mục.
GroupNameTooLong=Tên thư mục hoặc đường dẫn quá dài.
InvalidGroupName=Tên thư mục không hợp lệ.
BadGroupName=Tên thư mục không được có các ký tự sau:%n%n%1
NoProgramGroupCheck2=&Không tạo thư mục trong menu Start

; Ready
WizardReady=Sẵn sàng cài đặt
ReadyLabel1=Trình cài đặt đã sẵn sàng cài [name] vào máy tính này.
ReadyLabel2a=Bấm Cài đặt để bắt đầu, hoặc bấm Quay lại nếu muốn xem lại hay thay đổi lựa chọn.
ReadyLabel2b=Bấm Cài đặt để bắt đầu.
ReadyMemoUserInfo=Thông tin người dùng:
ReadyMemoDir=Thư mục cài đặt:
ReadyMemoType=Kiểu cài đặt:
ReadyMemoComponents=Các thành phần đã chọn:
ReadyMemoGroup=Thư mục trong menu Start:
ReadyMemoTasks=Việc làm thêm:

; Downloading and extracting
DownloadingLabel=Đang tải thêm tệp...
ButtonStopDownload=&Dừng tải
StopDownload=Dừng tải xuống?
ErrorDownloadAborted=Đã dừng tải
ErrorDownloadFailed=Tải không được: %1 %2
ErrorDownloadSizeFailed=Không biết được kích thước tệp: %1 %2
ErrorFileHash1=Không kiểm tra được mã băm của tệp: %1
ErrorFileHash2=Mã băm của tệp không đúng: cần %1, thấy %2
ErrorProgress=Tiến độ không hợp lệ: %1 trên %2
ErrorFileSize=Kích thước tệp không đúng: cần %1, thấy %2
ExtractionLabel=Đang giải nén thêm tệp...
ButtonStopExtraction=&Dừng giải nén
StopExtraction=Dừng giải nén?
ErrorExtractionAborted=Đã dừng giải nén
ErrorExtractionFailed=Giải nén không được: %1

; Preparing
WizardPreparing=Chuẩn bị cài đặt
PreparingDesc=Trình cài đặt đang chuẩn bị cài [name] vào máy tính này.
PreviousInstallNotCompleted=Lần cài đặt hoặc gỡ bỏ chương trình trước đây chưa xong. Cần khởi động lại máy tính để hoàn tất việc đó.%n%nSau khi khởi động lại máy tính, hãy chạy lại trình cài đặt để cài [name] cho xong.
CannotContinue=Không cài đặt tiếp được. Bấm Hủy để thoát.
ApplicationsFound=Các chương trình sau đang dùng những tệp mà trình cài đặt cần thay. Nên để trình cài đặt tự đóng các chương trình này.
ApplicationsFound2=Các chương trình sau đang dùng những tệp mà trình cài đặt cần thay. Nên để trình cài đặt tự đóng các chương trình này. Cài đặt xong, trình cài đặt sẽ mở lại chúng.
CloseApplications=&Tự đóng các chương trình
DontCloseApplications=&Không đóng các chương trình
ErrorCloseApplications=Trình cài đặt không tự đóng được tất cả các chương trình. Nên đóng hết các chương trình đang dùng những tệp cần thay trước khi tiếp tục.
PrepareToInstallNeedsRestart=Cần khởi động lại máy tính. Sau khi khởi động lại, hãy chạy lại trình cài đặt để cài [name] cho xong.%n%nKhởi động lại ngay bây giờ?

; Installing
WizardInstalling=Đang cài đặt
InstallingLabel=Xin chờ trong khi trình cài đặt cài [name] vào máy tính này.

; Finished
FinishedHeadingLabel=Hoàn tất cài đặt [name]
FinishedLabelNoIcons=Đã cài đặt xong [name] vào máy tính này.
FinishedLabel=Đã cài đặt xong [name] vào máy tính này. Có thể mở chương trình bằng các lối tắt vừa tạo.
ClickFinish=Bấm Hoàn tất để thoát cài đặt.
FinishedRestartLabel=Để cài [name] cho xong, cần khởi động lại máy tính. Khởi động lại ngay bây giờ?
FinishedRestartMessage=Để cài [name] cho xong, cần khởi động lại máy tính.%n%nKhởi động lại ngay bây giờ?
ShowReadmeCheck=Có, xem tệp hướng dẫn (README)
YesRadio=&Có, khởi động lại máy tính ngay
NoRadio=&Không, sẽ khởi động lại sau
RunEntryExec=Mở %1
RunEntryShellExec=Xem %1

; The next disk
ChangeDiskTitle=Cần đĩa tiếp theo
SelectDiskLabel2=Hãy đưa đĩa %1 vào rồi bấm Đồng ý.%n%nNếu các tệp của đĩa này ở một thư mục khác thư mục ghi dưới đây, hãy nhập đúng đường dẫn hoặc bấm Chọn.
PathLabel=Đường &dẫn:
FileNotInDir2=Không tìm thấy tệp "%1" trong "%2". Hãy đưa vào đúng đĩa hoặc chọn thư mục khác.
SelectDirectoryLabel=Hãy chỉ ra chỗ của đĩa tiếp theo.

; Installing: errors
SetupAborted=Việc cài đặt chưa xong.%n%nHãy khắc phục sự cố rồi chạy lại trình cài đặt.
AbortRetryIgnoreSelectAction=Chọn cách xử lý
AbortRetryIgnoreRetry=&Thử lại
AbortRetryIgnoreIgnore=&Bỏ qua lỗi và tiếp tục
AbortRetryIgnoreCancel=Hủy cài đặt

; Installing: status
StatusClosingApplications=Đang đóng các chương trình...
StatusCreateDirs=Đang tạo thư mục...
StatusExtractFiles=Đang giải nén tệp...
StatusCreateIcons=Đang tạo lối tắt...
StatusCreateIniEntries=Đang ghi tệp INI...
StatusCreateRegistryEntries=Đang ghi vào Registry...
StatusRegisterFiles=Đang đăng ký tệp...
StatusSavingUninstall=Đang lưu thông tin gỡ cài đặt...
StatusRunProgram=Đang hoàn tất cài đặt...
StatusRestartingApplications=Đang mở lại các chương trình...
StatusRollback=Đang hoàn tác các thay đổi...

; Installing: other errors
ErrorInternal2=Lỗi bên trong trình cài đặt: %1
ErrorFunctionFailedNoCode=%1 không thực hiện được
ErrorFunctionFailed=%1 không thực hiện được; mã %2
ErrorFunctionFailedWithMessage=%1 không thực hiện được; mã %2.%n%3
ErrorExecutingProgram=Không chạy được tệp:%n%1

; Registry
ErrorRegOpenKey=Lỗi khi mở khóa Registry:%n%1\%2
ErrorRegCreateKey=Lỗi khi tạo khóa Registry:%n%1\%2
ErrorRegWriteKey=Lỗi khi ghi vào khóa Registry:%n%1\%2

; INI files
ErrorIniEntry=Lỗi khi ghi vào tệp INI "%1".

; Copying files
FileAbortRetryIgnoreSkipNotRecommended=&Bỏ qua tệp này (không nên)
FileAbortRetryIgnoreIgnoreNotRecommended=Bỏ qua &lỗi và tiếp tục (không nên)
SourceIsCorrupted=Tệp nguồn bị hỏng
SourceDoesntExist=Không có tệp nguồn "%1"
ExistingFileReadOnly2=Không thay được tệp đang có vì tệp đó chỉ cho phép đọc.
ExistingFileReadOnlyRetry=&Bỏ thuộc tính chỉ đọc rồi thử lại
ExistingFileReadOnlyKeepExisting=&Giữ tệp đang có
ErrorReadingExistingDest=Có lỗi khi đọc tệp đang có:
FileExistsSelectAction=Chọn cách xử lý
FileExists2=Tệp này đã có.
FileExistsOverwriteExisting=&Ghi đè tệp đang có
FileExistsKeepExisting=G&iữ tệp đang có
FileExistsOverwriteOrKeepAll=&Làm như vậy với các trường hợp tiếp theo
ExistingFileNewerSelectAction=Chọn cách xử lý
ExistingFileNewer2=Tệp đang có mới hơn tệp trình cài đặt định cài.
ExistingFileNewerOverwriteExisting=&Ghi đè tệp đang có
ExistingFileNewerKeepExisting=G&iữ tệp đang có (nên chọn)
ExistingFileNewerOverwriteOrKeepAll=&Làm như vậy với các trường hợp tiếp theo
ErrorChangingAttr=Có lỗi khi đổi thuộc tính của tệp đang có:
ErrorCreatingTemp=Có lỗi khi tạo tệp trong thư mục cài đặt:
ErrorReadingSource=Có lỗi khi đọc tệp nguồn:
ErrorCopying=Có lỗi khi chép tệp:
ErrorReplacingExistingFile=Có lỗi khi thay tệp đang có:
ErrorRestartReplace=Không thay được tệp khi khởi động lại (RestartReplace):
ErrorRenamingTemp=Có lỗi khi đổi tên tệp trong thư mục cài đặt:
ErrorRegisterServer=Không đăng ký được DLL/OCX: %1
ErrorRegSvr32Failed=RegSvr32 kết thúc với mã lỗi %1
ErrorRegisterTypeLib=Không đăng ký được thư viện kiểu (type library): %1

; The name shown in the list of installed programs
UninstallDisplayNameMark=%1 (%2)
UninstallDisplayNameMarks=%1 (%2, %3)
UninstallDisplayNameMark32Bit=32-bit
UninstallDisplayNameMark64Bit=64-bit
UninstallDisplayNameMarkAllUsers=Mọi người dùng
UninstallDisplayNameMarkCurrentUser=Tài khoản này

; After installing
ErrorOpeningReadme=Có lỗi khi mở tệp hướng dẫn (README).
ErrorRestartingComputer=Trình cài đặt không khởi động lại được máy tính. Hãy tự khởi động lại.

; Uninstalling
UninstallNotFound=Không có tệp "%1". Không gỡ cài đặt được.
UninstallOpenError=Không mở được tệp "%1". Không gỡ cài đặt được
UninstallUnsupportedVer=Tệp nhật ký gỡ cài đặt "%1" có định dạng mà trình gỡ cài đặt này không đọc được. Không gỡ cài đặt được
UninstallUnknownEntry=Gặp một mục lạ (%1) trong nhật ký gỡ cài đặt
ConfirmUninstall=Gỡ bỏ hoàn toàn %1 và mọi thành phần của nó?
UninstallOnlyOnWin64=Bản cài đặt này chỉ gỡ được trên Windows 64-bit.
OnlyAdminCanUninstall=Chỉ tài khoản có quyền quản trị mới gỡ được bản cài đặt này.
UninstallStatusLabel=Xin chờ trong khi gỡ %1 khỏi máy tính này.
UninstalledAll=Đã gỡ xong %1 khỏi máy tính này.
UninstalledMost=Đã gỡ xong %1.%n%nMột số mục không gỡ được; có thể tự xóa chúng.
UninstalledAndNeedsRestart=Để gỡ %1 cho xong, cần khởi động lại máy tính.%n%nKhởi động lại ngay bây giờ?
UninstallDataCorrupted=Tệp "%1" bị hỏng. Không gỡ cài đặt được

; Shared files
ConfirmDeleteSharedFileTitle=Xóa tệp dùng chung?
ConfirmDeleteSharedFile2=Windows cho biết tệp dùng chung sau không còn chương trình nào dùng. Xóa tệp dùng chung này?%n%nNếu vẫn còn chương trình dùng tệp này mà tệp bị xóa, chương trình đó có thể chạy không đúng. Nếu không chắc, hãy chọn Không: để lại tệp này không gây hại gì.
SharedFileNameLabel=Tên tệp:
SharedFileLocationLabel=Vị trí:
WizardUninstalling=Tình trạng gỡ cài đặt
StatusUninstalling=Đang gỡ %1...

; While Windows shuts down
ShutdownBlockReasonInstallingApp=Đang cài đặt %1.
ShutdownBlockReasonUninstallingApp=Đang gỡ %1.

[CustomMessages]

NameAndVersion=%1 phiên bản %2
AdditionalIcons=Lối tắt thêm:
CreateDesktopIcon=Tạo lối tắt trên &màn hình nền (Desktop)
CreateQuickLaunchIcon=Tạo lối tắt trên thanh &Quick Launch
ProgramOnTheWeb=%1 trên Internet
UninstallProgram=Gỡ cài đặt %1
LaunchProgram=Mở %1
AssocFileExtension=&Gắn %1 với các tệp có đuôi %2
AssocingFileExtension=Đang gắn %1 với các tệp có đuôi %2...
AutoStartProgramGroupDescription=Khởi động cùng Windows:
AutoStartProgram=Tự mở %1 khi Windows khởi động
AddonHostProgramNotFound=Không tìm thấy %1 trong thư mục đã chọn.%n%nVẫn tiếp tục?
