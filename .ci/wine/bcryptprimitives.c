/*
 * A stand-in for Windows' bcryptprimitives.dll, for running phsrule.exe under
 * Wine 8 in CI only (.ci/windows); it is never shipped with the binary.
 *
 * Rust's standard library (1.78 and later) takes its random numbers from
 * ProcessPrng in bcryptprimitives.dll, which Windows 10 and later have and Wine 8
 * does not. This ProcessPrng asks Wine's RtlGenRandom (advapi32's
 * SystemFunction036) for the bytes instead.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
