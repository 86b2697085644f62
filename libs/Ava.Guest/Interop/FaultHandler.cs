using System.Runtime.InteropServices;

namespace Ava.Guest.Interop;

/// <summary>
/// Puts the drop-in's fault handler (Native/ava_fault.c, linked into every drop-in) in front of the runtime's, so
/// that a bad application pointer our code touches ends the application by SIGSEGV, as it would natively, rather
/// than by the runtime's fatal-error abort.
/// </summary>
public static partial class FaultHandler
{
    private static readonly Lock s_gate = new();
    private static bool s_done;

    /// <summary>Installs the handler once; called when a drop-in first connects (the runtime's handler is in place by then).</summary>
    public static void Install()
    {
        lock (s_gate)
        {
            if (s_done)
            {
                return;
            }

            s_done = true;
            try
            {
                if (ava_fault_install() != 0)
                {
                    GuestLog.Write("cannot find this library's code: a bad application pointer ends the process by abort, not SIGSEGV");
                }
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                // Not a drop-in (the managed test hosts): the runtime's handling stays.
            }
        }
    }

    [LibraryImport("ava_fault")]
    private static partial int ava_fault_install();
}
