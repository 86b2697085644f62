using Ava.Transport.Native;

namespace Ava.Guest;

/// <summary>
/// A bad pointer the application handed a drop-in. Natively the vendor library's access would kill the application
/// with SIGSEGV; in a stub the access is ours, and NativeAOT turns the fault into a NullReferenceException, which the
/// stub would otherwise answer with the API's error. The application dies as natively instead: by SIGSEGV.
/// </summary>
public static class GuestFault
{
    /// <summary>Ends the process by SIGSEGV (the runtime's own handler set aside); logs the fault under AVA_LOG first.</summary>
    /// <returns>Never returns; typed so a stub can write <c>throw GuestFault.MemoryFault(...)</c>.</returns>
    public static Exception MemoryFault(string function, NullReferenceException fault)
    {
        GuestLog.Write($"{function}: invalid memory access, ending the process by SIGSEGV: {fault}");
        ProcessControl.DieOf(Signals.SIGSEGV);
        return fault;
    }
}
