/*
 * Test-only stand-in for bcryptprimitives.dll under Wine 8, which lacks
 * ProcessPrng. Rust's standard library (since 1.78) imports ProcessPrng
 * from that DLL for its random seeds, so without this file Wine refuses to
 * start any Rust .exe. It forwards to RtlGenRandom (SystemFunction036 in
 * advapi32). Built by .ci/run with mingw and copied into the Wine prefix's
 * system32 for the tests; it never ships with union-quiz.exe, and real
 * Windows 10/11 has the real DLL.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
