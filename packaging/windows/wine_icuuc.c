/* A stand-in for Windows' system icuuc.dll, for the Wine prefix of check.sh only; never for the bundle.
 *
 * Qt6Core.dll imports these ICU converter functions from the icuuc.dll that Windows 10 1903 and later carry;
 * Wine 8 has none, so Qt would not even load. Here no converter can be opened (U_UNSUPPORTED_ERROR), which
 * Qt takes as "codec unknown"; it needs none: its UTF-8 and UTF-16 are its own. Every other function is
 * reached only through an opened converter, so each answers nothing.
 * Built by check.sh: x86_64-w64-mingw32-gcc -shared -O2 -o icuuc.dll wine_icuuc.c
 */
#define EXPORT __declspec(dllexport)
#define U_UNSUPPORTED_ERROR 16

EXPORT void *ucnv_open(const char *name, int *error) { (void)name; *error = U_UNSUPPORTED_ERROR; return 0; }
EXPORT int ucnv_countAvailable(void) { return 0; }
EXPORT const char *ucnv_getAvailableName(int n) { (void)n; return 0; }
EXPORT const char *ucnv_getStandardName(const char *name, const char *standard, int *error) {
    (void)name; (void)standard; (void)error; return 0;
}

#define NOTHING(name) EXPORT void *name(void) { return 0; }
NOTHING(UCNV_FROM_U_CALLBACK_SUBSTITUTE)
NOTHING(UCNV_TO_U_CALLBACK_SUBSTITUTE)
NOTHING(ucnv_cbFromUWriteUChars)
NOTHING(ucnv_cbToUWriteUChars)
NOTHING(ucnv_close)
NOTHING(ucnv_fromUCountPending)
NOTHING(ucnv_fromUnicode)
NOTHING(ucnv_getFromUCallBack)
NOTHING(ucnv_getMaxCharSize)
NOTHING(ucnv_getName)
NOTHING(ucnv_getToUCallBack)
NOTHING(ucnv_reset)
NOTHING(ucnv_setFromUCallBack)
NOTHING(ucnv_setToUCallBack)
NOTHING(ucnv_toUCountPending)
NOTHING(ucnv_toUnicode)
